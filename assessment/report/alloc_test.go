package report

import (
	"math/rand/v2"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// Build adds little to its two scorings (the person's, which carries each
// item's score, and the previous assessment's indexes): the matrix shows
// the scores carried, its cells and next levels in one array each;
// progress compares the scores alone; focus areas share their look-ups.
// At c1abec6 a report made 303 allocations, 242 of them scoring twice in
// full and comparing; the rest, 61, is now 44.
func TestBuildAllocatesLittleBeyondScoring(t *testing.T) {
	b := bank(t)
	rng := rand.New(rand.NewPCG(1, 1))
	prev := &Previous{Assessment: sample.Assessment(b, rng, assessment.ModeFull), Bank: b}
	a := sample.Assessment(b, rng, assessment.ModeFull)
	scoring := testing.AllocsPerRun(20, func() { assessment.ScoreItems(b, a) }) +
		testing.AllocsPerRun(20, func() { assessment.ScoreIndexes(b, prev.Assessment) })
	build := testing.AllocsPerRun(20, func() { Build(b, a, prev, nil) })
	if extra := build - scoring; extra > 50 {
		t.Errorf("a report makes %v allocations beyond its scorings' %v, want at most 50", extra, scoring)
	}
}

// Every item of the matrix shows its own score, as scoring it alone gives,
// in sections pursued or not, in both modes.
func TestMatrixItemsShowTheirOwnScore(t *testing.T) {
	b := bank(t)
	rng := rand.New(rand.NewPCG(3, 3))
	seen := 0
	for n := range 30 {
		a := sample.Assessment(b, rng, []assessment.Mode{assessment.ModeFull, assessment.ModeQuick}[n%2])
		idx := assessment.Index(a.Answers)
		for _, row := range Build(b, a, nil, nil).Matrix {
			for _, c := range row.Cells {
				for _, it := range c.Items {
					item, _ := b.Item(it.ID)
					v, ok := item.ItemScore(idx)
					if ok != (it.Score != nil) || ok && *it.Score != round1(v*100) {
						t.Fatalf("%s: shows %v, scored alone %v %v", it.ID, it.Score, v, ok)
					}
					seen++
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no item in the matrix")
	}
}
