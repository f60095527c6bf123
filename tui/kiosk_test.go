package tui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

func kioskModel(t *testing.T, store *storage.Store) (*Model, storage.Workshop) {
	t.Helper()
	w, err := store.NewWorkshop(bg(), "", "Bologna workshop", "471147")
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(Options{Store: store, Lang: "en", Now: func() time.Time { return fixedNow }, ExportDir: t.TempDir(),
		Workshop: w.Code, WorkshopTitle: w.Title, Policy: Kiosk})
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
	answerToReview(d)
	d.keys("r")
	s := d.until("Ana's results", func(s snapshot) bool { return s.screen == screenResults && s.results != nil })
	if s.results.rep.Progress != nil {
		t.Error("kiosk results compare with an earlier assessment")
	}
	d.keys("q")
	if v := d.snap().view; !strings.Contains(v, "Press q again") {
		t.Errorf("no confirmation before handing over:\n%s", v)
	}
	d.keys("q")
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
	if s.walk.a.Participant.Name != "Ben" || len(s.answers) != 2 {
		t.Errorf("the code opened %s with %d answers", s.walk.a.Participant.Name, len(s.answers))
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

// kioskState is what a kiosk test looks at beyond the screen: taken in the
// program's goroutine, so it races with nothing.
type kioskState struct {
	results, editor, walk bool
	code, status, lang    string
}

type kioskProbe struct{ reply chan kioskState }

// kioskHarness answers kioskProbes too.
type kioskHarness struct{ harness }

func (h kioskHarness) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if p, ok := msg.(kioskProbe); ok {
		m := h.m
		p.reply <- kioskState{results: m.results != nil, editor: m.ed != nil, walk: m.walk != nil,
			code: m.kiosk.code, status: m.status, lang: m.c.loc.Lang()}
		return h, nil
	}
	_, cmd := h.harness.Update(msg)
	return h, cmd
}

func driveKiosk(t *testing.T, m *Model) *driver {
	tm := teatest.NewTestModel(t, kioskHarness{harness{m}}, teatest.WithInitialTermSize(80, 24))
	endWithTest(t, tm)
	return &driver{t: t, tm: tm, m: m}
}

func (d *driver) kioskState() kioskState {
	reply := make(chan kioskState, 1)
	d.tm.Send(kioskProbe{reply})
	select {
	case s := <-reply:
		return s
	case <-time.After(10 * time.Second):
		d.t.Fatal("the program did not answer a probe")
	}
	return kioskState{}
}

// testClock is a Now that moves only when a test says so.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// kioskAt is a kiosk whose model and store share a clock the test moves,
// writing exports (outside kiosk mode) to the current folder.
func kioskAt(t *testing.T, store *storage.Store, clk *testClock) (*Model, storage.Workshop) {
	t.Helper()
	store.Now = clk.Now
	w, err := store.NewWorkshop(bg(), "", "Bologna workshop", "471147")
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(Options{Store: store, Lang: "en", Now: clk.Now, Workshop: w.Code, WorkshopTitle: w.Title, Policy: Kiosk})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	return m, w
}

// kioskFinish answers every open question and opens the results.
func kioskFinish(t *testing.T, d *driver) snapshot {
	for n := 0; ; n++ {
		s := d.until("a question or the review", func(s snapshot) bool { return s.screen == screenQuestions || s.screen == screenReview })
		if s.screen == screenReview {
			break
		}
		d.keys(planFor(s.item, 1).keys...)
		d.until("the next", func(x snapshot) bool { return x.screen != screenQuestions || x.item.ID != s.item.ID })
	}
	d.keys("r")
	return d.until("the results", func(s snapshot) bool { return s.screen == screenResults && s.results != nil })
}

// A kiosk left alone saves what was typed and returns to a clean welcome:
// nothing of the last person (name, notes, code, results, status, their
// language) stays on the screen or in the model.
func TestKioskIdleHandsOver(t *testing.T) {
	store := openStore(t)
	clk := &testClock{t: fixedNow}
	m, w := kioskAt(t, store, clk)
	d := driveKiosk(t, m)
	clean := func(who string) {
		t.Helper()
		s := d.until("the clean welcome", func(s snapshot) bool { return s.screen == screenWelcome && s.walk == nil })
		for _, secret := range []string{who, "note of " + who, "✓", "✗", "Lingua"} {
			if strings.Contains(s.view, secret) {
				t.Errorf("after the idle hand-over the welcome shows %q:\n%s", secret, s.view)
			}
		}
		if k := d.kioskState(); k.results || k.editor || k.walk || k.code != "" || k.status != "" || k.lang != "en" {
			t.Errorf("the model keeps the last person's state: %+v", k)
		}
	}

	// Ana answers, ticks an option or types a count without enter, and
	// walks away.
	kioskParticipant(t, d, "Ana", 2)
	var pending string
	for n := 0; pending == ""; n++ {
		s := d.until("a question", func(s snapshot) bool { return s.screen == screenQuestions })
		switch s.item.Kind {
		case assessment.KindMulti:
			d.keys("1")
			pending = s.item.ID
		case assessment.KindCount:
			d.typeText("42")
			pending = s.item.ID
		default:
			d.keys(planFor(s.item, n).keys...)
			d.until("the next question", func(x snapshot) bool { return x.item == nil || x.item.ID != s.item.ID })
		}
	}
	d.settle()
	clk.add(2 * time.Minute)
	d.settle()
	if d.snap().screen != screenQuestions {
		t.Fatal("the kiosk handed over before the idle time")
	}
	clk.add(2 * time.Minute)
	clean("Ana")
	list, err := store.List(bg(), storage.Filter{Workshop: w.Code})
	if err != nil || len(list) != 1 {
		t.Fatalf("%d assessments, %v", len(list), err)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) { // the save runs in the background
		a, _ := store.Assessment(bg(), list[0].ID)
		if _, ok := assessment.Index(a.Answers)[pending]; ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("what Ana typed on %s was not saved at the idle hand-over", pending)
		}
	}

	// Ben pauses and leaves his code on the screen.
	kioskParticipant(t, d, "Ben", 1)
	d.keys("ctrl+c")
	d.until("Ben's code", func(s snapshot) bool { return s.screen == screenPaused })
	code := d.kioskState().code
	clk.add(4 * time.Minute)
	clean("Ben")
	if v := d.snap().view; strings.Contains(v, code) {
		t.Errorf("Ben's code %s stays on the screen:\n%s", code, v)
	}

	// Chiara switches to Italian, finishes and leaves her results.
	d.keys("l")
	d.until("Italian", func(s snapshot) bool { return strings.Contains(s.view, "Lingua") })
	kioskParticipant(t, d, "Chiara", 0)
	kioskFinish(t, d)
	clk.add(4 * time.Minute)
	clean("Chiara")
	if s := d.snap(); !strings.Contains(s.view, "Language: English") {
		t.Errorf("the next person gets Chiara's language:\n%s", s.view)
	}
}

