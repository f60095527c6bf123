package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/assessment/safe"
)

// textReport writes the report model as plain text of at most width
// columns. What a person typed goes through safe: it cannot act on the
// terminal.
type textReport struct {
	e     *env
	w     io.Writer
	width int
}

func (t textReport) line(s string)                { fmt.Fprintln(t.w, s) }
func (t textReport) para(indent string, s string) { t.lines(wrap(s, indent, t.width)) }
func (t textReport) lines(l []string) {
	for _, s := range l {
		t.line(s)
	}
}
func (t textReport) head(s string) { t.line(""); t.para("", s) }

// fit prints s as it is when it fits (keeping its alignment), else wrapped.
func (t textReport) fit(indent, s string) {
	if ansi.StringWidth(indent+s) <= t.width {
		t.line(indent + s)
		return
	}
	t.para(indent, s)
}

func (t textReport) score(p *float64) string {
	if p == nil {
		return "–"
	}
	return t.e.loc.Number(*p)
}

// firstError is a writer that keeps its first error and writes nothing
// after it: a page written line by line fails once, and says so at the end.
type firstError struct {
	w   io.Writer
	err error
}

func (f *firstError) Write(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	n, err := f.w.Write(p)
	f.err = err
	return n, err
}

// writeReport writes the text report to w, and tells whether it could.
func writeReport(e *env, w io.Writer, rep report.Individual, width int) error {
	sw := &firstError{w: w}
	t := textReport{e: e, w: sw, width: width}
	t.header(rep)
	t.matrix(rep)
	t.competences(rep)
	t.summary(rep)
	t.modules(rep)
	t.guidelines(rep)
	t.entries(rep)
	if rep.Plan != nil {
		t.head(e.T("plan.title") + " – " + e.T("plan.updated", "Date", dateOf(rep.Plan.UpdatedAt)))
		t.plan(*rep.Plan)
	}
	t.progress(rep)
	t.head(e.T("cli.report.counts", "Answered", rep.Counts.Answered, "Asked", rep.Counts.Asked,
		"NA", rep.Counts.NA, "Unknown", rep.Counts.Unknown, "Open", rep.Counts.Unanswered))
	return sw.err
}

func (t textReport) header(rep report.Individual) {
	e := t.e
	who := safe.Line(rep.Person.Name)
	if who == "" {
		who = e.T("welcome.anonymous")
	}
	state := e.T("cli.report.inprogress")
	if rep.CompletedAt != nil {
		state = e.T("cli.report.completed", "Date", dateOf(*rep.CompletedAt))
	}
	t.line(e.T("cli.report.assessment", "ID", rep.ID))
	t.para("", strings.Join([]string{who + ",", rep.Person.Role.Title, "·", e.T("mode." + string(rep.Mode)), "·", state}, " "))
	if rep.Person.Institution != "" {
		t.para("", e.T("cli.report.institution", "Name", safe.Line(rep.Person.Institution)))
	}
	t.para("", e.T("report.bank")+e.T("punct.colon")+rep.Bank.ID+" "+rep.Bank.Version)
	t.line("")
	overall := e.T("cli.report.overall", "Score", t.score(rep.Overall))
	if rep.Overall != nil {
		overall += " (" + rep.OverallLevel.Name + ")"
	}
	t.line(overall)
}

