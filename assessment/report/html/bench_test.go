package html

import (
	"io"
	"math/rand/v2"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/assessment/sample"
	"github.com/digint/digint/i18n"
)

// The floor: scoring the assessment (and its previous one) alone. The
// report builds on the same two scores, so report/floor is what the report
// adds. Run: go test ./assessment/report/html -bench . -benchmem
func benchData(b *testing.B) (*assessment.Bank, *assessment.Assessment, *report.Previous) {
	bank := bank(b, "en")
	rng := rand.New(rand.NewPCG(1, 1))
	prev := sample.Assessment(bank, rng, assessment.ModeFull)
	a := sample.Assessment(bank, rng, assessment.ModeFull)
	return bank, a, &report.Previous{Assessment: prev, Bank: bank}
}

func BenchmarkFloorScore(b *testing.B) {
	bank, a, prev := benchData(b)
	for b.Loop() {
		assessment.Compare(assessment.Score(bank, prev.Assessment), assessment.Score(bank, a))
	}
}

func BenchmarkReportModel(b *testing.B) {
	bank, a, prev := benchData(b)
	for b.Loop() {
		report.Build(bank, a, prev)
	}
}

func BenchmarkReportHTML(b *testing.B) {
	bank, a, prev := benchData(b)
	loc := i18n.MustNew("en")
	for b.Loop() {
		if err := Individual(io.Discard, report.Build(bank, a, prev), loc); err != nil {
			b.Fatal(err)
		}
	}
}
