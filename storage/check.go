package storage

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"
)

// applicationID marks a SQLite file as digint's (PRAGMA application_id,
// set by the first migration): "DIGI".
const applicationID = 0x44494749

var sqliteMagic = []byte("SQLite format 3\x00")

// IsDatabaseFile tells whether the file at path begins as a SQLite
// database or its write-ahead log does: a file no output should replace.
func IsDatabaseFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	return bytes.HasPrefix(head, sqliteMagic) ||
		bytes.HasPrefix(head, []byte{0x37, 0x7f, 0x06, 0x82}) || bytes.HasPrefix(head, []byte{0x37, 0x7f, 0x06, 0x83}) // the log's two byte orders
}

// header is what the first page of a SQLite file says about it.
type header struct {
	appID   uint32
	version int
	objects bool // sqlite_schema lists tables, indexes…
}

// inspect checks an existing file without writing to it and at a cost
// that does not grow with it: the header and the first page tell whether
// it is a SQLite file, digint's, of which schema, and not visibly damaged.
// Pages deeper inside are checked when read (SQLite checks each page it
// reads) and by Check. When a log (-wal) is beside the file, it may hold a
// newer first page, so SQLite reads both; a log no program has open was
// left by a crash, and then the whole database is checked. It returns the
// schema version (0 for an empty file: a new database).
func inspect(abs string) (int, error) {
	wal, err := os.Lstat(abs + "-wal")
	if err == nil {
		crashed := wal.Size() > 0 && !openHere(abs) && !openElsewhere(abs)
		return inspectWithLog(abs, crashed)
	}
	f, err := os.Open(abs)
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", abs, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", abs, err)
	}
	if fi.Size() == 0 {
		return 0, nil // a new database
	}
	// One read of the whole first page, so its fields agree with each
	// other even while another program checkpoints into the file.
	page := make([]byte, 1<<16)
	n, err := f.ReadAt(page, 0)
	if err != nil && err != io.EOF {
		return 0, fmt.Errorf("open %s: %w", abs, err)
	}
	h, err := parsePage1(page[:n], fi.Size())
	if err == nil {
		err = verdict(abs, h)
	} else {
		err = refusal(abs, err)
	}
	if _, walErr := os.Lstat(abs + "-wal"); err != nil && walErr == nil {
		// Another program opened it meanwhile and may be writing the
		// file: only SQLite, with its locks, reads it consistently now.
		return inspectWithLog(abs, false)
	}
	return h.version, err
}

// parsePage1 reads the header and the first page's b-tree header of a
// SQLite file of size bytes (see sqlite.org/fileformat.html).
func parsePage1(p []byte, size int64) (header, error) {
	if len(p) < 100 || !bytes.HasPrefix(p, sqliteMagic) {
		return header{}, fmt.Errorf("%w: it is not a SQLite file", ErrNotDatabase)
	}
	damaged := func(what string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(what, args...))
	}
	pageSize := int(binary.BigEndian.Uint16(p[16:]))
	if pageSize == 1 {
		pageSize = 1 << 16
	}
	switch {
	case pageSize < 512 || pageSize&(pageSize-1) != 0:
		return header{}, damaged("its header gives the page size %d", pageSize)
	case p[18] < 1 || p[18] > 2 || p[19] < 1 || p[19] > 2 || p[21] != 64 || p[22] != 32 || p[23] != 32:
		return header{}, damaged("its header is garbled")
	case len(p) < pageSize:
		return header{}, damaged("it ends inside its first page (%d bytes of %d)", len(p), pageSize)
	}
	// The page count in the header counts when the change counter and
	// the "version valid for" number agree. Only without a log (the
	// caller checks) must the file be that long.
	if pages := binary.BigEndian.Uint32(p[28:]); pages > 0 && bytes.Equal(p[24:28], p[92:96]) &&
		size < int64(pages)*int64(pageSize) {
		return header{}, damaged("it was cut short: %d bytes, its header says %d", size, int64(pages)*int64(pageSize))
	}
	h := header{appID: binary.BigEndian.Uint32(p[68:]), version: int(int32(binary.BigEndian.Uint32(p[60:])))}
	switch p[100] { // the b-tree page holding sqlite_schema
	case 0x0d: // a leaf: its cells are the objects
		h.objects = binary.BigEndian.Uint16(p[103:]) > 0
	case 0x05: // an interior page: too many objects for one page
		h.objects = true
	default:
		return header{}, damaged("its first page is not a table page")
	}
	return h, nil
}

// verdict refuses a file that is another program's or a newer digint's.
func verdict(abs string, h header) error {
	var err error
	switch {
	case h.appID != 0 && h.appID != applicationID:
		err = fmt.Errorf("%w: it belongs to another program (application id %#x)", ErrNotDatabase, h.appID)
	case h.appID == 0 && h.objects:
		err = fmt.Errorf("%w: it holds another program's tables", ErrNotDatabase)
	case h.appID == 0 && h.version != 0:
		err = fmt.Errorf("%w: it is another program's database (schema version %d, no digint mark)", ErrNotDatabase, h.version)
	case h.version < 0 || h.version > schemaVersion():
		err = fmt.Errorf("%w: its schema is version %d, this digint knows up to %d; update digint", ErrNewerSchema, h.version, schemaVersion())
	}
	if err != nil {
		return refusal(abs, err)
	}
	return nil
}

