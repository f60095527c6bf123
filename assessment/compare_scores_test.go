package assessment_test

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// CompareScores is Compare with the dimensions and gaps left out, also
// between banks, modes and sections pursued only once.
func TestCompareScoresIsCompareWithoutDimensionsAndGaps(t *testing.T) {
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	banks := cat.Banks()
	rng := rand.New(rand.NewPCG(9, 9))
	onlyOnce := 0
	for n := range 80 {
		eb, lb := banks[rng.IntN(len(banks))], banks[rng.IntN(len(banks))]
		modes := []assessment.Mode{assessment.ModeFull, assessment.ModeQuick}
		earlier := assessment.Score(eb, sample.Assessment(eb, rng, modes[n%2]))
		later := assessment.Score(lb, sample.Assessment(lb, rng, modes[n/2%2]))
		want := assessment.Compare(earlier, later)
		for i := range want.Sections {
			want.Sections[i].Dimensions = nil
			if !want.Sections[i].PursuedBoth() {
				onlyOnce++
			}
		}
		for i := range want.Competences {
			want.Competences[i].Gap = nil
		}
		if got := assessment.CompareScores(earlier, later); !reflect.DeepEqual(got, want) {
			t.Fatalf("CompareScores %+v\nwant %+v", got, want)
		}
	}
	if onlyOnce == 0 {
		t.Fatal("no section pursued only once: that case went untested")
	}
}
