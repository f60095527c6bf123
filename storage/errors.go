package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Sentinel errors; the errors returned wrap them with the file, assessment
// or item at fault, so callers test with errors.Is and show Error().
var (
	ErrNotFound    = errors.New("not found")
	ErrExists      = errors.New("already exists")
	ErrNotDatabase = errors.New("not a digint database")
	// ErrIsFolder: --db names a folder, where a database file was meant.
	ErrIsFolder = errors.New("a folder, not a database file")
	// ErrNotAName: a --db value that looks like a connection (another
	// scheme, a capitalised or misspelt postgres://, libpq's key=value
	// form) but is none digint opens; taken for a path, it would make a
	// file whose name holds the password.
	ErrNotAName = errors.New("neither a SQLite file nor a postgres:// URL")
	// ErrBadURL: a postgres:// URL the driver cannot read (a bad port, a
	// missing slash, an unknown parameter's form).
	ErrBadURL        = errors.New("a PostgreSQL URL that cannot be read")
	ErrCorrupt       = errors.New("the database file is damaged")
	ErrNewerSchema   = errors.New("written by a newer digint")
	ErrReadOnly      = errors.New("read-only")
	ErrDiskFull      = errors.New("disk is full")
	ErrWALNotCleared = errors.New("erased, but the old data is still in the database file")

	// ErrFolderReadOnly: the file can be written but its folder cannot, so
	// the log (-wal) and index (-shm) SQLite keeps beside it cannot be made.
	ErrFolderReadOnly = fmt.Errorf("its folder is %w", ErrReadOnly)
	// ErrNotYours: the path is another user's file, or a link to one.
	ErrNotYours = errors.New("belongs to another user")
	// ErrStaleLog: the log beside the file does not fit it (it was left by
	// another copy or another database); the file alone is intact.
	ErrStaleLog = errors.New("the log beside the database does not belong to it")
	// ErrOlderSchema: opening for reading only met a database that Open
	// must update first.
	ErrOlderSchema = errors.New("written by an older digint")
	// ErrUnreachable: the PostgreSQL server did not answer (down, restarting,
	// the network); nothing was changed by the attempt.
	ErrUnreachable = errors.New("the database server cannot be reached")
	// ErrUnknownHost: the host a postgres:// URL names is not known to the
	// name service (a typo, most likely): trying again will not help.
	ErrUnknownHost = errors.New("the database server's host name is not known")
	// ErrAccessDenied: the PostgreSQL server refused the user or password.
	ErrAccessDenied = errors.New("the database server refused the user name or password")
	// ErrNoSuchDatabase: the PostgreSQL server has no database of that name.
	ErrNoSuchDatabase = errors.New("the database server has no database of that name")
	// ErrOpenedReadOnly: a write through a Store opened with OpenReadOnly.
	ErrOpenedReadOnly = errors.New("opened for reading only")
)

// Fault names the file or folder an error is about, for callers that
// explain errors in their own words (the command line translates them).
type Fault struct {
	Path string
	Err  error
}

func (f *Fault) Error() string { return f.Err.Error() }
func (f *Fault) Unwrap() error { return f.Err }

// faultf is an error about path, worded by format (which wraps a kind).
func faultf(path, format string, args ...any) error {
	return &Fault{Path: path, Err: fmt.Errorf(format, args...)}
}

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
		e = faultf(path, "%w: no room left for %s; everything saved before is intact (%w)", ErrDiskFull, path, err)
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
		e = readOnlyError(path, path, err)
	case sqlite3.SQLITE_CANTOPEN:
		if _, folder, _ := unwritable(path); folder {
			e = readOnlyError(path, "", err)
		} else {
			e = fmt.Errorf("cannot open %s or the -wal and -shm files beside it (%w)", path, err)
		}
	case sqlite3.SQLITE_IOERR:
		// SQLite reports a write refused by the system as an I/O error;
		// say read-only when that is what it is.
		if _, _, ok := unwritable(path); ok {
			e = readOnlyError(path, "", err)
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
		e = faultf(path, "%s: %w (%w)", path, ErrCorrupt, err)
	default:
		e = err
	}
	if what == "" {
		return e
	}
	return fmt.Errorf("%s: %w", what, e)
}

// readOnlyError explains a write refused because the file, its log, its index
// or its folder cannot be written, naming which; fallback is named when
// none of them is found to be ("" to say nothing specific).
func readOnlyError(path, fallback string, err error) error {
	p, folder, ok := unwritable(path)
	switch {
	case folder:
		return faultf(p, "%s: %w (%s): the log files kept beside the database cannot be made there; the change was not saved, everything saved before is intact (%w)",
			path, ErrFolderReadOnly, p, err)
	case !ok && fallback == "":
		return fmt.Errorf("cannot write %s; the change was not saved, everything saved before is intact (%w)", path, err)
	case !ok:
		p = fallback
	}
	return faultf(p, "%s is %w; the change was not saved, everything saved before is intact (%w)", p, ErrReadOnly, err)
}

// unwritable tells what stops the database being written: the file, its
// log (-wal) or its index (-shm) not opening for writing, or, when the log
// or index is missing, a folder they cannot be made in (folder is then
// true). Opening writes nothing. A connection that opened a read-only file
// makes an -shm that is read-only too, which keeps every later connection
// read-only until it is fixed.
func unwritable(path string) (culprit string, folder, ok bool) {
	missing := false
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		switch {
		case err == nil:
			f.Close()
		case errors.Is(err, fs.ErrNotExist):
			missing = true
		case errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS):
			return p, false, true
		}
	}
	if dir := filepath.Dir(path); missing && !dirWritable(dir) {
		return dir, true, true
	}
	return "", false, false
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
	return retryWith(ctx, isBusy, 3, fn)
}

// retryWith runs fn up to attempts times while it fails with an error that
// transient accepts, waiting longer each time.
func retryWith(ctx context.Context, transient func(error) bool, attempts int, fn func() error) error {
	wait := 5 * time.Millisecond
	for i := 1; ; i++ {
		err := fn()
		if err == nil || !transient(err) || i == attempts {
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

// Transient reports whether a failed write may succeed when tried again:
// the database was locked, full, read-only or could not be written for a
// while. Errors about the data itself (not found, a refused value, a
// damaged file) are not transient.
func Transient(err error) bool {
	if errors.Is(err, ErrDiskFull) || errors.Is(err, ErrReadOnly) {
		return true
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL,
		sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PROTOCOL:
		return true
	}
	return errors.Is(err, context.DeadlineExceeded) || pgTransient(err)
}