// The facilitator closes and erases the workshop while the kiosk runs: the
// participant at it is told, and nothing more is saved into the workshop.
func TestKioskWorkshopClosedWhileRunning(t *testing.T) {
	store := openStore(t)
	m, w := kioskModel(t, store)
	d := drive(t, m, 80, 24)
	kioskParticipant(t, d, "Ana", 1)
	// Her note is stored before the closure, whose refusal of it would
	// otherwise end her walk before the next answer.
	d.until("every write committed", func(s snapshot) bool { return s.waiting == 0 })

	// Another program (the facilitator's command) closes it.
	other, err := storage.Open(store.Path(), store.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	if err := other.CloseWorkshop(bg(), w.Code, true); err != nil {
		t.Fatal(err)
	}
	other.Close()

	s := d.until("a question", func(s snapshot) bool { return s.screen == screenQuestions })
	d.keys(planFor(s.item, 1).keys...)
	s = d.until("the welcome saying so", func(s snapshot) bool {
		return s.screen == screenWelcome && strings.Contains(s.view, "closed this workshop")
	})
	if strings.Contains(s.view, "Ana") || s.walk != nil {
		t.Errorf("Ana's assessment stays after the closure:\n%s", s.view)
	}

	// The next person cannot start: the welcome says why.
	d.keys("enter")
	s = d.snap()
	if s.screen != screenWelcome || !strings.Contains(s.view, "closed this workshop") {
		t.Errorf("a new participant could start in a closed workshop:\n%s", s.view)
	}
	if list, err := store.List(bg(), storage.Filter{Workshop: w.Code}); err != nil || len(list) != 0 {
		t.Errorf("the erased workshop holds %d assessments (%v)", len(list), err)
	}
	// The PIN still ends kiosk mode.
	d.keys("ctrl+c")
	d.until("the PIN prompt", func(s snapshot) bool { return s.screen == screenPIN })
	d.typeText("471147")
	d.keys("enter")
	d.finished("the PIN")
}

// Wrong PINs make the next try wait, on screen as a countdown; a try
// during it is refused, even the right PIN; a restart keeps the wait.
func TestKioskPINWaits(t *testing.T) {
	store := openStore(t)
	clk := &testClock{t: fixedNow}
	m, w := kioskAt(t, store, clk)
	d := drive(t, m, 80, 24)
	d.until("welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d.keys("ctrl+c")
	d.until("the PIN prompt", func(s snapshot) bool { return s.screen == screenPIN })
	d.typeText("000000")
	d.keys("enter")
	d.until("a countdown", func(s snapshot) bool {
		return strings.Contains(s.view, "not the PIN") && strings.Contains(s.view, "try again in 1 second")
	})
	d.keys("enter") // nothing typed: nothing tried, the wait does not grow
	d.typeText("000001")
	s := d.snap()
	if strings.Contains(s.view, "not the PIN") {
		t.Errorf("the refusal of the PIN typed before stays as another is typed:\n%s", s.view)
	}
	d.keys("enter")
	d.settle()
	if s := d.snap(); s.screen != screenPIN || s.trying || !strings.Contains(s.view, "try again in 1 second") ||
		!strings.Contains(s.view, "tried as soon as the wait ends") {
		t.Fatalf("a PIN entered during the wait was tried at once, or not said to wait:\n%s", s.view)
	}
	clk.add(time.Second)
	d.until("the PIN entered during the wait tried once it ends", func(s snapshot) bool {
		return !s.trying && strings.Contains(s.view, "not the PIN") && strings.Contains(s.view, "try again in 2 seconds")
	})
	clk.add(time.Minute)
	d.until("its end", func(s snapshot) bool { return !strings.Contains(s.view, "try again") })

	// Two more wrong ones: the wait grows to 8 s, and survives a restart.
	for _, want := range []string{"4 seconds", "8 seconds"} {
		d.typeText("000000")
		d.keys("enter")
		// The try's own answer, not the wait read as the prompt opened
		// (which may come late, after the try recorded it).
		d.until("a countdown of "+want, func(s snapshot) bool { return !s.trying && strings.Contains(s.view, "try again in "+want) })
		if want != "8 seconds" {
			clk.add(time.Minute)
			d.until("its end", func(s snapshot) bool { return !strings.Contains(s.view, "try again") })
		}
	}
	d.keys("esc")

	m2, err := New(Options{Store: store, Lang: "en", Now: clk.Now, Workshop: w.Code, WorkshopTitle: "again", Policy: Kiosk})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m2.Close)
	d2 := drive(t, m2, 80, 24)
	d2.until("welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d2.keys("ctrl+c")
	d2.until("the wait on opening the prompt", func(s snapshot) bool {
		return s.screen == screenPIN && strings.Contains(s.view, "try again in")
	})
	d2.typeText("471147")
	d2.keys("enter")
	d2.settle()
	if d2.snap().screen != screenPIN {
		t.Fatal("a restart reset the wait")
	}
	clk.add(10 * time.Second) // past the 8 s, short of the kiosk's idle hand-over
	d2.until("the countdown ends", func(s snapshot) bool {
		return s.screen == screenPIN && !strings.Contains(s.view, "try again")
	})
	d2.keys("enter")
	d2.finished("the right PIN")
}

// Wrong resume codes wait too.
func TestKioskCodeWaits(t *testing.T) {
	store := openStore(t)
	clk := &testClock{t: fixedNow}
	m, _ := kioskAt(t, store, clk)
	d := drive(t, m, 80, 24)
	d.until("welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d.keys("down", "enter")
	d.until("the code prompt", func(s snapshot) bool { return s.screen == screenCode })
	for _, want := range []string{"1 second", "2 seconds"} {
		d.typeText("ZZZZ-ZZZZ")
		d.keys("enter")
		// The try's own answer, not the wait read as the prompt opened
		// (which may come late, after the try recorded it).
		d.until("a countdown of "+want, func(s snapshot) bool { return !s.trying && strings.Contains(s.view, "try again in "+want) })
		clk.add(3 * time.Second)
		d.until("its end", func(s snapshot) bool { return !strings.Contains(s.view, "try again") })
	}
}

// The wait read when the prompt opens runs beside the first try: when it
// comes back last, it must not end the countdown that try started.
func TestKioskLateWaitKeepsTheCountdown(t *testing.T) {
	store := openStore(t)
	clk := &testClock{t: fixedNow}
	m, _ := kioskAt(t, store, clk)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.openSecret(screenCode)
	m.Update(codeMsg{until: fixedNow.Add(time.Second)})
	m.Update(guessWaitMsg{}) // read before the wrong try was counted
	if !strings.Contains(m.View().Content, "try again in 1 second") {
		t.Errorf("the countdown ended when an earlier reading arrived:\n%s", m.View().Content)
	}
}

// In kiosk mode e writes nothing to the laptop's folders: the participant
// types where (an absolute path, a new file, never through a link).
func TestKioskExportOnlyWhereTyped(t *testing.T) {
	cwd := t.TempDir()
	t.Chdir(cwd)
	stick := t.TempDir()
	store := openStore(t)
	clk := &testClock{t: fixedNow}
	m, _ := kioskAt(t, store, clk)
	d := drive(t, m, 80, 24)
	kioskParticipant(t, d, "Ana", 1)
	kioskFinish(t, d)
	d.keys("e")
	d.settle()
	if s := d.snap(); !strings.Contains(s.view, "not written to this laptop") || !strings.Contains(s.view, "report") {
		t.Errorf("e does not say where results go:\n%s", s.view)
	}
	try := func(path, want string) {
		t.Helper()
		d.typeText(path)
		d.keys("enter")
		d.until(want, func(s snapshot) bool { return strings.Contains(s.view, want) })
		for range path {
			d.keys("backspace")
		}
	}
	try("ana.json", "full path")
	try(filepath.Join(stick, "nowhere", "ana.json"), "does not exist")
	// A folder that is not there (no stick in) is not taken as a file's
	// name: nothing of Ana's lands beside it.
	try(filepath.Join(stick, "usb"), "There is no folder")
	target := filepath.Join(t.TempDir(), "victim")
	os.WriteFile(target, []byte("keep"), 0o644)
	link := filepath.Join(stick, "link.json")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	try(link, "there already")
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Errorf("the link's target was written: %q", b)
	}

	path := filepath.Join(stick, "ana.json")
	d.typeText(path)
	d.keys("enter")
	s := d.until("the results again", func(s snapshot) bool { return s.screen == screenResults })
	if !strings.Contains(s.status, path) {
		t.Errorf("status %q does not name %s", s.status, path)
	}
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode() != 0o600 {
		t.Fatalf("the file written: %v %v", fi, err)
	}
	doc, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(doc), `"Ana"`) || !strings.Contains(string(doc), "note of Ana") {
		t.Errorf("the file lacks Ana's results: %v", err)
	}
	d.keys("e")
	try(path, "there already")
	d.keys("esc")
	d.until("the results", func(s snapshot) bool { return s.screen == screenResults })

	for _, dir := range []string{cwd, stick} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if dir == cwd || (e.Name() != "ana.json" && e.Name() != "link.json") {
				t.Errorf("kiosk mode left %s in %s", e.Name(), dir)
			}
		}
	}
}

