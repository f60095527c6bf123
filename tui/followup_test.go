package tui

import (
	"strings"
	"testing"

	"github.com/digint/digint/storage"
)

// f on the results starts a follow-up only when pressed twice: once, it
// says what a second press does, and another key cancels; a stray f left
// an empty assessment, which then came first on the welcome screen.
func TestFollowUpAsksForASecondF(t *testing.T) {
	m, store, a := resultsModel(t, 100, 30)
	count := func() int {
		list, err := store.List(bg(), storage.Filter{Participant: a.Participant.ID})
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	before := count()
	press(m, "f")
	if count() != before || m.screen != screenResults || !strings.Contains(view(m), "Press f again to start a follow-up") {
		t.Fatalf("one f: %d assessments (%d before), screen %d:\n%s", count(), before, m.screen, view(m))
	}
	press(m, "right", "f") // another key cancels: this f asks again
	if count() != before || m.screen != screenResults {
		t.Fatalf("another key did not cancel: %d assessments, screen %d", count(), m.screen)
	}
	press(m, "f")
	if count() != before+1 || m.screen != screenQuestions {
		t.Errorf("two f: %d assessments (%d before), screen %d", count(), before, m.screen)
	}
}
