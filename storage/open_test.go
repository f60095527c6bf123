package storage

import (
	"database/sql"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
)

func TestOpenCreatesPrivateFolderAndFile(t *testing.T) {
	sqliteOnly(t)
	// Characters that mean something in a URI must not confuse SQLite.
	dir := filepath.Join(t.TempDir(), "new folder?#%", "digint")
	path := filepath.Join(dir, "my db.db")
	s := openAt(t, path)
	startAssessment(t, s, assessment.ModeFull) // so the -wal exists too
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	for _, c := range []struct {
		path string
		mode os.FileMode
	}{{filepath.Dir(dir), 0o700}, {dir, 0o700}, {path, 0o600}, {path + "-wal", 0o600}} {
		fi, err := os.Stat(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != c.mode {
			t.Errorf("%s has mode %v, want %v", c.path, fi.Mode().Perm(), c.mode)
		}
	}
}

func TestOpenSetsPragmasOnEveryConnection(t *testing.T) {
	sqliteOnly(t)
	s := newStore(t)
	var conns []*sql.Conn
	for range 3 { // held at once, so they are three connections
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	want := map[string]string{
		"journal_mode": "wal", "busy_timeout": "5000", "foreign_keys": "1", "secure_delete": "1",
		"synchronous": "2", "user_version": strconv.Itoa(schemaVersion()), "application_id": strconv.Itoa(applicationID),
	}
	for i, c := range conns {
		for pragma, v := range want {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != v {
				t.Errorf("connection %d: %s = %s, want %s", i, pragma, got, v)
			}
		}
	}
}

func TestOpenReopensItsOwnFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digint.db")
	s := openAt(t, path)
	a := startAssessment(t, s, assessment.ModeQuick)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path)
	if _, err := s.Assessment(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
}

// rawExec runs statements on a file through a plain connection, outside
// the store.
func rawExec(t testing.TB, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// filledFile makes a closed database with some data in it.
func filledFile(t testing.TB, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "digint.db")
	s, err := Open(path, testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	importBytes(t, s, sampleDocument(t, s.Catalog(), 40, 1))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpenRefusesForeignDamagedAndNewerFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(t *testing.T, dir string) string
		want error
	}{
		{"text file", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "notes.txt")
			os.WriteFile(path, []byte(strings.Repeat("my notes, not a database\n", 20)), 0o600)
			return path
		}, ErrNotDatabase},
		{"truncated header", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "short.db")
			os.WriteFile(path, []byte("SQLite format 3\x00\x10\x00"), 0o600)
			return path
		}, ErrNotDatabase},
		{"another program's database", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "other.db")
			rawExec(t, path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO photos (name) VALUES ('cat')")
			return path
		}, ErrNotDatabase},
		{"another program's application id", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "other.db")
			rawExec(t, path, "PRAGMA application_id = 42", "CREATE TABLE t (x)")
			return path
		}, ErrNotDatabase},
		{"first page damaged", func(t *testing.T, dir string) string {
			path := filledFile(t, dir)
			overwriteAt(t, path, 100, 4096-100)
			return path
		}, ErrCorrupt},
		{"page size damaged", func(t *testing.T, dir string) string {
			path := filledFile(t, dir)
			overwriteAt(t, path, 16, 2)
			return path
		}, ErrCorrupt},
		{"cut short", func(t *testing.T, dir string) string {
			path := filledFile(t, dir)
			fi, _ := os.Stat(path)
			os.Truncate(path, fi.Size()/2)
			return path
		}, ErrCorrupt},
		{"newer schema", func(t *testing.T, dir string) string {
			path := filledFile(t, dir)
			rawExec(t, path, "PRAGMA user_version = "+strconv.Itoa(schemaVersion()+1))
			return path
		}, ErrNewerSchema},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.make(t, t.TempDir())
			noSideFiles(t, path)
			if err := os.Chmod(path, 0o644); err != nil { // not even its mode changes
				t.Fatal(err)
			}
			before := fileHash(t, path)
			s, err := Open(path, testCatalog(t))
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q: want %q naming the file", err, tc.want)
			}
			if fileHash(t, path) != before {
				t.Error("the refused file was changed")
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
				t.Errorf("the refused file's mode changed: %v, %v", fi.Mode(), err)
			}
			noSideFiles(t, path)
		})
	}
}

