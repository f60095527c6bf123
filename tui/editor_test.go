package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// goTo moves the driver to an item by tabbing, without answering.
func (d *driver) goTo(t *testing.T, item string) snapshot {
	t.Helper()
	for range 200 {
		s := d.until("a question", func(s snapshot) bool { return s.screen == screenQuestions })
		if s.item.ID == item {
			return s
		}
		d.keys("tab")
		d.until("the next question", func(x snapshot) bool { return x.item == nil || x.item.ID != s.item.ID })
	}
	t.Fatalf("never reached %s", item)
	return snapshot{}
}

// What is typed, ticked or noted in the editor is never lost by moving on,
// and a key that seems to skip never stores a silent zero or drops a
// status.
func TestEditorLosesNothing(t *testing.T) {
	store := openStore(t)
	d := drive(t, newModel(t, store, "en"), 80, 24)
	d.startFull()

	// A note and a flag on an item not answered yet survive leaving it,
	// and are saved with the answer.
	first := d.until("the first question", func(s snapshot) bool { return s.screen == screenQuestions })
	d.keys("ctrl+e")
	d.typeText("MoU signed in 2025")
	d.keys("enter", "ctrl+t", "tab")
	d.until("the second question", func(s snapshot) bool { return s.item.ID != first.item.ID })
	d.keys("shift+tab")
	s := d.until("the first question again", func(s snapshot) bool { return s.item.ID == first.item.ID })
	if !strings.Contains(s.view, "MoU signed in 2025") || !strings.Contains(s.view, "★") {
		t.Errorf("note or flag lost on the way back:\n%s", s.view)
	}
	d.keys("2")

	// Enter on a multi item with nothing ticked stores nothing, and says
	// what to do.
	multi := d.until("the multi item", func(s snapshot) bool { return s.item.Kind == assessment.KindMulti })
	d.keys("enter")
	d.until("how to answer", func(s snapshot) bool { return strings.Contains(s.status, "Tick at least one option") })
	d.keys("tab")
	d.until("past the multi item", func(s snapshot) bool { return s.item.ID != multi.item.ID })

	// A count answered "don't know", then typed over and left with tab,
	// keeps the number.
	d.goTo(t, "cur-out-enrolled")
	d.keys("d")
	d.until("past the count", func(s snapshot) bool { return s.item.ID != "cur-out-enrolled" })
	d.keys("shift+tab")
	d.until("the count again", func(s snapshot) bool { return s.item.ID == "cur-out-enrolled" })
	d.typeText("400")
	d.keys("tab")

	// Enter on an empty text answered "not applicable" keeps the status.
	d.goTo(t, "cur-text")
	d.keys("ctrl+n")
	d.until("past the text", func(s snapshot) bool { return s.item.ID != "cur-text" })
	d.keys("shift+tab")
	d.until("the text again", func(s snapshot) bool { return s.item.ID == "cur-text" })
	d.keys("enter")
	s = d.until("past the text", func(s snapshot) bool { return s.item.ID != "cur-text" })

	d.keys("ctrl+c")
	d.tm.WaitFinished(t, teatestTimeout())
	d.m.Close()
	a, err := store.Assessment(bg(), s.walk.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := assessment.Index(a.Answers)
	if f := got[first.item.ID]; f.Note != "MoU signed in 2025" || !f.Develop || !f.Value.Equal(assessment.Number(2)) {
		t.Errorf("first answer = %+v", f)
	}
	if _, ok := got[multi.item.ID]; ok {
		t.Errorf("enter on an untouched multi stored %+v", got[multi.item.ID])
	}
	if c := got["cur-out-enrolled"]; c.Status != assessment.StatusAnswered || !c.Value.Equal(assessment.Number(400)) {
		t.Errorf("typed count lost: %+v", c)
	}
	if x := got["cur-text"]; x.Status != assessment.StatusNA {
		t.Errorf("enter on an empty text dropped its status: %+v", x)
	}
}

// Looking at the results of a completed assessment does not complete it
// again: its times stay as they were.
func TestViewingResultsChangesNothing(t *testing.T) {
	store, _ := fixture(t)
	list, _ := store.List(bg(), storage.Filter{})
	i := slices.IndexFunc(list, func(s storage.Summary) bool { return s.CompletedAt != nil })
	if i < 0 {
		t.Fatal("the fixture has no completed assessment")
	}
	before := list[i]
	d := drive(t, newModel(t, store, "en"), 80, 24)
	d.until("welcome", func(s snapshot) bool { return strings.Contains(s.view, "Results:") })
	d.keys("down", "enter") // new, continue (the cursor starts here), results
	d.until("the results", func(s snapshot) bool { return s.screen == screenResults && s.results != nil })
	d.keys("q")
	d.tm.WaitFinished(t, teatestTimeout())
	d.m.Close()
	after, _ := store.Assessment(bg(), before.ID)
	if !after.UpdatedAt.Equal(before.UpdatedAt) || !after.CompletedAt.Equal(*before.CompletedAt) {
		t.Errorf("viewing results moved the times: %v %v → %v %v", before.UpdatedAt, before.CompletedAt, after.UpdatedAt, after.CompletedAt)
	}
}

// More learners abroad than enrolled is refused with a message, and
// nothing is stored; a number that fits is taken.
func TestShareCannotExceedItsWhole(t *testing.T) {
	store := openStore(t)
	d := drive(t, newModel(t, store, "en"), 80, 24)
	d.startFull()
	d.goTo(t, "cur-out-enrolled")
	d.typeText("100")
	d.keys("enter")
	d.until("the learners abroad", func(s snapshot) bool { return s.item.ID == "cur-out-mobile" })
	d.typeText("200")
	d.keys("enter")
	s := d.until("a refusal", func(s snapshot) bool { return strings.Contains(s.view, "cannot be more") })
	if s.item.ID != "cur-out-mobile" {
		t.Errorf("moved on to %s after a refused answer", s.item.ID)
	}
	if _, ok := s.answers["cur-out-mobile"]; ok {
		t.Error("the refused number was kept")
	}
	d.keys("backspace", "backspace", "backspace")
	d.typeText("25")
	d.keys("enter")
	d.until("the next question", func(s snapshot) bool { return s.item.ID != "cur-out-mobile" })
	d.keys("ctrl+c")
	d.tm.WaitFinished(t, teatestTimeout())
	d.m.Close()
	a, _ := store.Assessment(bg(), s.walk.a.ID)
	if v := assessment.Index(a.Answers)["cur-out-mobile"].Value; !v.Equal(assessment.Number(25)) {
		t.Errorf("stored %v, want 25", v)
	}
}

// The items marked "we want to develop this" are listed with the
// guidelines: the person's own agenda.
func TestDevelopListedWithGuidelines(t *testing.T) {
	store, a := fixture(t)
	b, _ := assessment.Default()
	it := b.Asked(assessment.ModeFull)[0]
	for i := range a.Answers {
		if a.Answers[i].Item == it.ID {
			a.Answers[i].Develop = true
		}
	}
	m := newModel(t, store, "en")
	m.openWalk(a)
	m.showResults(loadResults(store, m.c.bank, a))
	view := strings.Join(m.guidelinesView(80), "\n")
	if !strings.Contains(view, "★") || !strings.Contains(view, it.Text[:40]) {
		t.Errorf("the marked item is not listed:\n%s", view)
	}
}

// A refused value's message goes once the value wanted is given: it
// stayed, questions later, though the answer was then saved.
func TestRefusedValueMessageEndsWithTheAnswer(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.openWalk(a)
	var ratio *assessment.Item
	for i := range m.c.bank.Items {
		if m.c.bank.Items[i].Kind == assessment.KindRatio {
			ratio = &m.c.bank.Items[i]
			break
		}
	}
	if ratio == nil {
		t.Fatal("the bank has no share of two counts")
	}
	m.walk.jump(ratio.Denominator)
	m.focusItem()
	m.save(assessment.Answer{Item: ratio.Denominator, Status: assessment.StatusAnswered, Value: assessment.Number(850)})
	m.walk.jump(ratio.Numerator)
	m.focusItem()
	if m.save(assessment.Answer{Item: ratio.Numerator, Status: assessment.StatusAnswered, Value: assessment.Number(900)}) || !m.statusErr {
		t.Fatalf("900 of 850 taken: %q", m.status)
	}
	if !m.save(assessment.Answer{Item: ratio.Numerator, Status: assessment.StatusAnswered, Value: assessment.Number(60)}) {
		t.Fatal("60 of 850 refused")
	}
	if strings.Contains(m.status, "900") {
		t.Errorf("the refusal stays after the answer was taken: %q", m.status)
	}
}

// On a tick-all question's "Other" line, a space before any text is not
// taken: it went unseen into the text and its count.
func TestOtherTextStartsWithNoBlank(t *testing.T) {
	m := newModel(t, openStore(t), "en")
	var multi *assessment.Item
	for i := range m.c.bank.Items {
		if it := &m.c.bank.Items[i]; it.Kind == assessment.KindMulti && it.Other {
			multi = it
			break
		}
	}
	if multi == nil {
		t.Fatal("the bank has no tick-all question with Other")
	}
	e := resetEditor(new(editor), m.c, multi, nil)
	e.key(keyPress("o"))
	e.key(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}) // as a terminal sends it
	for _, k := range []string{"E", "U"} {
		e.key(keyPress(k))
	}
	if v := e.input.Value(); v != "EU" {
		t.Errorf("the Other text is %q", v)
	}
}