// matrix: a block per section, a line per dimension with its level and
// what the next level needs.
func (t textReport) matrix(rep report.Individual) {
	e := t.e
	t.head(e.T("cli.report.matrix"))
	nameW := 0
	for _, d := range rep.Dimensions {
		nameW = max(nameW, ansi.StringWidth(d.Title))
	}
	for _, row := range rep.Matrix {
		if !row.Pursued {
			t.para("", row.Section.Title+e.T("punct.colon")+e.T("overview.notpursued")) // in words: the cell's short form is for a grid
			continue
		}
		idx := t.score(row.Index)
		if row.Index != nil {
			idx += " (" + row.IndexLevel.Name + ")"
		}
		t.para("", row.Section.Title+e.T("punct.colon")+e.T("matrix.index")+" "+idx)
		for i, c := range row.Cells {
			name := rep.Dimensions[i].Title
			pad := strings.Repeat(" ", max(0, nameW-ansi.StringWidth(name)))
			if c.Score == nil {
				t.fit("  ", name+pad+"     –")
				continue
			}
			s := fmt.Sprintf("%s%s %5s  %s", name, pad, t.score(c.Score), c.Level.Name)
			if n := c.Level.Next; n != nil {
				s += " (" + e.T("report.next", "Next", n.Name, "Points", e.loc.Number(n.Points)) + ")"
			}
			t.fit("  ", s)
		}
	}
}

// competences: a table whose first column wraps, so numbers stay whole.
func (t textReport) competences(rep report.Individual) {
	e := t.e
	head := strings.Split(e.T("cli.report.competences"), "\t")
	rows := [][]string{}
	for _, c := range rep.Competences {
		gap := "–"
		if c.Gap != nil {
			gap = e.loc.Number(*c.Gap)
		}
		ev := fmt.Sprint(c.Evidence)
		if c.LowEvidence {
			ev += " !"
		}
		rows = append(rows, []string{c.Title, t.score(c.Score), e.loc.Number(c.Target), gap, ev})
	}
	widths := make([]int, len(head))
	for i := 1; i < len(head); i++ {
		widths[i] = ansi.StringWidth(head[i])
		for _, r := range rows {
			widths[i] = max(widths[i], ansi.StringWidth(r[i]))
		}
	}
	nameW := t.width
	for _, w := range widths[1:] {
		nameW -= w + 2
	}
	t.line("")
	for _, r := range append([][]string{head}, rows...) {
		names := wrap(r[0], "", nameW)
		nums := ""
		for i := 1; i < len(r); i++ {
			nums += "  " + strings.Repeat(" ", widths[i]-ansi.StringWidth(r[i])) + r[i]
		}
		t.line(names[0] + strings.Repeat(" ", nameW-ansi.StringWidth(names[0])) + nums)
		t.lines(names[1:])
	}
	if rep.LowEvidence {
		t.para("", "! "+e.T("radar.lowevidence"))
	}
}

// summary: the largest gaps, the strengths and what to focus on.
func (t textReport) summary(rep report.Individual) {
	e := t.e
	t.head(e.T("cli.report.gaps"))
	if len(rep.Gaps) == 0 {
		t.para("  ", e.T("report.gaps.none"))
	}
	for _, c := range rep.Gaps {
		t.para("  ", fmt.Sprintf("%s %s/%s ▼%s", c.Title, t.score(c.Score), e.loc.Number(c.Target), e.loc.Number(*c.Gap)))
	}
	t.head(e.T("cli.report.strengths"))
	if len(rep.Strengths) == 0 {
		t.para("  ", e.T("report.strengths.none"))
	}
	for _, c := range rep.Strengths {
		t.para("  ", fmt.Sprintf("%s %s/%s ✓", c.Title, t.score(c.Score), e.loc.Number(c.Target)))
	}
	if rep.Plan != nil {
		return // the plan kept says what to work on first
	}
	t.head(e.T("cli.report.focus"))
	if len(rep.Focus) == 0 {
		t.para("  ", e.T("report.focus.none"))
	}
	for i, f := range rep.Focus {
		t.focus(fmt.Sprintf("%2d. ", i+1), f)
	}
}

