package html

import (
	"github.com/digint/digint/assessment/report"
)

// matrix is the maturity matrix as a heat table.
func (w *writer) matrix(r *report.Individual) {
	w.matrixHead("report.matrix.intro", r.Dimensions)
	for i := range r.Matrix {
		row := &r.Matrix[i]
		w.raw("\n<tr><th scope=\"row\">")
		w.text(row.Section.Title)
		w.raw("</th>")
		if row.Pursued {
			w.matrixRow(row)
		} else {
			w.raw("\n<td class=\"none\" colspan=\"")
			w.int(len(r.Dimensions) + 1)
			w.raw("\">")
			w.t("overview.notpursued") // in words: the short form is for a grid
			w.raw("</td>")
		}
		w.raw("\n</tr>")
	}
	w.raw("\n</tbody>\n</table>")
	w.scale(r.Levels)
}

func (w *writer) matrixRow(row *report.Row) {
	for j := range row.Cells {
		c := &row.Cells[j]
		if c.Score == nil {
			w.raw("\n<td class=\"none\">–</td>")
			continue
		}
		w.levelCell(w.loc.Number(*c.Score), c.Level)
		if n := c.Level.Next; n != nil {
			w.raw("<br><span class=\"next\">")
			w.ts("report.next", "Next", n.Name, "Points", w.loc.Number(n.Points))
			w.raw("</span>")
		}
		w.raw("</td>")
	}
	w.raw("\n<td class=\"idx\"><span class=\"num\">")
	w.score(row.Index)
	if row.Index != nil {
		w.raw("</span><br><span class=\"lvl\">")
		w.text(row.IndexLevel.Name)
	}
	w.raw("</span></td>")
}

func (w *writer) competences(comps []report.Competence, lowEvidence bool) {
	w.raw("\n\n<h2>")
	w.t("tab.competences")
	w.raw("</h2>\n<table class=\"competences\">\n<thead><tr>")
	w.cols("table.competence", "table.score", "table.target", "table.gap", "table.evidence")
	w.raw("</tr></thead>\n<tbody>")
	for i := range comps {
		c := &comps[i]
		w.raw("\n<tr><th scope=\"row\">")
		w.text(c.Title)
		w.raw("</th><td class=\"num\">")
		w.score(c.Score)
		w.raw("</td><td class=\"num\">")
		w.num(c.Target)
		w.raw("</td><td class=\"num\">")
		switch {
		case c.Gap == nil:
			w.raw("–")
		case *c.Gap > 0:
			w.raw("▼ ")
			w.num(*c.Gap)
		default:
			w.raw("✓ 0")
		}
		w.raw("</td><td class=\"num\">")
		w.int(c.Evidence)
		if c.LowEvidence {
			w.raw(" !")
		}
		w.raw("</td></tr>")
	}
	w.raw("\n</tbody>\n</table>")
	if lowEvidence {
		w.raw("\n<p class=\"small\">! ")
		w.t("radar.lowevidence")
		w.raw("</p>")
	}
}

func (w *writer) guidelines(gls []report.Guideline) {
	w.raw("\n")
	w.h2("tab.guidelines")
	if len(gls) == 0 {
		w.para("guidelines.none")
		return
	}
	w.intro("guidelines.intro")
	for i := range gls {
		g := &gls[i]
		w.raw("\n<div class=\"guideline\">\n<h3>")
		w.text(g.Title)
		w.raw(" <span class=\"meta\">")
		w.text(g.Dimension)
		w.raw(" ")
		w.num(g.Score)
		w.raw("</span></h3>\n<ul>")
		for _, a := range g.Advice {
			w.raw("<li>")
			w.text(a)
			w.raw("</li>")
		}
		w.raw("</ul>\n</div>")
	}
}
