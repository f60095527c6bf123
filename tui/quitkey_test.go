package tui

import (
	"strings"
	"testing"

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
