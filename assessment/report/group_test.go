package report

import (
	"math/rand/v2"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/assessment/sample"
)

func records(b *assessment.Bank, n int, seed uint64, roles ...string) []assessment.Record {
	rng := rand.New(rand.NewPCG(seed, 3))
	var out []assessment.Record
	for i := range n {
		a := sample.Assessment(b, rng, assessment.ModeFull)
		a.Participant.Role = roles[i%len(roles)]
		out = append(out, assessment.Record{Assessment: *a, Results: assessment.Score(b, a)})
	}
	return out
}

func TestGroupBelowThreeShowsCountsOnly(t *testing.T) {
	b := bank(t)
	for n := range assessment.MinGroup {
		g := assessment.NewGroupReport(b, records(b, n, 1, "trainer"))
		rep := BuildGroup(b, "ABC", "Small", g, nil, "")
		if !rep.TooSmall || rep.Overall != nil || rep.Competences != nil || rep.Matrix != nil || rep.Discuss != nil ||
			rep.Modules != nil || rep.ByRole != nil || rep.Assessments != n {
			t.Errorf("%d people: %+v", n, rep)
		}
	}
}

func TestGroupNamesOnlyRolesOfThreeOrMore(t *testing.T) {
	b := bank(t)
	// 5 trainers, 1 manager.
	recs := records(b, 6, 2, "trainer", "trainer", "manager")
	recs[5].Participant.Role = "trainer"
	rep := BuildGroup(b, "ABC", "Mixed", assessment.NewGroupReport(b, recs), nil, "")
	if len(rep.Roles) != 1 || rep.Roles[0].ID != "trainer" || rep.Roles[0].N != 5 || rep.OtherRoles != 1 {
		t.Errorf("roles %+v, other %d", rep.Roles, rep.OtherRoles)
	}
	for _, r := range rep.ByRole {
		if r.N < assessment.MinGroup {
			t.Errorf("a breakdown of %d", r.N)
		}
	}
	if rep.TargetRole.ID != "trainer" {
		t.Errorf("target role %v", rep.TargetRole)
	}
	tr, _ := b.Role("trainer")
	for _, c := range rep.Competences {
		if c.Target != tr.Targets[c.ID] || c.Title == "" {
			t.Errorf("competence %+v", c)
		}
	}
}

func TestGroupDistributionsInTheItemsWords(t *testing.T) {
	b := bank(t)
	recs := records(b, 30, 4, "trainer", "manager", "policy")
	g := assessment.NewGroupReport(b, recs)
	rep := BuildGroup(b, "ABC", "Big", g, &g, "OLD")
	if len(rep.Discuss) == 0 {
		t.Fatal("nothing to discuss in 30 random assessments")
	}
	for _, d := range rep.Discuss {
		it, _ := b.Item(d.Item.ID)
		total := 0
		for _, c := range d.Distribution {
			total += c.N
			if c.Label == "" || c.Label == it.ID {
				t.Errorf("%s: label %q", it.ID, c.Label)
			}
		}
		if it.Kind != assessment.KindMulti && it.Kind != assessment.KindRatio && total != d.Answered {
			t.Errorf("%s: distribution of %d for %d answers", it.ID, total, d.Answered)
		}
	}
	for _, row := range rep.Matrix {
		for _, c := range row.Cells {
			if c.Score != nil && c.Level.Number != LevelOf(c.Score.Median, b.Scales.Maturity).Number {
				t.Errorf("cell level %+v", c)
			}
		}
	}
	if rep.Progress == nil || rep.Progress.Overall == nil || rep.Progress.Overall.Change != 0 {
		t.Errorf("progress against itself: %+v", rep.Progress)
	}
}

// A group big enough to show, of whom only one or two have answered yet:
// their figures are withheld, and the report says so; from three people
// up, they show.
func TestGroupWithholdsFiguresOfFewerThanThree(t *testing.T) {
	b := bank(t)
	for _, scored := range []int{1, 2, 3} {
		recs := records(b, 5, 4, "trainer")
		for i := scored; i < len(recs); i++ { // joined, nothing answered yet
			recs[i].Assessment.Answers = nil
			recs[i].Results = assessment.Score(b, &recs[i].Assessment)
		}
		rep := BuildGroup(b, "ABC", "Room", assessment.NewGroupReport(b, recs), nil, "")
		shown := rep.Competences[0].Score != nil
		if shown != (scored >= assessment.MinGroup) || rep.Withheld == shown {
			t.Errorf("%d people with a score: shown %v, withheld said %v", scored, shown, rep.Withheld)
		}
		if shown && rep.Competences[0].Score.N != scored {
			t.Errorf("%d people with a score: n = %d", scored, rep.Competences[0].Score.N)
		}
	}
}

// People in roles too small to name are "in other roles" only beside a
// role that is named.
func TestOtherRolesWording(t *testing.T) {
	if got := (Group{OtherRoles: 3}).OtherRolesKey(); got != "report.group.smallroles" {
		t.Errorf("no role named: %s", got)
	}
	if got := (Group{OtherRoles: 1, Roles: []RoleCount{{N: 3}}}).OtherRolesKey(); got != "report.group.otherroles" {
		t.Errorf("beside a named role: %s", got)
	}
}

// A tie between roles draws the targets of the first in the bank's list,
// whichever came first into the room; a room of several roles says so.
func TestGroupTargetRoleTieIsStable(t *testing.T) {
	b := bank(t)
	for _, roles := range [][]string{{"manager", "trainer"}, {"trainer", "manager"}} {
		rep := BuildGroup(b, "ABC", "Tie", assessment.NewGroupReport(b, records(b, 4, 5, roles...)), nil, "")
		if rep.TargetRole.ID != b.Roles[0].ID || !rep.OwnTargets {
			t.Errorf("roles %v: target role %v, own targets %v", roles, rep.TargetRole, rep.OwnTargets)
		}
	}
	one := BuildGroup(b, "ABC", "One", assessment.NewGroupReport(b, records(b, 4, 5, "manager")), nil, "")
	if one.TargetRole.ID != "manager" || one.OwnTargets {
		t.Errorf("one role: target role %v, own targets %v", one.TargetRole, one.OwnTargets)
	}
}

// A group plan's competence area carries the median gap that ranks it,
// not the target of the largest role, which a room of several roles does
// not share: the plan agrees with the report.
func TestGroupPlanShowsTheMedianGap(t *testing.T) {
	b := bank(t)
	g := assessment.NewGroupReport(b, records(b, 9, 6, "manager", "trainer", "policy", "trainer"))
	rep := BuildGroup(b, "ABC", "Mixed", g, nil, "")
	proposed := plan.ProposeGroup(b, g)
	p := GroupPlanOf(b, rep, plan.Plan{Focus: proposed})
	seen := 0
	for i, f := range proposed {
		if f.Kind != plan.FocusCompetence {
			continue
		}
		seen++
		var want *float64
		for _, c := range rep.Competences {
			if c.ID == f.Competence {
				want = &c.Gap.Median
			}
		}
		if a := p.Areas[i]; a.Target != nil || a.Gap == nil || want == nil || *a.Gap != *want {
			t.Errorf("area %q: target %v, gap %v, want the median gap %v", a.Title, a.Target, a.Gap, want)
		}
	}
	if seen == 0 {
		t.Fatal("no competence among the focus areas")
	}
}
