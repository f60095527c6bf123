package storage

import (
	"errors"
	"testing"

	"github.com/digint/digint/assessment"
)

// setID gives an assessment a chosen id, so that prefixes can be shared.
func setID(t *testing.T, s *Store, from, to string) {
	t.Helper()
	if _, err := s.db.Exec(`UPDATE assessments SET id = ? WHERE id = ?`, to, from); err != nil {
		t.Fatal(err)
	}
}

func TestResolveAssessmentByPrefix(t *testing.T) {
	s := newStore(t)
	a := startAssessment(t, s, assessment.ModeQuick)
	b := startAssessment(t, s, assessment.ModeFull)
	c := startAssessment(t, s, assessment.ModeFull)
	setID(t, s, a.ID, "6d5f3f63-0000-4000-8000-000000000001")
	setID(t, s, b.ID, "6d5f3f63-0000-4000-8000-000000000002")
	setID(t, s, c.ID, "7a000000-0000-4000-8000-000000000003")

	got, err := s.ResolveAssessment(ctx, "7A")
	if err != nil || got.ID != "7a000000-0000-4000-8000-000000000003" || got.Mode != "full" || got.Started.IsZero() {
		t.Errorf("7A = %+v, %v; want the one assessment starting so", got, err)
	}
	got, err = s.ResolveAssessment(ctx, "6d5f3f63-0000-4000-8000-000000000002")
	if err != nil || got.ID != "6d5f3f63-0000-4000-8000-000000000002" {
		t.Errorf("full id = %+v, %v", got, err)
	}
	_, err = s.ResolveAssessment(ctx, "6d5f3f63")
	var amb *AmbiguousError
	if !errors.As(err, &amb) || !errors.Is(err, ErrAmbiguous) || len(amb.Candidates) != 2 || amb.More {
		t.Fatalf("6d5f3f63 = %v; want ambiguous between two", err)
	}
	for _, p := range []string{"", "  ", "8", "6d5f3f63-0000-4000-8000-0000000000019"} {
		if _, err := s.ResolveAssessment(ctx, p); !errors.Is(err, ErrNotFound) {
			t.Errorf("%q: %v, want not found", p, err)
		}
	}
}

func TestResolveListsFewCandidates(t *testing.T) {
	s := newStore(t)
	for range maxCandidates + 2 {
		startAssessment(t, s, assessment.ModeQuick)
	}
	_, err := s.ResolveAssessment(ctx, "") // nothing is not a prefix of all
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("empty prefix: %v", err)
	}
	if _, err := s.db.Exec(`UPDATE assessments SET id = 'ab' || id`); err != nil {
		t.Fatal(err)
	}
	_, err = s.ResolveAssessment(ctx, "ab")
	var amb *AmbiguousError
	if !errors.As(err, &amb) || len(amb.Candidates) != maxCandidates || !amb.More {
		t.Errorf("ab = %v; want %d candidates and more", err, maxCandidates)
	}
}

func TestResolveParticipant(t *testing.T) {
	s := newStore(t)
	a := startAssessment(t, s, assessment.ModeQuick)
	got, err := s.ResolveParticipant(ctx, a.Participant.ID[:6])
	if err != nil || got.ID != a.Participant.ID || got.Name != a.Participant.Name {
		t.Errorf("participant prefix = %+v, %v; want %+v", got, err, a.Participant)
	}
}

func TestAssessmentsStarting(t *testing.T) {
	s := newStore(t)
	for _, id := range []string{"ab000000-1", "ab000000-2", "cd000000-3"} {
		a := startAssessment(t, s, assessment.ModeQuick)
		setID(t, s, a.ID, id)
	}
	got, err := s.AssessmentsStarting(ctx, "AB", 10)
	if err != nil || len(got) != 2 || got[0].ID != "ab000000-1" {
		t.Errorf("AB: %+v, %v", got, err)
	}
	if got, _ := s.AssessmentsStarting(ctx, "", 2); len(got) != 2 {
		t.Errorf("all, limit 2: %d", len(got))
	}
}
