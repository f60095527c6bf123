package plan

import (
	"cmp"
	"math"
	"slices"

	"github.com/digint/digint/assessment"
)

// ProposalSize is how many focus areas a proposal has at most: a plan a
// team can carry is short.
const ProposalSize = 3

// MaxModules is how many training modules a focus area names.
const MaxModules = 3

// Propose suggests focus areas for an assessment with its results r: in
// turn the largest competence gap, the weakest matrix cell and the first
// item marked "we want to develop this", then the next of each, until
// ProposalSize are chosen. Competence gaps go largest first (ties in bank
// order); cells lowest score first (ties by section, then dimension, in
// bank order); develop items in bank order. Each comes with its guideline
// area and modules.
func Propose(b *assessment.Bank, a *assessment.Assessment, r assessment.Result) []Focus {
	// Each list gives at most its first ProposalSize: no round goes further.
	x := indexOf(b) // looked up once: every focus area reads it
	// The lists are made on the stack: only what is chosen is kept.
	var gapsRoom, cellsRoom, itemsRoom [ProposalSize]Focus
	lists := [...][]Focus{competenceGapsIn(gapsRoom[:0], b, r, ProposalSize), weakCellsIn(cellsRoom[:0], b, r),
		developIn(itemsRoom[:0], x, b, a, ProposalSize)}
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	var out []Focus
	if n > 0 {
		out = make([]Focus, 0, min(ProposalSize, n))
	}
	for round := 0; len(out) < ProposalSize; round++ {
		added := false
		for _, l := range lists {
			if round < len(l) && len(out) < ProposalSize {
				out = append(out, l[round])
				added = true
			}
		}
		if !added {
			break
		}
	}
	role := a.Participant.Role
	w := make([]float64, len(b.Competences)) // each area's weights in turn
	for i := range out {
		out[i] = describe(x, b, a, r, out[i], role, w)
	}
	return out
}

// Describe fills in what serves a focus area (guideline, modules) and its
// score in the given results; actions are kept.
func Describe(b *assessment.Bank, a *assessment.Assessment, r assessment.Result, f Focus, role string) Focus {
	return describe(indexOf(b), b, a, r, f, role, make([]float64, len(b.Competences)))
}

// describe is Describe with room w for the area's weights, one per
// competence.
func describe(x *bankIndex, b *assessment.Bank, a *assessment.Assessment, r assessment.Result, f Focus, role string, w []float64) Focus {
	f.Score = ScoreOf(b, a, r, f)
	f.Guideline = guidelineIn(x, b, f)
	f.Modules = modulesIn(x, weightsIn(x, b, f, w), role)
	if f.Actions == nil {
		f.Actions = []Action{} // a list to fill, also in JSON
	}
	return f
}

// competenceGaps are the n largest gaps, largest first (ties in bank
// order).
func competenceGaps(b *assessment.Bank, r assessment.Result, n int) []Focus {
	return competenceGapsIn(make([]Focus, 0, n), b, r, n)
}

// competenceGapsIn is competenceGaps appended to dst.
func competenceGapsIn(dst []Focus, b *assessment.Bank, r assessment.Result, n int) []Focus {
	type gap struct {
		id  string
		gap float64
		at  int
	}
	var room [16]gap // a bank's competences, mostly
	gs := room[:0]
	for _, c := range r.Competences {
		if c.Gap != nil && *c.Gap > 0 {
			gs = append(gs, gap{c.ID, *c.Gap, competenceIndex(b, c.ID)})
		}
	}
	slices.SortStableFunc(gs, func(x, y gap) int {
		return cmp.Or(cmp.Compare(y.gap, x.gap), cmp.Compare(x.at, y.at))
	})
	for _, g := range gs[:min(n, len(gs))] {
		dst = append(dst, Focus{Kind: FocusCompetence, Competence: g.id})
	}
	return dst
}

// weakCells are the weakest ProposalSize cells of pursued sections below
// 100, lowest first (ties by section, then dimension).
func weakCells(b *assessment.Bank, r assessment.Result) []Focus {
	return weakCellsIn(make([]Focus, 0, ProposalSize), b, r)
}

// weakCellsIn is weakCells appended to dst.
func weakCellsIn(dst []Focus, b *assessment.Bank, r assessment.Result) []Focus {
	type cell struct {
		score  float64
		si, di int
	}
	var room [32]cell // a bank's cells, mostly
	cs := room[:0]
	for si, s := range r.Sections {
		if !s.Pursued {
			continue
		}
		for di, d := range b.Dimensions {
			c, ok := s.Dimensions[d.ID]
			if ok && c.Score != nil && *c.Score < 100 {
				cs = append(cs, cell{*c.Score, si, di})
			}
		}
	}
	// cs are in section, then dimension order: the first lowest wins a tie.
	for range min(ProposalSize, len(cs)) { // no round goes further
		low := 0
		for i := range cs {
			if cs[i].score < cs[low].score {
				low = i
			}
		}
		c := cs[low]
		dst = append(dst, Focus{Kind: FocusCell, Section: r.Sections[c.si].ID, Dimension: b.Dimensions[c.di].ID})
		cs = slices.Delete(cs, low, low+1)
	}
	return dst
}

// developItems are the first n (at most ProposalSize) items marked "we
// want to develop this", in bank order.
func developItems(b *assessment.Bank, a *assessment.Assessment, n int) []Focus {
	var out []Focus // nil when none
	if dev := developIn(make([]Focus, 0, ProposalSize), indexOf(b), b, a, n); len(dev) > 0 {
		out = dev
	}
	return out
}

