package storage

import (
	"testing"

	"github.com/digint/digint/assessment"
)

// Comment boxes are optional: an assessment with every other item answered
// has nothing open in the list, in its results' counts nor to resume at.
func TestCommentBoxesAreNeverOpen(t *testing.T) {
	s := newStore(t)
	a := startAssessment(t, s, assessment.ModeFull)
	texts := 0
	for _, it := range s.Catalog().Current().Asked(a.Mode) {
		if it.Kind == assessment.KindText {
			texts++
			continue
		}
		if err := s.SaveAnswer(ctx, a.ID, assessment.Answer{Item: it.ID, Status: assessment.StatusUnknown}); err != nil {
			t.Fatal(err)
		}
	}
	if texts == 0 {
		t.Fatal("the bank has no comment box to leave empty")
	}
	list, err := s.List(ctx, Filter{IDs: []string{a.ID}})
	if err != nil || len(list) != 1 {
		t.Fatal(list, err)
	}
	if list[0].Answered != list[0].Asked {
		t.Errorf("list: %d of %d answered, want all", list[0].Answered, list[0].Asked)
	}
	if at, err := s.ResumeAt(ctx, a.ID); err != nil || at != "" {
		t.Errorf("resume at %q (%v), want nothing left", at, err)
	}
	stored, err := s.Assessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	c := assessment.Score(s.Catalog().Current(), stored).Counts
	if c.Unanswered != 0 || c.Asked != list[0].Asked {
		t.Errorf("counts %+v, list asked %d: want nothing open and the same asked", c, list[0].Asked)
	}
}
