package plan

import (
	"errors"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
)

func smallBank(t *testing.T) *assessment.Bank {
	t.Helper()
	data, err := os.ReadFile("../testdata/small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := assessment.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func num(n int) assessment.Value { return assessment.Number(n) }

// worked is the example the expected figures below are computed from by
// hand (see testdata/small.yaml):
//
//	global     = (1·0.5 + 1·0.5) / 2              = 50    trainer target 80 → gap 30
//	funding    = (0.5·0.5 + 1·1 + 1·0) / 2.5       = 50    target 50 → gap 0
//	networking = (1/3 + 0 + 1) / 3                 = 44.4  target 60 → gap 15.6
//	cells: home×strategy 66.7, home×outcomes 33.3, abroad×strategy 0, abroad×outcomes 100
func worked(role string, develop bool) *assessment.Assessment {
	return &assessment.Assessment{
		ID: "a1", Participant: assessment.Participant{ID: "p1", Role: role}, Mode: assessment.ModeFull,
		Answers: []assessment.Answer{
			{Item: "h-mat", Status: assessment.StatusAnswered, Value: num(2)},
			{Item: "h-multi", Status: assessment.StatusAnswered, Value: assessment.List([]string{"a"})},
			{Item: "h-self", Status: assessment.StatusAnswered, Value: num(5)},
			{Item: "h-band", Status: assessment.StatusAnswered, Value: assessment.String("b1"), Develop: develop},
			{Item: "ab-gate", Status: assessment.StatusAnswered, Value: assessment.String("yes")},
			{Item: "ab-yn", Status: assessment.StatusAnswered, Value: assessment.String("no")},
			{Item: "ab-mat", Status: assessment.StatusAnswered, Value: num(4)},
		},
	}
}

func keys(fs []Focus) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Key())
	}
	return out
}

