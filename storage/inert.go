package storage

import (
	"unicode/utf8"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/safe"
)

// Text read from the database is made inert before the store hands it out:
// a file copied from elsewhere, a crafted SQLite file or a shared PostgreSQL
// database may hold what another program wrote, escapes included. The rule
// is the one the store writes with (assessment.CleanText), so what comes out
// looks like what digint itself would have stored; text digint wrote passes
// unchanged and costs one scan, no allocation.

// inert is a one-line text (a name, an id, a note) as the store hands it out.
func inert(s string) string { return inertText(s, false) }

// inertLines is inert for the answer to a text item, which keeps its lines.
func inertLines(s string) string { return inertText(s, true) }

func inertText(s string, keepLines bool) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			// All before i is printable ASCII, so i starts a character.
			if unclean(s[i:], keepLines) {
				return assessment.CleanText(s, keepLines)
			}
			return s
		}
	}
	return s
}

// unclean reports whether s holds a byte that is not UTF-8 or a character
// no text may carry to a reader (see safe.Unsafe).
func unclean(s string, keepLines bool) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || safe.Unsafe(r) && !(keepLines && r == '\n') {
			return true
		}
		i += size
	}
	return false
}

// inertValue is a stored answer value with its text made inert: the answer
// to a text item keeps its lines, option ids are one line each.
func inertValue(v assessment.Value) assessment.Value {
	if list := v.List(); list != nil {
		var out []string
		for i, id := range list {
			if c := inert(id); c != id && out == nil {
				out = append(make([]string, 0, len(list)), list[:i]...)
				out = append(out, c)
			} else if out != nil {
				out = append(out, c)
			}
		}
		if out != nil {
			return assessment.List(out)
		}
		return v
	}
	if s := v.String(); s != "" {
		if c := inertLines(s); c != s {
			return assessment.String(c)
		}
	}
	return v
}

// inertPlan makes every text of a stored action plan inert, in place: the
// store checks a plan's ids against the bank when it writes one, but a
// plan written by another program may hold anything in any field.
func inertPlan(p *assessment.Plan) {
	for i := range p.Focus {
		f := &p.Focus[i]
		f.Kind = assessment.FocusKind(inert(string(f.Kind)))
		f.Competence, f.Section, f.Dimension = inert(f.Competence), inert(f.Section), inert(f.Dimension)
		f.Item, f.Guideline = inert(f.Item), inert(f.Guideline)
		for j := range f.Modules {
			f.Modules[j] = inert(f.Modules[j])
		}
		for j := range f.Actions {
			a := &f.Actions[j]
			a.What, a.Lead, a.Due = inert(a.What), inert(a.Lead), inert(a.Due)
			a.Indicator, a.DrawsOn = inert(a.Indicator), inert(a.DrawsOn)
		}
	}
}

// inertParticipant makes a stored person's texts inert, in place.
func inertParticipant(p *assessment.Participant) {
	p.ID, p.Name, p.Role, p.Institution = inert(p.ID), inert(p.Name), inert(p.Role), inert(p.Institution)
}