// focus is one focus area: what it is, its score, what serves it.
func (t textReport) focus(number string, f report.Focus) {
	e := t.e
	sc := e.T("plan.score", "Score", t.score(f.Score))
	switch {
	case f.Gap != nil:
		sc = e.T("plan.scoregap", "Score", t.score(f.Score), "Gap", e.loc.Number(*f.Gap))
	case f.Target != nil:
		sc = e.T("plan.scoretarget", "Score", t.score(f.Score), "Target", e.loc.Number(*f.Target))
	}
	t.para(number, e.T("plan.focus."+f.Kind, "Name", f.Title)+" · "+sc)
	ind := strings.Repeat(" ", ansi.StringWidth(number))
	if f.Guideline != "" {
		t.para(ind, e.T("plan.guideline", "Title", f.Guideline))
	}
	if len(f.Modules) > 0 {
		t.para(ind, e.T("plan.modules", "List", strings.Join(f.Modules, e.T("punct.semicolon"))))
	}
}

// plan is the action plan: each area with its actions.
func (t textReport) plan(p report.Plan) {
	e := t.e
	if len(p.Areas) == 0 {
		t.para("", e.T("plan.nothing"))
	}
	for i, a := range p.Areas {
		t.line("")
		t.focus(fmt.Sprintf("%d. ", i+1), a.Focus)
		if len(a.Actions) == 0 {
			t.para("   ", e.T("plan.noactions"))
		}
		for _, act := range a.Actions {
			box := "[ ] "
			if act.Done {
				box = "[x] "
			}
			t.para("   "+box, actionText(e, act))
		}
	}
}

// actionText is one action on one line: what, who, when, how it is seen.
func actionText(e *env, a report.Action) string {
	parts := []string{safe.Line(a.What)}
	if a.Lead != "" {
		parts = append(parts, e.T("plan.action.lead", "Who", safe.Line(a.Lead)))
	}
	if a.Due != "" {
		parts = append(parts, e.T("plan.action.due", "Month", safe.Line(a.Due)))
	}
	ind := safe.Line(a.Indicator)
	if a.Target != nil {
		from := "?"
		if a.Baseline != nil {
			from = e.loc.Number(*a.Baseline)
		}
		ind = strings.TrimSpace(ind + " " + from + " → " + e.loc.Number(*a.Target))
	}
	if ind != "" {
		parts = append(parts, ind)
	}
	if a.DrawsOn != "" {
		parts = append(parts, a.DrawsOn)
	}
	return strings.Join(parts, " · ")
}

func (t textReport) modules(rep report.Individual) {
	e := t.e
	if len(rep.Modules) == 0 {
		return
	}
	t.head(e.T("modules.intro")) // says the order: the role's own first, the most useful first
	for i, m := range rep.Modules {
		if i == rep.FirstMore() { // past the recommendation: by priority alone
			t.head(e.T("report.modules.more"))
		}
		var reasons []string
		for _, r := range m.Reasons {
			reasons = append(reasons, e.T("modules.reason", "Competence", r.Competence, "Gap", e.loc.Number(r.Gap)))
		}
		t.para(fmt.Sprintf("%2d. ", i+1), m.Title+" – "+e.T("cli.report.priority", "Priority", e.loc.Number(m.Priority)))
		t.para("    ", m.Course+" · "+m.Role+" · "+m.Partner)
		t.para("    ", strings.Join(reasons, e.T("punct.semicolon")))
	}
}

func (t textReport) guidelines(rep report.Individual) {
	e := t.e
	if len(rep.Guidelines) == 0 {
		return
	}
	t.head(e.T("guidelines.intro"))
	for _, g := range rep.Guidelines {
		t.para("  ", g.Title+" ("+g.Dimension+" "+e.loc.Number(g.Score)+")")
		for _, a := range g.Advice {
			t.para("    - ", a)
		}
	}
}

// entries: the develop list and the notes, with what the person typed.
func (t textReport) entries(rep report.Individual) {
	e := t.e
	t.head(e.T("report.develop") + strings.TrimRight(e.T("punct.colon"), " "))
	if len(rep.Develop) == 0 {
		t.para("  ", e.T("report.develop.none"))
	}
	for _, en := range rep.Develop {
		t.entry("  ★ ", en)
	}
	if len(rep.Notes) > 0 {
		t.head(e.T("report.notes") + strings.TrimRight(e.T("punct.colon"), " "))
		for _, en := range rep.Notes {
			t.entry("  • ", en)
		}
	}
}

