package tui

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/i18n"
)

// groupPage lays out a workshop's group report (report.Group, which holds
// every figure and label) as lines of a given width, for the printed page
// and the screens alike. It formats; it computes nothing.
type groupPage struct {
	loc  *i18n.Localizer
	st   styles
	r    report.Group
	live *liveStatus // set in the live view
}

// liveStatus is what the live view adds: who is answering now.
type liveStatus struct {
	answering int
	closed    bool
	err       error // the last refresh failed; the figures are the last read
}

func newGroupPage(lang string, r report.Group) (*groupPage, error) {
	loc, err := i18n.New(lang)
	if err != nil {
		return nil, err
	}
	return &groupPage{loc: loc, st: newStyles(true), r: r}, nil
}

func (gp *groupPage) median(s *assessment.Stats) string {
	if s == nil {
		return "–"
	}
	return gp.loc.Number(s.Median)
}

func (gp *groupPage) band(s *assessment.Stats) string {
	if s == nil {
		return "–"
	}
	return gp.loc.Number(s.Min) + "–" + gp.loc.Number(s.Max)
}

// para wraps text to w under a first-line prefix, later lines indented.
func para(prefix, text string, w int) []string {
	return wrapIndent(prefix, text, max(w, lipgloss.Width(prefix)+8))
}

// head: the workshop, who took part, the overall median; each line cut
// to w so the views keep their room, or wrapped (print).
func (gp *groupPage) head(w int, wrapped bool) []string {
	T, r, st := gp.loc.T, gp.r, gp.st
	title := T("kiosk.workshop", "Title", safe.Line(r.Title)) + " · " + safe.Line(r.Code)
	n := gp.loc.Count
	counts := gp.loc.N("group.count", r.Assessments, "Complete", n(r.Complete), "Going", n(r.InProgress))
	switch l := gp.live; {
	case l != nil && l.closed:
		counts = T("watch.counts.closed", "Joined", n(r.Assessments), "Finished", n(r.Complete), "Unfinished", n(r.InProgress))
	case l != nil:
		counts = T("watch.counts", "Joined", n(r.Assessments), "Answering", n(l.answering),
			"Paused", n(max(0, r.InProgress-l.answering)), "Finished", n(r.Complete))
	}
	// The counts are what a facilitator watches, and who took part is what
	// the room asks: on a narrow screen they take more lines rather than
	// lose their end (long role names), broken between their parts; the
	// rest is cut.
	type headLine struct {
		text string
		most int // lines it may take
	}
	lines := []headLine{{st.title.Render(title), 1}, {counts, 2}}
	if r.OtherVersions > 0 {
		lines = append(lines, headLine{st.warn.Render(T("group.otherversions", "N", n(r.OtherVersions))), 2})
	}
	if r.UnfinishedLeftOut > 0 {
		lines = append(lines, headLine{st.warn.Render(T("group.unfinishedout", "N", n(r.UnfinishedLeftOut))), 2})
	}
	if who := gp.whoParts(w, wrapped); len(who) > 0 {
		lines = append(lines, headLine{strings.Join(who, headSep), whoLines})
	}
	if l := gp.live; l != nil && l.err != nil {
		lines = append(lines, headLine{st.err.Render(T("watch.error", "Error", safe.Line(why(gp.loc, l.err, false)))), 1})
	} else if r.Closed || l != nil && l.closed {
		lines = append(lines, headLine{st.warn.Render(T("watch.closed")), 1})
	}
	var out []string
	for _, l := range lines {
		switch {
		case wrapped:
			out = append(out, para("", l.text, w)...)
		case l.most == 1:
			out = append(out, truncate(l.text, w))
		default:
			out = append(out, packParts(strings.Split(l.text, headSep), w, l.most)...)
		}
	}
	return out
}

// whoLines is how many lines the header gives who took part.
const whoLines = 3

