package html

import (
	"github.com/digint/digint/assessment/report"
)

// groupMatrix: the medians of the matrix, and in how many people's
// results each section is (see report.GroupRow.Pursued).
func (w *writer) groupMatrix(g *report.Group) {
	w.matrixHead("report.group.matrix.intro", g.Dimensions)
	for i := range g.Matrix {
		row := &g.Matrix[i]
		w.raw("\n<tr><th scope=\"row\">")
		w.text(row.Section.Title)
		w.raw("<br><span class=\"meta\">")
		w.t("report.group.inresults", "N", w.loc.Count(row.Pursued))
		w.raw("</span></th>")
		for j := range row.Cells {
			c := &row.Cells[j]
			if c.Score == nil {
				w.raw("\n<td class=\"none\">–</td>")
				continue
			}
			w.levelCell(w.loc.Number(c.Score.Median), c.Level)
			w.raw("</td>")
		}
		w.raw("\n<td class=\"idx num\">")
		w.stat(row.Index)
		w.raw("</td>\n</tr>")
	}
	w.raw("\n</tbody>\n</table>")
	w.scale(g.Levels)
}

func (w *writer) groupCompetences(comps []report.GroupCompetence) {
	w.raw("\n")
	w.h2("tab.competences")
	w.raw("\n<table class=\"competences\">\n<thead><tr>")
	w.cols("table.competence", "group.median", "group.range", "report.group.mediangap", "report.group.n")
	w.raw("</tr></thead>\n<tbody>")
	for i := range comps {
		c := &comps[i]
		w.raw("\n<tr><th scope=\"row\">")
		w.text(c.Title)
		w.raw("</th><td class=\"num\">")
		w.stat(c.Score)
		w.raw("</td><td class=\"num\">")
		if c.Score == nil {
			w.raw("–")
		} else {
			w.text(w.loc.Number(c.Score.Min) + "–" + w.loc.Number(c.Score.Max))
		}
		w.raw("</td><td class=\"num\">")
		w.stat(c.Gap)
		w.raw("</td><td class=\"num\">")
		if c.Score != nil {
			w.whole(c.Score.N)
		} else {
			w.raw("–") // none, or too few to say
		}
		w.raw("</td></tr>")
	}
	w.raw("\n</tbody>\n</table>")
}

// discuss: the items the group disagrees on, with how it answered.
func (w *writer) discuss(ds []report.Discussion) {
	w.h2("report.group.discuss")
	if len(ds) == 0 {
		w.para("group.nodiscuss")
		return
	}
	w.intro("group.discuss")
	w.raw("\n<ol class=\"discuss\">")
	for i := range ds {
		d := &ds[i]
		w.raw("\n<li><b>")
		w.text(d.Item.Title)
		w.raw("</b> <span class=\"meta\">")
		w.text(d.Section)
		w.raw(" · ")
		w.ts("report.group.spread", "Spread", w.loc.Number(d.Spread))
		w.raw("</span><br>\n<span class=\"dist\">")
		for j, c := range d.Distribution {
			if j > 0 {
				w.raw(" · ")
			}
			w.count(c.Label, c.N)
		}
		if d.NA > 0 {
			w.raw(" · ")
			w.count(w.loc.T("choice.na"), d.NA)
		}
		if d.Unknown > 0 {
			w.raw(" · ")
			w.count(w.loc.T("choice.unknown"), d.Unknown)
		}
		w.raw("</span></li>")
	}
	w.raw("\n</ol>")
}

func (w *writer) count(label string, n int) {
	w.text(label)
	w.t("punct.colon")
	w.raw("<b>")
	w.whole(n)
	w.raw("</b>")
}

func (w *writer) groupModules(g *report.Group) {
	w.h2("tab.modules")
	if len(g.Modules) == 0 {
		w.para("modules.none")
		return
	}
	w.intro("group.modules")
	w.raw("\n<ol class=\"modules\">")
	top := g.TopModules()
	for i := range top {
		m := &top[i]
		w.raw("\n<li><b>")
		w.text(m.Title)
		w.raw("</b> <span class=\"num\">")
		w.t("group.module", "Priority", w.loc.Number(m.Priority), "For", w.loc.Count(m.Participants), "Of", w.loc.Count(g.Assessments))
		w.raw("</span><br>")
		w.moduleMeta(m.Course, m.Role, m.Partner)
		w.raw("</li>")
	}
	w.raw("\n</ol>")
	if more := g.MoreModules(); len(more) > 0 {
		w.moreModules(len(more), func(i int) (string, float64) { return more[i].Title, more[i].Priority })
	}
}

// byRole: each role of enough people, its medians against its targets.
func (w *writer) byRole(g *report.Group) {
	w.h2("group.tab.roles")
	if len(g.ByRole) > 0 {
		w.raw("\n<table class=\"byrole\">\n<thead><tr>")
		w.cols("table.competence")
		for _, r := range g.ByRole {
			w.raw("<th scope=\"col\">")
			w.text(r.Role.Title)
			w.raw(" (")
			w.whole(r.N)
			w.raw(")</th>")
		}
		w.raw("</tr></thead>\n<tbody>\n<tr class=\"total\"><th scope=\"row\">")
		w.t("progress.overall")
		w.raw("</th>")
		for _, r := range g.ByRole {
			w.raw("<td class=\"num\">")
			w.stat(r.Overall)
			w.raw("</td>")
		}
		w.raw("</tr>")
		w.byRoleRows(g)
		w.raw("\n</tbody>\n</table>")
	}
	w.raw("\n<p class=\"small\">")
	w.t("group.hidden", "Min", minGroup)
	w.raw("</p>")
}

func (w *writer) byRoleRows(g *report.Group) {
	for i := range g.Competences {
		w.raw("\n<tr><th scope=\"row\">")
		w.text(g.Competences[i].Title)
		w.raw("</th>")
		for _, r := range g.ByRole {
			if i >= len(r.Competences) {
				continue
			}
			c := &r.Competences[i]
			w.raw("<td class=\"num\">")
			w.stat(c.Score)
			w.raw(" / ")
			w.num(c.Target)
			w.raw("</td>")
		}
		w.raw("</tr>")
	}
}

func (w *writer) groupProgress(p *report.GroupProgress) {
	if p == nil {
		return
	}
	w.h2("tab.progress")
	w.raw("\n<p class=\"intro\">")
	w.ts("report.group.since", "Code", p.Code)
	w.raw("</p>")
	w.changesHead(p.Overall)
	w.changes(p.Competences, "<tr>")
	w.changes(p.Sections, "<tr class=\"sec\">")
	w.raw("\n</tbody>\n</table>")
}
