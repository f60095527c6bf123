package html

import (
	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
)

// progress is what moved since the previous assessment, with a warning
// when the two do not compare like for like.
func (w *writer) progress(p *report.Progress) {
	w.raw("\n")
	w.h2("tab.progress")
	if p == nil {
		w.para("report.progress.none")
		return
	}
	w.raw("\n<p class=\"intro\">")
	w.ts("report.progress.since", "Date", date(p.Date), "Mode", w.loc.T(modeID(p.Mode)), "Version", p.Bank.Version)
	w.raw("</p>")
	if len(p.Incomparable) > 0 {
		w.raw("\n<div class=\"warning\" role=\"note\"><b>⚠ ")
		w.t("report.mismatch.intro")
		w.raw("</b>\n<ul>")
		for _, m := range p.Incomparable {
			w.raw("<li>")
			w.t("report.mismatch." + string(m))
			w.raw("</li>")
		}
		w.raw("</ul></div>")
	}
	w.changesHead(p.Overall)
	w.changes(p.Competences, "<tr>")
	for i := range p.Sections {
		s := &p.Sections[i]
		w.changeRow("<tr class=\"sec\">", s.Title)
		if s.NotPursued != "" {
			w.raw("<td colspan=\"3\" class=\"none\">")
			w.t("progress.notpursued." + string(s.NotPursued))
			w.raw("</td>")
		} else {
			w.change(s.Delta)
		}
		w.raw("</tr>")
	}
	w.raw("\n</tbody>\n</table>")
	w.earlierPlan(p.EarlierPlan)
}

// changesHead opens the table of moves with its overall row.
func (w *writer) changesHead(overall *assessment.Delta) {
	w.raw("\n<table class=\"progress\">\n<thead><tr><th scope=\"col\"></th>")
	w.cols("report.before", "report.after", "report.change")
	w.raw("</tr></thead>\n<tbody>\n<tr class=\"total\"><th scope=\"row\">")
	w.t("progress.overall")
	w.raw("</th>")
	w.change(overall)
	w.raw("</tr>")
}

func (w *writer) changes(cs []report.Change, tr string) {
	for i := range cs {
		w.changeRow(tr, cs[i].Title)
		w.change(cs[i].Delta)
		w.raw("</tr>")
	}
}

func (w *writer) changeRow(tr, title string) {
	w.raw("\n")
	w.raw(tr)
	w.raw("<th scope=\"row\">")
	w.text(title)
	w.raw("</th>")
}

func (w *writer) change(d *assessment.Delta) {
	if d == nil {
		w.noDelta()
		return
	}
	w.delta(d.Before, d.After, d.Change)
}

// earlierPlan is how the previous plan's focus areas moved.
func (w *writer) earlierPlan(moves []report.PlanMove) {
	if len(moves) == 0 {
		return
	}
	w.raw("\n<h3>")
	w.t("plan.earlier")
	w.raw("</h3>\n<table class=\"progress plan-moves\">\n<tbody>")
	for i := range moves {
		m := &moves[i]
		w.raw("\n<tr><th scope=\"row\">")
		w.ts(focusID(m.Kind), "Name", m.Title)
		if len(m.Open) > 0 {
			w.raw("<br><span class=\"meta\">")
			w.text(w.loc.N("plan.open", len(m.Open)))
			w.raw("</span>")
		}
		w.raw("</th>")
		if m.Then == nil || m.Now == nil || m.Change == nil {
			w.noDelta()
		} else {
			w.delta(*m.Then, *m.Now, *m.Change)
		}
		w.raw("</tr>")
	}
	w.raw("\n</tbody>\n</table>")
}
