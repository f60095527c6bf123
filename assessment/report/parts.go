package report

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/digint/digint/assessment"
)

// focus picks the items where a step up closes most of the person's gaps:
// benefit = Σ gap × weight × (1 − item score) over the item's competences.
// Items the person marked to develop come first: it is their own agenda.
func focus(b *assessment.Bank, a *assessment.Assessment, r assessment.Result) []Focus {
	gap := map[string]float64{}
	for _, c := range r.Competences {
		if c.Gap != nil {
			gap[c.ID] = *c.Gap
		}
	}
	pursued := map[string]bool{}
	for _, s := range r.Sections {
		pursued[s.ID] = s.Pursued
	}
	answers := assessment.Index(a.Answers)
	type cand struct {
		f       Focus
		benefit float64
		order   int
	}
	var cands []cand
	for i := range b.Items {
		it := &b.Items[i]
		s, ok := it.ItemScore(answers)
		if !ok || s >= 1 || !pursued[it.Section] {
			continue
		}
		var benefit float64
		var comps []string
		for _, c := range b.Competences { // bank order: the same sum everywhere
			if w, ok := it.Competences[c.ID]; ok && gap[c.ID] > 0 {
				benefit += float64(gap[c.ID] * w * (1 - s))
				comps = append(comps, c.Title)
			}
		}
		if benefit <= 0 {
			continue
		}
		sec, _ := b.Section(it.Section)
		cands = append(cands, cand{Focus{Item: Label{it.ID, it.Text}, Section: sec.Title,
			Dimension: dimensionTitle(b, it.Dimension), Score: round1(100 * s), Competences: comps,
			Develop: answers[it.ID].Develop}, benefit, i})
	}
	slices.SortFunc(cands, func(x, y cand) int {
		if x.f.Develop != y.f.Develop {
			if x.f.Develop {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(y.benefit, x.benefit); c != 0 {
			return c
		}
		return x.order - y.order
	})
	var out []Focus
	for _, c := range cands[:min(MaxFocus, len(cands))] {
		out = append(out, c.f)
	}
	return out
}

func modules(b *assessment.Bank, r assessment.Result) []Module {
	mods := map[string]*assessment.Module{}
	for _, m := range b.Modules() {
		mods[m.ID] = m
	}
	courses := map[string]string{}
	for _, c := range b.Courses {
		courses[c.ID] = c.Title
	}
	var out []Module
	for _, rec := range r.Recommendations {
		m := mods[rec.Module]
		mod := Module{Label: Label{rec.Module, rec.Module}, Course: courses[rec.Course], Role: roleTitle(b, rec.Role), Priority: rec.Priority}
		if m != nil {
			mod.Title, mod.Partner, mod.Summary = m.Title, m.Partner, m.Summary
		}
		for _, rs := range rec.Reasons {
			mod.Reasons = append(mod.Reasons, Reason{Competence: competenceTitle(b, rs.Competence), Gap: rs.Gap})
		}
		out = append(out, mod)
	}
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
// a note or an Other text, in bank order.
func entries(b *assessment.Bank, a *assessment.Assessment) (develop, notes []Entry) {
	answers := assessment.Index(a.Answers)
	for i := range b.Items {
		it := &b.Items[i]
		ans, ok := answers[it.ID]
		if !ok || !(ans.Develop || ans.Note != "" || ans.Other != "") {
			continue
		}
		sec, _ := b.Section(it.Section)
		e := Entry{Item: Label{it.ID, it.Text}, Section: sec.Title, Status: ans.Status,
			Answer: AnswerText(b, it, ans), Other: ans.Other, Note: ans.Note}
		if ans.Develop {
			develop = append(develop, e)
		} else {
			notes = append(notes, e)
		}
	}
	return develop, notes
}

// AnswerText is an answer in words, with the bank's labels; empty when the
// item was not answered (not applicable, don't know). An Other text is not
// part of it: faces show it as the person's own words.
func AnswerText(b *assessment.Bank, it *assessment.Item, a assessment.Answer) string {
	if a.Status != assessment.StatusAnswered {
		return ""
	}
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
	case assessment.KindMulti:
		var l []string
		for _, id := range v.List() {
			l = append(l, option(it.Options, id))
		}
		return strings.Join(l, "; ")
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
