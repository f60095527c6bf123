//go:build unix

package storage

import (
	"io/fs"
	"os"
	"syscall"
)

// owner is the user id owning a file, and whether the system has one.
func owner(fi fs.FileInfo) (int, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return int(st.Uid), true
}

// myUID is the user this program runs as.
func myUID() int { return os.Geteuid() }

// dirWritable asks the system whether files can be made in dir: it knows
// modes, read-only mounts and immutable folders, even for root.
func dirWritable(dir string) bool {
	const wOK = 2
	return syscall.Access(dir, wOK) == nil
}
