package main

import (
	"bytes"
	"context"
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
