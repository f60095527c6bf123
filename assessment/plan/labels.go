package plan

import "github.com/digint/digint/assessment"

// Subject is what a focus area is about, in the bank's language: the
// competence's title, "section × dimension", or the item's question.
func Subject(b *assessment.Bank, f Focus) string {
	switch f.Kind {
	case FocusCompetence:
		if i := competenceIndex(b, f.Competence); i >= 0 {
			return b.Competences[i].Title
		}
	case FocusCell:
		s, ok := b.Section(f.Section)
		d := dimensionIndex(b, f.Dimension)
		if ok && d >= 0 {
			return s.Title + " × " + b.Dimensions[d].Title
		}
	case FocusItem:
		if it, ok := b.Item(f.Item); ok {
			return it.Text
		}
	}
	return f.Key()
}

// SourceTitle is the title of a module (with its partner) or a guideline
// area, "" when the bank has neither.
func SourceTitle(b *assessment.Bank, id string) string {
	for _, g := range b.Guidelines {
		if g.ID == id {
			return g.Title
		}
	}
	// The first module of that id, in bank order; no look-up to build for
	// a list this short.
	for c := range b.Courses {
		for i := range b.Courses[c].Modules {
			if m := &b.Courses[c].Modules[i]; m.ID == id {
				return m.Title + " (" + m.Partner + ")"
			}
		}
	}
	return ""
}

// Sources are what an action of a focus area may draw on: its guideline
// area, then its modules.
func Sources(f Focus) []string {
	var out []string
	if f.Guideline != "" {
		out = append(out, f.Guideline)
	}
	return append(out, f.Modules...)
}
