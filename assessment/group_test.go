package assessment

import (
	"math/rand/v2"
	"testing"
)

func TestAggregateByHand(t *testing.T) {
	b := smallBank(t)
	base := workedExample()
	var results []Result
	// Three people: maturity h-mat at 1, 3 and 4 with the rest as in the
	// worked example, and a fourth with no answers at all.
	for _, level := range []int{1, 3, 4} {
		a := *base
		a.Answers = append([]Answer{}, base.Answers...)
		a.Answers[0] = ans("h-mat", Number(level))
		results = append(results, Score(b, &a))
	}
	results = append(results, Score(b, &Assessment{Participant: Participant{Role: "trainer"}, Mode: ModeFull}))
	g := Aggregate(b, results)
	if g.Assessments != 4 {
		t.Fatalf("assessments = %d", g.Assessments)
	}
	// home/strategy = (h-mat + 1 + 0.75)/3 with h-mat 0.25, 0.75, 1:
	// 66.7, 83.3, 91.7 → mean 80.6 (of the rounded cells), median 83.3.
	hs := g.Sections[0].Dimensions["strategy"]
	want := Stats{N: 3, Mean: 80.6, Median: 83.3, Min: 66.7, Max: 91.7}
	if hs == nil || *hs != want {
		t.Errorf("home/strategy = %+v, want %+v", hs, want)
	}
	// abroad/outcomes was never scored: no statistics, not zeros.
	if s := g.Sections[1].Dimensions["outcomes"]; s != nil {
		t.Errorf("abroad/outcomes = %+v, want none", s)
	}
	if g.Sections[1].Pursued != 4 {
		t.Errorf("abroad pursued by %d, want 4 (an unanswered gate does not exclude)", g.Sections[1].Pursued)
	}
	// global: (h-mat + 1 + 0.4167)/4 → 41.7, 54.2, 60.4; even count test below.
	gl := g.Competences[0].Score
	if gl == nil || gl.N != 3 || gl.Min != 41.7 || gl.Median != 54.2 || gl.Max != 60.4 {
		t.Errorf("global = %+v", gl)
	}
}

func TestSummariseEvenMedian(t *testing.T) {
	s := summarise([]float64{40, 10, 30, 20})
	if *s != (Stats{N: 4, Mean: 25, Median: 25, Min: 10, Max: 40}) {
		t.Errorf("stats = %+v", s)
	}
	if summarise(nil) != nil {
		t.Error("no values should give no stats")
	}
}

// The aggregate must equal statistics computed one competence at a time.
func TestAggregateMatchesIndividualResults(t *testing.T) {
	b, _ := Default()
	rng := rand.New(rand.NewPCG(9, 9))
	var results []Result
	for range 101 {
		a := &Assessment{Participant: Participant{Role: "manager"}, Mode: ModeFull}
		for _, it := range b.Asked(ModeFull) {
			if rng.IntN(3) > 0 && it.Kind == KindMaturity {
				a.Answers = append(a.Answers, ans(it.ID, Number(rng.IntN(5))))
			}
		}
		results = append(results, Score(b, a))
	}
	g := Aggregate(b, results)
	for ci, c := range g.Competences {
		var vals []float64
		for _, r := range results {
			if s := r.Competences[ci].Score; s != nil {
				vals = append(vals, *s)
			}
		}
		lo, hi := 101.0, -1.0
		for _, v := range vals {
			lo, hi = min(lo, v), max(hi, v)
		}
		if c.Score == nil || c.Score.N != len(vals) || c.Score.Min != lo || c.Score.Max != hi {
			t.Errorf("%s = %+v; individual results give n=%d min=%v max=%v", c.ID, c.Score, len(vals), lo, hi)
		}
	}
}
