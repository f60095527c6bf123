package html

import (
	"github.com/digint/digint/assessment/report"
)

// modules lists the recommended modules in full, then names the rest.
func (w *writer) modules(r *report.Individual) {
	w.h2("tab.modules")
	if len(r.Modules) == 0 {
		w.para("modules.none")
		return
	}
	w.intro("modules.intro")
	w.raw("\n<ol class=\"modules\">")
	mods := r.TopModules()
	for i := range mods {
		m := &mods[i]
		w.raw("\n<li><b>")
		w.text(m.Title)
		w.raw("</b> <span class=\"num\">")
		w.ts("cli.report.priority", "Priority", w.loc.Number(m.Priority))
		w.raw("</span><br>")
		w.moduleMeta(m.Course, m.Role, m.Partner)
		w.raw("<br>\n<span class=\"reasons\">")
		for j, x := range m.Reasons[:min(3, len(m.Reasons))] {
			if j > 0 {
				w.raw("; ")
			}
			w.ts("modules.reason", "Competence", x.Competence, "Gap", w.loc.Number(x.Gap))
		}
		w.raw("</span></li>")
	}
	w.raw("\n</ol>")
	if more := r.MoreModules(); len(more) > 0 {
		w.moreModules(len(more), func(i int) (string, float64) { return more[i].Title, more[i].Priority })
	}
}

// moreModules names the n modules not shown in full, on one line, in the
// model's order (by priority); module gives the i-th's title and priority.
func (w *writer) moreModules(n int, module func(i int) (string, float64)) {
	w.raw("\n<p class=\"more\">")
	w.t("report.modules.more")
	w.raw(" ")
	for i := range n {
		if i > 0 {
			w.raw("; ")
		}
		title, priority := module(i)
		w.text(title)
		w.raw(" (")
		w.num(priority)
		w.raw(")")
	}
	w.raw("</p>")
}

// moduleMeta: the module's course, role and partner.
func (w *writer) moduleMeta(course, role, partner string) {
	w.raw("\n<span class=\"meta\">")
	w.text(course)
	w.raw(" · ")
	w.text(role)
	w.raw(" · ")
	w.text(partner)
	w.raw("</span>")
}
