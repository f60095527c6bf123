package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/storage"
)

func servedModel(t *testing.T, store *storage.Store) (*Model, storage.Workshop) {
	t.Helper()
	w, err := store.NewWorkshop(bg(), "", "Bologna workshop", "471147")
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(Options{Store: store, Lang: "en", Now: func() time.Time { return fixedNow }, Workshop: w.Code,
		WorkshopTitle: w.Title, Policy: Served, SSHLine: "ssh -p 2222 " + w.Code + "@room"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	return m, w
}

// The results of a served session say how to take them home, with the
// participant's own code, and nothing is written on the server.
func TestServedResultsSayHowToTakeThemHome(t *testing.T) {
	store := openStore(t)
	m, w := servedModel(t, store)
	d := drive(t, m, 100, 30)
	d.until("the welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d.keys("enter")
	d.until("the start form", func(s snapshot) bool { return s.screen == screenStart })
	d.settle()
	d.form([]string{"Ana", "enter"}, []string{"enter"}, []string{"enter"}, []string{"enter"})
	s := kioskFinish(t, d)
	if !strings.Contains(s.status, "Press e to see how to take your results home") {
		t.Errorf("the results' status: %q", s.status)
	}
	code, err := store.ResumeCode(bg(), s.results.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	d.keys("e")
	s = d.until("the take-home screen", func(s snapshot) bool {
		return s.screen == screenSaveTo && strings.Contains(s.view, code)
	})
	want := "ssh -p 2222 " + w.Code + "@room report " + code + " > my-report.html"
	if !strings.Contains(s.view, want) {
		t.Errorf("the take-home screen lacks %q:\n%s", want, s.view)
	}
	d.keys("esc")
	d.until("the results again", func(s snapshot) bool { return s.screen == screenResults })
}

// Leaving a served session needs no PIN: ctrl+c at the welcome ends it,
// and in the questions it saves and gives the code.
func TestServedLeavesWithoutPIN(t *testing.T) {
	store := openStore(t)
	m, _ := servedModel(t, store)
	d := drive(t, m, 100, 30)
	d.until("the welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d.keys("enter")
	d.until("the start form", func(s snapshot) bool { return s.screen == screenStart })
	d.settle()
	d.form([]string{"Ana", "enter"}, []string{"enter"}, []string{"enter"}, []string{"enter"})
	s := d.until("a question", func(s snapshot) bool { return s.screen == screenQuestions })
	d.keys(planFor(s.item, 1).keys...)
	d.keys("ctrl+c")
	d.tm.WaitFinished(t, teatestTimeout())
	m.Close()
	code, err := store.ResumeCode(bg(), s.walk.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if note := m.ExitNote(); !strings.Contains(note, code) || strings.Contains(note, "PIN") {
		t.Errorf("the exit note: %q", note)
	}
	a, err := store.Assessment(bg(), s.walk.a.ID)
	if err != nil || len(a.Answers) != 1 {
		t.Errorf("stored: %v %v", a, err)
	}
}

// A served welcome says where the answers really go: the server, not the
// computer in front of the participant.
func TestServedWelcomeSaysWhereAnswersGo(t *testing.T) {
	m, _ := servedModel(t, openStore(t))
	if cmd := m.listUnfinished(); cmd != nil {
		m.Update(cmd())
	}
	v := render(m, 100, 30)
	if !strings.Contains(v, "workshop's server") || strings.Contains(v, "saved on this computer") {
		t.Errorf("served welcome:\n%s", v)
	}
}
