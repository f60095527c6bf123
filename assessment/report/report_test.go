package report

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/assessment/sample"
	"github.com/digint/digint/i18n"
)

func bank(t testing.TB) *assessment.Bank {
	t.Helper()
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return cat.Current()
}

func TestMatrixCellsCarryTheirLevelAndWhatTheNextNeeds(t *testing.T) {
	b := bank(t)
	a := sample.Assessment(b, rand.New(rand.NewPCG(1, 2)), assessment.ModeFull)
	rep := Build(b, a, nil, nil)
	seen := 0
	for _, row := range rep.Matrix {
		for _, c := range row.Cells {
			if c.Score == nil {
				continue
			}
			seen++
			n, from := assessment.Level(*c.Score)
			if c.Level.Number != n || c.Level.Name != b.Scales.Maturity[n] {
				t.Errorf("score %v: level %+v, want %d", *c.Score, c.Level, n)
			}
			if n < assessment.MaturityMax && (c.Level.Next == nil || c.Level.Next.From != from ||
				c.Level.Next.Points != round1(from-*c.Score) || c.Level.Next.Name != b.Scales.Maturity[n+1]) {
				t.Errorf("score %v: next %+v, want from %v", *c.Score, c.Level.Next, from)
			}
			if n == assessment.MaturityMax && c.Level.Next != nil {
				t.Errorf("score %v: a next level above the top", *c.Score)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no scored cell")
	}
	if n, _ := assessment.Level(*rep.Overall); rep.OverallLevel.Number != n {
		t.Errorf("overall %v: level %d, want %d", *rep.Overall, rep.OverallLevel.Number, n)
	}
	for _, row := range rep.Matrix {
		if row.Index != nil {
			if n, _ := assessment.Level(*row.Index); row.IndexLevel.Number != n {
				t.Errorf("index %v: level %d, want %d", *row.Index, row.IndexLevel.Number, n)
			}
		}
	}
}

func TestGapsStrengthsAndFocus(t *testing.T) {
	b := bank(t)
	for seed := range uint64(30) {
		a := sample.Assessment(b, rand.New(rand.NewPCG(seed, 7)), assessment.ModeFull)
		rep := Build(b, a, nil, nil)
		if len(rep.Gaps) > MaxGaps || len(rep.Focus) > MaxFocus {
			t.Fatalf("seed %d: %d gaps, %d focus", seed, len(rep.Gaps), len(rep.Focus))
		}
		var open []float64
		for _, c := range rep.Competences {
			if c.Gap != nil && *c.Gap > 0 {
				open = append(open, *c.Gap)
			}
		}
		slices.Sort(open)
		slices.Reverse(open)
		for i, g := range rep.Gaps {
			if *g.Gap != open[i] {
				t.Errorf("seed %d: gap %d is %v, want %v", seed, i, *g.Gap, open[i])
			}
		}
		for _, s := range rep.Strengths {
			if *s.Gap != 0 || *s.Score < s.Target {
				t.Errorf("seed %d: strength %s below target", seed, s.ID)
			}
		}
		// The suggested focus is the plan's proposal: one rule for both.
		proposed := plan.Propose(b, a, assessment.Score(b, a))
		if len(rep.Focus) != min(MaxFocus, len(proposed)) || (len(open) > 0 && len(rep.Focus) == 0) {
			t.Fatalf("seed %d: %d focus areas, the plan proposes %d", seed, len(rep.Focus), len(proposed))
		}
		for i, f := range rep.Focus {
			if f.Title != plan.Subject(b, proposed[i]) || f.Kind != string(proposed[i].Kind) {
				t.Errorf("seed %d: focus %d is %q, the plan's %q", seed, i, f.Title, plan.Subject(b, proposed[i]))
			}
		}
	}
}

func TestDevelopAndNotesKeepWhatWasTyped(t *testing.T) {
	b := bank(t)
	a := sample.Assessment(b, rand.New(rand.NewPCG(3, 4)), assessment.ModeFull)
	develop, noted := 0, 0
	for _, ans := range a.Answers {
		if ans.Develop {
			develop++
		} else if it, _ := b.Item(ans.Item); ans.Note != "" || ans.Other != "" ||
			it.Kind == assessment.KindText && ans.Status == assessment.StatusAnswered {
			noted++
		}
	}
	rep := Build(b, a, nil, nil)
	if len(rep.Develop) != develop || len(rep.Notes) != noted || develop == 0 {
		t.Fatalf("develop %d/%d, notes %d/%d", len(rep.Develop), develop, len(rep.Notes), noted)
	}
	for _, e := range append(rep.Develop, rep.Notes...) {
		it, _ := b.Item(e.Item.ID)
		text := it.Kind == assessment.KindText && e.Status == assessment.StatusAnswered
		if e.Item.Title != it.Text || (e.Status == assessment.StatusAnswered && !text && it.Kind != assessment.KindMulti && len(e.Answer) != 1) ||
			text && (e.Comment == "" || e.Answer != nil) {
			t.Errorf("entry %+v", e)
		}
	}
}

// A comment typed in a text item ("comments on this section") is a note
// of the report, with its line breaks, even without an evidence note.
func TestCommentsAreNotes(t *testing.T) {
	b := bank(t)
	a := sample.Assessment(b, rand.New(rand.NewPCG(3, 4)), assessment.ModeFull)
	for i := range a.Answers {
		ans := &a.Answers[i]
		if ans.Item == "cur-text" {
			*ans = assessment.Answer{Item: ans.Item, Status: assessment.StatusAnswered, Value: assessment.String("We lack time.\nAnd money.")}
		}
	}
	rep := Build(b, a, nil, nil)
	i := slices.IndexFunc(rep.Notes, func(e Entry) bool { return e.Item.ID == "cur-text" })
	if i < 0 {
		t.Fatalf("the comment is not among the notes: %+v", rep.Notes)
	}
	if e := rep.Notes[i]; e.Comment != "We lack time.\nAnd money." || e.Answer != nil || e.Note != "" || e.Section == "" {
		t.Errorf("comment entry %+v", e)
	}
}

func TestLabelsInTheBanksLanguage(t *testing.T) {
	b := bank(t)
	it, err := i18n.Bank(b, "it")
	if err != nil {
		t.Fatal(err)
	}
	a := sample.Assessment(b, rand.New(rand.NewPCG(5, 6)), assessment.ModeFull)
	rep := Build(it, a, nil, nil)
	if rep.Competences[0].Title != it.Competences[0].Title || rep.Competences[0].Title == b.Competences[0].Title {
		t.Errorf("competence title %q", rep.Competences[0].Title)
	}
	if rep.Levels[0] != it.Scales.Maturity[0] || rep.Person.Role.Title != roleTitle(it, a.Participant.Role) {
		t.Errorf("levels %v, role %q", rep.Levels, rep.Person.Role.Title)
	}
}

func TestProgressSaysWhenAndWhatIsNotLikeForLike(t *testing.T) {
	b := bank(t)
	rng := rand.New(rand.NewPCG(8, 9))
	before := sample.Assessment(b, rng, assessment.ModeQuick)
	after := sample.Assessment(b, rng, assessment.ModeFull)
	after.Participant = before.Participant
	rep := Build(b, after, &Previous{Assessment: before, Bank: b}, nil)
	p := rep.Progress
	if p == nil || !p.Date.Equal(*before.CompletedAt) || p.Mode != assessment.ModeQuick {
		t.Fatalf("progress %+v", p)
	}
	if !slices.Equal(p.Incomparable, []Mismatch{MismatchMode}) {
		t.Errorf("incomparable %v, want mode", p.Incomparable)
	}
	want := assessment.Compare(assessment.Score(b, before), assessment.Score(b, after))
	if *p.Overall != *want.Overall || len(p.Competences) != len(b.Competences) {
		t.Errorf("overall %+v, want %+v", p.Overall, want.Overall)
	}
	other := *before
	other.Mode = assessment.ModeFull
	other.Bank.Version = "0.9.0"
	other.Participant.Role = "nobody"
	if got := Mismatches(&other, after); !slices.Equal(got, []Mismatch{MismatchBank, MismatchRole}) {
		t.Errorf("mismatches %v", got)
	}
	if Build(b, after, nil, nil).Progress != nil {
		t.Error("progress without a previous assessment")
	}
}

// A gated section pursued only once is marked so, not shown as a score
// with "no previous score".
func TestProgressMarksSectionsNotPursuedBothTimes(t *testing.T) {
	b := bank(t)
	rng := rand.New(rand.NewPCG(3, 4))
	before := sample.Assessment(b, rng, assessment.ModeFull)
	after := sample.Assessment(b, rng, assessment.ModeFull)
	after.Participant = before.Participant
	setGate := func(a *assessment.Assessment, gate string, v assessment.Answer) {
		a.Answers = slices.DeleteFunc(a.Answers, func(x assessment.Answer) bool { return x.Item == gate })
		a.Answers = append(a.Answers, v)
	}
	var gated []string
	for _, s := range b.Sections {
		if s.Gate != "" {
			gated = append(gated, s.ID)
			no := assessment.Answer{Item: s.Gate, Status: assessment.StatusNA}
			yes := assessment.Answer{Item: s.Gate, Status: assessment.StatusAnswered, Value: assessment.String("yes")}
			if len(gated) == 1 { // the first: left out before, pursued now
				setGate(before, s.Gate, no)
				setGate(after, s.Gate, yes)
			} else { // the next: pursued before, left out now
				setGate(before, s.Gate, yes)
				setGate(after, s.Gate, no)
			}
		}
	}
	if len(gated) < 2 {
		t.Fatal("the bank needs two gated sections")
	}
	p := Build(b, after, &Previous{Assessment: before, Bank: b}, nil).Progress
	want := map[string]NotPursued{gated[0]: NotPursuedBefore, gated[1]: NotPursuedNow}
	for _, s := range p.Sections {
		if s.NotPursued != want[s.ID] {
			t.Errorf("section %s: not pursued %q, want %q", s.ID, s.NotPursued, want[s.ID])
		}
		if s.NotPursued != "" && s.Delta != nil {
			t.Errorf("section %s compared although not pursued both times", s.ID)
		}
	}
}

// The earlier plan's areas come back with their score then (when the plan
// was made) and now, and the actions still open.
func TestProgressShowsHowTheEarlierPlanMoved(t *testing.T) {
	b := bank(t)
	rng := rand.New(rand.NewPCG(2, 5))
	before := sample.Assessment(b, rng, assessment.ModeFull)
	after := sample.Assessment(b, rng, assessment.ModeFull)
	after.Participant = before.Participant
	br := assessment.Score(b, before)
	p := plan.Plan{Focus: plan.Propose(b, before, br)}
	p.Focus[0].Actions = []plan.Action{{What: "open one"}, {What: "done one", Done: true}}
	rep := Build(b, after, &Previous{Assessment: before, Bank: b, Plan: &p}, nil)
	moves := rep.Progress.EarlierPlan
	if len(moves) != len(p.Focus) {
		t.Fatalf("%d moves for %d areas", len(moves), len(p.Focus))
	}
	now := plan.ScoreOf(b, after, assessment.Score(b, after), p.Focus[0])
	if moves[0].Then != p.Focus[0].Score || *moves[0].Now != *now || len(moves[0].Open) != 1 || moves[0].Open[0].What != "open one" {
		t.Errorf("first move %+v (now want %v)", moves[0], *now)
	}
	if moves[0].Title != plan.Subject(b, p.Focus[0]) {
		t.Errorf("title %q", moves[0].Title)
	}
}

// The report says a competence rests on too few answers exactly when one
// does: a full assessment's rest on many, a quick scan begun on none.
func TestLowEvidenceOnlyWhenSomeCompetenceHasIt(t *testing.T) {
	b := bank(t)
	full := Build(b, sample.Assessment(b, rand.New(rand.NewPCG(3, 7)), assessment.ModeFull), nil, nil)
	empty := *sample.Assessment(b, rand.New(rand.NewPCG(3, 7)), assessment.ModeQuick)
	empty.Answers = nil
	begun := Build(b, &empty, nil, nil)
	for _, c := range []struct {
		name string
		rep  Individual
	}{{"full", full}, {"begun", begun}} {
		want := slices.ContainsFunc(c.rep.Competences, func(co Competence) bool { return co.Evidence < assessment.LowEvidence })
		if c.rep.LowEvidence != want {
			t.Errorf("%s: LowEvidence %v, want %v", c.name, c.rep.LowEvidence, want)
		}
	}
	if full.LowEvidence || !begun.LowEvidence {
		t.Errorf("full %v, begun %v: want false, true", full.LowEvidence, begun.LowEvidence)
	}
}

// A plan kept replaces the proposal: the report lists what to work on
// once, as the plan says it, not the proposal beside it.
func TestPlanKeptReplacesTheProposal(t *testing.T) {
	b := bank(t)
	a := sample.Assessment(b, rand.New(rand.NewPCG(3, 7)), assessment.ModeFull)
	r := assessment.Score(b, a)
	proposed := Build(b, a, nil, nil)
	if len(proposed.Focus) == 0 || proposed.Plan != nil {
		t.Fatalf("without a plan: %d focus areas, plan %v", len(proposed.Focus), proposed.Plan)
	}
	kept := plan.Plan{Focus: plan.Propose(b, a, r)[:1]}
	rep := Build(b, a, nil, &kept)
	if rep.Plan == nil || rep.Focus != nil {
		t.Errorf("with a plan kept: plan %v, proposal %d areas", rep.Plan != nil, len(rep.Focus))
	}
}

// The modules past the recommendation are named "by priority" and are in
// that order; the recommendation itself stays as scoring ranks it, the
// role's own first. A manager has seven modules: with every one of them
// useful, the seventh follows the sixth though others rank above it.
func TestModulesPastTheRecommendationByPriority(t *testing.T) {
	b := bank(t)
	reordered := 0
	for seed := range uint64(40) {
		a := sample.Assessment(b, rand.New(rand.NewPCG(seed, 7)), assessment.ModeFull)
		a.Participant.Role = "manager"
		r := assessment.Score(b, a)
		rep := Build(b, a, nil, nil)
		if len(rep.Modules) != len(r.Recommendations) {
			t.Fatalf("seed %d: %d modules for %d recommendations", seed, len(rep.Modules), len(r.Recommendations))
		}
		for i, m := range rep.TopModules() {
			if m.ID != r.Recommendations[i].Module {
				t.Errorf("seed %d: recommendation %d is %s, scoring ranks %s there", seed, i+1, m.ID, r.Recommendations[i].Module)
			}
		}
		more := rep.MoreModules()
		if len(rep.TopModules())+len(more) != len(rep.Modules) || len(more) > 0 && len(rep.TopModules()) != MaxModules {
			t.Fatalf("seed %d: %d + %d of %d modules", seed, len(rep.TopModules()), len(more), len(rep.Modules))
		}
		for i := 1; i < len(more); i++ {
			if more[i].Priority > more[i-1].Priority {
				t.Errorf("seed %d: %s (%v) after %s (%v) in the list by priority", seed,
					more[i].ID, more[i].Priority, more[i-1].ID, more[i-1].Priority)
			}
		}
		rest := r.Recommendations[min(MaxModules, len(r.Recommendations)):]
		if !slices.IsSortedFunc(rest, func(x, y assessment.Recommendation) int { return cmp.Compare(y.Priority, x.Priority) }) {
			reordered++
		}
	}
	if reordered == 0 {
		t.Fatal("no sample ranked a module of the role's own below others past the recommendation: the test checks nothing")
	}
}
