package html

import (
	"github.com/digint/digint/assessment/report"
)

// page is one person's report: a summary page, then the results, the
// plan, and the rest.
func (w *writer) page(r *report.Individual) {
	who := r.Person.Name
	if !shown(who) {
		who = w.loc.T("welcome.anonymous")
	}
	w.head("report.title", who, "")
	w.raw("\n<section class=\"part\" id=\"summary\">\n<header>\n<h1>")
	w.t("report.title")
	w.raw("</h1>\n<p class=\"bank\">")
	w.text(r.BankTitle)
	w.raw("</p>\n<dl class=\"facts\">")
	w.facts(r, who)
	w.raw("\n</dl>\n</header>\n<figure class=\"radar\">")
	w.radar(r.Competences, w.loc.T("report.radar.score"), "report.radar.title", "report.radar.desc")
	w.raw("\n<figcaption class=\"legend\"><span class=\"key key-score\" aria-hidden=\"true\"></span> ")
	w.t("radar.score")
	w.raw(" <span class=\"key key-target\" aria-hidden=\"true\"></span> ")
	w.t("radar.target")
	w.raw("</figcaption>\n</figure>")
	w.radarTable(r.Competences)
	w.gapsAndStrengths(r)
	if r.Plan == nil { // a plan kept says what to work on first
		w.focusList(r.Focus)
	}
	w.raw("\n</section>\n\n<section class=\"part\" id=\"results\">")
	w.matrix(r)
	w.competences(r.Competences, r.LowEvidence)
	w.guidelines(r.Guidelines)
	w.raw("\n</section>\n\n<section class=\"part\" id=\"plan\">")
	w.modules(r)
	w.develop(r.Develop)
	w.raw("\n</section>\n\n<section class=\"part\" id=\"more\">")
	if r.Plan != nil {
		w.plan(r.Plan)
	}
	w.notes(r.Notes)
	w.progress(r.Progress)
	w.annex(r)
	w.raw("\n</section>")
	w.foot()
}

// fact writes one line of the facts list.
func (w *writer) fact(id, class, value string) {
	w.raw("\n<div><dt>")
	w.t(id)
	w.raw("</dt><dd" + class + ">")
	w.text(value)
	w.raw("</dd></div>")
}

func (w *writer) facts(r *report.Individual, who string) {
	w.fact("report.name", ` class="who"`, who)
	if shown(r.Person.Institution) {
		w.fact("report.institution", ` class="institution"`, r.Person.Institution)
	}
	w.fact("report.role", "", r.Person.Role.Title)
	when := ""
	if r.CompletedAt != nil {
		when = date(*r.CompletedAt)
	} else {
		when = date(r.StartedAt) + " (" + w.loc.T("cli.report.inprogress") + ")"
	}
	w.fact("report.date", "", when)
	w.fact("report.mode", "", w.loc.T(modeID(r.Mode)))
	w.fact("report.bank", "", r.Bank.ID+" "+r.Bank.Version)
	w.raw("\n<div class=\"overall\"><dt>")
	w.t("report.overall")
	w.raw("</dt><dd>")
	w.score(r.Overall)
	if r.Overall != nil {
		w.raw(" · ")
		w.text(r.OverallLevel.Name)
	}
	w.raw("</dd></div>")
}

// radarTable is the radar's table for screen readers.
func (w *writer) radarTable(comps []report.Competence) {
	w.srTableHead("table.score")
	for i := range comps {
		c := &comps[i]
		w.raw("\n<tr><th scope=\"row\">")
		w.text(c.Title)
		w.raw("</th><td>")
		w.score(c.Score)
		w.raw("</td><td>")
		w.num(c.Target)
		w.raw("</td></tr>")
	}
	w.raw("\n</tbody>\n</table>")
}

func (w *writer) gapsAndStrengths(r *report.Individual) {
	w.raw("\n<div class=\"cols\">\n<div>\n<h2>")
	w.t("report.gaps")
	w.raw("</h2>")
	w.compList("gaps", "ol", r.Gaps, "report.gaps.none")
	w.raw("\n</div>\n<div>\n<h2>")
	w.t("report.strengths")
	w.raw("</h2>")
	w.compList("strengths", "ul", r.Strengths, "report.strengths.none")
	w.raw("\n</div>\n</div>")
}

// compList lists competences with score and target: a gap with its size,
// a strength with a tick.
func (w *writer) compList(class, tag string, comps []report.Competence, none string) {
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
		w.score(c.Score)
		w.raw(" / ")
		w.num(c.Target)
		if class == "gaps" {
			w.raw("</span> <span class=\"gap\">▼ ")
			w.score(c.Gap)
		} else {
			w.raw("</span> <span class=\"ok\">✓")
		}
		w.raw("</span></li>")
	}
	w.raw("\n</" + tag + ">")
}

func (w *writer) focusList(focus []report.Focus) {
	w.h2("report.focus")
	if len(focus) == 0 {
		w.para("report.focus.none")
		return
	}
	w.intro("report.focus.intro")
	w.raw("\n<ol class=\"focus\">")
	for i := range focus {
		w.raw("\n<li>")
		w.focus(&focus[i])
		w.raw("</li>")
	}
	w.raw("\n</ol>")
}

// annex: how to read the report.
func (w *writer) annex(r *report.Individual) {
	w.raw("\n")
	w.h2("report.annex")
	w.h3("report.annex.scale")
	w.scale(r.Levels)
	w.para("report.annex.levels")
	w.h3("report.annex.counts")
	c := r.Counts
	w.raw("\n<p>")
	w.t("cli.report.counts", "Answered", c.Answered, "Asked", c.Asked, "NA", c.NA, "Unknown", c.Unknown, "Open", c.Unanswered)
	w.raw("</p>")
	w.h3("report.annex.scores")
	w.para("report.annex.how")
	w.raw("\n<p class=\"small signoff\">") // printed with the paragraph above, never alone on a page
	w.ts("cli.report.assessment", "ID", r.ID)
	w.raw("</p>")
}
