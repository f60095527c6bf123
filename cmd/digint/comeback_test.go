package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// lineByLine runs digint with args on in as typed lines, with no locale
// and no terminal, and returns what it printed.
func lineByLine(t *testing.T, in string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{getenv: func(string) string { return "" }, stdin: strings.NewReader(in), stdout: &out, stderr: &errb}
	root := newRoot(e, args)
	root.SetArgs(args)
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("digint %v: %v\n%s", args, err, errb.String())
	}
	return out.String()
}

// comeBackLine is the command of the note "Run … again and choose
// Continue", in Italian.
func comeBackLine(t *testing.T, out string) string {
	t.Helper()
	out = strings.Join(strings.Fields(out), " ") // the full screen wraps its note
	_, line, ok := strings.Cut(out, "Avviate di nuovo ")
	line, _, ok2 := strings.Cut(line, " e scegliete Continua")
	if !ok || !ok2 {
		t.Fatalf("no note on how to come back:\n%s", out[max(0, len(out)-600):])
	}
	return line
}

// Someone who stops the line-by-line flow is told the command that brings
// it back as they started it: line by line, in the language they gave, on
// their database; and that very command, typed, does.
func TestComeBackLineByLineInTheLanguageGiven(t *testing.T) {
	db := filepath.Join(t.TempDir(), "acc.db")
	// new, no name, the first role, no institution, quick scan, one answer, q
	out := lineByLine(t, "1\n\n1\n\n1\n2\nq\n", "--lang", "it", "--accessible", "--db", db)
	line := comeBackLine(t, out)
	if want := "digint --lang it --db " + db + " --accessible"; line != want {
		t.Errorf("the note says %q, want %q", line, want)
	}
	// Typed as said (no terminal here: the full screen would refuse).
	again := lineByLine(t, "q\n", strings.Fields(line)[1:]...)
	if !strings.Contains(again, "Che cosa volete fare?") || !strings.Contains(again, "Continua: ") {
		t.Errorf("the command said does not come back line by line, in Italian, to the answers:\n%s", again)
	}
}

// A suggested command carries the language given by --lang, as shipped,
// and never one the locale chose (the locale chooses it again).
func TestSuggestedCommandKeepsTheLanguageGiven(t *testing.T) {
	dir := t.TempDir()
	emptyDatabase(t, dir)
	_, stderr, _ := run(t, dir, "--lang", "IT", "workshop", "report", "NOPE-00")
	if !strings.Contains(stderr, "digint --lang it workshop list") {
		t.Errorf("--lang IT: %q", stderr)
	}
	_, stderr, _ = run(t, dir, "workshop", "report", "NOPE-00")
	if strings.Contains(stderr, "--lang") || !strings.Contains(stderr, "digint workshop list") {
		t.Errorf("no --lang: %q", stderr)
	}
}
