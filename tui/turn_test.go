package tui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// unturn is what a command made with forTurn brings, untagged.
func unturn(msg tea.Msg) tea.Msg {
	if t, ok := msg.(turnMsg); ok {
		return t.msg
	}
	return msg
}

// kioskWithPaused is a kiosk at its welcome, and the resume code of a
// paused assessment of its workshop.
func kioskWithPaused(t *testing.T) (*Model, *assessment.Assessment, string, *testClock) {
	t.Helper()
	store := openStore(t)
	clk := &testClock{t: fixedNow}
	m, w := kioskAt(t, store, clk)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Name: "Ana", Role: "trainer"},
		Language: "en", Mode: assessment.ModeQuick, Workshop: w.Code})
	if err != nil {
		t.Fatal(err)
	}
	code, err := store.ResumeCode(bg(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return m, a, code, clk
}

// Results still loading when the kiosk hands over (ctrl+c, the workshop
// closed, the idle time) are not shown to the next person.
func TestKioskResultsOfAPastTurnAreNotShown(t *testing.T) {
	for _, handOver := range []bool{false, true} {
		m, a, _, _ := kioskWithPaused(t)
		now := fixedNow
		a.CompletedAt = &now
		m.openWalk(a)
		load := m.finish() // completed already: only the results load
		if handOver {
			m.handOver()
		}
		m.Update(load())
		shown := m.screen == screenResults && m.results != nil
		if shown == handOver {
			t.Errorf("handed over %v: results shown %v, on %v", handOver, shown, m.screen)
		}
	}
}

// A right code typed, then esc before the assessment opened: it does not
// open for whoever comes next.
func TestKioskAssessmentOfAPastTurnDoesNotOpen(t *testing.T) {
	for _, handOver := range []bool{false, true} {
		m, a, code, _ := kioskWithPaused(t)
		m.openSecret(screenCode)
		_, open := m.Update(m.try(code)())
		if open == nil {
			t.Fatal("a right code opens nothing")
		}
		if handOver {
			m.Update(keyPress("esc"))
		}
		m.Update(open())
		opened := m.walk != nil && m.walk.a.ID == a.ID
		if opened == handOver {
			t.Errorf("handed over %v: the assessment opened %v, on %v", handOver, opened, m.screen)
		}
	}
}

// A wait read for the PIN prompt, arriving once the participant left it,
// does not hold up the next prompt.
func TestKioskWaitOfAPastTurnIsDropped(t *testing.T) {
	m, _, _, _ := kioskWithPaused(t)
	read := m.openSecret(screenPIN)
	m.Update(keyPress("esc"))
	m.openSecret(screenCode)
	msg := read().(turnMsg)
	msg.msg = guessWaitMsg{until: fixedNow.Add(time.Minute)} // as after wrong PINs
	m.Update(msg)
	if m.waiting() > 0 {
		t.Errorf("the PIN's wait holds the code prompt: %v", m.waiting())
	}
}

// A second enter while a code is checked tries nothing, nor enter with
// nothing typed: an empty try would count as a wrong one and lengthen the
// next wait.
func TestKioskEnterWaitsForTheTry(t *testing.T) {
	m, _, _, clk := kioskWithPaused(t)
	m.openSecret(screenCode)
	for _, r := range "ZZZZ-ZZZZ" {
		m.Update(keyPress(string(r)))
	}
	_, try := m.Update(keyPress("enter"))
	if _, again := m.Update(keyPress("enter")); try == nil || again != nil {
		t.Fatalf("enter tried %v, then again %v", try != nil, again != nil)
	}
	m.Update(try())
	clk.add(time.Minute) // past the wait the wrong code earned
	if _, next := m.Update(keyPress("enter")); next != nil {
		t.Error("enter with nothing typed tried something")
	}
	for _, r := range "ZZZZ-ZZZY" {
		m.Update(keyPress(string(r)))
	}
	if _, next := m.Update(keyPress("enter")); next == nil {
		t.Error("once the answer came, enter does not try again")
	}
}
