package plan

import (
	"strings"

	"github.com/digint/digint/assessment"
)

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
	title, partner, module := source(b, id)
	if !module {
		return title
	}
	return title + " (" + partner + ")"
}

// SourceTitles are the SourceTitle of each id, nil for none: cut from one
// string, as a focus area names a few.
func SourceTitles(b *assessment.Bank, ids []string) []string {
	if len(ids) == 0 {
		return nil
	}
	type part struct {
		title, partner string
		module         bool
	}
	var room [MaxModules + 1]part // a focus area's, on the stack
	parts, n := room[:0], 0
	x := indexOf(b) // its modules by id: a list names several
	for _, id := range ids {
		var p part
		if m, ok := x.modByID[id]; ok && !isGuideline(b, id) {
			p.title, p.partner, p.module = m.Title, m.Partner, true
		} else {
			p.title, p.partner, p.module = source(b, id)
		}
		n += len(p.title)
		if p.module {
			n += len(" (") + len(p.partner) + len(")")
		}
		parts = append(parts, p)
	}
	var sb strings.Builder
	sb.Grow(n)
	out := make([]string, len(ids))
	for i, p := range parts {
		start := sb.Len()
		sb.WriteString(p.title)
		if p.module {
			sb.WriteString(" (")
			sb.WriteString(p.partner)
			sb.WriteString(")")
		}
		// A builder only appends: what its String gave stays as it is.
		out[i] = sb.String()[start:]
	}
	return out
}

func isGuideline(b *assessment.Bank, id string) bool {
	for _, g := range b.Guidelines {
		if g.ID == id {
			return true
		}
	}
	return false
}

// source is a guideline area's title, or a module's title and partner
// (module true); "" when the bank has neither.
func source(b *assessment.Bank, id string) (title, partner string, module bool) {
	for _, g := range b.Guidelines {
		if g.ID == id {
			return g.Title, "", false
		}
	}
	// The first module of that id, in bank order; no look-up to build for
	// a list this short.
	for c := range b.Courses {
		for i := range b.Courses[c].Modules {
			if m := &b.Courses[c].Modules[i]; m.ID == id {
				return m.Title, m.Partner, true
			}
		}
	}
	return "", "", false
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
