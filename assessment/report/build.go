package report

import (
	"cmp"
	"slices"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
)

// Build makes the report of a, answered on b (translated to the language
// the report is read in: every label comes from it). prev, when not nil,
// is the person's previous completed assessment; saved, when not nil, the
// assessment's action plan.
func Build(b *assessment.Bank, a *assessment.Assessment, prev *Previous, saved *plan.Plan) Individual {
	r, answers, scores := assessment.ScoreItems(b, a)
	rep := Individual{
		ID: a.ID, Language: a.Language, Mode: a.Mode, Bank: a.Bank, BankTitle: b.Title,
		StartedAt: a.StartedAt, CompletedAt: a.CompletedAt, Overall: r.Overall,
		Person: Person{Name: a.Participant.Name, Institution: a.Participant.Institution,
			Role: Label{a.Participant.Role, roleTitle(b, a.Participant.Role)}},
		Levels: b.Scales.Maturity, Counts: r.Counts, Dimensions: sized[Label](len(b.Dimensions)),
	}
	for _, d := range b.Dimensions {
		rep.Dimensions = append(rep.Dimensions, Label{d.ID, d.Title})
	}
	if r.Overall != nil {
		rep.OverallLevel = LevelOf(*r.Overall, b.Scales.Maturity)
	}
	x := indexOf(b) // looked up once for the parts below
	rep.Matrix = matrix(b, x, a, r, scores)
	rep.Competences = competences(b, r)
	rep.LowEvidence = slices.ContainsFunc(rep.Competences, func(c Competence) bool { return c.LowEvidence })
	rep.Gaps, rep.Strengths = gapsAndStrengths(rep.Competences)
	rep.Plan = planPart(b, r, saved)
	if rep.Plan == nil { // a plan kept replaces the proposal: one list of what to work on
		rep.Focus = focus(b, a, r)
	}
	rep.Modules = modules(b, x, r)
	rep.Guidelines = guidelines(b, r)
	rep.Develop, rep.Notes = entries(b, x, answers)
	rep.Progress = progress(b, a, r, prev)
	return rep
}

func roleTitle(b *assessment.Bank, id string) string {
	if ro, ok := b.Role(id); ok {
		return ro.Title
	}
	return id
}

func competenceTitle(b *assessment.Bank, id string) string {
	for _, c := range b.Competences {
		if c.ID == id {
			return c.Title
		}
	}
	return id
}

func dimensionTitle(b *assessment.Bank, id string) string {
	for _, d := range b.Dimensions {
		if d.ID == id {
			return d.Title
		}
	}
	return id
}

// LevelOf names the maturity level of a 0–100 score and what the next one
// needs, with the names of levels.
func LevelOf(score float64, levels []string) Level { return levelIn(score, levels, new(Next)) }

// levelIn is LevelOf with its next level written in next (which it points
// to, unless at the top level): a matrix keeps all of them in one array.
func levelIn(score float64, levels []string, next *Next) Level {
	n, from := assessment.Level(score)
	l := Level{Number: n, Name: name(levels, n)}
	if n < assessment.MaturityMax {
		*next = Next{Name: name(levels, n+1), From: from, Points: max(0, round1(from-score))}
		l.Next = next
	}
	return l
}

func name(levels []string, i int) string {
	if i < len(levels) {
		return levels[i]
	}
	return ""
}

func round1(x float64) float64 {
	if x < 0 {
		return -round1(-x)
	}
	return float64(int64(x*10+0.5)) / 10
}

// matrix is the maturity matrix of results r, with the items' scores. Its
// rows, cells and next levels lie in one array each.
func matrix(b *assessment.Bank, x *bankIndex, a *assessment.Assessment, r assessment.Result, scores assessment.ItemScores) []Row {
	items := cellItems(b, x, a.Mode, scores)
	nd := len(b.Dimensions)
	rows := sized[Row](len(r.Sections))
	cells := make([]Cell, len(r.Sections)*nd)
	next := make([]Next, len(r.Sections)*(nd+1))
	for si, s := range r.Sections {
		row := Row{Section: Label{s.ID, b.Sections[si].Title}, Pursued: s.Pursued, Index: s.Index, Cells: cells[:0:nd]}
		cells = cells[nd:]
		if s.Index != nil {
			row.IndexLevel = levelIn(*s.Index, b.Scales.Maturity, &next[0])
		}
		for di, d := range b.Dimensions {
			c := s.Dimensions[d.ID]
			cell := Cell{Score: c.Score, Answered: c.Answered}
			if c.Score != nil {
				cell.Level = levelIn(*c.Score, b.Scales.Maturity, &next[1+di])
			}
			cell.Items = items[si*nd+di]
			row.Cells = append(row.Cells, cell)
		}
		next = next[nd+1:]
		rows = append(rows, row)
	}
	return rows
}

func competences(b *assessment.Bank, r assessment.Result) []Competence {
	out := sized[Competence](len(r.Competences))
	for i, c := range r.Competences {
		out = append(out, Competence{Label: Label{c.ID, b.Competences[i].Title}, Description: b.Competences[i].Description,
			Score: c.Score, Target: c.Target, Gap: c.Gap, Evidence: c.Evidence, LowEvidence: c.LowEvidence})
	}
	return out
}

// gapsAndStrengths: the largest open gaps, and the competences that reach
// their target, best first; ties keep the bank's order.
func gapsAndStrengths(comps []Competence) (gaps, strengths []Competence) {
	ng, ns := 0, 0
	for _, c := range comps {
		switch {
		case c.Gap != nil && *c.Gap > 0:
			ng++
		case c.Gap != nil:
			ns++
		}
	}
	gaps, strengths = sized[Competence](ng), sized[Competence](ns)
	for _, c := range comps {
		switch {
		case c.Gap != nil && *c.Gap > 0:
			gaps = append(gaps, c)
		case c.Gap != nil:
			strengths = append(strengths, c)
		}
	}
	slices.SortStableFunc(gaps, func(x, y Competence) int { return cmp.Compare(*y.Gap, *x.Gap) })
	slices.SortStableFunc(strengths, func(x, y Competence) int { return cmp.Compare(*y.Score, *x.Score) })
	return gaps[:min(MaxGaps, len(gaps))], strengths
}

// cellItems are, by matrix cell (section × dimension), the scored items
// that the mode asks, each with its score, in bank order.
func cellItems(b *assessment.Bank, x *bankIndex, mode assessment.Mode, itemScores assessment.ItemScores) [][]Scored {
	cells := x.cellsIn(b, mode)
	n := 0
	for _, c := range cells {
		n += len(c)
	}
	// One array for all: a cell's list is a part of it.
	all, scores := make([]Scored, n), make([]float64, n)
	out := make([][]Scored, len(cells))
	n = 0
	for c, items := range cells {
		if len(items) == 0 {
			continue
		}
		out[c] = all[n : n+len(items) : n+len(items)]
		for _, i := range items {
			it := &b.Items[i]
			all[n].Label = Label{it.ID, it.Text}
			if v, ok := itemScores.At(i); ok {
				scores[n] = round1(v * 100)
				all[n].Score = &scores[n]
			}
			n++
		}
	}
	return out
}

// sized is an empty slice with room for n, nil when n is 0: as appending
// to a nil slice would leave it (JSON faces write null, not []).
func sized[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, 0, n)
}
