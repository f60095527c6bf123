package tui

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// walkThrough starts an assessment from the welcome screen and answers
// every question by keys, then opens the results. It returns the answers
// given, as the store must hold them.
func walkThrough(t *testing.T, d *driver, mode assessment.Mode) map[string]assessment.Answer {
	d.until("the welcome screen", func(s snapshot) bool { return strings.Contains(s.view, "Start a new assessment") })
	d.keys("enter")
	d.until("the start form", func(s snapshot) bool { return s.screen == screenStart })
	d.settle()
	modeKeys := []string{"enter"}
	if mode == assessment.ModeFull {
		modeKeys = []string{"down", "enter"}
	}
	// Name, role (the second: manager), institution, mode.
	d.form([]string{"Giulia", "enter"}, []string{"down", "enter"}, []string{"ITS Lombardia", "enter"}, modeKeys)
	given := map[string]assessment.Answer{}
	for n := 0; ; n++ {
		s := d.until("a question", func(s snapshot) bool { return s.screen == screenQuestions || s.screen == screenReview })
		if s.screen == screenReview {
			break
		}
		it := s.item
		if _, again := given[it.ID]; again {
			t.Fatalf("item %s asked twice", it.ID)
		}
		p := planFor(it, n)
		if it.Kind == assessment.KindText && p.want.Status == assessment.StatusAnswered {
			d.typeText(p.want.Value.String())
			d.keys("enter")
		} else {
			d.keys(p.keys...)
		}
		given[it.ID] = p.want
		d.until("the next question", func(s snapshot) bool { return s.screen != screenQuestions || s.item.ID != it.ID })
	}
	d.keys("r")
	d.until("the results", func(s snapshot) bool { return s.screen == screenResults && s.results != nil })
	return given
}

