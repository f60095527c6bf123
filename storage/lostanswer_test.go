package storage

import (
	"errors"
	"testing"

	"github.com/digint/digint/assessment"
)

var errLostAnswer = errors.New("connection lost while the server answered COMMIT")

// A start whose commit went through but whose answer was lost is run
// again: it finds itself stored and succeeds, once, with the stored person.
func TestStartRetriedAfterLostCommitAnswer(t *testing.T) {
	s := newStore(t)
	transient := s.d.transient
	s.d.transient = func(err error) bool { return errors.Is(err, errLostAnswer) || transient(err) }
	lost := 0
	lostAnswer = func() error {
		if lost++; lost == 1 {
			return errLostAnswer
		}
		return nil
	}
	t.Cleanup(func() { lostAnswer = nil })
	a, err := s.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: "Jonas", Role: "trainer"},
		Language: "en", Mode: assessment.ModeQuick})
	lostAnswer = nil
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	stored, err := s.Assessment(ctx, a.ID)
	if err != nil || stored.Participant.ID != a.Participant.ID {
		t.Fatalf("stored %+v (%v), returned participant %q", stored, err, a.Participant.ID)
	}
	if n, _ := s.Count(ctx, Filter{}); n != 1 {
		t.Errorf("%d assessments after one start", n)
	}
}