func eq(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") }

func TestProposeWorkedExample(t *testing.T) {
	b := smallBank(t)
	a := worked("trainer", true)
	got := Propose(b, a, assessment.Score(b, a))
	// One of each kind in turn: the largest gap, the weakest cell, the
	// develop item.
	if want := []string{"competence:global", "cell:abroad/strategy", "item:h-band"}; !eq(keys(got), want) {
		t.Fatalf("focus %v, want %v", keys(got), want)
	}
	wantScore := []float64{50, 0, 33.3}
	wantGuide := []string{"gov", "gov", "qual"}
	// global: only t-1 is relevant. abroad×strategy (ab-yn: networking 1,
	// funding 1): t-2 = 1 (the trainer's own course first), m-1 = 2.
	// h-band (networking 1): t-2 = 0.5 own, m-1 = 1.
	wantMods := [][]string{{"t-1"}, {"t-2", "m-1"}, {"t-2", "m-1"}}
	for i, f := range got {
		if f.Score == nil || *f.Score != wantScore[i] {
			t.Errorf("%s: score %v, want %v", f.Key(), f.Score, wantScore[i])
		}
		if f.Guideline != wantGuide[i] {
			t.Errorf("%s: guideline %q, want %q", f.Key(), f.Guideline, wantGuide[i])
		}
		if !eq(f.Modules, wantMods[i]) {
			t.Errorf("%s: modules %v, want %v", f.Key(), f.Modules, wantMods[i])
		}
	}
}

func TestProposeTakesTurnsAndRanks(t *testing.T) {
	b := smallBank(t)
	// No develop item: the second round adds the next gap.
	a := worked("trainer", false)
	got := Propose(b, a, assessment.Score(b, a))
	if want := []string{"competence:global", "cell:abroad/strategy", "competence:networking"}; !eq(keys(got), want) {
		t.Errorf("trainer without develop: %v, want %v", keys(got), want)
	}
	// A manager's targets make networking (45.6) and funding (40) the gaps;
	// global's target is met.
	m := worked("manager", false)
	got = Propose(b, m, assessment.Score(b, m))
	if want := []string{"competence:networking", "cell:abroad/strategy", "competence:funding"}; !eq(keys(got), want) {
		t.Errorf("manager: %v, want %v", keys(got), want)
	}
	// The manager's own module comes first for the same cell.
	if !eq(got[1].Modules, []string{"m-1", "t-2"}) {
		t.Errorf("manager's modules for the cell: %v", got[1].Modules)
	}
	// Nothing answered: nothing to propose.
	empty := &assessment.Assessment{Participant: assessment.Participant{Role: "trainer"}, Mode: assessment.ModeFull}
	if got := Propose(b, empty, assessment.Score(b, empty)); len(got) != 0 {
		t.Errorf("empty assessment: %v", keys(got))
	}
}

func TestEqualGapsInBankOrder(t *testing.T) {
	b := smallBank(t)
	// h-mat 0 alone: global 0 (gap 80), funding 0 (gap 50); h-band b0:
	// networking 0 (gap 60). Manager: global 50, funding 90, networking 90:
	// funding and networking tie at 90 and keep the bank's order.
	a := &assessment.Assessment{Participant: assessment.Participant{Role: "manager"}, Mode: assessment.ModeFull,
		Answers: []assessment.Answer{
			{Item: "h-mat", Status: assessment.StatusAnswered, Value: num(0)},
			{Item: "h-band", Status: assessment.StatusAnswered, Value: assessment.String("b0")},
		}}
	got := competenceGaps(b, assessment.Score(b, a), len(b.Competences))
	if want := []string{"competence:funding", "competence:networking", "competence:global"}; !eq(keys(got), want) {
		t.Errorf("%v, want %v", keys(got), want)
	}
}

func TestReviewAndCarryOver(t *testing.T) {
	b := smallBank(t)
	a := worked("trainer", true)
	r := assessment.Score(b, a)
	p := Plan{Focus: Propose(b, a, r)}
	ten, twentyFive := 10.0, 25.0
	p.Focus[0].Actions = []Action{
		{What: "Intercultural week", Due: "2027-03", Done: true},
		{What: "Learners abroad", Indicator: "learners abroad", Baseline: &ten, Target: &twentyFive},
	}
	p.Focus[2].Actions = []Action{{What: "Count mobilities"}}

	// Later: h-mat 4 makes global (1·1 + 1·0.5)/2 = 75, +25; h-band b3
	// makes the item 100, +66.7; abroad×strategy stays 0.
	later := worked("trainer", false)
	later.Answers[0].Value = num(4)
	later.Answers[3].Value = assessment.String("b3")
	lr := assessment.Score(b, later)
	moves := Review(b, p, later, lr)
	wantNow := []float64{75, 0, 100}
	wantChange := []float64{25, 0, 66.7}
	for i, m := range moves {
		if m.Now == nil || *m.Now != wantNow[i] || m.Change == nil || *m.Change != wantChange[i] {
			t.Errorf("%s: now %v change %v, want %v %v", m.Focus.Key(), m.Now, m.Change, wantNow[i], wantChange[i])
		}
	}
	if len(moves[0].Open) != 1 || moves[0].Open[0].What != "Learners abroad" {
		t.Errorf("open actions of global: %+v", moves[0].Open)
	}

	// The new proposal lacks h-band (no longer flagged): its open action
	// brings the area back; global's open action joins global's area.
	next := Plan{Focus: Propose(b, later, lr)}
	carried, dropped := CarryOver(b, p, next, later, lr)
	if dropped != 0 {
		t.Errorf("dropped %d", dropped)
	}
	byKey := map[string]Focus{}
	for _, f := range carried.Focus {
		byKey[f.Key()] = f
	}
	if g := byKey["competence:global"]; len(g.Actions) != 1 || g.Actions[0].Target == nil || *g.Actions[0].Target != 25 {
		t.Errorf("global after carry-over: %+v", g.Actions)
	}
	if h, ok := byKey["item:h-band"]; !ok || len(h.Actions) != 1 || h.Score == nil || *h.Score != 100 {
		t.Errorf("h-band after carry-over: %+v (present %v)", h, ok)
	}
	if len(next.Focus[0].Actions) != 0 {
		t.Error("carry-over changed the plan it was given")
	}
	// Carried once, nothing is left to carry: asked again, it adds nothing.
	if n, m := Uncarried(p, next), Uncarried(p, carried); n != 2 || m != 0 {
		t.Errorf("open actions not carried yet: %d before, %d after", n, m)
	}
	if again, _ := CarryOver(b, p, carried, later, lr); !reflect.DeepEqual(again, carried) {
		t.Errorf("carried twice:\n%+v\nonce:\n%+v", again, carried)
	}
}

func TestCheckNamesWhatIsWrong(t *testing.T) {
	b := smallBank(t)
	nan := math.NaN()
	p := Clean(Plan{Focus: []Focus{
		{Kind: FocusCompetence, Competence: "global", Actions: []Action{
			{What: "  \x1b]0;owned\x07  ", Due: "2027-13"},
			{What: strings.Repeat("x", 10_000), Lead: "Ana", Due: "March", Target: &nan, DrawsOn: "nope"},
			{What: "Fine", Due: "2027-03", DrawsOn: "t-1"},
		}},
		{Kind: FocusCell, Section: "home", Dimension: "nowhere"},
		{Kind: FocusCompetence, Competence: "global"},
	}})
	if p.Focus[0].Actions[0].What != "" {
		t.Errorf("escape sequences survive Clean: %q", p.Focus[0].Actions[0].What)
	}
	err := Check(b, p)
	want := []FieldError{
		{Focus: 1, Action: 1, Field: "what", Reason: "empty"},
		{Focus: 1, Action: 1, Field: "due", Reason: "not_month"},
		{Focus: 1, Action: 2, Field: "what", Reason: "too_long", Max: MaxWhatLen},
		{Focus: 1, Action: 2, Field: "due", Reason: "not_month"},
		{Focus: 1, Action: 2, Field: "target", Reason: "not_number"},
		{Focus: 1, Action: 2, Field: "draws_on", Reason: "unknown"},
		{Focus: 2, Field: "focus", Reason: "unknown"},
		{Focus: 3, Field: "focus", Reason: "duplicate"},
	}
	var got []FieldError
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var fe *FieldError
		if !errors.As(e, &fe) {
			t.Fatalf("not a FieldError: %v", e)
		}
		got = append(got, *fe)
	}
	if len(got) != len(want) {
		t.Fatalf("errors %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("error %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	good := Plan{Focus: []Focus{{Kind: FocusItem, Item: "h-band", Actions: []Action{{What: "Count", Due: "2030-12", DrawsOn: "qual"}}}}}
	if err := Check(b, good); err != nil {
		t.Errorf("a good plan: %v", err)
	}
}

func TestValidMonth(t *testing.T) {
	for s, ok := range map[string]bool{"2027-03": true, "2100-12": true, "1999-12": false, "2027-00": false, "2027-3": false, "27-03": false, "2027-03-01": false, "": false} {
		if ValidMonth(s) != ok {
			t.Errorf("ValidMonth(%q) = %v", s, !ok)
		}
	}
}
