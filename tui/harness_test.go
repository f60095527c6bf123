package tui

import (
	"maps"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// fixedNow is the clock of every test, so views are the same on every run.
var fixedNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func openStore(t testing.TB) *storage.Store {
	t.Helper()
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	s, err := storage.Open(filepath.Join(t.TempDir(), "digint.db"), cat)
	if err != nil {
		t.Fatal(err)
	}
	// The store's clock starts two days back and ticks a minute a call, so
	// times differ and order, yet every run sees the same ones.
	// Atomic: the program's commands read it from their own goroutines.
	var tick atomic.Int64
	s.Now = func() time.Time {
		return fixedNow.Add(-48*time.Hour + time.Duration(tick.Add(1))*time.Minute)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newModel(t testing.TB, store *storage.Store, lang string) *Model {
	t.Helper()
	m, err := New(Options{Store: store, Lang: lang, Now: func() time.Time { return fixedNow }, ExportDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	return m
}

// snapshot is what a test may look at of a running model; it is taken in
// the program's own goroutine, so reading it races with nothing.
type snapshot struct {
	screen  screen
	item    *assessment.Item
	walk    *walk
	results *results
	view    string
	status  string
	waiting int  // items with a write not committed yet
	trying  bool // a PIN or code is being checked
	// answers is the walk's answers as they were: the walk goes on
	// changing in the program's goroutine.
	answers map[string]assessment.Answer
}

// probe asks the running model for a snapshot.
type probe struct{ reply chan snapshot }

// harness wraps the model to answer probes; everything else goes through.
type harness struct{ m *Model }

func (h harness) Init() tea.Cmd { return h.m.Init() }

func (h harness) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if p, ok := msg.(probe); ok {
		s := snapshot{screen: h.m.screen, walk: h.m.walk, results: h.m.results,
			view: ansi.Strip(h.m.View().Content), status: h.m.status,
			waiting: h.m.c.saver.state().waiting, trying: h.m.kiosk.trying}
		if h.m.walk != nil {
			s.item = h.m.walk.item()
			s.answers = maps.Clone(h.m.walk.answers)
		}
		p.reply <- s
		return h, nil
	}
	_, cmd := h.m.Update(msg)
	return h, cmd
}

func (h harness) View() tea.View { return h.m.View() }

// driver runs the wizard as a real program and types into it.
type driver struct {
	t  *testing.T
	tm *teatest.TestModel
	m  *Model
}

func drive(t *testing.T, m *Model, w, h int) *driver {
	tm := teatest.NewTestModel(t, harness{m}, teatest.WithInitialTermSize(w, h))
	endWithTest(t, tm)
	return &driver{t: t, tm: tm, m: m}
}

// endWithTest ends the program when the test does, before the cleanups
// registered earlier run (Model.Close among them): Close is for after
// the program, and tells what the store holds into the model.
func endWithTest(t *testing.T, tm *teatest.TestModel) {
	t.Cleanup(func() {
		tm.GetProgram().Quit()
		tm.GetProgram().Wait()
	})
}

func (d *driver) snap() snapshot {
	reply := make(chan snapshot, 1)
	d.tm.Send(probe{reply})
	select {
	case s := <-reply:
		return s
	case <-time.After(10 * time.Second):
		d.t.Fatal("the program did not answer a probe")
	}
	return snapshot{}
}

// until waits for the model to reach a state, failing after a while.
func (d *driver) until(what string, cond func(snapshot) bool) snapshot {
	d.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		s := d.snap()
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("waited in vain for %s; the screen shows:\n%s", what, s.view)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A busy machine (CI, the race detector) may need the room: a test that
// passes takes a second or two.
func teatestTimeout() teatest.FinalOpt { return teatest.WithFinalTimeout(30 * time.Second) }

// finished waits for the program to end; if it does not, the failure
// shows the screen it stayed on.
func (d *driver) finished(why string) {
	d.t.Helper()
	d.tm.WaitFinished(d.t, teatestTimeout(), teatest.WithTimeoutFn(func(tb testing.TB) {
		tb.Fatalf("waited in vain for %s to end the program; the screen shows:\n%s", why, d.snap().view)
	}))
}

// settle waits until the screen stops changing: saves, starts and screens
// arrive through commands, and a real person types slower than a test.
func (d *driver) settle() {
	d.t.Helper()
	// Unchanged for three looks in a row: under load (the race detector,
	// a busy machine) one quiet look can come before the next command's message.
	prev, same := d.snap().view, 0
	for i := 0; i < 400; i++ {
		time.Sleep(20 * time.Millisecond)
		v := d.snap().view
		if v != prev {
			prev, same = v, 0
			continue
		}
		if same++; same == 3 {
			return
		}
	}
	d.t.Fatal("the screen never settled")
}

// form fills the start form field by field, as a person would.
func (d *driver) form(steps ...[]string) {
	for _, keys := range steps {
		for _, k := range keys {
			if len([]rune(k)) > 1 && !isKeyName(k) {
				d.typeText(k)
			} else {
				d.keys(k)
			}
		}
		d.settle()
	}
}

func isKeyName(s string) bool {
	switch s {
	case "enter", "tab", "esc", "up", "down", "left", "right", "space", "backspace", "pgdown", "pgup", "shift+tab":
		return true
	}
	return strings.HasPrefix(s, "ctrl+")
}

// keys sends key presses by name: "enter", "shift+tab", "3", "ctrl+c"…
func (d *driver) keys(names ...string) {
	for _, n := range names {
		d.tm.Send(keyPress(n))
	}
}

func keyPress(name string) tea.KeyPressMsg {
	special := map[string]rune{"enter": tea.KeyEnter, "tab": tea.KeyTab, "esc": tea.KeyEscape,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"space": tea.KeySpace, "backspace": tea.KeyBackspace, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp}
	switch {
	case name == "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case strings.HasPrefix(name, "ctrl+"):
		return tea.KeyPressMsg{Code: rune(name[5]), Mod: tea.ModCtrl}
	}
	if r, ok := special[name]; ok {
		return tea.KeyPressMsg{Code: r}
	}
	r := []rune(name)[0]
	return tea.KeyPressMsg{Code: r, Text: name}
}

// typeText types each character of s.
func (d *driver) typeText(s string) {
	for _, r := range s {
		d.tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// plan is a scripted answer to one item: the keys to give it and the
// answer the store must then hold.
type plan struct {
	keys []string
	want assessment.Answer
}

// planFor answers every kind of item in a way that exercises its keys.
func planFor(it *assessment.Item, n int) plan {
	a := assessment.Answer{Item: it.ID, Status: assessment.StatusAnswered}
	switch {
	case n%11 == 5 && !it.IsGate():
		a.Status, a.Value = assessment.StatusNA, assessment.Value{}
		return plan{keys: naKeys(it), want: a}
	case n%13 == 7 && !it.IsGate():
		a.Status, a.Value = assessment.StatusUnknown, assessment.Value{}
		return plan{keys: dkKeys(it), want: a}
	}
	switch it.Kind {
	case assessment.KindMaturity:
		v := n % 5
		a.Value = assessment.Number(v)
		return plan{keys: []string{strconv.Itoa(v)}, want: a}
	case assessment.KindSelfRating:
		v := 1 + n%5
		a.Value = assessment.Number(v)
		return plan{keys: []string{strconv.Itoa(v)}, want: a}
	case assessment.KindBand:
		i := n % len(it.Options)
		a.Value = assessment.String(it.Options[i].ID)
		return plan{keys: []string{strconv.Itoa(i + 1)}, want: a}
	case assessment.KindYesNo:
		if it.IsGate() {
			a.Value = assessment.String("yes") // walk every section
			return plan{keys: []string{"1"}, want: a}
		}
		a.Value = assessment.String([]string{"yes", "partly", "no"}[n%3])
		return plan{keys: []string{strconv.Itoa(1 + n%3)}, want: a}
	case assessment.KindMulti:
		// Tick the first and third options with their keys, the second
		// with the cursor and space, then untick the third.
		a.Value = assessment.List([]string{it.Options[0].ID, it.Options[1].ID})
		return plan{keys: []string{"1", "down", "space", "3", "3", "enter"}, want: a}
	case assessment.KindCount:
		v := 500 - n // a later count is smaller: learners abroad are a part of those enrolled
		a.Value = assessment.Number(v)
		return plan{keys: append(strings.Split(strconv.Itoa(v), ""), "enter"), want: a}
	case assessment.KindText:
		a.Value = assessment.String("Peer learning with Bilbao")
		return plan{keys: nil, want: a} // typed by the caller
	}
	panic("no plan for " + string(it.Kind))
}

func naKeys(it *assessment.Item) []string {
	if it.Kind == assessment.KindText {
		return []string{"ctrl+n"}
	}
	return []string{"n"}
}

func dkKeys(it *assessment.Item) []string {
	if it.Kind == assessment.KindText {
		return []string{"ctrl+d"}
	}
	return []string{"d"}
}
