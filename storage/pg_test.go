package storage

import (
	"bytes"
	"database/sql"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
)

func pgOnly(t testing.TB) {
	t.Helper()
	if pgServer == "" {
		t.Skip("runs in the PostgreSQL half")
	}
}

// pgDataFiles reads every file of a database's folder on the server.
func pgDataFiles(t *testing.T, s *Store) [][]byte {
	t.Helper()
	u, _ := url.Parse(pgServer)
	var oid string
	if err := s.db.QueryRow(`SELECT oid::text FROM pg_database WHERE datname = current_database()`).Scan(&oid); err != nil {
		t.Fatal(err)
	}
	if _, err := pgAdmin().Exec(`CHECKPOINT`); err != nil { // what is saved reaches the files
		t.Fatal(err)
	}
	var files [][]byte
	filepath.WalkDir(filepath.Join(u.Query().Get("host"), "data", "base", oid), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, err := os.ReadFile(p); err == nil {
				files = append(files, b)
			}
		}
		return nil
	})
	return files
}

func onDisk(files [][]byte, secret string) bool {
	for _, f := range files {
		if bytes.Contains(f, []byte(secret)) {
			return true
		}
	}
	return false
}

// An erased note and name are gone from the table and index files, not
// just invisible: PostgreSQL keeps deleted rows until a vacuum.
func TestPostgresEraseLeavesNothingInTheTableFiles(t *testing.T) {
	pgOnly(t)
	eraseLeavesNothing(t, newStore(t), func() {})
}

// Even when another session holds a snapshot from before the erase (a
// live view reading, autovacuum's analyze) until shortly after it: the
// erase waits for it, or VACUUM FULL would copy the rows it still sees.
func TestPostgresEraseWaitsForOlderSnapshots(t *testing.T) {
	pgOnly(t)
	url := testDB(t, filepath.Join(t.TempDir(), "digint.db"))
	s, err := Open(url, testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	other, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	eraseLeavesNothing(t, s, func() {
		tx, err := other.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		var n int // the snapshot is taken, and no table locked (a lock would hold the vacuum back anyway)
		if err := tx.QueryRow(`SELECT 1`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		time.AfterFunc(500*time.Millisecond, func() { tx.Rollback() })
	})
}

// eraseLeavesNothing erases a person with a note and checks the files;
// beforeErase runs just before the erase.
func eraseLeavesNothing(t *testing.T, s *Store, beforeErase func()) {
	t.Helper()
	importBytes(t, s, sampleDocument(t, s.Catalog(), 3, 3)) // others, who stay
	a, err := s.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: "Zebulon Quarrington", Role: "manager"},
		Language: "en", Mode: assessment.ModeFull})
	if err != nil {
		t.Fatal(err)
	}
	ans := sampleAnswers(t, s, a)[0]
	ans.Note = "the secret note about my director"
	if err := s.SaveAnswer(ctx, a.ID, ans); err != nil {
		t.Fatal(err)
	}
	before := pgDataFiles(t, s)
	if !onDisk(before, ans.Note) || !onDisk(before, "Zebulon Quarrington") {
		t.Fatal("the note or name is in no file before erasing: the check below proves nothing")
	}
	beforeErase()
	if err := s.EraseAssessment(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	after := pgDataFiles(t, s)
	if onDisk(after, ans.Note) || onDisk(after, "Zebulon Quarrington") {
		t.Fatal("the erased note or name is still in the database's files")
	}
	if n := countAssessments(t, s); n != 3 {
		t.Fatalf("%d assessments left, want 3", n)
	}
}

func sampleAnswers(t *testing.T, s *Store, a *assessment.Assessment) []assessment.Answer {
	t.Helper()
	var out []assessment.Answer
	for _, it := range s.Catalog().Current().Asked(a.Mode)[:1] {
		out = append(out, assessment.Answer{Item: it.ID, Status: assessment.StatusUnknown})
	}
	return out
}

func countAssessments(t *testing.T, s *Store) int {
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM assessments`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A database holding another application's tables, or a newer schema, is
// refused and left as it was.
func TestPostgresRefusesOtherAndNewerDatabases(t *testing.T) {
	pgOnly(t)
	other := testDB(t, t.TempDir()+"/other")
	db, err := sql.Open("pgx", other)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE invoices (id int)`); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(other, nil); !errors.Is(err, ErrNotDatabase) {
		t.Fatalf("another application's database: %v, want ErrNotDatabase", err)
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&n)
	if n != 1 {
		t.Fatalf("%d tables after the refusal, want the 1 it had", n)
	}

	newer := testDB(t, t.TempDir()+"/newer")
	s, err := Open(newer, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`UPDATE digint_schema SET version = 999`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(newer, nil); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("a newer schema: %v, want ErrNewerSchema", err)
	}
}

