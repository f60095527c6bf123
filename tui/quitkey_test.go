package tui

import (
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// q leaves the questions as it leaves every other screen, with the answers
// saved; in a note it is a letter like any other.
func TestQLeavesTheQuestions(t *testing.T) {
	store := openStore(t)
	d := drive(t, newModel(t, store, "en"), 80, 24)
	d.startFull()
	s := d.until("the first question", func(s snapshot) bool { return s.screen == screenQuestions })
	if !strings.Contains(s.view, "q quit") {
		t.Errorf("the key help does not offer q:\n%s", s.view)
	}
	d.keys("ctrl+e")
	d.typeText("quarterly review")
	d.until("q typed into the note", func(s snapshot) bool { return strings.Contains(s.view, "quarterly review") })
	d.keys("enter", "q")
	d.tm.WaitFinished(t, teatestTimeout())
	drafts, err := store.Drafts(bg(), s.walk.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := drafts[s.item.ID]; got != (storage.Draft{Note: "quarterly review"}) {
		t.Errorf("the note before q: %+v", got)
	}
}

// At a kiosk q is no way out of the questions: a participant pauses with
// ctrl+c, as the help says, and a stray q changes nothing.
func TestKioskQIsNoPause(t *testing.T) {
	store := openStore(t)
	m, _ := kioskModel(t, store)
	d := drive(t, m, 80, 24)
	kioskParticipant(t, d, "Ana", 0)
	s := d.until("a question", func(s snapshot) bool { return s.screen == screenQuestions })
	d.keys("q")
	d.settle()
	if got := d.snap(); got.screen != screenQuestions || got.item.ID != s.item.ID {
		t.Errorf("q at a kiosk left the question:\n%s", got.view)
	}
	if strings.Contains(s.view, "q pause") || !strings.Contains(s.view, "ctrl+c pause") {
		t.Errorf("the kiosk's key help:\n%s", s.view)
	}
}

// q and esc, like tab, say why a typed number cannot be taken and keep it,
// rather than leave it behind unsaved.
func TestLeavingKeysKeepABadNumber(t *testing.T) {
	for _, key := range []string{"q", "esc"} {
		d, _ := onFirstCount(t, openStore(t))
		d.typeText("1.5")
		d.keys(key)
		got := d.until("the refusal", func(s snapshot) bool { return strings.Contains(s.view, "not a whole number") })
		if got.screen != screenQuestions || !strings.Contains(got.view, "1.5") {
			t.Errorf("%s left the number typed:\n%s", key, got.view)
		}
	}
}

// q on the overview leaves as on the questions, with what was typed saved.
func TestQLeavesTheOverview(t *testing.T) {
	store := openStore(t)
	d, s := onFirstCount(t, store)
	d.typeText("1")
	d.keys("esc")
	o := d.until("the overview", func(s snapshot) bool { return s.screen == screenOverview })
	if !strings.Contains(o.view, "q quit") {
		t.Errorf("the overview's help has no q:\n%s", o.view)
	}
	d.keys("q")
	d.tm.WaitFinished(t, teatestTimeout())
	if n := storedAnswers(t, store, s.walk.a.ID); n != 1 {
		t.Errorf("after q the store holds %d answers, want the number typed", n)
	}
}

// onFirstCount starts a full assessment and goes to its first number.
func onFirstCount(t *testing.T, store *storage.Store) (*driver, snapshot) {
	d := drive(t, newModel(t, store, "en"), 80, 24)
	d.startFull()
	s := d.until("the first question", func(s snapshot) bool { return s.screen == screenQuestions })
	return d, d.goTo(t, firstOfKind(s, assessment.KindCount))
}

// firstOfKind is the id of the walk's first item of kind.
func firstOfKind(s snapshot, kind assessment.Kind) string {
	for _, p := range s.walk.pages {
		for _, it := range p.items {
			if it.Kind == kind {
				return it.ID
			}
		}
	}
	return ""
}
