package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"charm.land/fang/v2"

	"github.com/digint/digint/assessment"
)

func fangStyles() fang.Styles { return fang.Styles{} }

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// importAssessments writes the assessments to a document named name in
// dir and imports it with the command, as a user would.
func importAssessments(t *testing.T, dir, name string, as []*assessment.Assessment, exported time.Time) {
	t.Helper()
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := assessment.NewDocument(cat, as, exported)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, name)
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Write(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, stderr, code := run(t, dir, "import", file); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
}
