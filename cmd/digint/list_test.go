package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestListPages: list shows a page, says how to see the rest, and pages
// on; --json gives everything, as one JSON array.
func TestListPages(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "PAGE-1", 5, 9)
	lines := func(s string) []string { return strings.Split(strings.TrimSpace(s), "\n") }
	out, stderr, code := run(t, dir, "list", "--limit", "2")
	if code != 0 || len(lines(out)) != 1+2 {
		t.Fatalf("list --limit 2: exit %d\n%s", code, out)
	}
	// The next page's command is one to copy: the page's own size kept.
	if !strings.Contains(stderr, "1–2 of 5") || !strings.Contains(stderr, "digint list --offset 2 --limit 2;") ||
		!strings.Contains(stderr, "digint list --limit 0.") {
		t.Errorf("no word of the rest: %q", stderr)
	}
	// With --db, on the same database, quoted for the shell.
	db := filepath.Join(dir, "digint.db")
	linked := filepath.Join(t.TempDir(), "my data's.db")
	if err := os.Symlink(db, linked); err != nil {
		t.Fatal(err)
	}
	_, stderr, _ = run(t, t.TempDir(), "--db", linked, "list", "--limit", "2", "--offset", "1")
	if want := "digint --db '" + strings.ReplaceAll(linked, "'", `'\''`) + "' list --offset 3 --limit 2;"; !strings.Contains(stderr, want) {
		t.Errorf("the hint does not name the database given:\n%s\nwant %s", stderr, want)
	}
	// Past the end: said, not an empty table.
	past, stderr, code := run(t, dir, "--lang", "it", "list", "--offset", "9")
	if code != 0 || past != "" || !strings.Contains(stderr, "Nessuna valutazione dopo le prime 9: il database ne contiene 5.") {
		t.Errorf("list --offset 9 (exit %d):\n%s%s", code, past, stderr)
	}
	rest, stderr, _ := run(t, dir, "list", "--limit", "2", "--offset", "4")
	if len(lines(rest)) != 1+1 || stderr != "" {
		t.Errorf("last page:\n%s\n%s", rest, stderr)
	}
	var all []map[string]any
	js, _, _ := run(t, dir, "list", "--json")
	if err := json.Unmarshal([]byte(js), &all); err != nil || len(all) != 5 {
		t.Fatalf("list --json: %d, %v\n%s", len(all), err, js)
	}
	if !strings.Contains(out, all[0]["id"].(string)) || !strings.Contains(rest, all[4]["id"].(string)) {
		t.Error("pages are not in the order of the whole list")
	}
	if one, _, _ := run(t, dir, "list", "--json", "--limit", "1"); strings.Count(one, `"id"`) != 1+1 { // its participant's too
		t.Errorf("list --json --limit 1:\n%s", one)
	}
	if _, stderr, code := run(t, dir, "list", "--limit", "-3"); code != 2 || !strings.Contains(stderr, "--limit") {
		t.Errorf("list --limit -3: exit %d, %q", code, stderr)
	}
	empty := t.TempDir()
	emptyDatabase(t, empty)
	if js, _, _ := run(t, empty, "list", "--json"); strings.TrimSpace(js) != "[]" {
		t.Errorf("empty list --json: %q", js)
	}
}

// writeCounter counts the writes that reach it, as write calls to a file
// or pipe would be.
type writeCounter struct {
	bytes.Buffer
	writes int
}

func (w *writeCounter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

// The table reaches the terminal or pipe in blocks: tabwriter writes each
// cell and each pad on its own, which for a long list was a system call per
// cell (about a sixth of `list --limit 0`'s time at 10,000 assessments).
func TestListWritesInBlocks(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "BLOCK-1", 5, 9)
	e, _, _ := testEnv(dir)
	out := &writeCounter{}
	e.stdout = out
	root := newRoot(e, []string{"list"})
	root.SetArgs([]string{"list"})
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatal(err)
	}
	if rows := strings.Count(out.String(), "\n"); rows != 1+5 {
		t.Fatalf("%d rows, want a header and 5:\n%s", rows, out.String())
	}
	if out.writes > 1 {
		t.Errorf("the table came in %d writes, not in one block:\n%s", out.writes, out.String())
	}
}
