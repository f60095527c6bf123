package assessment_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
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

// ScoreIndexes is Score with only the overall, section and competence
// scores, and CompareScores of two of them is CompareScores of Score's.
func TestScoreIndexesIsScoreWithTheScoresOnly(t *testing.T) {
	bank, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(8, 8))
	for n := range 40 {
		mode := []assessment.Mode{assessment.ModeFull, assessment.ModeQuick}[n%2]
		a := sample.Assessment(bank, rng, mode)
		full := assessment.Score(bank, a)
		want := full
		want.Sections = slices.Clone(full.Sections)
		for i := range want.Sections {
			want.Sections[i].Dimensions = nil
		}
		want.Recommendations, want.Guidelines, want.Counts = nil, nil, assessment.Counts{}
		got := assessment.ScoreIndexes(bank, a)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("ScoreIndexes %+v, want %+v", got, want)
		}
		later := assessment.Score(bank, sample.Assessment(bank, rng, assessment.ModeFull))
		if !reflect.DeepEqual(assessment.CompareScores(got, later), assessment.CompareScores(full, later)) {
			t.Fatal("CompareScores reads more than ScoreIndexes gives")
		}
	}
}