// whoParts: the overall median and each role's count. On a screen (not
// print), role names are cut, all to one length, until the parts fit in
// whoLines lines of w: every role keeps its count, and the Roles view has
// the names whole.
func (gp *groupPage) whoParts(w int, wrapped bool) []string {
	T, r, n := gp.loc.T, gp.r, gp.loc.Count
	parts := func(nameW int) []string {
		var who []string
		if r.Overall != nil {
			who = append(who, T("group.overall", "Median", gp.median(r.Overall)))
		}
		for _, rc := range r.Roles {
			who = append(who, T("group.rolecount", "Role", truncate(rc.Title, nameW), "N", n(rc.N)))
		}
		if r.OtherRoles > 0 {
			who = append(who, T(r.OtherRolesKey(), "N", n(r.OtherRoles), "Min", assessment.MinGroup))
		}
		return who
	}
	longest := 0
	for _, rc := range r.Roles {
		longest = max(longest, lipgloss.Width(rc.Title))
	}
	if wrapped {
		return parts(longest)
	}
	fits := func(nameW int) bool { return len(packParts(parts(nameW), w, math.MaxInt)) <= whoLines }
	if fits(longest) {
		return parts(longest)
	}
	// The longest cut that fits, found in a few tries: a view renders it
	// on every frame.
	lo, hi := shortestRole, longest // fits(lo) is taken as true; fits(hi) is false
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; fits(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return parts(lo)
}

// shortestRole is as short as a role's name is cut in the header.
const shortestRole = 8

// headSep parts the header's lines: a count, a role.
const headSep = " · "

// packParts lays parts out on lines of w cells, joined by headSep and
// broken between them (a part wider than a line wraps on its own), in at
// most most lines, the last one cut.
func packParts(parts []string, w, most int) []string {
	var lines []string
	for _, p := range parts {
		last := len(lines) - 1
		if last >= 0 && lipgloss.Width(lines[last])+lipgloss.Width(headSep+p) <= w {
			lines[last] += headSep + p
			continue
		}
		lines = append(lines, wrap(p, w)...)
	}
	if len(lines) > most {
		lines = append(lines[:most-1:most-1], truncate(strings.Join(lines[most-1:], " "), w))
	}
	return lines
}

// tooSmall is what stands for the figures below MinGroup people.
func (gp *groupPage) tooSmall(w int) []string {
	return para("", gp.st.warn.Render(gp.loc.T("report.group.toosmall", "Min", assessment.MinGroup)), w)
}

// radar: the group radar (median solid, lowest–highest band sparse, the
// target of the largest role dashed) with its legend beside it, or below
// it when the width is short; the legend alone when there is no room.
func (gp *groupPage) radar(w, h int) []string {
	if gp.r.TooSmall {
		return gp.tooSmall(w)
	}
	legendW := min(w, 60)
	rows := min(h, (w-36)/2, 45) // the legend wants about 34 columns beside the chart
	below := false
	if rows < 8 && h >= 20 && w >= 40 { // a tall, narrow screen: legend below
		rows, below = min(h-len(gp.legend(w)), w/2-1), true
	}
	if rows < 8 {
		return gp.legend(w)
	}
	chart := gp.chart(rows*2+2, rows)
	if below {
		return append(chart, gp.legend(w)...)
	}
	legend := gp.legend(min(legendW, w-rows*2-4))
	var out []string
	for i := range max(len(chart), len(legend)) {
		l, r := strings.Repeat(" ", rows*2+2), ""
		if i < len(chart) {
			l = chart[i]
		}
		if i < len(legend) {
			r = legend[i]
		}
		out = append(out, l+"  "+r)
	}
	return out
}

func (gp *groupPage) chart(cols, rows int) []string {
	st := gp.st
	var median, lo, hi, target []*float64
	for _, c := range gp.r.Competences {
		t := c.Target
		target = append(target, &t)
		if c.Score == nil {
			median, lo, hi = append(median, nil), append(lo, nil), append(hi, nil)
			continue
		}
		m, l, h := c.Score.Median, c.Score.Min, c.Score.Max
		median, lo, hi = append(median, &m), append(lo, &l), append(hi, &h)
	}
	polys := []polygon{{lo, seriesBand, sparse}, {hi, seriesBand, sparse}, {target, seriesTarget, dashed}, {median, seriesScore, solid}}
	return radar(cols, rows, len(gp.r.Competences), polys, []color.Color{st.dim.GetForeground(), st.dim.GetForeground(), st.target, st.score})
}

// legend: each competence with its median and range, and the key.
func (gp *groupPage) legend(w int) []string {
	T, st := gp.loc.T, gp.st
	medW, bandW := min(8, max(5, lipgloss.Width(T("group.median")))), 11
	nameW := max(6, w-medW-bandW-2)
	row := func(name, med, band string) string {
		name = truncate(name, nameW)
		return name + strings.Repeat(" ", max(0, nameW-lipgloss.Width(name))) + fmt.Sprintf(" %*s %*s", medW, med, bandW, band)
	}
	out := []string{st.dim.Render(row(T("group.competence"), truncate(T("group.median"), medW), truncate(T("group.range"), bandW)))}
	for i, c := range gp.r.Competences {
		out = append(out, row(fmt.Sprintf("%d %s", i+1, c.Title), gp.median(c.Score), gp.band(c.Score)))
	}
	out = append(out, "",
		truncate(st.accent.Render(scoreGlyph+scoreGlyph+" ")+T("report.group.median"), w),
		truncate(st.dim.Render("⠂⠂ ")+T("group.band"), w),
		truncate(st.warn.Render(targetGlyph+targetGlyph+" ")+T("report.group.target", "Role", gp.r.TargetRole.Title), w))
	if gp.r.OwnTargets {
		out = append(out, para("", st.dim.Render(T("report.group.owntargets")), w)...)
	}
	if gp.r.Withheld {
		out = append(out, "")
		out = append(out, para("", st.dim.Render(T("group.withheld", "Min", assessment.MinGroup)), w)...)
	}
	return out
}

// discuss: the questions the group answered most differently, what
// "spread" means, and the first one's answers in full.
func (gp *groupPage) discuss(w int) []string {
	T, r := gp.loc.T, gp.r
	if r.TooSmall {
		return gp.tooSmall(w)
	}
	if len(r.Discuss) == 0 {
		return para("", T("group.nodiscuss"), w)
	}
	out := para("", gp.st.bold.Render(T("group.discuss")), w)
	out = append(out, para("", gp.st.dim.Render(T("watch.spreadmeans", "Min", gp.loc.Number(100*assessment.Disagreement))), w)...)
	for i, d := range r.Discuss {
		out = append(out, "")
		out = append(out, para(fmt.Sprintf("%d. ", i+1), d.Item.Title, w)...)
		n := gp.loc.Count
		facts := []string{d.Section, T("report.group.spread", "Spread", gp.loc.Number(d.Spread)), T("watch.answered", "N", n(d.Answered))}
		if d.NA > 0 {
			facts = append(facts, T("choice.na")+" "+n(d.NA))
		}
		if d.Unknown > 0 {
			facts = append(facts, T("choice.unknown")+" "+n(d.Unknown))
		}
		out = append(out, para("   ", strings.Join(facts, " · "), w)...)
		if i == 0 {
			out = append(out, gp.answers(d, w)...)
			continue
		}
		var parts []string
		for _, c := range d.Distribution {
			parts = append(parts, c.Label+" "+n(c.N))
		}
		if len(parts) > 0 {
			out = append(out, para("   ", strings.Join(parts, " · "), w)...)
		}
	}
	return out
}

// answers draws a question's distribution as bars, in the item's words;
// a ratio (worked out from two counts) has scores instead.
func (gp *groupPage) answers(d report.Discussion, w int) []string {
	if len(d.Distribution) == 0 {
		if d.Score == nil {
			return nil
		}
		return para("   ", gp.loc.T("watch.scores", "Median", gp.median(d.Score), "Range", gp.band(d.Score)), w)
	}
	most, labelW := 1, 0
	for _, c := range d.Distribution {
		most, labelW = max(most, c.N), max(labelW, lipgloss.Width(c.Label))
	}
	labelW = min(labelW, max(8, (w-8)/2))
	barW := max(1, min(40, w-labelW-3-6))
	var out []string
	for _, c := range d.Distribution {
		label := truncate(c.Label, labelW)
		bar := strings.Repeat("█", max(1, c.N*barW/most))
		out = append(out, "   "+label+strings.Repeat(" ", labelW-lipgloss.Width(label))+" "+gp.st.accent.Render(bar)+" "+gp.loc.Count(c.N))
	}
	return out
}

// modules: those that would close most of the group's gaps, and what
// their priority means.
func (gp *groupPage) modules(w int) []string {
	T, r := gp.loc.T, gp.r
	if r.TooSmall {
		return gp.tooSmall(w)
	}
	if len(r.Modules) == 0 {
		return para("", T("modules.none"), w)
	}
	out := para("", gp.st.bold.Render(T("group.modules")), w)
	out = append(out, para("", gp.st.dim.Render(T("watch.prioritymeans")), w)...)
	for i, m := range r.Modules {
		if i == r.FirstMore() { // past those the HTML shows in full: by priority alone
			out = append(out, para("", gp.st.bold.Render(T("report.modules.more")), w)...)
		}
		out = append(out, para(fmt.Sprintf("%2d. ", i+1), fmt.Sprintf("%s (%s, %s) – %s", m.Title, m.Role, m.Partner,
			T("group.module", "Priority", gp.loc.Number(m.Priority), "For", gp.loc.Count(m.Participants), "Of", gp.loc.Count(r.Assessments))), w)...)
	}
	return out
}

// roleHeads are the by-role table's column heads, each role wrapped over
// up to three lines (a long role name stays readable) and its count, whole,
// aligned on the last.
func (gp *groupPage) roleHeads(indent string, colW int, cell func(string) string) []string {
	const most = 3 // lines of the name; its count may take one more
	heads := make([][]string, len(gp.r.ByRole))
	depth := 1
	for i, rg := range gp.r.ByRole {
		h := wrap(rg.Role.Title, colW-1)
		if len(h) > most {
			h = append(h[:most-1], strings.Join(h[most-1:], " ")) // cut by cell
		}
		count := "(" + gp.loc.Count(rg.N) + ")"
		if last := h[len(h)-1]; lipgloss.Width(last+" "+count) <= colW-1 {
			h[len(h)-1] = last + " " + count
		} else {
			h = append(h, count) // the count is never cut
		}
		heads[i], depth = h, max(depth, len(h))
	}
	out := make([]string, depth)
	for j := range depth {
		line := indent
		for _, h := range heads {
			at := j - (depth - len(h))
			if at < 0 {
				line += cell("")
			} else {
				line += cell(h[at])
			}
		}
		out[j] = gp.st.dim.Render(line)
	}
	return out
}

// roles: each role of MinGroup people or more beside the others, by
// competence name, and what moved since an earlier workshop.
func (gp *groupPage) roles(w int) []string {
	T, r, st := gp.loc.T, gp.r, gp.st
	if r.TooSmall {
		return gp.tooSmall(w)
	}
	var out []string
	if len(r.ByRole) > 0 {
		out = append(out, para("", st.bold.Render(T("group.byrole")), w)...)
		colW := 6
		for _, rg := range r.ByRole {
			colW = max(colW, lipgloss.Width(fmt.Sprintf("%s (%s)", rg.Role.Title, gp.loc.Count(rg.N)))+2)
		}
		countW := 0 // a count is never cut: its column is at least as wide
		for _, rg := range r.ByRole {
			countW = max(countW, lipgloss.Width("("+gp.loc.Count(rg.N)+")")+1)
		}
		colW = max(min(colW, max(24, (w-50)/len(r.ByRole)), max(6, (w-20)/len(r.ByRole))), countW) // wide: heads whole
		nameW := max(6, w-colW*len(r.ByRole))
		cell := func(s string) string { s = truncate(s, colW-1); return strings.Repeat(" ", colW-lipgloss.Width(s)) + s }
		name := func(s string) string { s = truncate(s, nameW); return s + strings.Repeat(" ", nameW-lipgloss.Width(s)) }
		out = append(out, gp.roleHeads(name(""), colW, cell)...)
		line := name(T("progress.overall"))
		for _, rg := range r.ByRole {
			line += cell(gp.median(rg.Overall))
		}
		out = append(out, line)
		for i, c := range r.Competences {
			line = name(fmt.Sprintf("%d %s", i+1, c.Title))
			for _, rg := range r.ByRole {
				line += cell(gp.median(rg.Competences[i].Score))
			}
			out = append(out, line)
		}
	}
	if r.OtherRoles > 0 || len(r.ByRole) == 0 {
		out = append(out, "")
		out = append(out, para("", st.dim.Render(T("group.hidden", "Min", assessment.MinGroup)), w)...)
	}
	if p := r.Progress; p != nil {
		change := func(d *assessment.Delta) string {
			if d == nil {
				return T("progress.nocompare")
			}
			sign := ""
			if d.Change > 0 {
				sign = "+"
			}
			return fmt.Sprintf("%s → %s (%s%s)", gp.loc.Number(d.Before), gp.loc.Number(d.After), sign, gp.loc.Number(d.Change))
		}
		out = append(out, "")
		out = append(out, para("", st.bold.Render(T("report.group.since", "Code", safe.Line(p.Code))), w)...)
		out = append(out, para(" ", T("progress.overall")+T("punct.colon")+change(p.Overall), w)...)
		for _, c := range p.Competences {
			out = append(out, para(" ", c.Title+T("punct.colon")+change(c.Delta), w)...)
		}
	}
	return out
}

// PrintWidth is the width of the printed group report.
const PrintWidth = 80

// PrintGroup writes a workshop's group report as a page of text at most
// PrintWidth columns wide: who took part, the group radar, the questions
// to discuss, the modules for the group and the role breakdown.
func PrintGroup(w io.Writer, lang string, r report.Group, colour bool) error {
	gp, err := newGroupPage(lang, r)
	if err != nil {
		return err
	}
	parts := [][]string{gp.head(PrintWidth, true), gp.radar(PrintWidth, 17), gp.discuss(PrintWidth), gp.modules(PrintWidth),
		gp.roles(PrintWidth)}
	if r.TooSmall { // each part would say so
		parts = [][]string{gp.head(PrintWidth, true), gp.tooSmall(PrintWidth)}
	}
	var out []string
	for _, part := range parts {
		out = append(append(out, part...), "")
	}
	text := strings.Join(out, "\n")
	if !colour {
		text = ansi.Strip(text)
	}
	_, err = io.WriteString(w, text)
	return err
}
