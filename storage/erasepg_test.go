package storage

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/digint/digint/assessment"
)

// An erased person who came in by a large import is gone from every table
// file, the import's staging table too: it held their record, deleted once
// applied but left in the file until a vacuum.
func TestPostgresEraseOfImportedLeavesNothing(t *testing.T) {
	pgOnly(t)
	lite, err := Open(filepath.Join(t.TempDir(), "x.db"), testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	importBytes(t, lite, sampleDocument(t, lite.Catalog(), stageCount+10, 5)) // enough to be staged
	a, err := lite.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: "Zebulon Quarrington", Role: "manager"},
		Language: "en", Mode: assessment.ModeQuick})
	if err != nil {
		t.Fatal(err)
	}
	ans := sampleAnswers(t, lite, a)[0]
	ans.Note = "the secret note about my director"
	if err := lite.SaveAnswer(ctx, a.ID, ans); err != nil {
		t.Fatal(err)
	}
	var doc bytes.Buffer
	if err := lite.WriteDocument(ctx, Selection{All: true}, &doc); err != nil {
		t.Fatal(err)
	}

	s := newStore(t)
	importBytes(t, s, doc.Bytes())
	before := pgDataFiles(t, s)
	if !onDisk(before, "\x13Zebulon Quarrington") { // in its staged form: a length, then the name
		t.Fatal("the import left no staged copy: the check below proves nothing")
	}
	if err := s.EraseAssessment(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if after := pgDataFiles(t, s); onDisk(after, ans.Note) || onDisk(after, "Zebulon Quarrington") {
		t.Fatal("the erased note or name is still in the database's files")
	}
}