func checkStored(t *testing.T, store *storage.Store, id string, given map[string]assessment.Answer, shown assessment.Result) {
	t.Helper()
	a, err := store.Assessment(bg(), id)
	if err != nil {
		t.Fatal(err)
	}
	if a.CompletedAt == nil {
		t.Error("the assessment is not marked complete")
	}
	if a.Participant.Name != "Giulia" || a.Participant.Role != "manager" || a.Participant.Institution != "ITS Lombardia" {
		t.Errorf("participant = %+v", a.Participant)
	}
	if len(a.Answers) != len(given) {
		t.Errorf("store holds %d answers, %d were given", len(a.Answers), len(given))
	}
	for _, got := range a.Answers {
		want := given[got.Item]
		if got.Status != want.Status || !got.Value.Equal(want.Value) {
			t.Errorf("item %s stored %s %v, given %s %v", got.Item, got.Status, jsonOf(got.Value), want.Status, jsonOf(want.Value))
		}
	}
	b, _ := assessment.Default()
	if engine := assessment.Score(b, a); !reflect.DeepEqual(engine, shown) {
		t.Errorf("the results shown differ from the engine's:\nshown  %s\nengine %s", jsonOf(shown), jsonOf(engine))
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestQuickScanByKeys(t *testing.T) {
	store := openStore(t)
	d := drive(t, newModel(t, store, "en"), 80, 24)
	given := walkThrough(t, d, assessment.ModeQuick)
	b, _ := assessment.Default()
	if want := len(b.Asked(assessment.ModeQuick)); len(given) != want {
		t.Errorf("the quick scan asked %d items, the bank has %d", len(given), want)
	}
	s := d.snap()
	checkStored(t, store, s.walk.a.ID, given, s.results.r)
	if !strings.Contains(s.view, "Your results") || !strings.Contains(s.view, "your score") {
		t.Errorf("results screen:\n%s", s.view)
	}
	d.keys("q")
	d.tm.WaitFinished(t)
}

func TestFullAssessmentByKeys(t *testing.T) {
	store := openStore(t)
	d := drive(t, newModel(t, store, "en"), 80, 24)
	given := walkThrough(t, d, assessment.ModeFull)
	b, _ := assessment.Default()
	if want := len(b.Asked(assessment.ModeFull)); len(given) != want {
		t.Errorf("the full assessment asked %d items, the bank has %d", len(given), want)
	}
	s := d.snap()
	checkStored(t, store, s.walk.a.ID, given, s.results.r)
	// Every results view renders.
	for _, k := range []string{"2", "3", "4", "5"} {
		d.keys(k)
		v := d.snap().view
		if !strings.Contains(v, "Your results") {
			t.Errorf("view %s:\n%s", k, v)
		}
	}
	d.keys("ctrl+c")
	d.tm.WaitFinished(t)
	if !strings.Contains(d.m.ExitNote(), "saved") {
		t.Errorf("exit note = %q", d.m.ExitNote())
	}
}

// A gate answered "no" skips its section; the section is reported as not
// pursued, and its questions are not counted as open.
func TestGateNoSkipsSection(t *testing.T) {
	store := openStore(t)
	m := newModel(t, store, "en")
	d := drive(t, m, 80, 24)
	d.startFull()
	for {
		s := d.until("a question", func(s snapshot) bool { return s.screen == screenQuestions })
		if s.item.IsGate() && s.item.Section == "offshore" {
			break
		}
		d.keys("tab")
		d.until("the next question", func(x snapshot) bool { return x.item.ID != s.item.ID })
	}
	d.keys("3") // "No, and we do not plan to"
	s := d.until("the next section", func(s snapshot) bool { return s.item.Section != "offshore" })
	if s.item.Section != "dual" || !s.item.IsGate() {
		t.Errorf("after the offshore gate answered no, the next question is %s", s.item.ID)
	}
	d.keys("esc")
	s = d.until("the overview", func(s snapshot) bool { return s.screen == screenOverview })
	if !strings.Contains(s.view, "not pursued") {
		t.Errorf("overview does not report offshore as not pursued:\n%s", s.view)
	}
	d.keys("ctrl+c")
	d.tm.WaitFinished(t)
}

// Going back keeps every answer: in the store, on screen, and in the
// editor's choice when the item is opened again.
func TestBackKeepsAnswers(t *testing.T) {
	store := openStore(t)
	d := drive(t, newModel(t, store, "en"), 80, 24)
	d.startFull()
	first := d.until("the first question", func(s snapshot) bool { return s.screen == screenQuestions })
	if first.item.Kind != assessment.KindMaturity {
		t.Fatalf("the bank no longer starts with a maturity item but %s", first.item.Kind)
	}
	d.keys("3")
	second := d.until("the second question", func(s snapshot) bool { return s.item.ID != first.item.ID })
	d.keys(planFor(second.item, 0).keys...)
	d.until("the third question", func(s snapshot) bool { return s.item.ID != second.item.ID })
	d.keys("shift+tab", "shift+tab")
	s := d.until("the first question again", func(s snapshot) bool { return s.item.ID == first.item.ID })
	if !strings.Contains(s.view, "(•) 3") {
		t.Errorf("the first answer is not shown as chosen:\n%s", s.view)
	}
	if a, ok := s.answers[second.item.ID]; !ok || !a.Value.Equal(planFor(second.item, 0).want.Value) {
		t.Errorf("second answer lost: %+v", a)
	}
	// Leaving with tab (skipping) must not change a given answer.
	d.keys("tab", "tab")
	d.until("the third question", func(x snapshot) bool { return x.item.ID != second.item.ID && x.item.ID != first.item.ID })
	d.keys("ctrl+c")
	d.tm.WaitFinished(t)
	d.m.Close() // as Run does: the queued saves finish
	a, err := store.Assessment(bg(), s.walk.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	idx := assessment.Index(a.Answers)
	if got := idx[first.item.ID].Value; !got.Equal(assessment.Number(3)) {
		t.Errorf("stored first answer = %s", jsonOf(got))
	}
	if len(a.Answers) != 2 {
		t.Errorf("store holds %d answers, want 2", len(a.Answers))
	}
}

// startFull starts a full assessment from the welcome screen as an
// anonymous trainer.
func (d *driver) startFull() {
	d.until("welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d.keys("enter")
	d.until("the start form", func(s snapshot) bool { return s.screen == screenStart })
	d.settle()
	d.form([]string{"enter"}, []string{"enter"}, []string{"enter"}, []string{"down", "enter"})
}

// A comment box left empty is not open: the review has nothing left and
// the progress is full once every other item has an answer.
func TestWalkLeavesCommentBoxesOutOfOpen(t *testing.T) {
	b, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	a := &assessment.Assessment{ID: "x", Mode: assessment.ModeFull}
	for _, it := range b.Asked(a.Mode) {
		if it.Kind != assessment.KindText {
			a.Answers = append(a.Answers, assessment.Answer{Item: it.ID, Status: assessment.StatusUnknown})
		}
	}
	w := newWalk(b, a)
	if open := w.unanswered(); len(open) != 0 {
		t.Errorf("%d items open, first %s; want none", len(open), open[0].ID)
	}
	if done, total := w.progress(""); done != total {
		t.Errorf("progress %d/%d, want full", done, total)
	}
}
