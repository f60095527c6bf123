package plan

import (
	"testing"

	"github.com/digint/digint/assessment"
)

func stats(median float64) *assessment.Stats {
	return &assessment.Stats{N: 3, Median: median, Mean: median, Min: median, Max: median}
}

// Worked by hand on testdata/small.yaml: gaps global 30 > networking 15.6
// (funding none); the group disagrees most on ab-yn, then h-band.
func TestProposeGroup(t *testing.T) {
	b := smallBank(t)
	g := assessment.GroupReport{
		Competences: []assessment.GroupTarget{
			{GroupCompetence: assessment.GroupCompetence{ID: "global", Score: stats(50), Gap: stats(30)}},
			{GroupCompetence: assessment.GroupCompetence{ID: "funding", Score: stats(50), Gap: stats(0)}},
			{GroupCompetence: assessment.GroupCompetence{ID: "networking", Score: stats(44.4), Gap: stats(15.6)}},
		},
		Items:   []assessment.ItemSpread{{Item: "ab-yn", Score: stats(0), Spread: 40}, {Item: "h-band", Score: stats(33.3), Spread: 20}},
		Discuss: []string{"ab-yn", "h-band"},
	}
	got := ProposeGroup(b, g)
	if want := []string{"competence:global", "item:ab-yn", "competence:networking"}; !eq(keys(got), want) {
		t.Fatalf("focus %v, want %v", keys(got), want)
	}
	// No role first in a group: by priority, ties by id. ab-yn (networking
	// 1, funding 1): m-1 = 2, t-2 = 1.
	if !eq(got[0].Modules, []string{"t-1"}) || !eq(got[1].Modules, []string{"m-1", "t-2"}) {
		t.Errorf("modules %v, %v", got[0].Modules, got[1].Modules)
	}
	if *got[0].Score != 50 || *got[1].Score != 0 || *got[2].Score != 44.4 || got[1].Guideline != "gov" {
		t.Errorf("scores %v %v %v, guideline %q", *got[0].Score, *got[1].Score, *got[2].Score, got[1].Guideline)
	}
	if got := ProposeGroup(b, assessment.GroupReport{}); len(got) != 0 {
		t.Errorf("an empty group: %v", keys(got))
	}
}
