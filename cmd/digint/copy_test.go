package main

import (
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
