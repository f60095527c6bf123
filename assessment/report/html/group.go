package html

import (
	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
)

// groupPage is a workshop's report: the same parts as a person's, for the
// group; below the anonymity threshold, counts only.
func (w *writer) groupPage(g *report.Group) {
	w.head("report.group.title", g.Title, ` class="group"`)
	w.raw("\n<section class=\"part\" id=\"summary\">\n<header>\n<h1>")
	w.t("report.group.title")
	w.t("punct.colon")
	w.text(g.Title)
	w.raw("</h1>\n<p class=\"bank\">")
	w.text(g.BankTitle)
	w.raw("</p>\n<dl class=\"facts\">")
	w.groupFacts(g)
	w.raw("\n</dl>")
	w.roles(g)
	w.raw("\n</header>")
	if g.TooSmall {
		w.raw("\n<p class=\"warning\" role=\"note\">")
		w.t("report.group.toosmall", "Min", minGroup)
		w.raw("</p>\n</section>")
		w.foot()
		return
	}
	w.groupSummary(g)
	w.raw("\n</section>\n\n<section class=\"part\" id=\"results\">")
	w.groupMatrix(g)
	w.groupCompetences(g.Competences)
	if g.Withheld {
		w.raw("\n<p class=\"small\">")
		w.t("group.withheld", "Min", minGroup)
		w.raw("</p>")
	}
	w.raw("\n</section>\n\n<section class=\"part\" id=\"plan\">")
	w.discuss(g.Discuss)
	w.raw("\n")
	w.groupModules(g)
	w.raw("\n</section>\n\n<section class=\"part\" id=\"more\">")
	if g.Plan != nil {
		w.plan(g.Plan)
	}
	w.byRole(g)
	w.groupProgress(g.Progress)
	w.raw("\n")
	w.h2("report.annex")
	w.para("report.group.annex")
	w.para("report.annex.levels")
	w.para("report.annex.how")
	w.raw("\n</section>")
	w.foot()
}

// stat is a median, or "–" when there is none.
func (w *writer) stat(s *assessment.Stats) {
	if s == nil {
		w.raw("–")
		return
	}
	w.num(s.Median)
}

func (w *writer) groupFacts(g *report.Group) {
	w.fact("report.group.code", ` class="code"`, g.Code)
	w.fact("report.group.people", "", w.loc.N("group.count", g.Assessments, "Complete", w.loc.Count(g.Complete), "Going", w.loc.Count(g.InProgress)))
	w.fact("report.bank", "", g.Bank.ID+" "+g.Bank.Version)
	if g.OtherVersions > 0 {
		w.fact("report.group.notcounted", "", w.loc.T("group.otherversions", "N", w.loc.Count(g.OtherVersions)))
	}
	if g.UnfinishedLeftOut > 0 {
		w.fact("report.group.notcounted", "", w.loc.T("group.unfinishedout", "N", w.loc.Count(g.UnfinishedLeftOut)))
	}
	if g.Closed {
		w.fact("report.group.state", "", w.loc.T("watch.closed"))
	}
	if !g.TooSmall {
		w.raw("\n<div class=\"overall\"><dt>")
		w.t("report.overall")
		w.raw("</dt><dd>")
		w.t("group.median")
		w.raw(" ")
		w.stat(g.Overall)
		w.raw("</dd></div>")
	}
}

// roles: how many of each role, the roles too small to name together.
func (w *writer) roles(g *report.Group) {
	w.raw("\n<p class=\"roles\">")
	w.t("report.role")
	w.t("punct.colon")
	for i, r := range g.Roles {
		if i > 0 {
			w.raw(" · ")
		}
		w.text(w.loc.T("group.rolecount", "Role", r.Title, "N", w.loc.Count(r.N)))
	}
	if g.OtherRoles > 0 {
		if len(g.Roles) > 0 {
			w.raw(" · ")
		}
		w.t(g.OtherRolesKey(), "N", w.loc.Count(g.OtherRoles), "Min", minGroup)
	}
	w.raw("</p>")
}

// groupSummary: the radar of the medians, its table, gaps and strengths.
func (w *writer) groupSummary(g *report.Group) {
	comps := make([]report.Competence, len(g.Competences))
	for i, c := range g.Competences {
		comps[i] = report.Competence{Label: c.Label, Target: c.Target}
		if c.Score != nil {
			comps[i].Score = &c.Score.Median
		}
	}
	w.raw("\n<figure class=\"radar\">")
	w.radar(comps, w.loc.T("group.median"), "report.group.radar.title", "report.group.radar.desc")
	w.raw("\n<figcaption class=\"legend\"><span class=\"key key-score\" aria-hidden=\"true\"></span> ")
	w.t("report.group.median")
	w.raw(" <span class=\"key key-target\" aria-hidden=\"true\"></span> ")
	w.ts("report.group.target", "Role", g.TargetRole.Title)
	if g.OwnTargets {
		w.raw("<br>")
		w.t("report.group.owntargets")
	}
	w.raw("</figcaption>\n</figure>")
	w.srTableHead("group.median")
	for i := range g.Competences {
		c := &g.Competences[i]
		w.raw("\n<tr><th scope=\"row\">")
		w.text(c.Title)
		w.raw("</th><td>")
		w.stat(c.Score)
		w.raw("</td><td>")
		w.num(c.Target)
		w.raw("</td></tr>")
	}
	w.raw("\n</tbody>\n</table>\n<div class=\"cols\">\n<div>\n<h2>")
	w.t("report.gaps")
	w.raw("</h2>")
	w.medianList("gaps", "ol", g.Gaps, "report.gaps.none")
	w.raw("\n</div>\n<div>\n<h2>")
	w.t("report.strengths")
	w.raw("</h2>")
	w.medianList("strengths", "ul", g.Strengths, "report.group.strengths.none")
	w.raw("\n</div>\n</div>")
}

// medianList lists competences with their median: a gap with its median
// gap, a strength with a tick.
func (w *writer) medianList(class, tag string, comps []report.GroupCompetence, none string) {
	if len(comps) == 0 {
		w.para(none)
		return
	}
	w.raw("\n<" + tag + " class=\"" + class + "\">")
	for i := range comps {
		c := &comps[i]
		w.raw("\n<li><b>")
		w.text(c.Title)
		w.raw("</b> <span class=\"num\">")
		w.t("group.median")
		w.raw(" ")
		w.stat(c.Score)
		if class == "gaps" {
			w.raw("</span> <span class=\"gap\">▼ ")
			w.stat(c.Gap)
		} else {
			w.raw("</span> <span class=\"ok\">✓")
		}
		w.raw("</span></li>")
	}
	w.raw("\n</" + tag + ">")
}
