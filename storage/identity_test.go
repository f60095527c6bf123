package storage

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
)

func TestJoinWord(t *testing.T) {
	s, ctx := newStore(t), context.Background()
	w, err := s.NewWorkshop(ctx, "", "Room", "471147")
	if err != nil {
		t.Fatal(err)
	}
	if need, err := s.JoinWordNeeded(ctx, w.Code); err != nil || need {
		t.Fatalf("a new workshop asks a join word: %v %v", need, err)
	}
	if err := s.SetJoinWord(ctx, w.Code, " \t"); !errors.Is(err, ErrJoinWord) {
		t.Fatalf("a blank join word: %v", err)
	}
	if err := s.SetJoinWord(ctx, w.Code, "tulip"); err != nil {
		t.Fatal(err)
	}
	for word, want := range map[string]bool{"tulip": true, "Tulip": false, "": false} {
		if ok, err := s.CheckJoinWord(ctx, w.Code, word); err != nil || ok != want {
			t.Errorf("join word %q: %v %v, want %v", word, ok, err, want)
		}
	}
	if _, err := s.JoinWordNeeded(ctx, "NOSUCH"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown workshop: %v", err)
	}
}

// A key names one participant: the second assessment started with it
// goes to the same person, another key to someone else.
func TestKeyIdentity(t *testing.T) {
	s, ctx := newStore(t), context.Background()
	start := func(key string) *assessment.Assessment {
		a, err := s.Start(ctx, NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Language: "en",
			Mode: assessment.ModeQuick, Workshop: "ROOM1", Key: key})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a1, a2, b := start("SHA256:aaa"), start("SHA256:aaa"), start("SHA256:bbb")
	if a1.Participant.ID != a2.Participant.ID {
		t.Errorf("the same key made two participants: %s %s", a1.Participant.ID, a2.Participant.ID)
	}
	if b.Participant.ID == a1.Participant.ID {
		t.Error("another key got the first key's participant")
	}
	if id, err := s.KeyParticipant(ctx, "SHA256:aaa"); err != nil || id != a1.Participant.ID {
		t.Errorf("KeyParticipant: %q %v", id, err)
	}
	if id, err := s.KeyParticipant(ctx, "SHA256:ccc"); err != nil || id != "" {
		t.Errorf("an unknown key: %q %v", id, err)
	}
}

// ByCode finds finished assessments too, only in their workshop, and a
// wrong code counts as a guess.
func TestByCode(t *testing.T) {
	s, ctx := newStore(t), context.Background()
	w, err := s.NewWorkshop(ctx, "", "Room", "471147")
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Start(ctx, NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Language: "en",
		Mode: assessment.ModeQuick, Workshop: w.Code})
	if err != nil {
		t.Fatal(err)
	}
	code, err := s.ResumeCode(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Complete(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.ByCode(ctx, w.Code, code)
	if err != nil || got.ID != a.ID {
		t.Fatalf("ByCode of a finished assessment: %v %v", got, err)
	}
	fixed := s.Now()
	s.Now = func() time.Time { return fixed } // the wait is read at the time of the wrong try
	if _, err := s.ByCode(ctx, "OTHER", code); !errors.Is(err, ErrNotFound) {
		t.Errorf("another workshop: %v", err)
	}
	if until, err := s.GuessWait(ctx, "OTHER", GuessCode); err != nil || until.IsZero() {
		t.Errorf("a wrong code was not counted: %v %v", until, err)
	}
}
