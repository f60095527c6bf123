package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/digint/digint/assessment"
)

// poolParams apply to every pooled connection: write-ahead log, wait up to
// 5 s for a lock, enforce foreign keys, zero deleted content, sync the log
// on every commit (an answer given is an answer kept), and take the write
// lock at BEGIN so a transaction never fails half-way on a lock upgrade.
const poolParams = "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
	"&_pragma=secure_delete(1)&_pragma=synchronous(FULL)&_txlock=immediate"

// readPool is for a Store that only reads a file it could write: the same
// log and locks as writers, so it sees their commits, but no statement
// can change the data (query_only), and the journal mode is left as Open
// made it (WAL). As for any connection, the last one to close checkpoints.
const readPool = "_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=query_only(1)"

// Open opens the database at path for reading and writing, creating it
// (folder 0700, file 0600) when missing, and brings its schema up to date;
// only a database of an older schema takes the write lock while opening. A
// file that is not a digint database, is visibly damaged, was written by a
// newer digint, or is another user's is refused before anything is
// written to it. A nil catalog means the embedded banks.
//
// Opening costs the same at any size: it reads the file's first page.
// Damage deeper inside is found when that part is read (and reported as
// ErrCorrupt), or by Check.
func Open(path string, cat *assessment.Catalog) (*Store, error) {
	return OpenWith(path, cat, Options{})
}

// Options are how OpenWith opens a database.
type Options struct {
	ReadOnly bool // as OpenReadOnly
	Pool     Pool // PostgreSQL's connection pool; zero: DefaultPool
}

// OpenWith opens a SQLite file, or the PostgreSQL database a postgres://
// URL names (see IsPostgres): the same Store, the same behaviour.
func OpenWith(db string, cat *assessment.Catalog, o Options) (*Store, error) {
	if err := CheckName(db); err != nil {
		return nil, err
	}
	if !IsPostgres(db) {
		return open(db, cat, o.ReadOnly)
	}
	if cat == nil {
		c, err := assessment.DefaultCatalog()
		if err != nil {
			return nil, err
		}
		cat = c
	}
	return openPostgres(db, cat, o.ReadOnly, o.Pool)
}

// OpenReadOnly opens an existing database for reading only: it never takes
// the write lock, never creates, migrates or changes the data of a file,
// and works on read-only media. A missing file fails with fs.ErrNotExist and one that
// Open must update first with ErrOlderSchema; writes through the Store fail
// with ErrOpenedReadOnly.
func OpenReadOnly(path string, cat *assessment.Catalog) (*Store, error) {
	return OpenWith(path, cat, Options{ReadOnly: true})
}

func open(path string, cat *assessment.Catalog, ro bool) (*Store, error) {
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
	version, err := prepareFile(abs, ro)
	if err != nil {
		return nil, err
	}
	params := poolParams
	if ro {
		params = readParams(abs)
	}
	db, err := sql.Open("sqlite", fileURI(abs)+"?"+params)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	db.SetMaxIdleConns(4)
	s := &Store{Now: time.Now, db: db, path: abs, cat: cat, readOnly: ro, d: sqliteDialect}
	ctx := context.Background()
	if version < schemaVersion() { // never when ro: prepareFile refused
		if err := migrate(ctx, db, schemaVersion()); err != nil {
			db.Close()
			return nil, explain(abs, "open "+abs, err)
		}
	}
	if !ro {
		if err := s.stmt.prepare(ctx, db); err != nil {
			db.Close()
			return nil, explain(abs, "open "+abs, err)
		}
		s.pinned = &pinnedWriter{db: db, src: &s.stmt}
		// An import whose program died while applying it is finished now:
		// a file is all or nothing, whoever opens the database next.
		if err := s.finishImports(ctx, stallAfter); err != nil {
			s.Close()
			return nil, err
		}
	}
	opened(abs, 1)
	return s, nil
}