// A kiosk waiting at its welcome notices the workshop was closed before
// the next person types their name.
func TestKioskWelcomeNoticesClosure(t *testing.T) {
	store := openStore(t)
	clk := &testClock{t: fixedNow}
	m, w := kioskAt(t, store, clk)
	d := drive(t, m, 80, 24)
	d.until("welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	if err := store.CloseWorkshop(bg(), w.Code, false); err != nil {
		t.Fatal(err)
	}
	clk.add(20 * time.Second)
	d.until("the welcome saying so", func(s snapshot) bool { return strings.Contains(s.view, "closed this workshop") })
	d.keys("enter")
	if s := d.snap(); s.screen != screenWelcome {
		t.Errorf("the start form opened in a closed workshop:\n%s", s.view)
	}
}

// A participant who pauses reads their code's explanation in their own
// language; the next person starts in the kiosk's.
func TestKioskPausedInParticipantsLanguage(t *testing.T) {
	store := openStore(t)
	m, _ := kioskModel(t, store)
	d := driveKiosk(t, m)
	d.until("welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d.keys("l")
	d.until("Italian", func(s snapshot) bool { return strings.Contains(s.view, "Lingua") })
	d.keys("enter")
	d.until("the start form", func(s snapshot) bool { return s.screen == screenStart })
	d.settle()
	d.form([]string{"Giulia", "enter"}, []string{"enter"}, []string{"enter"}, []string{"enter"})
	d.until("a question", func(s snapshot) bool { return s.screen == screenQuestions })
	d.keys("ctrl+c")
	s := d.until("the code", func(s snapshot) bool { return s.screen == screenPaused })
	if !strings.Contains(s.view, "Le vostre risposte sono salvate") {
		t.Errorf("the code is not explained in Italian:\n%s", s.view)
	}
	d.keys("enter")
	s = d.until("welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	if k := d.kioskState(); k.lang != "en" || !strings.Contains(s.view, "Language: English") {
		t.Errorf("the next person starts in %s:\n%s", k.lang, s.view)
	}
}

// kioskResultsAndStick is a kiosk on Ana's results, in a folder of its own,
// and an empty folder standing for her USB stick.
func kioskResultsAndStick(t *testing.T) (*driver, string) {
	t.Chdir(t.TempDir())
	stick := t.TempDir()
	m, _ := kioskAt(t, openStore(t), &testClock{t: fixedNow})
	d := drive(t, m, 80, 24)
	kioskParticipant(t, d, "Ana", 1)
	kioskFinish(t, d)
	return d, stick
}

// A name ending in .html takes the report as a page to read and print,
// not the document meant for import.
func TestKioskSavesAPageWhenAskedFor(t *testing.T) {
	d, stick := kioskResultsAndStick(t)
	d.keys("e")
	d.settle()
	path := filepath.Join(stick, "ana.html")
	d.typeText(path)
	d.keys("enter")
	d.until("the results again", func(s snapshot) bool { return s.screen == screenResults })
	page, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(page), "<html") || strings.Contains(string(page), `"format"`) {
		t.Fatalf("%s is no report page: %v\n%.200s", path, err, page)
	}
	if fi, _ := os.Stat(path); fi.Mode() != 0o600 {
		t.Errorf("the page is %v, not its owner's only", fi.Mode())
	}
}

