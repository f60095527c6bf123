//go:build unix

package storage

import (
	"os"
	"syscall"
)

// openElsewhere tells whether another process has the database open: every
// SQLite connection in WAL mode holds a read lock on byte 128 of the -shm
// index (its "dead man switch") while it is open. It errs on the side of
// yes: a log it cannot tell about is not taken for a crash.
func openElsewhere(abs string) bool {
	f, err := os.Open(abs + "-shm")
	if os.IsNotExist(err) {
		return false
	}
	if err != nil {
		return true
	}
	defer f.Close()
	const dms = 128
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: dms, Len: 1}
	if err := syscall.FcntlFlock(f.Fd(), syscall.F_GETLK, &lk); err != nil {
		return true
	}
	return lk.Type != syscall.F_UNLCK
}
