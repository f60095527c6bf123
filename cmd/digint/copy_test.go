package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// digint copy moves a database and says what it checked; a missing side is
// bad usage, a full destination a failure that changes nothing.
func TestCopyCommand(t *testing.T) {
	dir := t.TempDir()
	filledDB(t, dir, 5)
	src, dst := filepath.Join(dir, "digint.db"), filepath.Join(dir, "copy.db")
	out, stderr, code := run(t, dir, "copy", "--from", src, "--to", dst)
	if code != 0 || !strings.Contains(out, "assessments: 5,") || !strings.Contains(out, "SHA-256") {
		t.Fatalf("copy: %d %q %q", code, out, stderr)
	}
	if _, _, code := run(t, dir, "copy", "--from", src); code != 2 {
		t.Fatalf("copy without --to exits %d, want 2", code)
	}
	if _, stderr, code := run(t, dir, "copy", "--from", src, "--to", dst); code != 1 || !strings.Contains(stderr, "empty") {
		t.Fatalf("copy into a full database: %d %q", code, stderr)
	}
}

// copy's refusals name what is wrong in the user's language: a source
// that is not there (nothing made in its place), the same database twice,
// a destination that holds assessments already.
func TestCopyRefusalsInTheUsersLanguage(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "CPY-01", 1, 9)
	db := filepath.Join(dir, "digint.db")
	other := t.TempDir()
	laptop(t, other, "CPY-02", 1, 10)
	missing := filepath.Join(dir, "nope.db")
	for _, c := range []struct {
		from, to string
		code     int
		want     string
	}{
		{missing, filepath.Join(dir, "new.db"), 1, "Non c'è nessun database in " + missing},
		{db, db, 2, "--from e --to indicano lo stesso database"},
		{db, filepath.Join(other, "digint.db"), 1, "contiene già delle valutazioni"},
	} {
		_, stderr, code := run(t, dir, "--lang", "it", "copy", "--from", c.from, "--to", c.to)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("copy %s → %s: exit %d, %q; want %d, %q", c.from, c.to, code, stderr, c.code, c.want)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a missing source was made")
	}
}

// A misspelt or capitalised postgres:// URL, or libpq's key=value form, is
// refused before anything is made: taken for a path, it made folders
// named after it, password included, and a workshop the facilitator
// believed central lived in them. The password is never said back.
func TestMisnamedDatabaseRefused(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, args := range [][]string{
		{"--db", "postgress://officer:S3cretPw@/digint?host=/tmp", "workshop", "new", "Room", "--pin", "123456"},
		{"--lang", "fr", "--db", "Postgres://officer:S3cretPw@db/digint", "list"},
		{"--db", "host=/tmp dbname=digint password=S3cretPw", "report", "X"},
		{"--db", "postgress://officer:S3cretPw@db/digint", "serve", "--listen", "127.0.0.1:0"},
		{"copy", "--from", "postgress://officer:S3cretPw@db/digint", "--to", "out.db"},
		{"copy", "--from", "in.db", "--to", "Postgres://officer:S3cretPw@db/digint"},
	} {
		_, stderr, code := run(t, dir, args...)
		if code != 1 || strings.Contains(stderr, "S3cretPw") || !strings.Contains(stderr, "xxxxx") ||
			!strings.Contains(stderr, "postgres://") {
			t.Errorf("digint %v: exit %d, %q", args, code, stderr)
		}
	}
	if made, _ := os.ReadDir(dir); len(made) > 0 {
		t.Errorf("files were made: %v", made)
	}
}

// --db naming a folder is said to be one, with the file meant: "not a
// digint database" sent people looking for what was wrong with its data.
func TestDatabaseThatIsAFolder(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"list"}, {"import", filepath.Join(dir, "none.json")}, {"workshop", "list"}} {
		_, stderr, code := run(t, dir, append([]string{"--db", dir}, args...)...)
		if code != 1 || !strings.Contains(stderr, dir+" is a folder") || !strings.Contains(stderr, filepath.Join(dir, "digint.db")) {
			t.Errorf("digint --db FOLDER %v: exit %d, %q", args, code, stderr)
		}
	}
}
