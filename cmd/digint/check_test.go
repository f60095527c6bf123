package main

import (
	"bytes"
	"context"
	"database/sql"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
	"github.com/digint/digint/storage"
)

// filledDB makes dir/digint.db with n sample assessments and returns the
// id of one.
func filledDB(t *testing.T, dir string, n int) string {
	t.Helper()
	cat, _ := assessment.DefaultCatalog()
	rng := rand.New(rand.NewPCG(3, 3))
	var as []*assessment.Assessment
	for range n {
		as = append(as, sample.Assessment(cat.Current(), rng, assessment.ModeFull))
	}
	doc, err := assessment.NewDocument(cat, as, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	doc.Write(&buf)
	s, err := storage.Open(filepath.Join(dir, "digint.db"), cat)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Import(context.Background(), "sample.json", &buf); err != nil {
		t.Fatal(err)
	}
	return as[0].ID
}

func chattr(t *testing.T, flag string, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if out, err := exec.Command("chattr", flag, p).CombinedOutput(); err != nil {
			t.Skipf("chattr %s %s: %v %s", flag, p, err, out)
		}
	}
}

// On read-only media (file and folder immutable), the reading commands
// work; a writing one says, in the user's language, what is read-only.
func TestReadingCommandsOnReadOnlyMedia(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "digint.db")
	id := filledDB(t, dir, 3)
	chattr(t, "+i", db, dir)
	t.Cleanup(func() { exec.Command("chattr", "-i", dir, db).Run() })
	for _, args := range [][]string{{"list"}, {"report", id}, {"export", "--all"}, {"workshop", "list"}, {"check"}} {
		if out, stderr, code := run(t, dir, args...); code != 0 || out == "" {
			t.Errorf("digint %v on read-only media: exit %d, %s", args, code, stderr)
		}
	}
	file := filepath.Join(t.TempDir(), "in.json")
	os.WriteFile(file, []byte(`{}`), 0o600)
	_, stderr, code := run(t, dir, "import", file, "--lang", "fr")
	if code != 1 || !strings.Contains(stderr, "lecture seule") || !strings.Contains(stderr, db) {
		t.Errorf("import on read-only media: exit %d, %q; want French, naming %s", code, stderr, db)
	}
}

// list and report while another program holds the write lock: they do not
// wait for it.
func TestReadingCommandsWhileAnotherWrites(t *testing.T) {
	dir := t.TempDir()
	id := filledDB(t, dir, 3)
	holder, err := sql.Open("sqlite", filepath.Join(dir, "digint.db")+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	tx, err := holder.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`UPDATE assessments SET language = language`); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"list"}, {"report", id}, {"export", id}} {
		if _, stderr, code := run(t, dir, args...); code != 0 {
			t.Errorf("digint %v while another writes: exit %d, %s", args, code, stderr)
		}
	}
}

func TestCheckCommand(t *testing.T) {
	dir := t.TempDir()
	filledDB(t, dir, 40)
	if out, stderr, code := run(t, dir, "check"); code != 0 || !strings.Contains(out, "no damage") {
		t.Fatalf("check of a sound database: exit %d, %s %s", code, out, stderr)
	}
	// Damage a page in the middle: opening still works, check finds it.
	db := filepath.Join(dir, "digint.db")
	f, err := os.OpenFile(db, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	f.WriteAt(bytes.Repeat([]byte{0xA5}, 4096), fi.Size()/4096/2*4096)
	f.Close()
	_, stderr, code := run(t, dir, "check", "--lang", "it")
	if code != 1 || !strings.Contains(stderr, "danneggiato") || !strings.Contains(stderr, db) {
		t.Errorf("check of a damaged database: exit %d, %q", code, stderr)
	}
	// Damage on the first page stops opening; check reports it as its
	// verdict, without sending the user to run check.
	f, _ = os.OpenFile(db, os.O_RDWR, 0)
	f.WriteAt(bytes.Repeat([]byte{0xA5}, 200), 100)
	f.Close()
	_, stderr, code = run(t, dir, "check")
	if code != 1 || !strings.Contains(stderr, "is damaged:") || strings.Contains(stderr, "run digint check") {
		t.Errorf("check of a database damaged at the start: exit %d, %q", code, stderr)
	}
}

// A file that is not digint's is named, in the user's language.
func TestForeignFileExplained(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "digint.db")
	os.WriteFile(db, []byte(strings.Repeat("not a database\n", 20)), 0o600)
	_, stderr, code := run(t, dir, "list", "--lang", "es")
	if code != 1 || !strings.Contains(stderr, "no es una base de datos de digint") || !strings.Contains(stderr, db) {
		t.Errorf("list of a text file: exit %d, %q", code, stderr)
	}
}
