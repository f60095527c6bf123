package tui

import (
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// Answering a question opened from the review goes back to the review
// while others are open, and on to the results once none is: never on to
// an unrelated question answered before.
func TestAnsweringFromTheReviewGoesBack(t *testing.T) {
	store := openStore(t)
	m := newModel(t, store, "en")
	a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Language: "en", Mode: assessment.ModeFull})
	if err != nil {
		t.Fatal(err)
	}
	// Leave two maturity items open, each followed by answered items.
	var open []string
	for _, it := range store.Catalog().Current().Asked(a.Mode) {
		if it.Kind == assessment.KindMaturity && !it.IsGate() && len(open) < 2 && it.ID != "" {
			if len(open) == 0 || it.Section != "curriculum" {
				open = append(open, it.ID)
				continue
			}
		}
		if it.Optional() {
			continue
		}
		ans := assessment.Answer{Item: it.ID, Status: assessment.StatusUnknown}
		a.Answers = append(a.Answers, ans)
	}
	m.openWalk(a)
	m.openReview()
	for i, id := range open {
		m.review = 0
		m.updateReview(keyPress("enter"))
		if m.screen != screenQuestions || m.walk.item().ID != id {
			t.Fatalf("the review opened %v, want %s", m.walk.item().ID, id)
		}
		m.updateQuestions(keyPress("2"))
		if _, ok := m.walk.answers[id]; !ok {
			t.Fatalf("%s not answered", id)
		}
		if i == 0 && m.screen != screenReview {
			t.Errorf("after answering %s: screen %d on %s, want the review", id, m.screen, m.walk.item().ID)
		}
		// The results load in a command; finishing marks the assessment
		// complete at once, and the walk stays where it was meanwhile.
		if i == 1 && (m.walk.a.CompletedAt == nil || m.walk.item().ID != id) {
			t.Errorf("after the last open question: on %s, completed %v; want the results", m.walk.item().ID, m.walk.a.CompletedAt)
		}
	}
}
