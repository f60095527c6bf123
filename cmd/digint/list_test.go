package main

import (
	"bytes"
	"context"
	"encoding/json"
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
	if !strings.Contains(stderr, "1–2 of 5") || !strings.Contains(stderr, "--offset 2") {
		t.Errorf("no word of the rest: %q", stderr)
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
