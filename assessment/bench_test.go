package assessment_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// The baselines are the least any scoring must do – index the answers, or
// sort each column of group scores – so figures can be read as ratios on
// shared, noisy machines.

func BenchmarkBaselineIndexAnswers(b *testing.B) {
	bank, _ := assessment.Default()
	a := sample.Assessment(bank, rand.New(rand.NewPCG(1, 1)), assessment.ModeFull)
	for b.Loop() {
		_ = assessment.Index(a.Answers)
	}
}

func BenchmarkScore(b *testing.B) {
	bank, _ := assessment.Default()
	a := sample.Assessment(bank, rand.New(rand.NewPCG(1, 1)), assessment.ModeFull)
	for b.Loop() {
		_ = assessment.Score(bank, a)
	}
}

func groupResults(b *testing.B, n int) (*assessment.Bank, []assessment.Result) {
	bank, _ := assessment.Default()
	rng := rand.New(rand.NewPCG(2, 2))
	results := make([]assessment.Result, n)
	for i := range results {
		results[i] = assessment.Score(bank, sample.Assessment(bank, rng, assessment.ModeFull))
	}
	return bank, results
}

func BenchmarkBaselineSortColumns10k(b *testing.B) {
	_, results := groupResults(b, 10000)
	cols := 7*2 + 4*4 + 4 + 1 // competence scores and gaps, cells, indexes, overall
	for b.Loop() {
		for range cols {
			col := make([]float64, len(results))
			for i, r := range results {
				if r.Overall != nil {
					col[i] = *r.Overall
				}
			}
			slices.Sort(col)
		}
	}
}

func BenchmarkAggregate10k(b *testing.B) {
	bank, results := groupResults(b, 10000)
	for b.Loop() {
		_ = assessment.Aggregate(bank, results)
	}
}

func BenchmarkGroupReport500(b *testing.B) {
	bank, _ := assessment.Default()
	rng := rand.New(rand.NewPCG(5, 5))
	recs := make([]assessment.Record, 500)
	for i := range recs {
		a := sample.Assessment(bank, rng, assessment.ModeFull)
		recs[i] = assessment.Record{Assessment: *a, Results: assessment.Score(bank, a)}
	}
	for b.Loop() {
		_ = assessment.NewGroupReport(bank, recs)
	}
}

// The floor of a group report: scoring each of the 500 once.
func BenchmarkBaselineScore500(b *testing.B) {
	bank, _ := assessment.Default()
	rng := rand.New(rand.NewPCG(5, 5))
	as := make([]*assessment.Assessment, 500)
	for i := range as {
		as[i] = sample.Assessment(bank, rng, assessment.ModeFull)
	}
	for b.Loop() {
		for _, a := range as {
			_ = assessment.Score(bank, a)
		}
	}
}