// developIn is developItems appended to dst.
func developIn(dst []Focus, x *bankIndex, b *assessment.Bank, a *assessment.Assessment, n int) []Focus {
	pos := x.pos
	// The n first positions marked, kept in order as they come.
	var first [ProposalSize]int
	k := 0
	for _, ans := range a.Answers {
		if !ans.Develop {
			continue
		}
		i, ok := pos[ans.Item]
		at := k
		for ok && at > 0 && i < first[at-1] {
			at--
		}
		if !ok || at == n || at > 0 && first[at-1] == i {
			continue // unknown, too late, or already marked
		}
		copy(first[at+1:min(k+1, n)], first[at:])
		first[at] = i
		k = min(k+1, n)
	}
	for _, i := range first[:k] {
		dst = append(dst, Focus{Kind: FocusItem, Item: b.Items[i].ID})
	}
	return dst
}

// ScoreOf is a focus area's score (0–100) in the given results, nil when
// nothing was answered there.
func ScoreOf(b *assessment.Bank, a *assessment.Assessment, r assessment.Result, f Focus) *float64 {
	switch f.Kind {
	case FocusCompetence:
		for _, c := range r.Competences {
			if c.ID == f.Competence {
				return c.Score
			}
		}
	case FocusCell:
		for _, s := range r.Sections {
			if s.ID == f.Section && s.Pursued {
				return s.Dimensions[f.Dimension].Score
			}
		}
	case FocusItem:
		it, ok := b.Item(f.Item)
		if !ok {
			return nil
		}
		if s, ok := it.ScoreBy(lastAnswer(a)); ok {
			v := math.Round(s*1000) / 10
			return &v
		}
	}
	return nil
}

// lastAnswer looks up an item's answer in a as Index would (a later one
// wins), without building the map: a focus area asks for one or two.
func lastAnswer(a *assessment.Assessment) func(string) (assessment.Answer, bool) {
	return func(item string) (assessment.Answer, bool) {
		for i := len(a.Answers) - 1; i >= 0; i-- {
			if a.Answers[i].Item == item {
				return a.Answers[i], true
			}
		}
		return assessment.Answer{}, false
	}
}

// weightsOf is how much the area is about each competence, in bank order:
// a competence itself; a cell or an item through the weights of its scored
// items.
func weightsOf(b *assessment.Bank, f Focus) []float64 {
	return weightsIn(indexOf(b), b, f, make([]float64, len(b.Competences)))
}

// weightsIn is weightsOf written in w, one per competence.
func weightsIn(x *bankIndex, b *assessment.Bank, f Focus, w []float64) []float64 {
	clear(w)
	add := func(i int) {
		for c, v := range x.weights[i] {
			w[c] += v
		}
	}
	switch f.Kind {
	case FocusCompetence:
		if i := competenceIndex(b, f.Competence); i >= 0 {
			w[i] = 1
		}
	case FocusCell:
		for i := range b.Items {
			if it := &b.Items[i]; it.Section == f.Section && it.Dimension == f.Dimension {
				add(i)
			}
		}
	case FocusItem:
		if i, ok := x.pos[f.Item]; ok {
			add(i)
		}
	}
	return w
}

// modulesFor ranks modules by Σ weight × relevance: the role's own first,
// then by that sum, ties by module id; at most MaxModules, none at zero.
func modulesFor(b *assessment.Bank, w []float64, role string) []string {
	return modulesIn(indexOf(b), w, role)
}

func modulesIn(x *bankIndex, w []float64, role string) []string {
	type ranked struct {
		id   string
		own  bool
		prio float64
	}
	before := func(p, q ranked) bool {
		if p.own != q.own {
			return p.own
		}
		if c := cmp.Compare(q.prio, p.prio); c != 0 {
			return c < 0
		}
		return p.id < q.id // compared only on a tie
	}
	// The first MaxModules in that order, kept in order as they come: no
	// list of every module to sort.
	var top [MaxModules]ranked
	n := 0
	for mi, m := range x.mods {
		p := 0.0
		for i, r := range x.relevance[mi] {
			p += float64(w[i] * r)
		}
		if p <= 0 {
			continue
		}
		r := ranked{m.ID, m.Role == role, p}
		at := n
		for at > 0 && before(r, top[at-1]) {
			at--
		}
		if at == MaxModules {
			continue
		}
		copy(top[at+1:min(n+1, MaxModules)], top[at:])
		top[at] = r
		n = min(n+1, MaxModules)
	}
	var out []string // nil when none, as before
	if n > 0 {
		out = make([]string, n)
	}
	for i, r := range top[:n] {
		out[i] = r.id
	}
	return out
}

// guidelineFor is the guideline area of the dimension the focus lies in;
// for a competence, the dimension whose scored items carry most of its
// weight (ties in bank order).
func guidelineFor(b *assessment.Bank, f Focus) string { return guidelineIn(indexOf(b), b, f) }

func guidelineIn(x *bankIndex, b *assessment.Bank, f Focus) string {
	dim := f.Dimension
	switch f.Kind {
	case FocusItem:
		if it, ok := b.Item(f.Item); ok {
			dim = it.Dimension
		}
	case FocusCompetence:
		var ok bool
		if dim, ok = x.dimension[f.Competence]; !ok {
			dim = bestDimension(b, f.Competence)
		}
	}
	for _, g := range b.Guidelines {
		if g.Dimension == dim {
			return g.ID
		}
	}
	return ""
}

// bestDimension is the dimension whose scored items carry most of a
// competence's weight (ties in bank order).
func bestDimension(b *assessment.Bank, competence string) string {
	best, dim := -1.0, ""
	for _, d := range b.Dimensions {
		sum := 0.0
		for i := range b.Items {
			if it := &b.Items[i]; it.Dimension == d.ID && it.Scored() {
				sum += it.Competences[competence]
			}
		}
		if sum > best {
			best, dim = sum, d.ID
		}
	}
	return dim
}
