package tui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/assessment"
	actionplan "github.com/digint/digint/assessment/plan"
)

// run runs cmd as the program would, feeding its messages back in order;
// a command that waits (a timer) is left unrun.
func run(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	got := make(chan tea.Msg, 1)
	go func() { got <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-got:
	case <-time.After(2 * time.Second): // far above any write, far below a timer
		return
	}
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			run(m, c)
		}
	default:
		if seq := reflect.ValueOf(msg); seq.Kind() == reflect.Slice && seq.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			for i := range seq.Len() { // tea.Sequence's, in order
				run(m, seq.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		_, next := m.Update(msg)
		run(m, next)
	}
}

func press(m *Model, keys ...string) {
	for _, k := range keys {
		_, cmd := m.Update(keyPress(k))
		run(m, cmd)
	}
}

func typeInto(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func planOnScreen(t *testing.T, m *Model, a *assessment.Assessment) {
	t.Helper()
	m.openWalk(a)
	m.showResults(loadResults(m.c.store, m.c.bank, a))
	press(m, "p")
	if m.screen != screenPlan {
		t.Fatalf("p on the results: screen %d, status %q", m.screen, m.status)
	}
}

func TestPlanMadeByKeys(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	planOnScreen(t, m, a)
	b := m.c.bank
	want := actionplan.Propose(b, m.results.a, m.results.r)
	if len(m.plan.plan.Focus) != len(want) || len(want) < 2 || m.plan.plan.Focus[0].Key() != want[0].Key() {
		t.Fatalf("the screen starts from %d areas, the proposal has %d", len(m.plan.plan.Focus), len(want))
	}
	if v := render(m, 80, 24); !strings.Contains(v, "proposed, not saved yet") {
		t.Errorf("the proposal does not say it is not saved:\n%s", v)
	}
	// On an area's title no key marks an action done or opens one: the
	// help says so by leaving them out.
	if v := render(m, 200, 60); strings.Contains(v, "space done") || strings.Contains(v, "enter edit") || !strings.Contains(v, "a add an action") {
		t.Errorf("the help on an area's title offers keys that do nothing there:\n%s", v)
	}

	// A month that is not one keeps the form open, names the field and
	// saves nothing.
	press(m, "a")
	typeInto(m, "Visit two partners abroad")
	press(m, "tab")
	typeInto(m, "Ana")
	press(m, "tab")
	typeInto(m, "2027-13")
	press(m, "enter")
	if v := render(m, 80, 24); m.plan.form == nil || !strings.Contains(v, "Give a month as YYYY-MM") {
		t.Fatalf("a bad month was taken:\n%s", v)
	}
	if _, made, _ := store.Plan(bg(), a.ID); made {
		t.Fatal("a refused action saved the plan")
	}
	press(m, "backspace", "backspace")
	typeInto(m, "06")
	if v := render(m, 80, 24); strings.Contains(v, "Give a month as YYYY-MM") {
		t.Errorf("the month's problem stays once it is mended:\n%s", v)
	}

	// Saved means committed: until the store has the plan, the screen says
	// it is saving.
	_, cmd := m.Update(keyPress("enter"))
	if v := render(m, 80, 24); !strings.Contains(v, "saving 1 change") || strings.Contains(v, "plan saved") {
		t.Errorf("before the commit the screen should say saving:\n%s", v)
	}
	run(m, cmd)
	if v := render(m, 80, 24); !strings.Contains(v, "✓ plan saved") || !strings.Contains(v, "Visit two partners abroad · led by Ana · by 2027-06") {
		t.Errorf("after the commit:\n%s", v)
	}
	stored, made, err := store.Plan(bg(), a.ID)
	if err != nil || !made || len(stored.Focus[0].Actions) != 1 || stored.Focus[0].Actions[0].Due != "2027-06" {
		t.Fatalf("stored %+v, %v", stored, err)
	}

	// The cursor is on the new action: space marks it done; x twice on the
	// second area removes it.
	if v := render(m, 200, 60); !strings.Contains(v, "space done or not") || !strings.Contains(v, "enter edit") {
		t.Errorf("the help on an action leaves out its keys:\n%s", v)
	}
	press(m, "space")
	// On "+ add an action" x removes nothing, and enter adds an action.
	press(m, "down")
	if v := render(m, 200, 60); strings.Contains(v, "x remove") || !strings.Contains(v, "enter/a add an action") {
		t.Errorf("the help on \"+ add an action\":\n%s", v)
	}
	press(m, "x", "x")
	if m.plan.removeArmed || len(m.plan.plan.Focus) != len(want) {
		t.Fatalf("x on \"+ add an action\" armed a removal or removed an area: %d areas", len(m.plan.plan.Focus))
	}
	// The first x on an area with an action names what goes; esc then
	// only keeps it (the screen stays).
	press(m, "up", "up", "x")
	if v := render(m, 80, 24); !strings.Contains(v, "remove this focus area and its 1") {
		t.Errorf("the first x does not say the area's action goes too:\n%s", v)
	}
	press(m, "esc")
	if m.screen != screenPlan || m.plan.removeArmed {
		t.Errorf("esc after the first x: screen %d, armed %v", m.screen, m.plan.removeArmed)
	}
	press(m, "down", "down", "down", "x")
	if m.plan.removeArmed != true || !strings.Contains(render(m, 80, 24), "Press x again") {
		t.Error("the first x should ask again")
	}
	press(m, "x")
	stored, _, _ = store.Plan(bg(), a.ID)
	if !stored.Focus[0].Actions[0].Done || len(stored.Focus) != len(want)-1 {
		t.Errorf("after done and remove: %d areas, done %v", len(stored.Focus), stored.Focus[0].Actions[0].Done)
	}

	// f adds any area not in the plan yet.
	press(m, "f", "enter")
	stored, _, _ = store.Plan(bg(), a.ID)
	if len(stored.Focus) != len(want) {
		t.Errorf("after adding an area: %d", len(stored.Focus))
	}
	for _, size := range [][2]int{{80, 24}, {40, 12}, {200, 60}} {
		checkFits(t, render(m, size[0], size[1]), size[0], size[1])
	}
}

// A month already past is refused as it is given (most likely a slip of
// the year), never taken from an action that holds it: a late action
// stays late, and editing its other fields keeps it.
func TestPlanRefusesAPassedMonthOnlyAsGiven(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	now := fixedNow // 2026-11
	m.c.opts.Now = func() time.Time { return now }
	planOnScreen(t, m, a)
	press(m, "a")
	typeInto(m, "Visit two partners abroad")
	press(m, "tab", "tab")
	typeInto(m, "2025-11")
	press(m, "enter")
	if v := render(m, 80, 24); m.plan.form == nil || !strings.Contains(v, "That month has passed (it is 2026-11 now)") {
		t.Fatalf("a past month was taken:\n%s", v)
	}
	press(m, "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	typeInto(m, "2026-11") // this month is not past
	press(m, "enter")
	if m.plan.form != nil {
		t.Fatalf("this month was refused:\n%s", render(m, 80, 24))
	}

	// Months later the action is late; its lead can still be changed.
	now = fixedNow.AddDate(0, 4, 0)
	press(m, "enter") // the cursor is on the new action
	press(m, "tab")
	typeInto(m, "Ana")
	press(m, "enter")
	if m.plan.form != nil {
		t.Fatalf("the action's own month was refused:\n%s", render(m, 80, 24))
	}
	stored, _, err := store.Plan(bg(), a.ID)
	if err != nil || stored.Focus[0].Actions[0].Due != "2026-11" || stored.Focus[0].Actions[0].Lead != "Ana" {
		t.Fatalf("stored %+v, %v", stored.Focus[0].Actions, err)
	}
}

func TestEarlierPlanCheckedAndCarriedOver(t *testing.T) {
	store, a := fixture(t)
	prev, err := store.Previous(bg(), a)
	if err != nil || prev == nil {
		t.Fatalf("the fixture's earlier assessment: %v", err)
	}
	b := store.Catalog().Current()
	pr := assessment.Score(b, prev)
	p := actionplan.Plan{Focus: actionplan.Propose(b, prev, pr)}
	p.Focus[0].Actions = []actionplan.Action{{What: "Open action"}, {What: "Finished action", Done: true}}
	if _, err := store.SavePlan(bg(), prev.ID, p); err != nil {
		t.Fatal(err)
	}
	m := newModel(t, store, "en")
	planOnScreen(t, m, a)
	v := render(m, 100, 40)
	mv := actionplan.Review(b, p, m.results.a, m.results.r)[0]
	line := actionplan.Subject(m.c.text, mv.Focus) + ": " + m.c.score(mv.Then) + " → " + m.c.score(mv.Now)
	if !strings.Contains(v, "Your previous plan") || !strings.Contains(v, line) || !strings.Contains(v, "1 open action") {
		t.Fatalf("the earlier plan is not shown with %q:\n%s", line, v)
	}
	press(m, "c")
	stored, made, err := store.Plan(bg(), a.ID)
	if err != nil || !made {
		t.Fatalf("carry-over saved nothing: %v", err)
	}
	found := 0
	for _, f := range stored.Focus {
		for _, act := range f.Actions {
			if act.What == "Open action" {
				found++
			}
			if act.What == "Finished action" {
				t.Error("a done action was carried over")
			}
		}
	}
	if found != 1 {
		t.Errorf("the open action is carried %d times", found)
	}
}

// A plan left and opened again before its last change was stored shows
// that change (and so keeps it when saved again).
func TestPlanReopenedWaitsForItsSave(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	planOnScreen(t, m, a)
	if m.plan.made {
		t.Fatal("a plan is stored before anything was kept")
	}
	release := lockStore(t, store) // the keep waits for the database
	_, keep := m.Update(keyPress("s"))
	press(m, "esc")
	go func() {
		time.Sleep(300 * time.Millisecond)
		release()
	}()
	press(m, "p")
	if m.screen != screenPlan || !m.plan.made {
		t.Errorf("the plan opened again without the keep before it (screen %d, stored %v)", m.screen, m.plan.made)
	}
	run(m, keep)
}

// The outcome of one plan's save is not another plan's.
func TestPlanSaveBelongsToItsScreen(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	planOnScreen(t, m, a)
	_, keep := m.Update(keyPress("s"))
	saved := keep()
	planOnScreen(t, m, a) // a new screen, for the same person
	m.plan.pending = 1    // a save of its own under way
	m.Update(saved)
	if m.plan.pending != 1 {
		t.Error("the earlier screen's save was counted as this one's")
	}
}

// A plan that could not be read is not shown as an empty one, which a
// keep would then store over it.
func TestPlanUnreadDoesNotOpen(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	m.openWalk(a)
	m.showResults(loadResults(store, m.c.bank, a))
	store.Close() // every read fails from here
	press(m, "p")
	if m.screen == screenPlan || !m.statusErr {
		t.Errorf("an unread plan opened (screen %d), status %q", m.screen, m.status)
	}
}

// The results' last message does not follow onto the plan screen.
func TestPlanOpensWithoutTheResultsMessage(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	m.openWalk(a)
	m.showResults(loadResults(m.c.store, m.c.bank, a))
	m.status = m.c.T("results.exported", "Path", "/tmp/x.json")
	press(m, "p")
	if m.screen != screenPlan || strings.Contains(render(m, 80, 24), "/tmp/x.json") {
		t.Errorf("the plan screen shows the results' message: %q", m.status)
	}
}

// A focus area nothing scored (unanswered, not applicable, don't know)
// says it has no score, not that it is unanswered.
func TestFocusWithoutAScore(t *testing.T) {
	store, _ := fixture(t)
	m := newModel(t, store, "en")
	score := 25.0
	if got := m.c.focusScore(actionplan.Focus{}); got != "no score" {
		t.Errorf("no score: %q", got)
	}
	if got := m.c.focusScore(actionplan.Focus{Score: &score}); got != "score 25" {
		t.Errorf("a score: %q", got)
	}
}

// A refused action puts the cursor on the first field to mend, wherever
// enter was pressed.
func TestActionFormGoesToTheFieldToMend(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	planOnScreen(t, m, a)
	press(m, "a")
	typeInto(m, "Visit two partners abroad")
	press(m, "tab", "tab")
	typeInto(m, "2027-13")
	press(m, "tab", "tab", "tab", "tab", "enter") // on "draws on"
	if f := m.plan.form; f == nil || actionFields[f.at].name != "due" {
		t.Errorf("the cursor is not on the month to mend: %+v", f)
	}
}
