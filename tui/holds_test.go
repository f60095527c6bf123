package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// Two programs on one database (two terminals, two laptops on one
// PostgreSQL): an assessment open in one does not open in the other,
// which says why; once the first leaves it (back to its welcome, or
// ended), it opens.
func TestAssessmentOpensInOneProgramAtATime(t *testing.T) {
	storeA := openStore(t)
	storeB, err := storage.Open(storeA.Path(), storeA.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { storeB.Close() })
	storeA.Now = func() time.Time { return fixedNow } // one clock: no hold expires here
	storeB.Now = storeA.Now
	a, err := storeA.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Name: "Ana", Role: "trainer"},
		Language: "en", Mode: assessment.ModeQuick})
	if err != nil {
		t.Fatal(err)
	}
	one, two := newModel(t, storeA, "en"), newModel(t, storeB, "en")
	open := func(m *Model) bool {
		t.Helper()
		m.screen = screenWelcome
		_, hold := m.Update(startedMsg{a: a})
		if hold == nil {
			t.Fatal("opening asks no hold")
		}
		m.Update(unturn(hold()))
		return m.walk != nil && m.walk.a.ID == a.ID && m.screen == screenQuestions
	}
	if !open(one) {
		t.Fatal("the first program cannot open the assessment")
	}
	if open(two) || !strings.Contains(two.status, "open in another session") {
		t.Fatalf("the second program opened it too (status %q)", two.status)
	}
	// The first goes back to its welcome: its next renewal lets go.
	one.screen = screenWelcome
	_, release := one.Update(holdTickMsg{})
	if release == nil {
		t.Fatal("a hold left on the welcome is not let go")
	}
	release()
	if !open(two) || two.status != "" {
		t.Fatalf("the assessment left by the first does not open in the second, or the refusal stays (status %q)", two.status)
	}
	// The second ends: the first opens it again.
	two.Close()
	if !open(one) {
		t.Fatalf("an ended program still holds the assessment (status %q)", one.status)
	}
}