// A note being typed when the kiosk hands over for want of keys is kept,
// as a draft of its question (the README promises what was typed).
func TestKioskIdleKeepsANoteBeingTyped(t *testing.T) {
	store := openStore(t)
	clk := &testClock{t: fixedNow}
	m, w := kioskAt(t, store, clk)
	d := driveKiosk(t, m)
	kioskParticipant(t, d, "Dana", 1)
	s := d.until("a question", func(s snapshot) bool { return s.screen == screenQuestions })
	d.keys("ctrl+e")
	d.typeText("half typed note")
	d.settle()
	clk.add(4 * time.Minute)
	d.until("the clean welcome", func(s snapshot) bool { return s.screen == screenWelcome && s.walk == nil })
	list, err := store.List(bg(), storage.Filter{Workshop: w.Code})
	if err != nil || len(list) != 1 {
		t.Fatalf("%d assessments, %v", len(list), err)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) { // saved in the background
		drafts, _ := store.Drafts(bg(), list[0].ID)
		if strings.Contains(drafts[s.item.ID].Note, "half typed note") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the note typed on %s was lost at the idle hand-over: %+v", s.item.ID, drafts)
		}
	}
}

// A folder typed twice gets two files: the usual name, then the next free
// one (the participant chose no name that could be taken).
func TestKioskSavesToAFolderTwice(t *testing.T) {
	d, stick := kioskResultsAndStick(t)
	for range 2 {
		d.keys("e")
		d.until("the save prompt", func(s snapshot) bool { return s.screen == screenSaveTo })
		d.typeText(stick)
		d.keys("enter")
		d.until("the results again", func(s snapshot) bool { return s.screen == screenResults })
	}
	entries, _ := os.ReadDir(stick)
	if len(entries) != 2 || !strings.HasSuffix(entries[0].Name(), "-2.json") { // sorted: "-2.json" before ".json"
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("two saves to a folder made %v", names)
	}
}