// readParams opens a file for reading. Where it cannot be written (read-only
// media, an immutable file or folder), SQLite opens it read-only; with no
// log beside it, nobody can be writing it, so it is read as immutable,
// which needs no -shm index either.
func readParams(abs string) string {
	if _, _, ok := unwritable(abs); !ok {
		return readPool
	}
	if _, err := os.Lstat(abs + "-wal"); err == nil {
		return "mode=ro&" + readPool
	}
	return "mode=ro&immutable=1&_pragma=foreign_keys(1)"
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

// prepareFile creates a missing database (unless ro), or checks an
// existing one without writing to it but to make it private, and tells
// its schema version (0 for a new, empty file).
func prepareFile(abs string, ro bool) (int, error) {
	fi, err := os.Lstat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		if ro {
			return 0, faultf(abs, "open %s: no database there yet: %w", abs, fs.ErrNotExist)
		}
		if err := create(abs); err != nil {
			return 0, err
		}
		fi, err = os.Lstat(abs)
	}
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", abs, err)
	}
	if fi, err = ownFile(abs, fi); err != nil {
		return 0, err
	}
	if !ro {
		// Opening for writing writes nothing; it tells a read-only file
		// or folder early, where SQLite would fail at the first save.
		if p, folder, bad := unwritable(abs); folder {
			return 0, faultf(p, "open %s: %w (%s): digint keeps its log files beside the database; it can still be listed, reported and exported", abs, ErrFolderReadOnly, p)
		} else if bad {
			return 0, faultf(p, "open %s: %s is %w; digint needs to write to it; it can still be listed, reported and exported", abs, p, ErrReadOnly)
		}
	}
	version, err := inspect(abs)
	switch {
	case err != nil:
		return 0, err
	case ro && version < schemaVersion():
		return 0, faultf(abs, "open %s: %w (schema %d, this digint writes %d); open it once for writing to update it", abs, ErrOlderSchema, version, schemaVersion())
	case !ro && fi.Mode().Perm()&0o077 != 0:
		// Answers are personal: a database others can read is made
		// private (once it is known to be digint's).
		if err := os.Chmod(abs, 0o600); err != nil {
			return 0, fmt.Errorf("open %s: cannot make it private to you (mode %v): %w", abs, fi.Mode().Perm(), err)
		}
	}
	return version, nil
}

// ownFile refuses a path that is not a regular file of this user nor a
// link of this user to one: another user could read what is saved there,
// or lead digint into writing a file they chose. It returns what the path
// leads to.
func ownFile(abs string, fi fs.FileInfo) (fs.FileInfo, error) {
	me := myUID()
	if fi.Mode()&fs.ModeSymlink != 0 {
		if uid, ok := owner(fi); ok && uid != me {
			return nil, faultf(abs, "open %s: it is a link that %w (uid %d, digint runs as uid %d); digint left it untouched", abs, ErrNotYours, uid, me)
		}
		target, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("open %s: it is a link to a file that cannot be opened: %w", abs, err)
		}
		fi = target
	}
	if fi.IsDir() {
		return nil, faultf(abs, "open %s: it is %w", abs, ErrIsFolder)
	}
	if !fi.Mode().IsRegular() {
		return nil, faultf(abs, "open %s: %w: it is not a regular file", abs, ErrNotDatabase)
	}
	if uid, ok := owner(fi); ok && uid != me {
		return nil, faultf(abs, "open %s: the file %w (uid %d, digint runs as uid %d); digint opens only its own user's database and left it untouched", abs, ErrNotYours, uid, me)
	}
	return fi, nil
}

// create makes a new database whole beside abs, then links it into place:
// a program that finds the path sees no file or a finished database, never
// one half made. Of several programs making it at once, one wins and the
// others use its file. Where the file system has no links (FAT), an empty
// file is made instead, which Open migrates under the write lock.
func create(abs string) error {
	dir := filepath.Dir(abs)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("open %s: cannot create its folder: %w", abs, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(abs)+".new-*") // mode 0600
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return faultf(dir, "open %s: cannot create it: %w (%s)", abs, ErrFolderReadOnly, dir)
	}
	if err != nil {
		return fmt.Errorf("open %s: cannot create it: %w", abs, err)
	}
	name := tmp.Name()
	tmp.Close()
	defer removeDatabase(name)
	if err := initialise(name); err != nil {
		return fmt.Errorf("open %s: cannot create it: %w", abs, err)
	}
	if err := os.Link(name, abs); err == nil || errors.Is(err, fs.ErrExist) {
		return nil
	}
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		return f.Close()
	}
	if !errors.Is(err, fs.ErrExist) { // else another program just made it
		return fmt.Errorf("open %s: cannot create it: %w", abs, err)
	}
	return nil
}

// initialise brings a new file to the current schema and closes it, which
// checkpoints: the file alone is then the whole database.
func initialise(path string) error {
	db, err := sql.Open("sqlite", fileURI(path)+"?"+poolParams)
	if err != nil {
		return err
	}
	if err := migrate(context.Background(), db, schemaVersion()); err != nil {
		db.Close()
		return explain(path, "", err)
	}
	return db.Close()
}

func removeDatabase(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
}
