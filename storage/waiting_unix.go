//go:build unix

package storage

import (
	"os"
	"sync"
	"syscall"
)

// writerMark is how a writer of any program tells an import that it wants
// the write lock: while it writes, it holds a shared lock on a small file
// beside the database (flock, which never meddles with SQLite's own locks).
// An import that finds nobody holding it takes no gap between its
// transactions.
type writerMark struct {
	once sync.Once
	f    *os.File // nil: no mark can be made here
}

const markSuffix = "-writers"

func (m *writerMark) file(path string) *os.File {
	m.once.Do(func() {
		f, err := os.OpenFile(path+markSuffix, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0o600)
		if err == nil {
			m.f = f
		}
	})
	return m.f
}

// hold marks a write until the returned function is called.
func (m *writerMark) hold(path string) func() {
	f := m.file(path)
	if f == nil || syscall.Flock(int(f.Fd()), syscall.LOCK_SH) != nil {
		return func() {}
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
}

// othersWrite tells whether a writer of another Store holds the mark; yes
// when it cannot tell.
func (m *writerMark) othersWrite(path string) bool {
	f := m.file(path)
	if f == nil {
		return true
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return true
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}

func (m *writerMark) close() {
	if m.f != nil {
		m.f.Close()
	}
}
