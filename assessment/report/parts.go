package report

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
)

// focus is the plan's proposal (one rule for the report and the Plan
// screen), with its labels.
func focus(b *assessment.Bank, a *assessment.Assessment, r assessment.Result) []Focus {
	proposed := plan.Propose(b, a, r)
	out := sized[Focus](min(MaxFocus, len(proposed)))
	targets := targetsOf(r)
	for _, f := range proposed[:min(MaxFocus, len(proposed))] {
		out = append(out, labelFocus(b, targets, f))
	}
	return out
}

// targets are competence targets by id: a handful, searched in a list
// rather than hashed into a map.
type targets []target

type target struct {
	id string
	t  float64
}

// of is the target of competence id; the last one given wins, as in a map.
func (ts targets) of(id string) (float64, bool) {
	for i := len(ts) - 1; i >= 0; i-- {
		if ts[i].id == id {
			return ts[i].t, true
		}
	}
	return 0, false
}

// targetsOf are the competence targets of a person's results.
func targetsOf(r assessment.Result) targets {
	t := make(targets, len(r.Competences))
	for i, c := range r.Competences {
		t[i] = target{c.ID, c.Target}
	}
	return t
}

// labelFocus labels a focus area; a competence gets its target from
// targets.
func labelFocus(b *assessment.Bank, targets targets, f plan.Focus) Focus {
	out := Focus{Kind: string(f.Kind), Title: plan.Subject(b, f), Score: f.Score,
		Guideline: plan.SourceTitle(b, f.Guideline), Modules: plan.SourceTitles(b, f.Modules)}
	if t, ok := targets.of(f.Competence); ok && f.Kind == plan.FocusCompetence {
		out.Target = &t
	}
	return out
}

// planPart labels a saved plan.
func planPart(b *assessment.Bank, r assessment.Result, p *plan.Plan) *Plan {
	if p == nil {
		return nil
	}
	out := PlanOf(b, r, *p)
	return &out
}

// PlanOf is a plan with its labels in the bank's language; r are the
// results of the plan's assessment.
func PlanOf(b *assessment.Bank, r assessment.Result, p plan.Plan) Plan {
	return planWithTargets(b, targetsOf(r), p)
}

// GroupPlanOf is a workshop's group plan with its labels. A competence
// area carries the group's median gap, as the group report ranks it, and
// no target: the one the radar draws is a single role's.
func GroupPlanOf(b *assessment.Bank, g Group, p plan.Plan) Plan {
	out := planWithTargets(b, nil, p)
	for i := range out.Areas {
		f := &out.Areas[i].Focus
		if p.Focus[i].Kind != plan.FocusCompetence {
			continue
		}
		for _, c := range g.Competences {
			if c.ID == p.Focus[i].Competence && c.Gap != nil {
				gap := c.Gap.Median
				f.Gap = &gap
			}
		}
	}
	return out
}

func planWithTargets(b *assessment.Bank, targets targets, p plan.Plan) Plan {
	out := Plan{UpdatedAt: p.UpdatedAt}
	for _, f := range p.Focus {
		out.Areas = append(out.Areas, PlanArea{Focus: labelFocus(b, targets, f), Actions: labelActions(b, f.Actions)})
	}
	return out
}

