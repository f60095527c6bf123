package storage

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
)

// Open reads only the first page; a page damaged deep inside is found when
// it is read, reported as damage naming the file, and found by Check.
func TestDeepDamageFoundWhenRead(t *testing.T) {
	path := filledFile(t, t.TempDir())
	overwriteMiddlePage(t, path)
	s, err := Open(path, testCatalog(t))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer s.Close()
	_, err = s.Export(ctx, Selection{All: true})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) {
		t.Errorf("export of a damaged file: %v; want %q naming the file", err, ErrCorrupt)
	}
	problem, err := s.Check(ctx)
	if err != nil || problem == "" {
		t.Errorf("check: %q, %v; want the damage described", problem, err)
	}
	// The pages that are sound still serve.
	if _, err := s.Workshops(ctx); err != nil {
		t.Logf("workshops: %v", err)
	}
}

func TestCheckSoundDatabase(t *testing.T) {
	s := newStore(t)
	startAssessment(t, s, assessment.ModeQuick)
	if problem, err := s.Check(ctx); err != nil || problem != "" {
		t.Errorf("check: %q, %v", problem, err)
	}
}

// A database file and a log are recognised by their first bytes; other
// files, and none, are not.
func TestIsDatabaseFile(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{"db": append([]byte("SQLite format 3\x00"), make([]byte, 84)...),
		"wal": {0x37, 0x7f, 0x06, 0x82, 0, 0}, "json": []byte(`{"format":"digint.assessments"}`), "empty": nil}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string]bool{"db": true, "wal": true, "json": false, "empty": false, "missing": false} {
		if got := IsDatabaseFile(filepath.Join(dir, name)); got != want {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
}
