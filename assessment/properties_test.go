package assessment_test

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// Properties over many random assessments of the real bank.
func TestScoreProperties(t *testing.T) {
	b, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 300 {
		a := sample.Partial(b, rng)
		r := assessment.Score(b, a)
		in := func(p *float64) bool { return p == nil || (*p >= 0 && *p <= 100) }
		if !in(r.Overall) {
			t.Fatalf("#%d overall %v", n, *r.Overall)
		}
		for _, s := range r.Sections {
			if !in(s.Index) {
				t.Fatalf("#%d section %s index %v", n, s.ID, *s.Index)
			}
			for d, c := range s.Dimensions {
				if !in(c.Score) {
					t.Fatalf("#%d cell %s/%s %v", n, s.ID, d, *c.Score)
				}
			}
		}
		for _, c := range r.Competences {
			if !in(c.Score) {
				t.Fatalf("#%d competence %s %v", n, c.ID, *c.Score)
			}
			if c.Score == nil {
				if c.Gap != nil {
					t.Fatalf("#%d %s has a gap without a score", n, c.ID)
				}
				continue
			}
			if want := math.Round(max(0, c.Target-*c.Score)*10) / 10; *c.Gap != want {
				t.Fatalf("#%d %s gap %v, want max(0, %v − %v)", n, c.ID, *c.Gap, c.Target, *c.Score)
			}
		}
		for i := 1; i < len(r.Recommendations); i++ {
			p, q := r.Recommendations[i-1], r.Recommendations[i]
			own := a.Participant.Role
			if p.Role != own && q.Role == own {
				t.Fatalf("#%d own role's module %s after %s", n, q.Module, p.Module)
			}
			if (p.Role == own) == (q.Role == own) && (p.Priority < q.Priority || p.Priority == q.Priority && p.Module > q.Module) {
				t.Fatalf("#%d %s (%v) before %s (%v)", n, p.Module, p.Priority, q.Module, q.Priority)
			}
		}
		for _, rec := range r.Recommendations {
			if rec.Priority <= 0 || len(rec.Reasons) == 0 {
				t.Fatalf("#%d recommendation without priority or reason: %+v", n, rec)
			}
		}

		shuffled := *a
		shuffled.Answers = slices.Clone(a.Answers)
		rng.Shuffle(len(shuffled.Answers), func(i, j int) {
			shuffled.Answers[i], shuffled.Answers[j] = shuffled.Answers[j], shuffled.Answers[i]
		})
		if !sameResult(r, assessment.Score(b, &shuffled)) {
			t.Fatalf("#%d shuffled answers changed the result", n)
		}
	}
}

func sameResult(x, y assessment.Result) bool {
	a, _ := json.Marshal(x)
	b, _ := json.Marshal(y)
	return string(a) == string(b)
}
