package plan

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// weakCells picks what sorting every cell would put first: the lowest
// score, ties by section then dimension.
func TestWeakCellsAreTheSortedFirst(t *testing.T) {
	b, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(4, 4))
	for n := range 300 {
		a := sample.Assessment(b, rng, []assessment.Mode{assessment.ModeFull, assessment.ModeQuick}[n%2])
		r := assessment.Score(b, a)
		type cell struct {
			f      Focus
			score  float64
			si, di int
		}
		var cs []cell
		for si, s := range r.Sections {
			for di, d := range b.Dimensions {
				if c := s.Dimensions[d.ID]; s.Pursued && c.Score != nil && *c.Score < 100 {
					cs = append(cs, cell{Focus{Kind: FocusCell, Section: s.ID, Dimension: d.ID}, *c.Score, si, di})
				}
			}
		}
		slices.SortFunc(cs, func(x, y cell) int {
			return cmp.Or(cmp.Compare(x.score, y.score), cmp.Compare(x.si, y.si), cmp.Compare(x.di, y.di))
		})
		got := weakCells(b, r)
		if len(got) != min(ProposalSize, len(cs)) {
			t.Fatalf("%d cells, want %d", len(got), min(ProposalSize, len(cs)))
		}
		for i := range got {
			if got[i].Key() != cs[i].f.Key() {
				t.Fatalf("cell %d is %s, sorted %s", i, got[i].Key(), cs[i].f.Key())
			}
		}
	}
}

// modulesFor picks what sorting every module would put first: the role's
// own, then by weight × relevance, ties by id; developItems the first
// items marked, in bank order, each once.
func TestPicksAreTheSortedFirst(t *testing.T) {
	b, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 3))
	roles := []string{"", b.Roles[0].ID, b.Roles[len(b.Roles)-1].ID}
	for n := range 500 {
		w := make([]float64, len(b.Competences))
		for i := range w {
			if rng.IntN(3) > 0 {
				w[i] = float64(rng.IntN(4)) / 2 // ties are common
			}
		}
		role := roles[n%len(roles)]
		if got, want := modulesFor(b, w, role), sortedModules(b, w, role); !slices.Equal(got, want) {
			t.Fatalf("weights %v, role %q: picked %v, sorted %v", w, role, got, want)
		}
	}
	for range 200 {
		a := &assessment.Assessment{}
		for range rng.IntN(8) {
			a.Answers = append(a.Answers, assessment.Answer{Item: b.Items[rng.IntN(len(b.Items))].ID, Develop: rng.IntN(2) == 0})
		}
		var want []Focus
		for _, it := range b.Items {
			marked := slices.ContainsFunc(a.Answers, func(x assessment.Answer) bool { return x.Item == it.ID && x.Develop })
			if marked && len(want) < ProposalSize {
				want = append(want, Focus{Kind: FocusItem, Item: it.ID})
			}
		}
		got := developItems(b, a, ProposalSize)
		if len(got) != len(want) || !slices.EqualFunc(got, want, func(x, y Focus) bool { return x.Key() == y.Key() }) {
			t.Fatalf("answers %v: %v, want %v", a.Answers, got, want)
		}
	}
}

func sortedModules(b *assessment.Bank, w []float64, role string) []string {
	type ranked struct {
		id   string
		own  bool
		prio float64
	}
	var rs []ranked
	for _, m := range b.Modules() {
		p := 0.0
		for i, c := range b.Competences {
			p += float64(w[i] * m.Competences[c.ID])
		}
		if p > 0 {
			rs = append(rs, ranked{m.ID, m.Role == role, p})
		}
	}
	slices.SortFunc(rs, func(x, y ranked) int {
		if x.own != y.own {
			if x.own {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(y.prio, x.prio), cmp.Compare(x.id, y.id))
	})
	var out []string
	for i := 0; i < len(rs) && i < MaxModules; i++ {
		out = append(out, rs[i].id)
	}
	return out
}
