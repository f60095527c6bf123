package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/digint/digint/assessment"
)

// applicationID marks a SQLite file as digint's (PRAGMA application_id,
// set by the first migration): "DIGI".
const applicationID = 0x44494749

var sqliteMagic = []byte("SQLite format 3\x00")

// poolParams apply to every pooled connection: write-ahead log, wait up to
// 5 s for a lock, enforce foreign keys, zero deleted content, sync the log
// on every commit (an answer given is an answer kept), and take the write
// lock at BEGIN so a transaction never fails half-way on a lock upgrade.
const poolParams = "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
	"&_pragma=secure_delete(1)&_pragma=synchronous(FULL)&_txlock=immediate"

// Open opens the database at path, creating it (folder 0700, file 0600)
// when missing, and brings its schema up to date. A file that is not a
// digint database, is damaged, or was written by a newer digint is refused
// before anything is written to it. A nil catalog means the embedded banks.
func Open(path string, cat *assessment.Catalog) (*Store, error) {
	if cat == nil {
		c, err := assessment.DefaultCatalog()
		if err != nil {
			return nil, err
		}
		cat = c
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := prepareFile(abs); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", fileURI(abs)+"?"+poolParams)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	db.SetMaxIdleConns(4)
	s := &Store{Now: time.Now, db: db, path: abs, cat: cat}
	ctx := context.Background()
	if err := migrate(ctx, db, schemaVersion()); err != nil {
		db.Close()
		return nil, explain(abs, "open "+abs, err)
	}
	if err := s.stmt.prepare(ctx, db); err != nil {
		db.Close()
		return nil, explain(abs, "open "+abs, err)
	}
	return s, nil
}

// fileURI makes a SQLite URI of an absolute path; characters that mean
// something in a URI are escaped.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: C:/x → /C:/x
	}
	return "file://" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// prepareFile creates a missing database file with its folder, or checks an
// existing one without writing to it.
func prepareFile(abs string) error {
	fi, err := os.Stat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return fmt.Errorf("open %s: cannot create its folder: %w", abs, err)
		}
		f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			return f.Close()
		}
		if !errors.Is(err, fs.ErrExist) { // else another program just made it
			return fmt.Errorf("open %s: cannot create it: %w", abs, err)
		}
		fi, err = os.Stat(abs)
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", abs, err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("open %s: %w: it is not a regular file", abs, ErrNotDatabase)
	}
	// Opening for writing writes nothing; it tells a read-only file early,
	// where SQLite would fall back to reading and fail at the first save.
	if p, ok := unwritable(abs); ok {
		return fmt.Errorf("open %s: %s is %w; digint needs to write to it", abs, p, ErrReadOnly)
	}
	f, err := os.Open(abs)
	if err != nil {
		return fmt.Errorf("open %s: %w", abs, err)
	}
	defer f.Close()
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	switch {
	case n == 0 && err == io.EOF:
		return nil // an empty file is a new database
	case err != nil && err != io.ErrUnexpectedEOF:
		return fmt.Errorf("open %s: %w", abs, err)
	case n < len(head) || !bytes.HasPrefix(head, sqliteMagic):
		return fmt.Errorf("open %s: %w: it is not a SQLite file; digint left it untouched", abs, ErrNotDatabase)
	}
	return inspect(abs)
}

// inspect checks an existing SQLite file strictly read-only: it is digint's,
// not from a newer digint, and not damaged. Without a write-ahead log the
// file alone is the whole database, so it is read as immutable (no locks,
// no -shm or -wal created); with one (after a crash, or while another
// program has it open), a read-only connection reads the log too.
func inspect(abs string) error {
	params := "mode=ro&immutable=1"
	_, walErr := os.Lstat(abs + "-wal")
	_, shmErr := os.Lstat(abs + "-shm")
	if walErr == nil {
		params = "mode=ro&_pragma=busy_timeout(5000)"
	}
	db, err := sql.Open("sqlite", fileURI(abs)+"?"+params)
	if err != nil {
		return fmt.Errorf("open %s: %w", abs, err)
	}
	err = check(abs, db)
	db.Close()
	// Reading a log needs its -shm index; one made for a refused file goes
	// again. (No other program can be using it: it would have made it.)
	if err != nil && walErr == nil && errors.Is(shmErr, fs.ErrNotExist) {
		os.Remove(abs + "-shm")
	}
	return err
}

func check(abs string, db *sql.DB) error {
	ctx := context.Background()
	refuse := func(why error, format string, args ...any) error {
		return fmt.Errorf("open %s: %w: %s; digint left it untouched", abs, why, fmt.Sprintf(format, args...))
	}
	damaged := func(err error) error {
		if isBusy(err) {
			return fmt.Errorf("open %s: another program holds it locked: %w", abs, err)
		}
		return refuse(ErrCorrupt, "%v", err)
	}
	var appID, version, objects int
	err := retryBusy(ctx, func() error {
		if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
			return err
		}
		if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			return err
		}
		return db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects)
	})
	if err != nil {
		return damaged(err)
	}
	switch {
	case appID != 0 && appID != applicationID:
		return refuse(ErrNotDatabase, "it belongs to another program (application id %#x)", appID)
	case appID == 0 && objects > 0:
		return refuse(ErrNotDatabase, "it holds another program's tables")
	case appID == 0 && version != 0:
		return refuse(ErrNotDatabase, "it is another program's database (schema version %d, no digint mark)", version)
	case version > schemaVersion():
		return refuse(ErrNewerSchema, "its schema is version %d, this digint knows up to %d; update digint", version, schemaVersion())
	}
	// quick_check reads every page but skips the index-content comparison
	// that makes integrity_check slow on a big file.
	var verdict string
	if err := retryBusy(ctx, func() error {
		return db.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&verdict)
	}); err != nil {
		return damaged(err)
	}
	if verdict != "ok" {
		return refuse(ErrCorrupt, "%s", strings.Join(strings.Fields(verdict), " "))
	}
	return nil
}
