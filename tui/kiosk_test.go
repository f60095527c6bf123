package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/storage"
)

func kioskModel(t *testing.T, store *storage.Store) (*Model, storage.Workshop) {
	t.Helper()
	w, err := store.NewWorkshop(bg(), "", "Bologna workshop", "471147")
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(Options{Store: store, Lang: "en", Now: func() time.Time { return fixedNow }, ExportDir: t.TempDir(),
		Workshop: w.Code, WorkshopTitle: w.Title, Kiosk: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	return m, w
}

// kioskParticipant starts an assessment under a name and answers the first
// few questions, noting on each an answer only this person gave.
func kioskParticipant(t *testing.T, d *driver, name string, answers int) {
	s := d.until("the kiosk welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	for _, other := range []string{"Ana", "Ben", "Chiara"} {
		if other != name && strings.Contains(s.view, other) {
			t.Errorf("%s sees %s on the welcome screen:\n%s", name, other, s.view)
		}
	}
	if strings.Contains(s.view, "Continue:") || strings.Contains(s.view, "Results:") {
		t.Errorf("the kiosk welcome lists earlier assessments:\n%s", s.view)
	}
	d.keys("enter")
	d.until("the start form", func(s snapshot) bool { return s.screen == screenStart })
	d.settle()
	d.form([]string{name, "enter"}, []string{"enter"}, []string{"enter"}, []string{"enter"})
	for n := 0; n < answers; n++ {
		s := d.until("a question", func(s snapshot) bool { return s.screen == screenQuestions })
		d.keys(planFor(s.item, n).keys...)
		d.until("the next question", func(x snapshot) bool { return x.item == nil || x.item.ID != s.item.ID })
		d.keys("ctrl+e")
		d.typeText("note of " + name)
		d.keys("enter")
	}
}

// Three people in turn on one laptop: the third sees nothing of the first
// two, a paused participant comes back only with their code, and only the
// PIN ends kiosk mode.
func TestKioskThreeParticipants(t *testing.T) {
	store := openStore(t)
	m, w := kioskModel(t, store)
	d := drive(t, m, 80, 24)

	// Ana finishes a quick scan and hands over.
	kioskParticipant(t, d, "Ana", 0)
	for {
		s := d.until("a question or the review", func(s snapshot) bool { return s.screen == screenQuestions || s.screen == screenReview })
		if s.screen == screenReview {
			break
		}
		d.keys(planFor(s.item, 1).keys...)
		d.until("the next", func(x snapshot) bool { return x.screen != screenQuestions || x.item.ID != s.item.ID })
	}
	d.keys("r")
	s := d.until("Ana's results", func(s snapshot) bool { return s.screen == screenResults && s.results != nil })
	if s.results.progress != nil {
		t.Error("kiosk results compare with an earlier assessment")
	}
	d.keys("d")
	if v := d.snap().view; !strings.Contains(v, "Press d again") {
		t.Errorf("no confirmation before handing over:\n%s", v)
	}
	d.keys("d")
	d.until("the welcome screen again", func(s snapshot) bool { return s.screen == screenWelcome && s.walk == nil })

	// Ben answers two questions, then pauses with ctrl+c: he gets a code.
	kioskParticipant(t, d, "Ben", 2)
	d.keys("ctrl+c")
	s = d.until("Ben's code", func(s snapshot) bool { return s.screen == screenPaused })
	code := d.m.kiosk.code
	if len(code) != 9 || !strings.Contains(s.view, code) {
		t.Fatalf("no code shown:\n%s", s.view)
	}
	d.keys("enter")

	// Chiara sees nothing of Ana or Ben, anywhere she can go.
	kioskParticipant(t, d, "Chiara", 2)
	for _, k := range []string{"esc", "r", "esc"} { // overview, review, back
		d.keys(k)
		v := d.snap().view
		for _, secret := range []string{"Ana", "Ben", "note of Ana", "note of Ben"} {
			if strings.Contains(v, secret) {
				t.Errorf("Chiara sees %q:\n%s", secret, v)
			}
		}
	}
	d.keys("ctrl+c")
	d.until("Chiara's code", func(s snapshot) bool { return s.screen == screenPaused })
	d.keys("enter")

	// A wrong code opens nothing; Ben's code opens Ben's assessment.
	d.until("welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d.keys("down", "enter")
	d.until("the code prompt", func(s snapshot) bool { return s.screen == screenCode })
	d.typeText("ZZZZ-ZZZZ")
	d.keys("enter")
	s = d.until("a refusal", func(s snapshot) bool { return strings.Contains(s.view, "No paused assessment") })
	d.typeText(strings.ToLower(code))
	d.keys("enter")
	s = d.until("Ben's questions", func(s snapshot) bool { return s.screen == screenQuestions })
	if s.walk.a.Participant.Name != "Ben" || len(s.walk.answers) != 2 {
		t.Errorf("the code opened %s with %d answers", s.walk.a.Participant.Name, len(s.walk.answers))
	}
	d.keys("ctrl+c")
	d.until("Ben's code again", func(s snapshot) bool { return s.screen == screenPaused })
	d.keys("enter")

	// Leaving needs the PIN.
	d.until("welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d.keys("ctrl+c")
	d.until("the PIN prompt", func(s snapshot) bool { return s.screen == screenPIN })
	d.typeText("123456")
	d.keys("enter")
	s = d.until("a refusal", func(s snapshot) bool { return strings.Contains(s.view, "not the PIN") })
	if strings.Contains(s.view, "1234") {
		t.Error("the PIN is shown as typed")
	}
	d.typeText("471147")
	d.keys("enter")
	d.tm.WaitFinished(t, teatestTimeout())
	d.m.Close()

	// Everyone's answers are in the workshop.
	list, err := store.List(bg(), storage.Filter{Workshop: w.Code})
	if err != nil || len(list) != 3 {
		t.Fatalf("workshop has %d assessments (%v)", len(list), err)
	}
	done := 0
	for _, a := range list {
		if a.CompletedAt != nil {
			done++
		}
	}
	if done != 1 {
		t.Errorf("%d completed, want Ana's alone", done)
	}
}
