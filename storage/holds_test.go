package storage

import (
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
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

// An import leaves alone an assessment open in a session: the session
// would go on saving over the file's copy, its screen no longer what is
// stored. It is counted as held; once the session is closed, the same
// file brings its copy in if that is still the newer. Small files and
// large ones (staged, applied in batches) alike.
func TestImportLeavesAnOpenAssessment(t *testing.T) {
	for _, many := range []int{1, stageCount + 1} {
		s := newStore(t)
		items := s.Catalog().Current().Asked(assessment.ModeQuick)
		a := startAssessment(t, s, assessment.ModeQuick)
		given := assessment.Answer{Item: items[0].ID, Status: assessment.StatusUnknown}
		if err := s.SaveAnswer(ctx, a.ID, given); err != nil {
			t.Fatal(err)
		}
		stored, err := s.Assessment(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		copied := *stored
		copied.UpdatedAt = stored.UpdatedAt.Add(time.Hour)
		copied.Answers = nil // the file's copy has no answers at all
		doc := []*assessment.Assessment{&copied}
		rng := rand.New(rand.NewPCG(3, 3))
		for range many - 1 {
			doc = append(doc, sample.Assessment(s.Catalog().Current(), rng, assessment.ModeQuick))
		}
		file := writeDocument(t, s.Catalog(), doc)
		if ok, err := s.Hold(ctx, a.ID, "wizard"); !ok || err != nil {
			t.Fatalf("hold: %v %v", ok, err)
		}
		if rep := importBytes(t, s, file); rep.Held != 1 || rep.Updated != 0 || rep.Added != many-1 {
			t.Fatalf("%d in the file, one open: %+v", many, rep)
		}
		if now, _ := s.Assessment(ctx, a.ID); len(now.Answers) != 1 || !now.UpdatedAt.Equal(stored.UpdatedAt) {
			t.Errorf("the open assessment changed: %d answers, updated %v (was %v)", len(now.Answers), now.UpdatedAt, stored.UpdatedAt)
		}
		if err := s.Release(ctx, a.ID, "wizard"); err != nil {
			t.Fatal(err)
		}
		if rep := importBytes(t, s, file); rep.Held != 0 || rep.Updated != 1 {
			t.Errorf("%d in the file, closed: %+v", many, rep)
		}
	}
}
