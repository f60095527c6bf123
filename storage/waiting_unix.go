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
	once   sync.Once
	mu     sync.RWMutex // a flock against the file's close, from a write still ending
	f      *os.File     // nil: no mark can be made here
	closed bool
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
	if !m.flock(path, syscall.LOCK_SH) {
		return func() {}
	}
	return func() { m.flock(path, syscall.LOCK_UN) }
}

// flock applies how to the mark; false when there is none, or it failed.
func (m *writerMark) flock(path string, how int) bool {
	f := m.file(path)
	m.mu.RLock()
	defer m.mu.RUnlock()
	return f != nil && !m.closed && syscall.Flock(int(f.Fd()), how) == nil
}

// othersWrite tells whether a writer of another Store holds the mark; yes
// when it cannot tell.
func (m *writerMark) othersWrite(path string) bool {
	if !m.flock(path, syscall.LOCK_EX|syscall.LOCK_NB) {
		return true
	}
	m.flock(path, syscall.LOCK_UN)
	return false
}

func (m *writerMark) close() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.f != nil && !m.closed {
		m.f.Close()
	}
	m.closed = true
}
