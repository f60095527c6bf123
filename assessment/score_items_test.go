package assessment_test

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// The item scores ScoreItems carries are each item's own score, in every
// section (pursued or not) of every shipped bank: a report shows them
// instead of scoring the items again. Its results and answers are Score's
// and AnswersOf's.
func TestScoreItemsCarriesEachItemsOwnScore(t *testing.T) {
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	notPursued := 0
	for _, bank := range cat.Banks() {
		for n := range 60 {
			mode := []assessment.Mode{assessment.ModeFull, assessment.ModeQuick}[n%2]
			a := sample.Assessment(bank, rng, mode)
			r, x, scores := assessment.ScoreItems(bank, a)
			if !reflect.DeepEqual(r, assessment.Score(bank, a)) || !reflect.DeepEqual(x, bank.AnswersOf(a)) {
				t.Fatalf("bank %s: ScoreItems differs from Score and AnswersOf", bank.Version)
			}
			if len(scores) != len(bank.Items) {
				t.Fatalf("bank %s: %d item scores for %d items", bank.Version, len(scores), len(bank.Items))
			}
			idx := assessment.Index(a.Answers)
			for i := range bank.Items {
				it := &bank.Items[i]
				want, wantOK := it.ItemScore(idx)
				got, ok := scores.At(i)
				if got != want || ok != wantOK {
					t.Fatalf("bank %s, %s: carried %v %v, scored alone %v %v", bank.Version, it.ID, got, ok, want, wantOK)
				}
				if ok && !x.Pursued(it.Section) {
					notPursued++
				}
			}
		}
	}
	if notPursued == 0 {
		t.Fatal("no scored item in a section not pursued: that case went untested")
	}
}

// ScoreMatrix is Score without the modules and guidelines.
func TestScoreMatrixIsScoreWithoutAdvice(t *testing.T) {
	bank, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(8, 8))
	for range 20 {
		a := sample.Assessment(bank, rng, assessment.ModeFull)
		want := assessment.Score(bank, a)
		want.Recommendations, want.Guidelines = nil, nil
		if got := assessment.ScoreMatrix(bank, a); !reflect.DeepEqual(got, want) {
			t.Fatalf("ScoreMatrix %+v, want %+v", got, want)
		}
	}
}