func TestPlaceholdersNumbered(t *testing.T) {
	for in, want := range map[string]string{
		`SELECT ? , '?', "?" -- ?` + "\n?":       `SELECT $1 , '?', "?" -- ?` + "\n$2",
		`UPDATE x SET a = ?2 WHERE b = ?1 AND ?`: `UPDATE x SET a = $2 WHERE b = $1 AND $3`,
		`max(?2, u) LIMIT -1`:                    `GREATEST($2, u) LIMIT ALL`,
	} {
		if got := pgSQL(in); got != want {
			t.Errorf("pgSQL(%q) = %q, want %q", in, got, want)
		}
	}
}

// The server ends every connection (a restart, a failover, an operator):
// the next saves go through on new connections, and what was saved stays.
func TestPostgresLostConnectionsAreReplaced(t *testing.T) {
	pgOnly(t)
	s := newStore(t)
	a := startAssessment(t, s, assessment.ModeFull)
	items := s.Catalog().Current().Asked(a.Mode)
	for i := range 3 {
		if err := s.SaveAnswer(ctx, a.ID, assessment.Answer{Item: items[i].ID, Status: assessment.StatusUnknown}); err != nil {
			t.Fatal(err)
		}
		var db string
		s.db.QueryRow(`SELECT current_database()`).Scan(&db)
		var killed int
		err := pgAdmin().QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1`, db).Scan(&killed)
		if err != nil || killed == 0 {
			t.Fatalf("ended %d connections: %v", killed, err)
		}
	}
	got, err := s.Assessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Answers) != 3 {
		t.Fatalf("%d answers after the connections were lost, want 3", len(got.Answers))
	}
}

// A server that cannot be reached is a transient failure, named as such.
func TestPostgresUnreachableIsTransient(t *testing.T) {
	_, err := Open("postgres:///x?host=/nonexistent-digint-socket&connect_timeout=1", nil)
	if err == nil || !Transient(err) || !strings.Contains(err.Error(), "cannot be reached") {
		t.Fatalf("open of an unreachable server: %v (transient %v)", err, Transient(err))
	}
}

// Reading an empty database is as reading a missing file: the caller opens
// it for writing once, which makes the tables.
func TestPostgresEmptyDatabaseReadOnly(t *testing.T) {
	pgOnly(t)
	_, err := OpenReadOnly(testDB(t, t.TempDir()+"/empty"), nil)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("read-only open of an empty database: %v, want fs.ErrNotExist", err)
	}
}

// "postgres:" alone, or "postgresql:", takes the server from the PG*
// environment variables, as psql does.
func TestPostgresFromEnvironment(t *testing.T) {
	pgOnly(t)
	u, _ := url.Parse(testDB(t, t.TempDir()+"/env"))
	t.Setenv("PGHOST", u.Query().Get("host"))
	t.Setenv("PGUSER", u.Query().Get("user"))
	t.Setenv("PGDATABASE", strings.TrimPrefix(u.Path, "/"))
	for _, dsn := range []string{"postgres:", "postgresql:"} {
		s, err := Open(dsn, nil)
		if err != nil {
			t.Fatalf("%s: %v", dsn, err)
		}
		var db string
		s.db.QueryRow(`SELECT current_database()`).Scan(&db)
		s.Close()
		if db != u.Path[1:] {
			t.Fatalf("%s opened %s, want %s", dsn, db, u.Path[1:])
		}
	}
	if IsPostgres("digint.db") || !IsPostgres("postgresql://h/db") {
		t.Fatal("IsPostgres tells SQLite paths and URLs apart wrongly")
	}
}

// Each SQLite migration has its PostgreSQL twin, numbered alike: a new
// one needs both.
func TestPostgresMigrationsMirrorSQLite(t *testing.T) {
	pg, err := pgMigrations()
	if err != nil {
		t.Fatal(err)
	}
	lite, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(pg) != len(lite) {
		t.Fatalf("%d PostgreSQL migrations, %d SQLite ones", len(pg), len(lite))
	}
	for i := range pg {
		if pg[i].name != lite[i].name {
			t.Errorf("migration %d: postgres/%s beside %s", i+1, pg[i].name, lite[i].name)
		}
	}
}
