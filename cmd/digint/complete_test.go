package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Completions offer assessment ids (with whose they are), people's ids,
// workshop codes and languages, read without making or changing a
// database.
func TestCompletions(t *testing.T) {
	empty := t.TempDir()
	if out, _, _ := run(t, empty, "__complete", "report", ""); strings.TrimSpace(out) != ":4" {
		t.Errorf("completions from no database: %q", out)
	}
	if _, err := os.Stat(filepath.Join(empty, "digint.db")); err == nil {
		t.Error("completing made a database")
	}

	dir := t.TempDir()
	const one, two = "6d5f3f63-1111-4000-8000-000000000001", "7e000000-3333-4000-8000-000000000003"
	importPeople(t, dir, map[string]string{one: "Ana", two: "Carla"})
	if _, stderr, code := run(t, dir, "workshop", "new", "Bologna", "--code", "BOL-26", "--pin", "471147"); code != 0 {
		t.Fatal(stderr)
	}
	db := filepath.Join(dir, "digint.db")
	before, _ := os.Stat(db)
	for _, c := range []struct {
		args    []string
		want    []string
		notWant string
	}{
		{[]string{"__complete", "report", "6d"}, []string{one + "\tAna, 2026-10-01, quick scan"}, two},
		{[]string{"__complete", "plan", ""}, []string{one, two}, ""},
		{[]string{"__complete", "erase", "7E"}, []string{two}, one},
		{[]string{"__complete", "export", one, "7"}, []string{two}, ""},
		{[]string{"__complete", "export", "--participant", "p-7"}, []string{"p-7e000000-3333\tCarla"}, one},
		{[]string{"__complete", "workshop", "report", "b"}, []string{"BOL-26\tBologna"}, ""},
		{[]string{"__complete", "--workshop", ""}, []string{"BOL-26"}, ""},
		{[]string{"__complete", "--lang", ""}, []string{"it\tItaliano", "eu\tEuskara"}, ""},
		{[]string{"__complete", "workshop", "export", "BOL-26", "--csv", ""}, []string{"items", "competences"}, ""},
	} {
		out, _, _ := run(t, dir, c.args...)
		for _, w := range c.want {
			if !strings.Contains("\n"+out, "\n"+w) {
				t.Errorf("%v: %q lacks %q", c.args, out, w)
			}
		}
		if c.notWant != "" && strings.Contains(out, c.notWant) {
			t.Errorf("%v: %q offers %q", c.args, out, c.notWant)
		}
	}
	after, _ := os.Stat(db)
	if !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
		t.Error("completing changed the database")
	}
}

// digint man prints a man page of every command.
func TestManPage(t *testing.T) {
	out, stderr, code := runFangStdout(t, t.TempDir(), "man")
	if code != 0 {
		t.Fatalf("man: exit %d %s", code, stderr)
	}
	for _, w := range []string{".TH DIGINT 1", "workshop", "report", "--lang"} {
		if !strings.Contains(out, w) {
			t.Errorf("man page lacks %q", w)
		}
	}
}
