package tui

import (
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// The plan steps line by line: accept the offer, add an action whose month
// is wrong at first, finish; the store holds it, and a second visit reads
// it back and marks it done.
// quickScan is what Iker, a manager, types to start a quick scan (no
// institution) and to answer its questions: the line answer gives each,
// after which the lines end.
func quickScan(answer func(n int, it *assessment.Item) string) string {
	b, _ := assessment.Default()
	in := "1\nIker\n2\n\n1\n" // new, name, manager, no institution, quick
	for n, it := range b.Asked(assessment.ModeQuick) {
		in += answer(n, it) + "\n"
	}
	return in
}

// answered is a plain answer to any quick-scan question: 120 for a count,
// the second option or level else.
func answered(_ int, it *assessment.Item) string {
	if it.Kind == assessment.KindCount {
		return "120"
	}
	return "2"
}

func TestAccessiblePlanSteps(t *testing.T) {
	store := openStore(t)
	var in strings.Builder
	in.WriteString(quickScan(answered))
	// Plan: yes; 1 add an action; area 1; what; lead; a bad month, then a
	// past one, then a good one; indicator; baseline; target; draws on the
	// area's guideline (2, after "nothing in particular"); then finish (7th step once
	// saved: add, change, done or not, remove an action, add an area, remove one, finish).
	in.WriteString("y\n1\n1\nVisit two partner schools\nIker\n2027-13\n2025-05\n2027-05\nvisits\n0\n2\n2\n7\n")
	out := runPlain(t, store, "en", in.String())
	if !strings.Contains(out, "Give a month as YYYY-MM") || !strings.Contains(out, "That month has passed") || !strings.Contains(out, "Plan saved.") {
		t.Fatalf("plan steps:\n%s", out[max(0, len(out)-3000):])
	}
	// The month is asked with its form, before any is refused.
	if !strings.Contains(out, "By when? (a month) YYYY-MM, e.g. 2027-06") {
		t.Errorf("the month is asked without its form:\n%s", out[max(0, len(out)-3000):])
	}
	// An area's score follows its name in brackets: a question's own
	// question mark or full stop is not followed by a comma.
	if !strings.Contains(out, " (score ") || strings.Contains(out, ", score ") {
		t.Errorf("areas are not named as \"… (score N)\":\n%s", out[max(0, len(out)-3000):])
	}
	// Before there is an action, none is offered to change, mark or remove.
	if first := out[strings.Index(out, "What would you like to do?"):]; strings.Index(first, "Mark an action done") < strings.Index(first, "Plan saved.") {
		t.Errorf("the first menu offers to mark an action when there is none:\n%s", first[:min(len(first), 1500)])
	}
	// Finish ends the plan: it asks for no area (only the action did).
	if n := strings.Count(out, "Which focus area?"); n != 1 {
		t.Errorf("finish asked for an area: %d questions for one action\n%s", n, out[max(0, len(out)-1500):])
	}
	list, _ := store.List(bg(), storage.Filter{})
	p, made, err := store.Plan(bg(), list[0].ID)
	if err != nil || !made || len(p.Focus[0].Actions) != 1 {
		t.Fatalf("stored plan %+v, %v", p, err)
	}
	act := p.Focus[0].Actions[0]
	if act.What != "Visit two partner schools" || act.Due != "2027-05" || act.Target == nil || *act.Target != 2 || act.Done ||
		act.DrawsOn == "" || act.DrawsOn != p.Focus[0].Guideline {
		t.Errorf("action %+v", act)
	}
	// Back to the results (menu entry 2), plan: mark it done, finish.
	out = runPlain(t, store, "en", "2\ny\n3\n1\n1\n7\n")
	p, _, _ = store.Plan(bg(), list[0].ID)
	if strings.Count(out, "Which focus area?") != 1 || !strings.Contains(out, "Visit two partner schools") || !p.Focus[0].Actions[0].Done {
		t.Errorf("second visit: done %v\n%s", p.Focus[0].Actions[0].Done, out[max(0, len(out)-2000):])
	}
}

// A question skipped on the way is offered again before the results, as
// the wizard's review does: answered then, or left open on purpose.
func TestAccessibleOffersTheOpenQuestions(t *testing.T) {
	b, _ := assessment.Default()
	asked := b.Asked(assessment.ModeQuick)
	skipFirst := quickScan(func(n int, it *assessment.Item) string {
		if n == 0 {
			return "" // Enter skips
		}
		return answered(n, it)
	})
	for _, answerIt := range []bool{true, false} {
		store := openStore(t)
		in := skipFirst + "2\n" // see the results as they are
		if answerIt {
			in = skipFirst + "1\n2\n" // answer the open one: 2
		}
		out := runPlain(t, store, "en", in+"\n")
		if !strings.Contains(out, "1 question is still open") {
			t.Fatalf("no word of the open question:\n%s", out[max(0, len(out)-2500):])
		}
		list, _ := store.List(bg(), storage.Filter{})
		a, _ := store.Assessment(bg(), list[0].ID)
		if got, want := len(a.Answers), len(asked)-1; answerIt && got != want+1 || !answerIt && got != want {
			t.Errorf("answered it %v: %d answers stored of %d asked", answerIt, got, len(asked))
		}
	}
}

// A count typed as words is told it must be a whole number, not that it
// is "not one of the answers" (a count has none to choose from).
func TestAccessibleCountAsksForAWholeNumber(t *testing.T) {
	in := quickScan(func(n int, it *assessment.Item) string {
		if it.Kind == assessment.KindCount {
			return "abc\n120" // words first, then the number
		}
		return answered(n, it)
	})
	out := runPlain(t, openStore(t), "en", in+"q\n")
	if !strings.Contains(out, "“abc” is not a whole number: type digits, such as 1200 or 1,200.") {
		t.Errorf("a count typed as words:\n%s", out[max(0, len(out)-1500):])
	}
	// Its keys say a number is typed, not that an answer's number is.
	if !strings.Contains(out, "Type a whole number; n not applicable") || strings.Contains(out, "Type your answer.") {
		t.Errorf("a count's keys:\n%s", out[max(0, len(out)-1500):])
	}
}

// Removing a focus area asks once more: Enter keeps it, y removes it.
func TestAccessiblePlanRemovalIsConfirmed(t *testing.T) {
	store := openStore(t)
	// Plan: yes; keep the proposal (the 4th step of an unkept plan without
	// actions: add an action, add an area, remove one, keep, finish).
	runPlain(t, store, "en", quickScan(answered)+"y\n4\n")
	list, _ := store.List(bg(), storage.Filter{})
	before, made, _ := store.Plan(bg(), list[0].ID)
	if !made || len(before.Focus) < 2 {
		t.Fatalf("no plan kept to remove from: %+v", before)
	}
	// Results (2), plan: remove area 1 (the 3rd step), Enter keeps it;
	// remove area 1, y; finish (4th).
	runPlain(t, store, "en", "2\ny\n3\n1\n\n3\n1\ny\n4\n")
	after, _, _ := store.Plan(bg(), list[0].ID)
	if len(after.Focus) != len(before.Focus)-1 || after.Focus[0].Key() != before.Focus[1].Key() {
		t.Errorf("areas %d → %d (one removal was declined)", len(before.Focus), len(after.Focus))
	}
}

// An action is changed field by field, Enter keeping what it says and "-"
// clearing it, its own month kept though passed; then removed, once
// confirmed.
func TestAccessiblePlanChangesAndRemovesAnAction(t *testing.T) {
	store := openStore(t)
	// Plan: yes; add an action to area 1 (what, lead, month, indicator,
	// baseline, target, draws on its first module); finish.
	runPlain(t, store, "en", quickScan(answered)+"y\n1\n1\nVisit two partner schools\nIker\n2027-05\nvisits\n0\n2\n3\n7\n")
	list, _ := store.List(bg(), storage.Filter{})
	id := list[0].ID
	p, _, _ := store.Plan(bg(), id)
	p.Focus[0].Actions[0].Due = "2026-01" // its month has passed since
	if _, err := store.SavePlan(bg(), id, p); err != nil {
		t.Fatal(err)
	}
	// Results (2), plan: change area 1's action 1: what kept, a new lead,
	// the passed month kept, indicator kept, baseline cleared, target 3,
	// what it draws on kept; finish.
	out := runPlain(t, store, "en", "2\ny\n2\n1\n1\n\nAna\n\n\n-\n3\n\n7\n")
	p, _, _ = store.Plan(bg(), id)
	act := p.Focus[0].Actions[0]
	if act.What != "Visit two partner schools" || act.Lead != "Ana" || act.Due != "2026-01" || act.Indicator != "visits" ||
		act.Baseline != nil || act.Target == nil || *act.Target != 3 || act.DrawsOn != p.Focus[0].Modules[0] {
		t.Errorf("changed action %+v\n%s", act, out[max(0, len(out)-2500):])
	}
	if !strings.Contains(out, "Now: Iker. Press Enter to keep it") {
		t.Errorf("the fields' values are not said:\n%s", out[max(0, len(out)-2500):])
	}
	// A change that keeps every field saves nothing.
	out = runPlain(t, store, "en", "2\ny\n2\n1\n1\n\n\n\n\n\n\n\n7\n")
	if strings.Contains(out, "Plan saved.") {
		t.Errorf("a change that changed nothing was saved:\n%s", out[max(0, len(out)-1500):])
	}
	// Remove it: Enter keeps it, y removes it.
	for _, c := range []struct {
		confirm string
		left    int
	}{{"", 1}, {"y", 0}} {
		finish := "7" // the 4th step once no action is left to change
		if c.left == 0 {
			finish = "4"
		}
		runPlain(t, store, "en", "2\ny\n4\n1\n1\n"+c.confirm+"\n"+finish+"\n")
		p, _, _ = store.Plan(bg(), id)
		if n := len(p.Focus[0].Actions); n != c.left {
			t.Errorf("answered %q to the removal: %d actions left, want %d", c.confirm, n, c.left)
		}
	}
}

// French results read line by line keep their no-break spaces before the
// colon and the semicolons of the matrix.
func TestAccessibleResultsInFrenchPunctuation(t *testing.T) {
	out := runPlain(t, openStore(t), "fr", quickScan(answered)+"\n")
	i := strings.Index(out, "Internationalisation des cursus\u00a0: ")
	if i < 0 {
		t.Fatalf("no matrix row with a no-break space before its colon:\n%s", out[max(0, len(out)-2500):])
	}
	row := out[i:]
	row = row[:strings.Index(row, "\n")]
	if strings.Contains(strings.ReplaceAll(row, "\u00a0;", ""), ";") || !strings.Contains(row, "\u00a0; ") {
		t.Errorf("the row's semicolons lack their no-break space: %q", row)
	}
}

// The plan offer asks again after an answer that is neither yes nor a
// skip (a number typed out of habit), and Enter then skips.
func TestAccessiblePlanOfferAsksAgain(t *testing.T) {
	store := openStore(t)
	out := runPlain(t, store, "en", quickScan(answered)+"4\n\n")
	if n := strings.Count(out, "Make or change your action plan now?"); n != 2 {
		t.Errorf("the offer was made %d times, want 2:\n%s", n, out[max(0, len(out)-1500):])
	}
	// It says what it expects before asking again.
	if !strings.Contains(out, "skip. Please type y to make or change the plan, or press Enter to skip it.\nMake or change") {
		t.Errorf("the offer is asked again without saying what it expects:\n%s", out[max(0, len(out)-600):])
	}
	list, _ := store.List(bg(), storage.Filter{})
	if _, made, _ := store.Plan(bg(), list[0].ID); made {
		t.Error("a plan was saved")
	}
}

// A step of the plan chosen by mistake is left with Enter, as its prompt
// says: at the choice of an area, of an action, and at a new action's
// first field; nothing is changed, and the plan's menu is asked again.
func TestAccessiblePlanStepsGoBackOnEnter(t *testing.T) {
	store := openStore(t)
	var in strings.Builder
	in.WriteString(quickScan(answered))
	in.WriteString("y\n")
	// The proposal unkept: add an action (1), add an area (2), remove one
	// (3), keep (4), finish (5).
	in.WriteString("1\n\n")    // add an action: Enter at "Which focus area?"
	in.WriteString("1\n1\n\n") // add an action to area 1: Enter at what will be done
	in.WriteString("3\n\n")    // remove an area: Enter at which
	in.WriteString("2\n\n")    // add an area: Enter at which
	// An action added and saved; then seven steps: add, change, done or
	// not, remove an action (4), add an area, remove one, finish (7).
	in.WriteString("1\n1\nVisit two partner schools\nIker\n2027-05\nvisits\n0\n2\n3\n")
	in.WriteString("4\n1\n\n") // remove an action of area 1: Enter at which action
	in.WriteString("7\n")
	out := runPlain(t, store, "en", in.String())
	plan := out[strings.Index(out, "Make or change your action plan now?"):]
	if n := strings.Count(plan, "What would you like to do?"); n != 7 {
		t.Errorf("the plan's menu was asked %d times, want 7:\n%s", n, plan[max(0, len(plan)-4000):])
	}
	if strings.Contains(plan, "Please type") {
		t.Errorf("Enter was refused:\n%s", plan[max(0, len(plan)-4000):])
	}
	for _, want := range []string{"Number, or Enter to go back to the plan:", "What will be done? (Enter goes back to the plan)"} {
		if !strings.Contains(plan, want) {
			t.Errorf("no prompt %q", want)
		}
	}
	if n := strings.Count(plan, "Plan saved."); n != 1 {
		t.Errorf("the plan was saved %d times, want once (the action added)", n)
	}
	list, _ := store.List(bg(), storage.Filter{})
	p, _, _ := store.Plan(bg(), list[0].ID)
	if len(p.Focus) != 3 || len(p.Focus[0].Actions) != 1 {
		t.Errorf("the plan was changed by a step left: %d areas, %d actions", len(p.Focus), len(p.Focus[0].Actions))
	}
}

// The plan's menu, line by line, reads its entries in one form: in
// Italian each is an infinitive ("Conservare questo piano", not the Plan
// screen's key label "conserva").
func TestAccessiblePlanMenuInOneForm(t *testing.T) {
	// Plan: sì; finish (the 5th step of an unkept plan without actions).
	out := runPlain(t, openStore(t), "it", quickScan(answered)+"s\n5\n")
	menu := out[strings.LastIndex(out, "Che cosa volete fare?"):]
	var entries []string
	for _, l := range strings.Split(menu, "\n")[1:] {
		if !strings.HasPrefix(l, "  ") {
			break
		}
		entries = append(entries, l)
	}
	if len(entries) != 5 || !strings.Contains(menu, "Conservare questo piano") {
		t.Fatalf("the plan's menu:\n%s", menu)
	}
	for _, e := range entries {
		verb := strings.Fields(e)[1]
		if !strings.HasSuffix(verb, "re") {
			t.Errorf("an entry not in the infinitive: %q", e)
		}
	}
}
