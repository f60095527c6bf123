package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileID would set the window title, clear the screen and write the
// clipboard if it reached a terminal as it is.
const hostileID = "\x1b]0;owned\x07\x1b[2J\x1b]52;c;aGk=\x07\u202eevil\x9b31m"

// Error messages quote what the user or a file gave, never as escapes.
func TestErrorsAreInert(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad\x1b[2J.json")
	if err := os.WriteFile(bad, []byte(`{"format":"digint.assessments","version":1,"assessments":[{"id":"`+strings.ReplaceAll(hostileID, "\x1b", `\u001b`)+`"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	huge := strings.Repeat("\x1b]0;x\x07", 200_000)
	for _, args := range [][]string{
		{"report", hostileID},
		{"report", huge},
		{"workshop", "report", hostileID},
		{"erase", hostileID},
		{"import", bad},
	} {
		_, stderr, code := run(t, dir, args...)
		if code == 0 {
			t.Errorf("%q: want a failure", args[0])
		}
		for _, r := range stderr {
			if r == 0x1b || r == 0x07 || r == 0x9b || r == 0x202e {
				t.Errorf("%v: %U reached the terminal: %q", args[:1], r, stderr)
				break
			}
		}
		if len(stderr) > 4*maxErrorRunes {
			t.Errorf("%v: error of %d bytes", args[:1], len(stderr))
		}
	}
}

// A database written by another program may hold escapes the store never
// writes itself: what list shows of it stays inert.
func TestListShowsStoredTextInert(t *testing.T) {
	dir := t.TempDir()
	store, _ := planFixture(t, dir)
	store.Close()
	db, err := sql.Open("sqlite", filepath.Join(dir, "digint.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE participants SET name = ?`, hostileID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE assessments SET role = ?`, hostileID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	stdout, stderr, code := run(t, dir, "list")
	if code != 0 {
		t.Fatalf("list: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "evil") {
		t.Fatalf("list shows no trace of the stored name: %q", stdout)
	}
	for _, r := range stdout {
		if r == 0x1b || r == 0x07 || r == 0x9b || r == 0x202e {
			t.Fatalf("%U reached the terminal: %q", r, stdout)
		}
	}
}

// Every command that prints stored text prints it inert when another
// program wrote escapes into the database: the store hands text out clean
// (storage/inert.go), whichever face shows it.
func TestCommandsShowStoredTextInert(t *testing.T) {
	dir := t.TempDir()
	store, a := planFixture(t, dir)
	if _, err := store.CreateWorkshop(t.Context(), "WS-ONE", "Kick-off"); err != nil {
		t.Fatal(err)
	}
	store.Close()
	db, err := sql.Open("sqlite", filepath.Join(dir, "digint.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE assessments SET workshop = 'WS-ONE', completed_at = updated_at`,
		`UPDATE participants SET name = name || ?1, institution = 'ITS' || ?1`,
		`UPDATE assessments SET role = role || ?1`,
		`UPDATE workshops SET title = title || ?1`,
		`UPDATE answers SET note = 'see' || ?1, other = CASE WHEN other = '' THEN '' ELSE other || ?1 END`,
	} {
		if _, err := db.Exec(q, hostileID); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	for _, args := range [][]string{
		{"list"},
		{"report", a.ID},
		{"plan", a.ID},
		{"export", a.ID},
		{"workshop", "list"},
		{"workshop", "report", "WS-ONE", "--print"},
		{"workshop", "export", "WS-ONE", "--csv", "items"},
		{"workshop", "plan", "WS-ONE", "--print"},
	} {
		stdout, stderr, code := run(t, dir, args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
		for _, r := range stdout + stderr {
			if r == 0x1b || r == 0x07 || r == 0x9b || r == 0x202e {
				t.Errorf("%v: %U reached the terminal: %q", args, r, stdout+stderr)
				break
			}
		}
	}
}
