package html

import (
	"strconv"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
)

// The small pieces both pages are made of.

func (w *writer) h2(id string) {
	w.raw("\n<h2>")
	w.t(id)
	w.raw("</h2>")
}

func (w *writer) h3(id string) {
	w.raw("\n<h3>")
	w.t(id)
	w.raw("</h3>")
}
func (w *writer) para(id string) {
	w.raw("\n<p>")
	w.t(id)
	w.raw("</p>")
}

func (w *writer) intro(id string) {
	w.raw("\n<p class=\"intro\">")
	w.t(id)
	w.raw("</p>")
}

// cols writes a table's column headers.
func (w *writer) cols(ids ...string) {
	for _, id := range ids {
		w.raw("<th scope=\"col\">")
		w.t(id)
		w.raw("</th>")
	}
}

// srTableHead opens the radar's table for screen readers.
func (w *writer) srTableHead(scoreID string) {
	w.raw("\n<table class=\"sr-only\">\n<caption>")
	w.t("report.radar.table")
	w.raw("</caption>\n<thead><tr>")
	w.cols("table.competence", scoreID, "table.target")
	w.raw("</tr></thead>\n<tbody>")
}

// matrixHead opens the maturity matrix: its heading and column headers.
func (w *writer) matrixHead(introID string, dims []report.Label) {
	w.h2("tab.matrix")
	w.intro(introID)
	w.raw("\n<table class=\"matrix\">\n<thead><tr>")
	w.cols("report.section")
	for i := range dims {
		w.raw("<th scope=\"col\">")
		w.text(dims[i].Title)
		w.raw("</th>")
	}
	w.cols("matrix.index")
	w.raw("</tr></thead>\n<tbody>")
}

// levelCell opens a matrix cell coloured by its level, with the score and
// the level's name (the colour is never the only sign).
func (w *writer) levelCell(value string, l report.Level) {
	w.raw("\n<td class=\"l")
	w.int(l.Number)
	w.raw("\"><span class=\"num\">")
	w.text(value)
	w.raw("</span><br><span class=\"lvl\">")
	w.text(l.Name)
	w.raw("</span>")
}

// scale names the maturity levels, each in its colour.
func (w *writer) scale(levels []string) {
	w.raw("\n<p class=\"scale\">")
	for i, l := range levels {
		n := strconv.Itoa(i)
		w.raw("<span class=\"l" + n + "\">" + n + " ")
		w.text(l)
		w.raw("</span> ")
	}
	w.raw("</p>")
}

// focus is one focus area: what, its score, and what may help.
func (w *writer) focus(f *report.Focus) {
	w.raw("<b>")
	w.ts(focusID(f.Kind), "Name", f.Title)
	w.raw("</b> <span class=\"num\">")
	w.score(f.Score)
	if f.Target != nil {
		w.raw(" / ")
		w.num(*f.Target)
	}
	w.raw("</span>")
	if f.Gap != nil { // a group's: its median gap, as the report ranks it
		w.raw(" <span class=\"gap\">")
		w.t("report.group.mediangap")
		w.t("punct.colon")
		w.num(*f.Gap)
		w.raw("</span>")
	}
	guide, mods := shown(f.Guideline), len(f.Modules) > 0
	if !guide && !mods {
		return
	}
	w.raw("<br>\n<span class=\"meta\">")
	if guide {
		w.ts("plan.guideline", "Title", f.Guideline)
	}
	if guide && mods {
		w.raw(" · ")
	}
	if mods {
		w.ts("plan.modules", "List", w.joined(f.Modules, ", "))
	}
	w.raw("</span>")
}

// focusID is the message naming a kind of focus area: "plan.focus." and
// the kind, without joining them for the kinds there are.
func focusID(kind string) string {
	switch kind {
	case string(assessment.FocusCompetence):
		return "plan.focus." + string(assessment.FocusCompetence)
	case string(assessment.FocusCell):
		return "plan.focus." + string(assessment.FocusCell)
	case string(assessment.FocusItem):
		return "plan.focus." + string(assessment.FocusItem)
	}
	return "plan.focus." + kind
}

// delta writes a score's move as three cells: before, now, change.
func (w *writer) delta(before, after, change float64) {
	w.raw("<td class=\"num\">")
	w.num(before)
	w.raw("</td><td class=\"num\">")
	w.num(after)
	w.raw("</td><td class=\"num\">")
	switch {
	case change > 0:
		w.raw("▲ +")
		w.num(change)
	case change < 0:
		w.raw("▼ ")
		w.num(change)
	default:
		w.raw("= 0")
	}
	w.raw("</td>")
}

// noDelta stands for a move that cannot be compared.
func (w *writer) noDelta() {
	w.raw("<td colspan=\"3\" class=\"none\">")
	w.t("progress.nocompare")
	w.raw("</td>")
}
