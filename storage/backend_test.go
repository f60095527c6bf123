package storage

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/digint/digint/storage/pgtest"
)

// The suite runs twice: on SQLite, then (in a child process with
// DIGINT_TEST_PG set to a server's URL) on PostgreSQL 15, which TestMain
// starts in a temporary folder and stops at the end. Tests about SQLite's
// files call sqliteOnly.

// pgServer is the URL of the test server (without a database) in the
// PostgreSQL half; "" in the SQLite half.
var pgServer = os.Getenv("DIGINT_TEST_PG")

func TestMain(m *testing.M) {
	flag.Parse()
	// Child processes some tests start (crashes, locks) run one test in
	// the backend of their parent, never a PostgreSQL half of their own.
	child := os.Getenv("DIGINT_TEST_CHILD") != ""
	os.Setenv("DIGINT_TEST_CHILD", "1")
	if pgServer != "" || child {
		os.Exit(m.Run())
	}
	if testing.Short() {
		fmt.Println("storage: -short: the PostgreSQL half is left to the full run")
		os.Exit(m.Run())
	}
	// Benchmarks time the disk's syncs: the halves take turns, or each
	// would time the other's syncs (and its server's start) too.
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		code := m.Run()
		os.Exit(max(code, runPostgresHalf()))
	}
	// The PostgreSQL half runs beside the SQLite half (it mostly waits on
	// its server), so the whole suite fits go test's default 10 minutes.
	pg := make(chan int, 1)
	go func() { pg <- runPostgresHalf() }()
	code := m.Run()
	os.Exit(max(code, <-pg))
}

// runPostgresHalf runs the suite again on a throwaway PostgreSQL 15 in a
// child process, and prints its output when it is done.
func runPostgresHalf() int {
	fsync := false // tests need no durability; benchmarks measure it, as on SQLite
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		fsync = true
	}
	srv, err := pgtest.Start(fsync)
	if err != nil {
		msg := fmt.Sprintf("storage: the PostgreSQL half of the tests did NOT run: %v", err)
		fmt.Println(msg)
		pgtest.Tell(msg)
		if pgtest.OnCI() {
			return 1
		}
		return 0
	}
	defer srv.Stop()
	var out bytes.Buffer
	cmd := exec.Command(os.Args[0], os.Args[1:]...)
	cmd.Env = append(os.Environ(), "DIGINT_TEST_PG="+srv.URL("postgres"))
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	fmt.Printf("storage: the suite on PostgreSQL 15:\n%s", out.Bytes())
	if err != nil {
		log := srv.Log()
		fmt.Printf("storage: the PostgreSQL half failed: %v; the server's log ends:\n%s\n", err, log[max(0, len(log)-3000):])
		return 1
	}
	return 0
}

// sqliteOnly skips a test about SQLite's files in the PostgreSQL half.
func sqliteOnly(t testing.TB) {
	t.Helper()
	if pgServer != "" {
		t.Skip("about SQLite's database file")
	}
}

// pgAdmin is a connection to the test server's postgres database.
var pgAdmin = sync.OnceValue(func() *sql.DB {
	db, err := sql.Open("pgx", pgServer)
	if err != nil {
		panic(err)
	}
	return db
})

// testDB is what a test opens for the file path: the path itself, or in
// the PostgreSQL half one database per path (made when first asked for),
// so that a test that opens a path twice meets the same data.
func testDB(t testing.TB, path string) string {
	t.Helper()
	if pgServer == "" {
		return path
	}
	sum := sha256.Sum256([]byte(path))
	name := "t" + hex.EncodeToString(sum[:12])
	var n int
	if err := pgAdmin().QueryRow(`SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		if _, err := pgAdmin().Exec(`CREATE DATABASE ` + name); err != nil {
			t.Fatal(err)
		}
	}
	return "postgres:///" + name + "?" + pgServer[len("postgres:///postgres?"):]
}