func modules(b *assessment.Bank, x *bankIndex, r assessment.Result) []Module {
	var out []Module
	if len(r.Recommendations) > 0 {
		out = make([]Module, 0, len(r.Recommendations))
	}
	n := 0
	for _, rec := range r.Recommendations {
		n += len(rec.Reasons)
	}
	reasons := make([]Reason, n) // one array for all: a module's reasons are a part of it
	for _, rec := range r.Recommendations {
		mod := Module{Label: Label{rec.Module, rec.Module}, Role: roleTitle(b, rec.Role), Priority: rec.Priority}
		if c, ok := x.courses[rec.Course]; ok {
			mod.Course = b.Courses[c].Title
		}
		if m := x.modules[rec.Module]; m != nil {
			mod.Title, mod.Partner, mod.Summary = m.Title, m.Partner, m.Summary
		}
		if k := len(rec.Reasons); k > 0 {
			mod.Reasons, reasons = reasons[:0:k], reasons[k:]
		}
		for _, rs := range rec.Reasons {
			mod.Reasons = append(mod.Reasons, Reason{Competence: competenceTitle(b, rs.Competence), Gap: rs.Gap})
		}
		out = append(out, mod)
	}
	// recommend puts the role's own first; past the recommendation the
	// modules are only named, "by priority", and so are in that order.
	slices.SortStableFunc(out[min(MaxModules, len(out)):], func(x, y Module) int {
		if c := cmp.Compare(y.Priority, x.Priority); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	return out
}

func guidelines(b *assessment.Bank, r assessment.Result) []Guideline {
	var out []Guideline
	for _, g := range r.Guidelines {
		for _, gl := range b.Guidelines {
			if gl.ID == g.ID {
				out = append(out, Guideline{Label: Label{gl.ID, gl.Title}, Dimension: dimensionTitle(b, g.Dimension),
					Score: g.Score, Advice: gl.Advice})
			}
		}
	}
	return out
}

// entries: the answers marked to develop, and the other answers that carry
// a note, an Other text or a comment (a text item's answer), in bank order.
func entries(b *assessment.Bank, x *bankIndex, answers assessment.Answers) (develop, notes []Entry) {
	nd, nn := 0, 0
	for i := range b.Items {
		if ans := answers.At(i); ans != nil && ans.Develop {
			nd++
		} else if ans != nil && noted(&b.Items[i], ans) {
			nn++
		}
	}
	if nd > 0 {
		develop = make([]Entry, 0, nd)
	}
	if nn > 0 {
		notes = make([]Entry, 0, nn)
	}
	labels := make([]string, 0, nd+nn) // every entry's labels, cut from one array
	for i := range b.Items {
		it, ans := &b.Items[i], answers.At(i)
		if ans == nil || !(ans.Develop || noted(it, ans)) {
			continue
		}
		e := Entry{Item: Label{it.ID, it.Text}, Section: b.Sections[x.section[i]].Title, Status: ans.Status,
			Comment: comment(it, ans), Other: ans.Other, Note: ans.Note}
		if e.Comment == "" {
			from := len(labels)
			labels = appendLabels(labels, b, it, *ans)
			e.Answer = labels[from:len(labels):len(labels)]
		}
		if len(e.Answer) == 0 {
			e.Answer = nil
		}
		if ans.Develop {
			develop = append(develop, e)
		} else {
			notes = append(notes, e)
		}
	}
	return develop, notes
}

// noted reports whether an answer carries the person's own words: a note,
// an Other text or a comment.
func noted(it *assessment.Item, a *assessment.Answer) bool {
	return a.Note != "" || a.Other != "" || comment(it, a) != ""
}

// comment is the answer to a text item ("comments on this section"), ""
// for any other item.
func comment(it *assessment.Item, a *assessment.Answer) string {
	if it.Kind != assessment.KindText || a.Status != assessment.StatusAnswered {
		return ""
	}
	return a.Value.String()
}

// AnswerLabels are an answer in words, with the bank's labels: one, or
// each option ticked of a multiple choice (a face lists them with its
// language's punctuation); nil when the item was not answered (not
// applicable, don't know). An Other text is not part of it: faces show it
// as the person's own words.
func AnswerLabels(b *assessment.Bank, it *assessment.Item, a assessment.Answer) []string {
	return appendLabels(nil, b, it, a)
}

// appendLabels appends the AnswerLabels of a to dst.
func appendLabels(dst []string, b *assessment.Bank, it *assessment.Item, a assessment.Answer) []string {
	switch {
	case a.Status != assessment.StatusAnswered:
		return dst
	case it.Kind == assessment.KindMulti:
		for _, id := range a.Value.List() {
			dst = append(dst, option(it.Options, id))
		}
		return dst
	}
	if s := answerLabel(b, it, a); s != "" {
		dst = append(dst, s)
	}
	return dst
}

// answerLabel is the label of an answer to any kind of item but a multiple
// choice.
func answerLabel(b *assessment.Bank, it *assessment.Item, a assessment.Answer) string {
	v := a.Value
	switch it.Kind {
	case assessment.KindMaturity:
		return name(b.Scales.Maturity, v.Number())
	case assessment.KindSelfRating:
		return name(b.Scales.Proficiency, v.Number()-assessment.SelfRatingMin)
	case assessment.KindCount:
		return strconv.Itoa(v.Number())
	case assessment.KindYesNo:
		return option(b.Scales.YesNo, v.String())
	case assessment.KindBand:
		return option(it.Options, v.String())
	case assessment.KindText:
		return v.String()
	}
	return ""
}

func option(opts []assessment.Option, id string) string {
	for _, o := range opts {
		if o.ID == id {
			return o.Text
		}
	}
	return id
}

// labelActions names what each action draws on.
func labelActions(b *assessment.Bank, acts []plan.Action) []Action {
	var out []Action
	for _, a := range acts {
		out = append(out, Action{What: a.What, Lead: a.Lead, Due: a.Due, Indicator: a.Indicator,
			Baseline: a.Baseline, Target: a.Target, DrawsOn: plan.SourceTitle(b, a.DrawsOn), Done: a.Done})
	}
	return out
}
