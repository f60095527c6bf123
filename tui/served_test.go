package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

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

// servedQuestion drives m to the first question of Ana's new assessment,
// on a 100×30 screen.
func servedQuestion(t *testing.T, m *Model) (*driver, snapshot) {
	t.Helper()
	d := drive(t, m, 100, 30)
	servedStart(d)
	return d, d.until("a question", func(s snapshot) bool { return s.screen == screenQuestions })
}

// servedStart starts Ana's assessment from a served welcome (the start
// form's defaults: a quick scan).
func servedStart(d *driver) {
	d.until("the welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d.keys("enter")
	d.until("the start form", func(s snapshot) bool { return s.screen == screenStart })
	d.settle()
	d.form([]string{"Ana", "enter"}, []string{"enter"}, []string{"enter"}, []string{"enter"})
}

// The results of a served session say how to take them home, with the
// participant's own code, and nothing is written on the server.
func TestServedResultsSayHowToTakeThemHome(t *testing.T) {
	store := openStore(t)
	m, w := servedModel(t, store)
	d := drive(t, m, 100, 30)
	servedStart(d)
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
	if strings.Contains(s.view, "Press e to see") {
		t.Errorf("the take-home screen still says to press e:\n%s", s.view)
	}
	d.keys("esc")
	d.until("the results again", func(s snapshot) bool { return s.screen == screenResults })
}

// Leaving a served session needs no PIN: ctrl+c at the welcome ends it,
// and in the questions it saves and gives the code.
func TestServedLeavesWithoutPIN(t *testing.T) {
	store := openStore(t)
	m, _ := servedModel(t, store)
	d, s := servedQuestion(t, m)
	d.keys(planFor(s.item, 1).keys...)
	if note, code := leaveWithCode(t, store, m, d, s.walk.a.ID); !strings.Contains(note, code) || strings.Contains(note, "PIN") {
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

// The start form of a served session says the name is kept on the
// workshop's server, not on the computer in front of the participant.
func TestServedStartFormSaysWhereTheNameGoes(t *testing.T) {
	d := drive(t, func() *Model { m, _ := servedModel(t, openStore(t)); return m }(), 100, 30)
	d.until("the welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d.keys("enter")
	s := d.until("the start form", func(s snapshot) bool { return s.screen == screenStart })
	if !strings.Contains(s.view, "workshop's server") || strings.Contains(s.view, "this computer") {
		t.Errorf("served start form:\n%s", s.view)
	}
}

// A language chosen on the first screen stays when the participant opens
// the personal-code prompt and goes back with esc (it was reset to the
// server's language).
func TestServedLanguageStaysAfterCodeEsc(t *testing.T) {
	store := openStore(t)
	w, err := store.NewWorkshop(bg(), "", "Bologna workshop", "471147")
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(Options{Store: store, Lang: "en", Workshop: w.Code, WorkshopTitle: w.Title, Policy: Served, AskLanguage: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Update(keyPress("enter")) // the cursor starts on the language
	chosen := m.c.loc.Lang()
	if chosen == "en" {
		t.Fatal("enter on the language entry did not change the language")
	}
	want := ansi.Strip(m.View().Content)
	for _, k := range []string{"up", "enter"} { // "Continue with your personal code"
		m.Update(keyPress(k))
	}
	if m.screen != screenCode {
		t.Fatalf("not on the code prompt: screen %v", m.screen)
	}
	m.Update(keyPress("esc"))
	if m.screen != screenWelcome || m.c.loc.Lang() != chosen {
		t.Fatalf("after esc: screen %v, language %q, want the welcome in %q", m.screen, m.c.loc.Lang(), chosen)
	}
	if got := ansi.Strip(m.View().Content); !strings.Contains(got, firstLine(want)) {
		t.Errorf("the welcome is not in %q any more:\n%s", chosen, got)
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return l
}

// A served session is not woken every second: its one timer fires when
// something is due, here the idle deadline, and then the session leaves.
// (Bubble Tea renders after every message: a tick a second re-rendered
// every session of a room every second.)
func TestServedTimerWaitsForTheDeadline(t *testing.T) {
	store := openStore(t)
	w, err := store.NewWorkshop(bg(), "", "Bologna workshop", "471147")
	if err != nil {
		t.Fatal(err)
	}
	const idle = 3 * time.Second
	m, err := New(Options{Store: store, Lang: "en", Workshop: w.Code, Policy: Served, KioskIdle: idle})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	start := time.Now()
	tick := m.kioskInit()
	got := make(chan tea.Msg, 1)
	go func() { got <- tick() }()
	var msg tea.Msg
	select {
	case msg = <-got:
		if at := time.Since(start); at < idle {
			t.Fatalf("the timer fired after %v, before the idle deadline (%v): %T", at, idle, msg)
		}
	case <-time.After(time.Minute):
		t.Fatal("the timer never fired")
	}
	if _, ok := msg.(kioskTickMsg); !ok {
		t.Fatalf("the timer sent %T", msg)
	}
	m.Update(msg)
	if !m.quitting {
		t.Error("the session did not leave at the idle deadline")
	}
}

// A served session's results offer q to leave, in words for leaving: no
// one takes the seat over, as on a kiosk.
func TestServedResultsSayQuitNotHandOver(t *testing.T) {
	store := openStore(t)
	m, _ := servedModel(t, store)
	help := func(m *Model) string {
		var b strings.Builder
		for _, k := range newResultsKeys(m.c, 5, false, true).help() {
			if k.Enabled() {
				b.WriteString(k.Help().Key + " " + k.Help().Desc + " · ")
			}
		}
		return b.String()
	}
	if h := help(m); strings.Contains(h, "hand over") || !strings.Contains(h, "q quit") {
		t.Errorf("served results help: %s", h)
	}
	k, _ := kioskAt(t, openStore(t), &testClock{t: fixedNow})
	if h := help(k); !strings.Contains(h, "q done – hand over") {
		t.Errorf("kiosk results help: %s", h)
	}
}

// A workshop closed while someone answers over SSH: the session ends
// saying their last answer was not saved and the earlier are kept, with
// the line that takes their results home (continuing is no use now).
func TestServedClosedWhileAnswering(t *testing.T) {
	store := openStore(t)
	m, w := servedModel(t, store)
	d, s := servedQuestion(t, m)
	d.keys(planFor(s.item, 1).keys...)
	d.until("saved", func(s snapshot) bool { return s.waiting == 0 && strings.Contains(s.view, "✓ saved") })
	if err := store.CloseWorkshop(bg(), w.Code, false); err != nil {
		t.Fatal(err)
	}
	s = d.until("the next question", func(s snapshot) bool { return s.screen == screenQuestions })
	d.keys(planFor(s.item, 1).keys...)
	d.tm.WaitFinished(t, teatestTimeout())
	m.Close()
	code, err := store.ResumeCode(bg(), s.walk.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	note := m.ExitNote()
	for _, want := range []string{"your last answer was not saved", "@room report " + code} {
		if !strings.Contains(note, want) {
			t.Errorf("the exit note lacks %q: %q", want, note)
		}
	}
	if strings.Contains(note, "continue") {
		t.Errorf("the exit note offers to continue in a closed workshop: %q", note)
	}
}

// On a kiosk the next person's welcome tells the one refused what became
// of their answers.
func TestKioskClosedWhileAnsweringSaysWhatIsKept(t *testing.T) {
	store := openStore(t)
	m, w := kioskModel(t, store)
	d := drive(t, m, 80, 24)
	kioskParticipant(t, d, "Ana", 1)
	d.until("every write committed", func(s snapshot) bool { return s.waiting == 0 })
	if err := store.CloseWorkshop(bg(), w.Code, false); err != nil {
		t.Fatal(err)
	}
	s := d.until("a question", func(s snapshot) bool { return s.screen == screenQuestions })
	d.keys(planFor(s.item, 1).keys...)
	d.until("the welcome saying what is kept", func(s snapshot) bool {
		return s.screen == screenWelcome && strings.Contains(s.view, "your last answer was not saved")
	})
}

// servedFlaky is a served session whose writes go through a flakyWriter.
// servedAnsweredOffline starts Ana's served session and gives n answers
// while the store refuses every write: they wait to be saved.
func servedAnsweredOffline(t *testing.T, n int) (*storage.Store, *Model, *flakyWriter, *driver) {
	t.Helper()
	store := openStore(t)
	m, f := servedFlaky(t, store)
	d := drive(t, m, 100, 30)
	servedStart(d)
	f.setFailing(true)
	answerDontKnow(d, n)
	return store, m, f, d
}

func servedFlaky(t *testing.T, store *storage.Store) (*Model, *flakyWriter) {
	m, _ := servedModel(t, store)
	f := &flakyWriter{store: store}
	m.c.writes = f
	return m, f
}

// Leaving a served session while the database is away waits for the
// saves as the local wizard does: the screen counts them and offers
// ctrl+c to leave without them; other keys change nothing; a second
// ctrl+c ends the session, and what was not saved is said, not called
// saved.
func TestServedLeaveWaitsForSavesThenGivesUp(t *testing.T) {
	store, m, _, d := servedAnsweredOffline(t, 2)
	d.until("the saves waiting", func(s snapshot) bool { return strings.Contains(s.view, "Not saved yet (2 waiting)") })
	d.keys("ctrl+c")
	s := d.until("saving before leaving", func(s snapshot) bool {
		return strings.Contains(s.view, "Saving 2 answers before leaving")
	})
	if !strings.Contains(s.view, "ctrl+c leave without waiting") || strings.Contains(s.view, "ctrl+c quit") {
		t.Errorf("the key help while saving before leaving:\n%s", s.view)
	}
	d.keys("down", "q", "esc")
	d.settle()
	if s := d.snap(); !strings.Contains(s.view, "Saving 2 answers before leaving") {
		t.Errorf("a key other than ctrl+c changed the screen:\n%s", s.view)
	}
	d.keys("ctrl+c")
	d.finished("a second ctrl+c")
	m.Close()
	note := m.ExitNote()
	if strings.Contains(note, "saved") || !strings.Contains(note, "Your personal code: ") {
		t.Errorf("the exit note: %q", note)
	}
	if err := m.Err(); err == nil || !strings.Contains(err.Error(), "2 answers were not saved") {
		t.Errorf("the error: %v; want the 2 answers not saved", err)
	}
	if n := storedAnswers(t, store, s.walk.a.ID); n != 0 {
		t.Errorf("the store holds %d answers, want 0", n)
	}
}

// The database back while a served session saves before leaving: the
// session ends by itself, saying the answers are saved (they are now),
// with the personal code.
func TestServedLeaveEndsOnceSaved(t *testing.T) {
	store, m, f, d := servedAnsweredOffline(t, 1)
	d.keys("ctrl+c")
	s := d.until("saving before leaving", func(s snapshot) bool {
		return strings.Contains(s.view, "Saving 1 answer before leaving")
	})
	f.setFailing(false)
	d.finished("the saves done")
	m.Close()
	savedWithCode(t, store, m, s.walk.a.ID, 1)
}

// savedWithCode checks, once m is closed, that its exit note calls the
// answers saved and gives assessment id's code, and that the store holds
// its n answers.
func savedWithCode(t *testing.T, store *storage.Store, m *Model, id string, n int) {
	t.Helper()
	code, err := store.ResumeCode(bg(), id)
	if err != nil {
		t.Fatal(err)
	}
	if note := m.ExitNote(); !strings.Contains(note, "Your answers are saved.\nYour personal code: "+code) || m.Err() != nil {
		t.Errorf("the exit note %q, error %v", note, m.Err())
	}
	if got := storedAnswers(t, store, id); got != n {
		t.Errorf("the store holds %d answers, want %d", got, n)
	}
}

// A served program cut while it saves before leaving (the server's grace
// ran out while the database was away): the session says it is still
// saving, and once the database is back and the saves are done, the
// participant is told they are saved and given their code, as leaving
// would have.
func TestServedCutWhileSavingStillGivesTheCode(t *testing.T) {
	store, m, f, d := servedAnsweredOffline(t, 1)
	d.tm.Send(EndMsg{Why: EndClosing})
	s := d.until("saving before leaving", func(s snapshot) bool {
		return strings.Contains(s.view, "Saving 1 answer before leaving")
	})
	if err := d.tm.Quit(); err != nil { // cut, as the server's Kill does
		t.Fatal(err)
	}
	d.finished("the cut")
	if saving := m.Saving(); saving != "Saving 1 answer before leaving…" {
		t.Errorf("once cut, the session says %q", saving)
	}
	f.setFailing(false)
	m.Close()
	savedWithCode(t, store, m, s.walk.a.ID, 1)
	if m.Saving() != "" {
		t.Errorf("after Close, the session still says %q", m.Saving())
	}
}

// The server stopping while a session is still on the welcome (nothing
// answered): it is told the server closes and goodbye, once, and not
// that answers are saved.
func TestServedClosingOnTheWelcomeSaysGoodbye(t *testing.T) {
	for _, tc := range []struct{ lang, want string }{
		{"en", "The server is closing.\nGoodbye."},
		{"fr", "Le serveur s’arrête.\nAu revoir."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			m, _ := servedModel(t, openStore(t))
			if err := m.c.setLanguage(tc.lang); err != nil {
				t.Fatal(err)
			}
			d := drive(t, m, 100, 30)
			d.until("the welcome", func(s snapshot) bool { return s.screen == screenWelcome })
			d.tm.Send(EndMsg{Why: EndClosing})
			d.finished("the server closing")
			m.Close()
			if note := m.ExitNote(); note != tc.want || m.Err() != nil {
				t.Errorf("exit note %q, error %v; want %q", note, m.Err(), tc.want)
			}
		})
	}
}

// Leaving right after the start form, before any answer: the code comes,
// but nothing is called saved that was never given.
func TestServedLeavingBeforeAnyAnswerCallsNothingSaved(t *testing.T) {
	store := openStore(t)
	m, _ := servedModel(t, store)
	d, s := servedQuestion(t, m)
	if note, code := leaveWithCode(t, store, m, d, s.walk.a.ID); !strings.Contains(note, code) || strings.Contains(note, "answers are saved") {
		t.Errorf("the exit note: %q", note)
	}
}

// leaveWithCode leaves a served session with ctrl+c, once its program has
// ended: its exit note, and the resume code the store gave assessment id.
func leaveWithCode(t *testing.T, store *storage.Store, m *Model, d *driver, id string) (note, code string) {
	t.Helper()
	d.keys("ctrl+c")
	d.tm.WaitFinished(t, teatestTimeout())
	m.Close()
	code, err := store.ResumeCode(bg(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m.ExitNote(), code
}