// A typed code is corrected as in a shell: backspace a character, ctrl+w
// a word, ctrl+u the whole line.
func TestKioskCodeLineEdits(t *testing.T) {
	store := openStore(t)
	m, _ := kioskAt(t, store, &testClock{t: fixedNow})
	d := drive(t, m, 80, 24)
	d.until("welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d.keys("down", "enter")
	d.until("the code prompt", func(s snapshot) bool { return s.screen == screenCode })
	d.typeText("ab cd")
	for _, step := range []struct{ key, want string }{{"backspace", "AB C▏"}, {"ctrl+w", "AB ▏"}, {"ctrl+u", "> ▏"}} {
		d.keys(step.key)
		d.until(step.key+" leaving "+step.want, func(s snapshot) bool { return strings.Contains(s.view, step.want) })
	}
}

func TestEditLine(t *testing.T) {
	key := func(k string) tea.KeyPressMsg {
		switch k {
		case "ctrl+u":
			return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
		case "ctrl+w":
			return tea.KeyPressMsg{Code: 'w', Mod: tea.ModCtrl}
		case "backspace":
			return tea.KeyPressMsg{Code: tea.KeyBackspace}
		}
		return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
	}
	for _, c := range []struct {
		line, key string
		max       int
		want      string
	}{
		{"/tmp/my file", "ctrl+w", 99, "/tmp/my "},
		{"one two  ", "ctrl+w", 99, "one "},
		{"word", "ctrl+w", 99, ""},
		{"señor", "backspace", 99, "seño"},
		{"", "backspace", 99, ""},
		{"abc", "ctrl+u", 99, ""},
		{"abc", "d", 4, "abcd"},
		{"abcd", "e", 4, "abcd"},
	} {
		if got := editLine(c.line, key(c.key), c.max); got != c.want {
			t.Errorf("%q + %s = %q, want %q", c.line, c.key, got, c.want)
		}
	}
}

// The facilitator's PIN prompt stays when the welcome's look finds the
// workshop closed meanwhile (it went back to the welcome, and the PIN
// typed next went nowhere).
func TestKioskPINPromptOutlivesTheClosureFound(t *testing.T) {
	store := openStore(t)
	m, _ := kioskModel(t, store)
	d := drive(t, m, 80, 24)
	d.until("the welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d.keys("ctrl+c")
	d.until("the PIN prompt", func(s snapshot) bool { return s.screen == screenPIN })
	d.tm.Send(workshopClosedMsg{})
	d.typeText("471147")
	d.keys("enter")
	d.finished("the PIN")
}

// A participant who answered everything and is on the review when the
// facilitator closes the workshop is refused only the completion: told
// that every answer is kept, not that one was lost.
func TestKioskClosedBeforeCompletionLosesNoAnswer(t *testing.T) {
	store := openStore(t)
	m, w := kioskModel(t, store)
	d := drive(t, m, 80, 24)
	kioskParticipant(t, d, "Ana", 0)
	answerToReview(d)
	// Every answer committed before the close: one still on its way would
	// be refused, and rightly said lost (a busy machine is slow to save).
	d.until("every answer stored", func(s snapshot) bool { return s.screen == screenReview && s.waiting == 0 })
	id := d.snap().walk.a.ID
	if err := store.CloseWorkshop(bg(), w.Code, false); err != nil {
		t.Fatal(err)
	}
	d.keys("r")
	s := d.until("the welcome saying what is kept", func(s snapshot) bool {
		return s.screen == screenWelcome && strings.Contains(s.view, "before your assessment was marked")
	})
	if strings.Contains(s.view, "not saved") {
		t.Errorf("an answer is said lost:\n%s", s.view)
	}
	a, err := store.Assessment(bg(), id)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := assessment.Default()
	if r := assessment.Score(b, a); r.Counts.Unanswered != 0 {
		t.Errorf("%d questions left without their stored answer", r.Counts.Unanswered)
	}
}

// answerToReview answers every question left with its first answer, up to
// the review.
func answerToReview(d *driver) {
	for {
		s := d.until("a question or the review", func(s snapshot) bool { return s.screen == screenQuestions || s.screen == screenReview })
		if s.screen == screenReview {
			break
		}
		d.keys(planFor(s.item, 1).keys...)
		d.until("the next", func(x snapshot) bool { return x.screen != screenQuestions || x.item.ID != s.item.ID })
	}
}

// A save the system refuses is said in the participant's words, not the
// system's English ("write /proc/…: no such file or directory").
func TestKioskSaveRefusedSaysWhyInWords(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs Linux's /proc, where no file can be made")
	}
	d, _ := kioskResultsAndStick(t)
	d.keys("e")
	d.until("the save prompt", func(s snapshot) bool { return s.screen == screenSaveTo })
	d.typeText("/proc/digint-results.html")
	d.keys("enter")
	s := d.until("the refusal", func(s snapshot) bool { return strings.Contains(s.view, "Could not save there") })
	if !strings.Contains(s.view, "/proc/digint-results.html: no such file or folder") || strings.Contains(s.view, "directory") {
		t.Errorf("the refusal:\n%s", s.view)
	}
}

// Pausing while answers cannot be saved yet: the screen says the code
// comes once they are, a second ctrl+c changes nothing, and the code
// comes as soon as the store takes them.
func TestKioskPauseWaitsForSavesOnScreen(t *testing.T) {
	store := openStore(t)
	m, _ := kioskAt(t, store, &testClock{t: fixedNow})
	f := &flakyWriter{store: store}
	m.c.writes = f
	d := drive(t, m, 80, 24)
	kioskParticipant(t, d, "Ana", 0)
	f.setFailing(true)
	answerDontKnow(d, 1)
	d.keys("ctrl+c")
	d.until("the pause said", func(s snapshot) bool {
		return strings.Contains(s.view, "Pausing: your personal code comes once your answers are saved (1 waiting)")
	})
	d.keys("ctrl+c")
	d.settle()
	if s := d.snap(); s.screen != screenQuestions || !strings.Contains(s.view, "Pausing:") {
		t.Errorf("a second ctrl+c changed the screen:\n%s", s.view)
	}
	f.setFailing(false)
	d.until("the code", func(s snapshot) bool { return s.screen == screenPaused })
}