// The start form's count of questions is the one progress counts to.
func TestStartCountIsProgressTotal(t *testing.T) {
	m := newModel(t, openStore(t), "en")
	for _, mode := range []assessment.Mode{assessment.ModeFull, assessment.ModeQuick} {
		w := newWalk(m.c.text, &assessment.Assessment{Mode: mode, Bank: assessment.BankRef{ID: m.c.bank.ID, Version: m.c.bank.Version}})
		if _, total := w.progress(""); total != m.c.bank.Questions(mode) {
			t.Errorf("%s: the start form says %d questions, progress counts %d", mode, m.c.bank.Questions(mode), total)
		}
	}
}

// A number typed but not given with enter is kept when the question is
// left, esc (the overview) as tab or shift+tab, as ticks and text are:
// the question says so while it waits, and it is saved only on leaving.
// A choice is given only by its key or enter: moving the cursor and
// leaving stores nothing, and says nothing is waiting.
func TestTypedNumberKeptOnLeavingAndSaidSo(t *testing.T) {
	store := openStore(t)
	a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Mode: assessment.ModeFull, Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	m := walking(t, store, a, "en", 100, 40)
	const hint = "Answer not saved yet: enter saves it, and so does leaving this question."
	stored := func() map[string]assessment.Answer {
		m.c.saver.stop(10 * time.Second) // every write queued is done
		got, err := store.Assessment(bg(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		return assessment.Index(got.Answers)
	}

	// A choice: the cursor moved, then esc.
	choice := m.walk.item()
	if choice.Kind == assessment.KindCount || choice.Kind == assessment.KindText || choice.Kind == assessment.KindMulti {
		t.Fatalf("the first item is a %s", choice.Kind)
	}
	press(m, "down")
	if v := view(m); strings.Contains(v, hint) {
		t.Errorf("a choice's cursor is said to be an answer waiting:\n%s", v)
	}
	press(m, "esc")
	if m.screen != screenOverview {
		t.Fatalf("esc opened screen %v, not the overview", m.screen)
	}

	// A number typed, then esc.
	if !m.walk.jump("cur-out-enrolled") {
		t.Fatal("no count question")
	}
	m.screen = screenQuestions
	m.focusItem()
	if v := view(m); !strings.Contains(v, "tab skip") {
		t.Errorf("nothing typed yet, tab is not said to skip:\n%s", v)
	}
	press(m, "7")
	if v := view(m); !strings.Contains(v, hint) || strings.Contains(v, "tab skip") || !strings.Contains(v, "tab next") {
		t.Errorf("a number typed and not given does not say what becomes of it (tab keeps it):\n%s", v)
	}
	if m.c.saver.state().waiting != 0 {
		t.Error("a number typed is queued before the question is left")
	}
	press(m, "esc")
	got := stored()
	if _, ok := got[choice.ID]; ok {
		t.Errorf("the choice under the cursor was stored: %+v", got[choice.ID])
	}
	if c := got["cur-out-enrolled"]; c.Status != assessment.StatusAnswered || !c.Value.Equal(assessment.Number(7)) {
		t.Errorf("the number typed and left with esc: %+v", c)
	}
}

// A number given before is shown in its field; emptied there, enter takes
// it back, as it does a text (a "don't know" stays: the field was empty).
func TestEmptiedNumberClearsItsAnswer(t *testing.T) {
	store := openStore(t)
	a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Mode: assessment.ModeFull, Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	given := func(item string) (assessment.Answer, bool) {
		got, err := store.Assessment(bg(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		ans, ok := assessment.Index(got.Answers)[item]
		return ans, ok
	}
	const item = "cur-out-enrolled"
	if err := store.SaveAnswer(bg(), a.ID, assessment.Answer{Item: item, Status: assessment.StatusAnswered, Value: assessment.Number(120)}); err != nil {
		t.Fatal(err)
	}
	stored, err := store.Assessment(bg(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	m := walking(t, store, stored, "en", 100, 40)
	if !m.walk.jump(item) {
		t.Fatal("no count question")
	}
	m.screen = screenQuestions
	m.focusItem()
	if v := view(m); !strings.Contains(v, "[120") {
		t.Fatalf("the number given is not in its field:\n%s", v)
	}
	for range 3 {
		press(m, "backspace")
	}
	press(m, "enter")
	m.c.saver.stop(10 * time.Second)
	if ans, ok := given(item); ok {
		t.Errorf("the emptied number is still stored: %+v", ans)
	}
	if err := store.SaveAnswer(bg(), a.ID, assessment.Answer{Item: item, Status: assessment.StatusUnknown}); err != nil {
		t.Fatal(err)
	}
	if stored, err = store.Assessment(bg(), a.ID); err != nil {
		t.Fatal(err)
	}
	m = walking(t, store, stored, "en", 100, 40)
	m.walk.jump(item)
	m.screen = screenQuestions
	m.focusItem()
	press(m, "enter")
	m.c.saver.stop(10 * time.Second)
	if ans, ok := given(item); !ok || ans.Status != assessment.StatusUnknown {
		t.Errorf("enter on the empty field of a don't know: %+v %v", ans, ok)
	}
}

// A save refused because the database's host name is not known any more
// (the name service away mid-session) is said as the database being out
// of reach, in the user's language, never as the driver's English words.
func TestUnknownHostSaidAsOutOfReach(t *testing.T) {
	loc := i18n.MustNew("fr")
	err := fmt.Errorf("save: %w", storage.ErrUnknownHost)
	want := loc.T("saving.why.unreachable")
	for _, served := range []bool{false, true} {
		if got := why(loc, err, served); got != want {
			t.Errorf("served %v: %q, want %q", served, got, want)
		}
	}
}
