package storage

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
)

// Two programs on one database: an assessment one holds is not the
// other's until it is released or its hold expires; renewing keeps it;
// erasing the assessment takes its hold with it.
func TestHoldsAcrossPrograms(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digint.db")
	one, two := openAt(t, path), openAt(t, path)
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	one.Now = func() time.Time { return now }
	two.Now = func() time.Time { return now }
	a := startAssessment(t, one, assessment.ModeQuick)
	hold := func(s *Store, holder string, want bool) {
		t.Helper()
		if got, err := s.Hold(ctx, a.ID, holder); err != nil || got != want {
			t.Fatalf("%s holds: %v, %v; want %v", holder, got, err, want)
		}
	}
	hold(one, "laptop", true)
	hold(two, "room", false)
	now = now.Add(HoldFor / 2)
	hold(one, "laptop", true) // renewed
	now = now.Add(HoldFor - time.Second)
	hold(two, "room", false) // the renewal still runs
	if err := one.Release(ctx, a.ID, "laptop"); err != nil {
		t.Fatal(err)
	}
	hold(two, "room", true)
	now = now.Add(HoldFor + time.Second) // the room's program died
	hold(one, "laptop", true)
	if err := two.Release(ctx, a.ID, "room"); err != nil { // not its own any more: nothing
		t.Fatal(err)
	}
	hold(two, "room", false)
	if err := one.EraseAssessment(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := two.Hold(ctx, a.ID, "room"); err != nil || got {
		t.Errorf("a hold on an erased assessment: %v, %v", got, err)
	}
}
