package html

import (
	"strings"

	"github.com/digint/digint/assessment/report"
)

// plan is an action plan: each focus area with its actions, and a line to
// sign.
func (w *writer) plan(p *report.Plan) {
	w.h2("plan.title")
	w.raw("\n<p class=\"intro\">")
	w.ts("plan.updated", "Date", date(p.UpdatedAt))
	w.raw("</p>\n<table class=\"plan\">\n<thead><tr>")
	w.cols("plan.field.what", "plan.field.lead", "plan.field.due", "plan.field.indicator", "plan.action.done")
	w.raw("</tr></thead>")
	for i := range p.Areas {
		a := &p.Areas[i]
		w.raw("\n<tbody><tr class=\"area\"><th colspan=\"5\" scope=\"rowgroup\">")
		w.int(i + 1)
		w.raw(". ")
		w.focus(&a.Focus)
		w.raw("</th></tr>")
		for j := range a.Actions {
			w.action(&a.Actions[j])
		}
		if len(a.Actions) == 0 {
			w.raw("\n<tr><td colspan=\"5\">")
			w.t("plan.noactions")
			w.raw("</td></tr>")
		}
		w.raw("\n</tbody>")
	}
	w.raw("\n</table>\n<p class=\"signoff\">")
	w.t("report.plan.signoff")
	w.raw("</p>")
}

func (w *writer) action(a *report.Action) {
	w.raw("\n<tr><td>")
	w.text(a.What)
	if shown(a.DrawsOn) {
		w.raw("<br><span class=\"meta\">")
		w.text(a.DrawsOn)
		w.raw("</span>")
	}
	w.raw("</td><td>")
	w.text(a.Lead)
	w.raw("</td><td>")
	w.text(a.Due)
	w.raw("</td><td>")
	w.text(w.indicator(a))
	w.raw("</td><td class=\"done\">")
	if a.Done {
		w.raw("☑")
	} else {
		w.raw("☐")
	}
	w.raw("</td></tr>")
}

// indicator is what shows an action worked, with its baseline and target.
func (w *writer) indicator(a *report.Action) string {
	ind := clean(a.Indicator)
	if a.Target == nil {
		return ind
	}
	from := "?"
	if a.Baseline != nil {
		from = w.loc.Number(*a.Baseline)
	}
	return strings.TrimSpace(ind + " " + from + " → " + w.loc.Number(*a.Target))
}
