package plan

import (
	"math"
	"slices"
	"strings"

	"github.com/digint/digint/assessment"
)

// Movement is how one focus area of an earlier plan moved by a later
// assessment: its score then and now, and the actions still open.
type Movement struct {
	Focus  Focus    `json:"focus"`
	Then   *float64 `json:"then"`
	Now    *float64 `json:"now"`
	Change *float64 `json:"change"` // now − then, when both exist
	Open   []Action `json:"open"`
}

// Review shows how each focus area of an earlier plan moved in a later
// assessment (a, with its results r).
func Review(b *assessment.Bank, earlier Plan, a *assessment.Assessment, r assessment.Result) []Movement {
	out := make([]Movement, 0, len(earlier.Focus))
	for _, f := range earlier.Focus {
		m := Movement{Focus: f, Then: f.Score, Now: ScoreOf(b, a, r, f), Open: openActions(f)}
		if m.Then != nil && m.Now != nil {
			d := math.Round((*m.Now-*m.Then)*10) / 10
			m.Change = &d
		}
		out = append(out, m)
	}
	return out
}

func openActions(f Focus) []Action {
	var open []Action
	for _, a := range f.Actions {
		if !a.Done {
			open = append(open, a)
		}
	}
	return open
}

// CarryOver copies the open actions of an earlier plan into a new one: to
// the same area when the new plan has it, else as the area again (with
// its score and what serves it in the later results). Limits hold: what
// does not fit is left out, and the count of such actions is returned.
func CarryOver(b *assessment.Bank, earlier, into Plan, a *assessment.Assessment, r assessment.Result) (Plan, int) {
	out := into
	out.Focus = append([]Focus(nil), into.Focus...)
	dropped := 0
	for _, f := range earlier.Focus {
		open := openActions(f)
		if len(open) == 0 {
			continue
		}
		at := -1
		for i := range out.Focus {
			if out.Focus[i].Key() == f.Key() {
				at = i
			}
		}
		if at < 0 {
			if len(out.Focus) == MaxFocus {
				dropped += len(open)
				continue
			}
			nf := f
			nf.Actions = nil
			out.Focus = append(out.Focus, Describe(b, a, r, nf, a.Participant.Role))
			at = len(out.Focus) - 1
		}
		acts := append([]Action(nil), out.Focus[at].Actions...)
		for _, x := range open {
			if hasAction(acts, x) { // carried already
				continue
			}
			if len(acts) == MaxActions {
				dropped++
				continue
			}
			acts = append(acts, x)
		}
		out.Focus[at].Actions = acts
	}
	return out, dropped
}

// Uncarried counts the open actions of earlier that CarryOver would still
// bring into into: 0 once they all are there.
func Uncarried(earlier, into Plan) int {
	n := 0
	for _, f := range earlier.Focus {
		i := slices.IndexFunc(into.Focus, func(g Focus) bool { return g.Key() == f.Key() })
		for _, x := range openActions(f) {
			if i < 0 || !hasAction(into.Focus[i].Actions, x) {
				n++
			}
		}
	}
	return n
}

// hasAction tells whether acts holds an action that says what x says: a
// carried action is the same action, however often carry is asked.
func hasAction(acts []Action, x Action) bool {
	return slices.ContainsFunc(acts, func(a Action) bool { return strings.TrimSpace(a.What) == strings.TrimSpace(x.What) })
}
