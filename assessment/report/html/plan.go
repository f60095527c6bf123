package html

import (
	"strings"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
)

// modules lists the recommended modules, the first maxModules in full.
func (w *writer) modules(mods []report.Module) {
	w.h2("tab.modules")
	if len(mods) == 0 {
		w.para("modules.none")
		return
	}
	w.intro("modules.intro")
	w.raw("\n<ol class=\"modules\">")
	for i := range mods[:min(maxModules, len(mods))] {
		m := &mods[i]
		w.raw("\n<li><b>")
		w.text(m.Title)
		w.raw("</b> <span class=\"num\">")
		w.t("cli.report.priority", "Priority", w.number(m.Priority))
		w.raw("</span><br>")
		w.moduleMeta(m.Course, m.Role, m.Partner)
		w.raw("<br>\n<span class=\"reasons\">")
		for j, x := range m.Reasons[:min(3, len(m.Reasons))] {
			if j > 0 {
				w.raw("; ")
			}
			w.t("modules.reason", "Competence", x.Competence, "Gap", w.number(x.Gap))
		}
		w.raw("</span></li>")
	}
	w.raw("\n</ol>")
	if len(mods) > maxModules {
		w.raw("\n<p class=\"more\">")
		w.t("report.modules.more")
		w.raw(" ")
		for i, m := range mods[maxModules:] {
			if i > 0 {
				w.raw("; ")
			}
			w.text(m.Title)
			w.raw(" (")
			w.num(m.Priority)
			w.raw(")")
		}
		w.raw("</p>")
	}
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

func (w *writer) develop(es []report.Entry) {
	w.raw("\n")
	w.h2("report.develop")
	if len(es) == 0 {
		w.para("report.develop.none")
		return
	}
	w.entries("develop", es)
}

func (w *writer) notes(es []report.Entry) {
	if len(es) == 0 {
		return
	}
	w.h2("report.notes")
	w.entries("notes", es)
}

func (w *writer) entries(class string, es []report.Entry) {
	w.raw("\n<ul class=\"entries " + class + "\">")
	for i := range es {
		w.raw("\n")
		w.entry(&es[i])
	}
	w.raw("\n</ul>")
}

// entry is an answer with what the person typed: the Other text and the
// note, line by line.
func (w *writer) entry(e *report.Entry) {
	w.raw("\n<li><b>")
	w.text(e.Item.Title)
	w.raw("</b> <span class=\"meta\">")
	w.text(e.Section)
	w.raw("</span><br>")
	if e.Status != assessment.StatusAnswered {
		w.raw("<span class=\"answer\">")
		w.t("choice." + string(e.Status))
		w.raw("</span>")
	} else if shown(e.Answer) {
		w.raw("<span class=\"answer\">")
		w.t("report.answer")
		w.raw(": ")
		w.text(e.Answer)
		w.raw("</span>")
	}
	if shown(e.Other) {
		w.raw("<br><span class=\"other\">")
		w.t("report.other")
		w.raw(": <q>")
		w.text(e.Other)
		w.raw("</q></span>")
	}
	if shown(e.Note) {
		w.raw("<div class=\"note\"><span>")
		w.t("report.note")
		w.raw(":</span> ")
		for i, l := range strings.Split(e.Note, "\n") {
			if i > 0 {
				w.raw("<br>")
			}
			w.text(l)
		}
		w.raw("</div>")
	}
	w.raw("</li>")
}
