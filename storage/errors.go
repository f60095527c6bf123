package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Sentinel errors; the errors returned wrap them with the file, assessment
// or item at fault, so callers test with errors.Is and show Error().
var (
	ErrNotFound      = errors.New("not found")
	ErrExists        = errors.New("already exists")
	ErrNotDatabase   = errors.New("not a digint database")
	ErrCorrupt       = errors.New("the database file is damaged")
	ErrNewerSchema   = errors.New("written by a newer digint")
	ErrReadOnly      = errors.New("read-only")
	ErrDiskFull      = errors.New("disk is full")
	ErrWALNotCleared = errors.New("erased, but traces remain in the write-ahead log")
)

// sqliteCode is the primary SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// explain turns the SQLite failures a user can act on into clear errors
// naming the file; what says what was being done (may be "").
func explain(path, what string, err error) error {
	var e error
	switch sqliteCode(err) {
	case sqlite3.SQLITE_FULL:
		e = fmt.Errorf("%w: no room left for %s; everything saved before is intact (%w)", ErrDiskFull, path, err)
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
		p, ok := unwritable(path)
		if !ok {
			p = path
		}
		e = fmt.Errorf("%s is %w; the change was not saved, everything saved before is intact (%w)", p, ErrReadOnly, err)
	case sqlite3.SQLITE_CANTOPEN:
		e = fmt.Errorf("cannot open %s or the -wal and -shm files beside it; is its folder read-only? (%w)", path, err)
	case sqlite3.SQLITE_IOERR:
		// SQLite reports a write refused by the system as an I/O error;
		// say read-only when that is what it is.
		if p, ok := unwritable(path); ok {
			e = fmt.Errorf("%s is %w; the change was not saved, everything saved before is intact (%w)", p, ErrReadOnly, err)
		} else {
			e = fmt.Errorf("cannot write %s; the change was not saved, everything saved before is intact (%w)", path, err)
		}
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		e = fmt.Errorf("another program has kept %s locked for too long; the change was not saved, try again (%w)", path, err)
	case sqlite3.SQLITE_CONSTRAINT:
		e = err
		if closedWorkshop(err) {
			e = ErrWorkshopClosed
		}
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		e = fmt.Errorf("%s: %w (%w)", path, ErrCorrupt, err)
	default:
		e = err
	}
	if what == "" {
		return e
	}
	return fmt.Errorf("%s: %w", what, e)
}

// unwritable tells which of the database file, its log and its shared
// memory index cannot be opened for writing (opening writes nothing). A
// connection that opened a read-only file makes an -shm that is read-only
// too, which keeps every later connection read-only until it is fixed.
func unwritable(path string) (string, bool) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err == nil {
			f.Close()
			continue
		}
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
			return p, true
		}
	}
	return "", false
}

// isBusy reports whether another connection held the lock for longer than
// the busy timeout, or SQLite gave up without waiting (as it does during
// WAL recovery).
func isBusy(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}

// retryBusy runs fn again while it fails with SQLITE_BUSY, a few times: the
// busy timeout already waits up to 5 s for a lock, but SQLite gives up at
// once in a few cases (a log being recovered). fn must be a whole
// transaction, so a retry repeats nothing half-done.
func retryBusy(ctx context.Context, fn func() error) error {
	const attempts = 3
	wait := 5 * time.Millisecond
	for i := 1; ; i++ {
		err := fn()
		if err == nil || !isBusy(err) || i == attempts {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(2*wait, 250*time.Millisecond)
	}
}
