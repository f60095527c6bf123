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

// A renewal keeps its holder's hold and takes none: one that lands after
// the release (a timer racing the program's end) leaves the assessment
// free, and one whose hold another took after it expired says so.
func TestRenewalTakesNoHold(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digint.db")
	one, two := openAt(t, path), openAt(t, path)
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	one.Now = func() time.Time { return now }
	two.Now = func() time.Time { return now }
	a := startAssessment(t, one, assessment.ModeQuick)
	renew := func(s *Store, holder string, want bool) {
		t.Helper()
		if got, err := s.Renew(ctx, a.ID, holder); err != nil || got != want {
			t.Fatalf("%s renews: %v, %v; want %v", holder, got, err, want)
		}
	}
	renew(one, "laptop", false) // never held
	if ok, err := one.Hold(ctx, a.ID, "laptop"); err != nil || !ok {
		t.Fatalf("laptop holds: %v, %v", ok, err)
	}
	now = now.Add(HoldFor - time.Second)
	renew(one, "laptop", true)
	now = now.Add(HoldFor - time.Second)
	if ok, err := two.Hold(ctx, a.ID, "room"); err != nil || ok {
		t.Fatalf("the renewed hold was taken: %v, %v", ok, err)
	}
	if err := one.Release(ctx, a.ID, "laptop"); err != nil {
		t.Fatal(err)
	}
	renew(one, "laptop", false) // after the release
	if ok, err := two.Hold(ctx, a.ID, "room"); err != nil || !ok {
		t.Fatalf("a renewal after the release kept the assessment: %v, %v", ok, err)
	}
	now = now.Add(2 * HoldFor) // the room's program died; the laptop's takes it back
	if ok, err := one.Hold(ctx, a.ID, "laptop"); err != nil || !ok {
		t.Fatalf("laptop holds again: %v, %v", ok, err)
	}
	renew(two, "room", false)
}