func refusal(abs string, err error) error {
	return faultf(abs, "open %s: %w; digint left it untouched", abs, err)
}

// inspectWithLog reads the first page through SQLite, strictly read-only,
// in one read transaction so the values agree. After a crash it also
// checks every page; what fails there is put down to the log when the
// file alone is sound.
func inspectWithLog(abs string, crashed bool) (int, error) {
	_, shmErr := os.Lstat(abs + "-shm")
	db, err := sql.Open("sqlite", fileURI(abs)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", abs, err)
	}
	h, err := readHeader(db)
	if err == nil {
		err = verdict(abs, h)
	} else if isBusy(err) {
		err = faultf(abs, "open %s: another program holds it locked: %w", abs, err)
	} else {
		err = refusal(abs, fmt.Errorf("%w (%w)", ErrCorrupt, err))
	}
	if crashed && (err == nil || errors.Is(err, ErrCorrupt) || errors.Is(err, ErrNotDatabase)) {
		if problem := integrity(db); problem != "" {
			err = refusal(abs, fmt.Errorf("%w after a crash: %s; run digint check", ErrCorrupt, problem))
		}
	}
	db.Close()
	if crashed && (errors.Is(err, ErrCorrupt) || errors.Is(err, ErrNotDatabase)) && fileAloneSound(abs) {
		err = faultf(abs+"-wal", "open %s: %w: %s-wal was left by another copy or another database; the file itself is sound: move %s-wal away to open the database as it was last closed", abs, ErrStaleLog, abs, abs)
	}
	// Reading a log needs its -shm index; one made for a refused file goes
	// again. (No other program can be using it: it would have made it.)
	if err != nil && errors.Is(shmErr, fs.ErrNotExist) {
		os.Remove(abs + "-shm")
	}
	return h.version, err
}

func readHeader(db *sql.DB) (header, error) {
	var h header
	err := retryBusy(context.Background(), func() error {
		tx, err := db.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return err
		}
		defer tx.Rollback()
		var objects int
		if err := tx.QueryRowContext(context.Background(), "PRAGMA application_id").Scan(&h.appID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(context.Background(), "PRAGMA user_version").Scan(&h.version); err != nil {
			return err
		}
		if err := tx.QueryRowContext(context.Background(), "SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
			return err
		}
		h.objects = objects > 0
		return nil
	})
	return h, err
}

// fileAloneSound tells whether the database file without its log is a
// sound digint database.
func fileAloneSound(abs string) bool {
	db, err := sql.Open("sqlite", fileURI(abs)+"?mode=ro&immutable=1")
	if err != nil {
		return false
	}
	defer db.Close()
	h, err := readHeader(db)
	if err != nil || verdict(abs, h) != nil {
		return false
	}
	return integrity(db) == ""
}

// integrity runs SQLite's check of every page; quick_check skips the
// comparison of indexes with their tables that makes integrity_check slow
// on a big file. It returns "" when all is well, else what is wrong (a
// check that SQLite had to stop is damage too).
func integrity(db *sql.DB) string {
	rows, err := db.Query("PRAGMA quick_check(20)")
	if isBusy(err) {
		return "" // not a verdict; the reads that follow will say
	} else if err != nil {
		return err.Error()
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err.Error()
		}
		if line != "ok" {
			problems = append(problems, strings.Join(strings.Fields(line), " "))
		}
	}
	if err := rows.Err(); err != nil {
		problems = append(problems, err.Error())
	}
	return strings.Join(problems, "; ")
}

// Check reads every page of the database and tells what is damaged, in
// SQLite's words, or "" when nothing is. It costs a read of the whole file:
// Open does not do it, `digint check` does.
func (s *Store) Check(ctx context.Context) (string, error) {
	var problem string
	err := s.read(ctx, func(tx txer) error {
		rows, err := tx.QueryContext(ctx, "PRAGMA integrity_check(20)")
		if err != nil {
			return err
		}
		defer rows.Close()
		var problems []string
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				return err
			}
			if line != "ok" {
				problems = append(problems, strings.Join(strings.Fields(line), " "))
			}
		}
		problem = inert(strings.Join(problems, "; ")) // names from the file's schema
		return rows.Err()
	})
	if err != nil && sqliteCode(err) != 0 {
		if c := explain(s.path, "check "+s.path, err); errors.Is(c, ErrCorrupt) {
			return err.Error(), nil // damage so bad the check stopped: that is its verdict
		}
		return "", explain(s.path, "check "+s.path, err)
	}
	return problem, err
}

// openFiles counts the Stores of this program open on each file: a log
// beside a file this program has open is no sign of a crash.
var openFiles = struct {
	sync.Mutex
	n map[string]int
}{n: map[string]int{}}

func opened(abs string, delta int) {
	openFiles.Lock()
	defer openFiles.Unlock()
	openFiles.n[abs] += delta
	if openFiles.n[abs] <= 0 {
		delete(openFiles.n, abs)
	}
}

func openHere(abs string) bool {
	openFiles.Lock()
	defer openFiles.Unlock()
	return openFiles.n[abs] > 0
}