func (t textReport) entry(bullet string, en report.Entry) {
	e := t.e
	t.para(bullet, en.Item.Title+" ("+en.Section+")")
	ind := strings.Repeat(" ", ansi.StringWidth(bullet))
	switch {
	case en.Status != assessment.StatusAnswered:
		t.para(ind, e.T("choice."+string(en.Status)))
	case len(en.Answer) > 0:
		t.para(ind, e.T("report.answer")+e.T("punct.colon")+safe.Line(strings.Join(en.Answer, e.T("punct.semicolon"))))
	}
	t.ownWords(ind, e.T("report.answer"), en.Comment)
	if en.Other != "" {
		t.para(ind, e.T("report.other")+e.T("punct.colon")+safe.Line(en.Other))
	}
	t.ownWords(ind, e.T("report.note"), en.Note)
}

// ownWords is a person's text (a note, a comment) after its label, made
// inert, line by line; nothing when it is empty.
func (t textReport) ownWords(ind, label, text string) {
	if text == "" {
		return
	}
	for i, l := range strings.Split(safe.Text(text), "\n") {
		if i == 0 {
			l = label + t.e.T("punct.colon") + l
		}
		t.para(ind, l)
	}
}

func (t textReport) progress(rep report.Individual) {
	e := t.e
	p := rep.Progress
	if p == nil {
		return
	}
	t.head(e.T("cli.report.progress"))
	t.para("", e.T("report.progress.since", "Date", dateOf(p.Date), "Mode", e.T("mode."+string(p.Mode)), "Version", p.Bank.Version))
	if len(p.Incomparable) > 0 {
		t.para("! ", e.T("report.mismatch.intro"))
		for _, m := range p.Incomparable {
			t.para("  - ", e.T("report.mismatch."+string(m)))
		}
	}
	t.change(e.T("progress.overall"), p.Overall)
	for _, c := range append(append([]report.Change{}, p.Competences...), p.Sections...) {
		if c.NotPursued != "" {
			t.row(c.Title, e.T("progress.notpursued."+string(c.NotPursued)))
			continue
		}
		t.change(c.Title, c.Delta)
	}
	if len(p.EarlierPlan) > 0 {
		t.head(e.T("plan.earlier"))
		for _, mv := range p.EarlierPlan {
			name := e.T("plan.focus."+mv.Kind, "Name", mv.Title)
			if n := len(mv.Open); n > 0 {
				name += " (" + e.N("plan.open", n) + ")"
			}
			var d *assessment.Delta
			if mv.Then != nil && mv.Now != nil {
				d = &assessment.Delta{Before: *mv.Then, After: *mv.Now, Change: *mv.Change}
			}
			t.change(name, d)
		}
	}
}

func (t textReport) change(name string, d *assessment.Delta) {
	e := t.e
	s := e.T("progress.nocompare")
	if d != nil {
		sign := "= "
		if d.Change > 0 {
			sign = "▲ +"
		} else if d.Change < 0 {
			sign = "▼ "
		}
		s = fmt.Sprintf("%s → %s  %s%s", e.loc.Number(d.Before), e.loc.Number(d.After), sign, e.loc.Number(d.Change))
	}
	t.row(name, s)
}

// row is a name with a value at the right margin; a long name wraps.
func (t textReport) row(name, s string) {
	room := t.width - 3 - ansi.StringWidth(s)
	names := wrap(name, "", room)
	t.line("  " + names[0] + strings.Repeat(" ", max(1, room-ansi.StringWidth(names[0]))) + s)
	for _, n := range names[1:] {
		t.line("  " + n)
	}
}