// overwriteAt puts n random bytes at offset off of a file.
func overwriteAt(t testing.TB, path string, off int64, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	junk := make([]byte, n)
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range junk {
		junk[i] = byte(rng.UintN(256))
	}
	if _, err := f.WriteAt(junk, off); err != nil {
		t.Fatal(err)
	}
}

// overwriteMiddlePage fills a page in the middle of a database file with
// random bytes, as a failing disk might.
func overwriteMiddlePage(t testing.TB, path string) {
	t.Helper()
	// A page of the answers, deep inside: what any reading of the data
	// comes across (the schema's other tables move with each migration).
	db, err := sql.Open("sqlite", fileURI(path)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var pageNo int64
	err = db.QueryRow(`SELECT pageno FROM dbstat WHERE name = 'answers' ORDER BY pageno LIMIT 1 OFFSET
		(SELECT count(*) / 2 FROM dbstat WHERE name = 'answers')`).Scan(&pageNo)
	db.Close()
	if err != nil || pageNo < 8 {
		t.Fatalf("no page of answers deep inside: %d, %v", pageNo, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const page = 4096
	junk := make([]byte, page)
	rng := rand.New(rand.NewPCG(5, 5))
	for i := range junk {
		junk[i] = byte(rng.UintN(256))
	}
	if _, err := f.WriteAt(junk, (pageNo-1)*page); err != nil {
		t.Fatal(err)
	}
}

// A crash leaves a write-ahead log holding the latest commits; the checks
// before opening read it too, still without writing.
func TestOpenRefusesNewerSchemaInTheLog(t *testing.T) {
	dir := t.TempDir()
	path := filledFile(t, dir)
	db, err := sql.Open("sqlite", path+"?_pragma=wal_autocheckpoint(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("PRAGMA user_version = " + strconv.Itoa(schemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	// Copy the file and its log while they are open: the state a crash
	// leaves.
	crashed := filepath.Join(t.TempDir(), "crashed.db")
	copyFile(t, path, crashed)
	copyFile(t, path+"-wal", crashed+"-wal")
	before, beforeWAL := fileHash(t, crashed), fileHash(t, crashed+"-wal")

	s, err := Open(crashed, testCatalog(t))
	if err == nil {
		s.Close()
		t.Fatal("opened")
	}
	if !errors.Is(err, ErrNewerSchema) {
		t.Errorf("error %q, want %q", err, ErrNewerSchema)
	}
	if fileHash(t, crashed) != before || fileHash(t, crashed+"-wal") != beforeWAL {
		t.Error("the refused file or its log was changed")
	}
	if _, err := os.Stat(crashed + "-shm"); err == nil {
		t.Error("crashed.db-shm was left behind")
	}
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

// A SQLite file of another program with no tables but a schema version is
// refused and left as it was.
func TestForeignEmptyDatabaseRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	s, err := Open(path, testCatalog(t)) // make a valid SQLite file…
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	other := openRaw(t, path) // …then make it another program's: no mark, no tables, version 2
	for _, q := range []string{`PRAGMA application_id = 0`, `PRAGMA journal_mode = DELETE`} {
		if _, err := other.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	rows, _ := other.Query(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	for _, n := range tables {
		other.Exec(`DROP TABLE "` + n + `"`)
	}
	other.Exec(`PRAGMA user_version = 2`)
	other.Exec(`VACUUM`)
	other.Close()
	before := fileHash(t, path)
	if _, err := Open(path, testCatalog(t)); !errors.Is(err, ErrNotDatabase) || !strings.Contains(err.Error(), path) {
		t.Fatalf("opened: %v", err)
	}
	if fileHash(t, path) != before {
		t.Error("the refused file changed")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("a -wal was left beside the refused file")
	}
}

// openRaw opens a file with plain SQLite, as another program would.
func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", fileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}
