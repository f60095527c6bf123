package main

import (
	"bytes"
	"context"
	"github.com/digint/digint/assessment"
	"path/filepath"
	"strings"
	"testing"
)

// The accessible flow runs in kiosk mode, under kiosk rules: nobody is
// listed, and the facilitator's PIN ends it.
func TestKioskAccessible(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, c := run(t, dir, "workshop", "new", "Bologna", "--code", "BLQ-26", "--pin", "471147"); c != 0 {
		t.Fatalf("workshop new: %d %s", c, stderr)
	}
	var out, errb bytes.Buffer
	e := &env{getenv: func(k string) string {
		if k == "DIGINT_DB" {
			return filepath.Join(dir, "digint.db")
		}
		return ""
	}, stdin: strings.NewReader("q\n471147\n"), stdout: &out, stderr: &errb}
	args := []string{"--workshop", "BLQ-26", "--kiosk", "--accessible"}
	root := newRoot(e, args)
	root.SetArgs(args)
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	if !strings.Contains(out.String(), "Continue with your personal code") || !strings.Contains(out.String(), "Kiosk mode ended.") {
		t.Errorf("not a kiosk, or the PIN did not end it:\n%s", out.String())
	}
}

// The notes that end a session name the database they were given: run as
// said, they reach the same answers.
func TestEndNotesNameTheDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "my answers.db")
	b, _ := assessment.Default()
	in := "1\nIker\n2\n\n1\n" // new, name, manager, no institution, quick scan
	for _, it := range b.Asked(assessment.ModeQuick) {
		if it.Kind == assessment.KindCount {
			in += "120\n"
		} else {
			in += "2\n"
		}
	}
	in += "\n" // no plan
	var out, errb bytes.Buffer
	e := &env{getenv: func(string) string { return "" }, stdin: strings.NewReader(in), stdout: &out, stderr: &errb}
	args := []string{"--db", db, "--accessible"}
	root := newRoot(e, args)
	root.SetArgs(args)
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	if want := "digint --db '" + db + "' report "; !strings.Contains(out.String(), want) {
		t.Errorf("the closing note does not say %q:\n%s", want, out.String()[max(0, out.Len()-800):])
	}
}
