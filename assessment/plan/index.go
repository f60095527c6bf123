package plan

import "github.com/digint/digint/assessment"

// bankIndex is what proposing a plan looks up in its bank, in bank order:
// built once per bank (assessment.PerBank) instead of from the bank's maps
// for every focus area.
type bankIndex struct {
	pos     map[string]int // item positions by id
	weights [][]float64    // by item: its weight for each competence; nil when not scored
	mods    []*assessment.Module
	// relevance is, by module (as mods), its relevance to each competence.
	relevance [][]float64
	modByID   map[string]*assessment.Module // the first of each id, as a search in bank order finds
	// dimension is, by competence id, the dimension its guideline comes
	// from (bestDimension).
	dimension map[string]string
}

var indexOf = assessment.PerBank(func(b *assessment.Bank) *bankIndex {
	x := &bankIndex{pos: map[string]int{}, weights: make([][]float64, len(b.Items)), mods: b.Modules(),
		modByID: map[string]*assessment.Module{}, dimension: map[string]string{}}
	for i := range b.Items {
		it := &b.Items[i]
		x.pos[it.ID] = i
		if it.Scored() {
			x.weights[i] = inBankOrder(b, it.Competences)
		}
	}
	for _, m := range x.mods {
		x.relevance = append(x.relevance, inBankOrder(b, m.Competences))
		if _, dup := x.modByID[m.ID]; !dup {
			x.modByID[m.ID] = m
		}
	}
	for _, c := range b.Competences {
		x.dimension[c.ID] = bestDimension(b, c.ID)
	}
	return x
})

func inBankOrder(b *assessment.Bank, byID map[string]float64) []float64 {
	out := make([]float64, len(b.Competences))
	for i, c := range b.Competences {
		out[i] = byID[c.ID]
	}
	return out
}
