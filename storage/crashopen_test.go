package storage

import (
	"bufio"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// crashCopy copies a database while a program has it open with commits in
// its log: the file and log a crash leaves.
func crashCopy(t *testing.T, path, to string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", fileURI(path)+"?_pragma=wal_autocheckpoint(0)&_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(t, path, to)
	copyFile(t, path+"-wal", to+"-wal")
}

// A log left by a crash holds committed work: opening replays it.
func TestOpenAfterACrashKeepsTheLog(t *testing.T) {
	sqliteOnly(t)
	path := filledFile(t, t.TempDir())
	crashed := filepath.Join(t.TempDir(), "digint.db")
	crashCopy(t, path, crashed, `INSERT INTO workshops (code, title, created_at) VALUES ('CRASH-1', 'after', '2026-01-01T00:00:00.000000000Z')`)
	s := openAt(t, crashed)
	ws, err := s.Workshops(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, w := range ws {
		found = found || w.Code == "CRASH-1"
	}
	if !found {
		t.Error("the workshop committed before the crash is gone")
	}
}

// A log from another database beside a sound file is named as the cause,
// not reported as a damaged database, and nothing is changed.
func TestStaleLogFromAnotherDatabase(t *testing.T) {
	sqliteOnly(t)
	mine := filledFile(t, t.TempDir())
	other := filepath.Join(t.TempDir(), "digint.db")
	s := openAt(t, other)
	importBytes(t, s, sampleDocument(t, s.Catalog(), 60, 99))
	s.Close()
	stale := filepath.Join(t.TempDir(), "stale.db")
	crashCopy(t, other, stale, `DELETE FROM answers WHERE answered_at > ''`, `UPDATE participants SET name = 'x' || name`)
	copyFile(t, mine, stale) // my file, their log
	before, beforeLog := fileHash(t, stale), fileHash(t, stale+"-wal")

	_, err := Open(stale, testCatalog(t))
	if !errors.Is(err, ErrStaleLog) || errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), stale+"-wal") {
		t.Errorf("open with another database's log: %v; want %q naming %s-wal", err, ErrStaleLog, stale)
	}
	if fileHash(t, stale) != before || fileHash(t, stale+"-wal") != beforeLog {
		t.Error("the file or the log changed")
	}
}

// After a crash (a log no program has open), the whole database is
// checked: damage deep inside is refused at once, not met later.
func TestOpenAfterACrashChecksEverything(t *testing.T) {
	path := filledFile(t, t.TempDir())
	crashed := filepath.Join(t.TempDir(), "digint.db")
	crashCopy(t, path, crashed, `INSERT INTO workshops (code, title, created_at) VALUES ('CRASH-1', 'after', '2026-01-01T00:00:00.000000000Z')`)
	overwriteMiddlePage(t, crashed)
	s, err := Open(crashed, testCatalog(t))
	if err == nil {
		s.Close()
		t.Fatal("opened a damaged file after a crash")
	}
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "crash") || !strings.Contains(err.Error(), crashed) {
		t.Errorf("error %q: want %q after a crash, naming the file", err, ErrCorrupt)
	}
}

// A log that another program has open is no sign of a crash: opening beside
// it stays cheap (a deep page damaged is not read). Once that program is
// killed, the log is a crash's, and opening checks everything.
func TestCrashToldFromAnotherProgramsLog(t *testing.T) {
	path := filledFile(t, t.TempDir())
	holder := exec.Command(os.Args[0], "-test.run=^TestHolderChild$")
	holder.Env = append(os.Environ(), "DIGINT_HOLD="+path)
	stdout, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	in, err := holder.StdinPipe() // open until the test ends: the child waits on it
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Process.Kill()
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); !strings.HasPrefix(line, "ready") {
		t.Fatalf("holder: %q", line)
	}
	overwriteMiddlePage(t, path)

	s, err := Open(path, testCatalog(t))
	if err != nil {
		t.Fatalf("open beside another program's log: %v", err)
	}
	s.Close()

	holder.Process.Kill()
	holder.Wait()
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Fatalf("the killed program left no log: %v", err)
	}
	if s, err := Open(path, testCatalog(t)); err == nil {
		s.Close()
		t.Fatal("opened a damaged file after a crash")
	} else if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "crash") {
		t.Errorf("after the crash: %v", err)
	}
}

// TestHolderChild opens $DIGINT_HOLD, writes to it, says ready and waits
// until its input closes or it is killed.
func TestHolderChild(t *testing.T) {
	path := os.Getenv("DIGINT_HOLD")
	if path == "" {
		t.Skip("run by TestCrashToldFromAnotherProgramsLog")
	}
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateWorkshop(ctx, "HOLD-1", "held"); err != nil {
		t.Fatal(err)
	}
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	s.Close()
}
