package plan

import (
	"cmp"
	"slices"

	"github.com/digint/digint/assessment"
)

// ProposeGroup suggests focus areas for a workshop from its group report:
// in turn the competence with the largest median gap (ties in bank order)
// and the item the group disagrees on most (the report's "to discuss"
// order), until ProposalSize are chosen. A group plan names no one: it is
// made of the group's figures only.
func ProposeGroup(b *assessment.Bank, g assessment.GroupReport) []Focus {
	type gap struct {
		id  string
		gap float64
		at  int
	}
	var gs []gap
	for _, c := range g.Competences {
		if c.Gap != nil && c.Gap.Median > 0 {
			gs = append(gs, gap{c.ID, c.Gap.Median, competenceIndex(b, c.ID)})
		}
	}
	slices.SortStableFunc(gs, func(x, y gap) int { return cmp.Or(cmp.Compare(y.gap, x.gap), cmp.Compare(x.at, y.at)) })
	var comps, items []Focus
	for _, x := range gs {
		comps = append(comps, Focus{Kind: FocusCompetence, Competence: x.id})
	}
	for _, id := range g.Discuss {
		if it, ok := b.Item(id); ok && it.Scored() {
			items = append(items, Focus{Kind: FocusItem, Item: id})
		}
	}
	var out []Focus
	for round := 0; len(out) < ProposalSize && (round < len(comps) || round < len(items)); round++ {
		for _, l := range [][]Focus{comps, items} {
			if round < len(l) && len(out) < ProposalSize {
				out = append(out, DescribeGroup(b, g, l[round]))
			}
		}
	}
	return out
}

// DescribeGroup fills in a focus area's median score in the group and
// what serves it; no role comes first (a group has several).
func DescribeGroup(b *assessment.Bank, g assessment.GroupReport, f Focus) Focus {
	f.Score = GroupScoreOf(g, f)
	f.Guideline = guidelineFor(b, f)
	f.Modules = modulesFor(b, weightsOf(b, f), "")
	if f.Actions == nil {
		f.Actions = []Action{}
	}
	return f
}

// GroupScoreOf is the group's median score of a focus area, nil when no
// one answered there.
func GroupScoreOf(g assessment.GroupReport, f Focus) *float64 {
	median := func(s *assessment.Stats) *float64 {
		if s == nil || s.N == 0 {
			return nil
		}
		m := s.Median
		return &m
	}
	switch f.Kind {
	case FocusCompetence:
		for _, c := range g.Competences {
			if c.ID == f.Competence {
				return median(c.Score)
			}
		}
	case FocusCell:
		for _, s := range g.Sections {
			if s.ID == f.Section {
				return median(s.Dimensions[f.Dimension])
			}
		}
	case FocusItem:
		for _, it := range g.Items {
			if it.Item == f.Item {
				return median(it.Score)
			}
		}
	}
	return nil
}
