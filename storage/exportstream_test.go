package storage

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
)

// TestWriteDocumentStreams: the streamed export (rows parsed in the
// encoder's goroutine, their buffers reused many times over) writes the
// bytes the whole document encoded by encoding/json does, and an
// assessment that cannot be read, past the first hundreds, fails the export
// with an error naming it.
func TestWriteDocumentStreams(t *testing.T) {
	s := newStore(t)
	importBytes(t, s, sampleDocument(t, s.Catalog(), 3*exportBatch+5, 9))
	a := startAssessment(t, s, assessment.ModeQuick)
	answerAll(t, s, a, rand.New(rand.NewPCG(5, 5)))
	full, _ := s.Assessment(ctx, a.ID)
	b := s.Catalog().Current()
	p := plan.Plan{Focus: plan.Propose(b, full, assessment.Score(b, full))[:1]}
	if _, err := s.SavePlan(ctx, a.ID, p); err != nil {
		t.Fatal(err)
	}

	var got, want bytes.Buffer
	if err := s.WriteDocument(ctx, Selection{All: true}, &got); err != nil {
		t.Fatal(err)
	}
	d, err := s.Export(ctx, Selection{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Write(&want); err != nil {
		t.Fatal(err)
	}
	// From the list on: the test clock moves between the two exports.
	from := func(b *bytes.Buffer) []byte { return b.Bytes()[bytes.Index(b.Bytes(), []byte(`"assessments"`)):] }
	if len(d.Assessments) != 3*exportBatch+6 || !bytes.Equal(from(&got), from(&want)) {
		t.Errorf("the streamed export (%d bytes) differs from the document's encoding (%d bytes, %d assessments)",
			got.Len(), want.Len(), len(d.Assessments))
	}

	if _, err := s.db.Exec(`UPDATE plans SET body = '{' WHERE assessment = (SELECT seq FROM assessments WHERE id = ?)`, a.ID); err != nil {
		t.Fatal(err)
	}
	err = s.WriteDocument(ctx, Selection{All: true}, &bytes.Buffer{})
	if !errors.Is(err, ErrCorrupt) || !bytes.Contains([]byte(err.Error()), []byte(a.ID)) {
		t.Errorf("export with a damaged plan: %v; want %v naming %s", err, ErrCorrupt, a.ID)
	}
}
