package tui

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/assessment/safe"
)

// The tabs of the results screen, each a rendering of the report model.

// radarView puts the radar beside a legend of numbered axes.
func (m *Model) radarView(width, height int) []string {
	c, s := m.c, m.c.styles
	comps := m.results.rep.Competences
	var values []*float64
	var targets []float64
	for _, co := range comps {
		values = append(values, co.Score)
		targets = append(targets, co.Target)
	}
	const numW = 13 // "100/100 ▼100"
	longest := 0
	for i, co := range comps {
		longest = max(longest, lipgloss.Width(fmt.Sprintf("%d %s", i+1, co.Title)))
	}
	// The radar grows with the window (about square in dots, so twice as
	// many columns as rows), leaving the legend room for whole names and
	// their numbers when the window has it.
	const smallest = 38 // the chart at 80 columns: it gives up no more
	rows := max(8, min(height-1, (width-44)/2, 30))
	cols := min(rows*2+2, width/2)
	if need := width - 2 - (longest + 1 + numW + 4); cols > smallest && need < cols {
		cols = max(smallest, need)
		rows = min(rows, (cols-2)/2)
	}
	chart := radar(cols, rows, len(comps), []polygon{{fixed(targets), seriesTarget, dashed}, {values, seriesScore, solid}},
		[]color.Color{s.dim.GetForeground(), s.dim.GetForeground(), s.target, s.score})
	legendW := width - cols - 2
	titleW := max(8, min(longest, legendW-numW-1)) // names whole when there is room
	var legend []string
	legend = append(legend, s.dim.Render(truncate(c.T("radar.columns"), legendW)))
	for i, co := range comps {
		nums := fmt.Sprintf("%s/%s", c.score(co.Score), c.loc.Number(co.Target))
		if co.Score == nil {
			nums = "–/" + c.loc.Number(co.Target)
		}
		mark := ""
		if co.Gap != nil && *co.Gap > 0 {
			mark = s.warn.Render(" ▼" + c.loc.Number(*co.Gap))
		}
		if co.LowEvidence {
			mark += s.warn.Render(" !")
		}
		title := truncate(fmt.Sprintf("%d %s", i+1, co.Title), titleW)
		legend = append(legend, title+strings.Repeat(" ", max(1, titleW+1-lipgloss.Width(title)))+
			fmt.Sprintf("%7s", nums)+mark)
	}
	legend = append(legend, "",
		s.accent.Render(scoreGlyph+scoreGlyph+" ")+c.T("radar.score"),
		s.warn.Render(targetGlyph+targetGlyph+" ")+c.T("radar.target"),
		s.warn.Render("▼ ")+c.T("radar.gap"))
	if m.results.rep.LowEvidence {
		legend = append(legend, s.warn.Render("! ")+c.T("radar.lowevidence"))
	}
	var out []string
	for i := 0; i < max(len(chart), len(legend)); i++ {
		left := strings.Repeat(" ", cols)
		if i < len(chart) {
			left = chart[i]
		}
		right := ""
		if i < len(legend) {
			right = legend[i]
		}
		out = append(out, left+"  "+right)
	}
	return out
}

func (m *Model) competenceTable(width int) []string {
	c, s := m.c, m.c.styles
	comps := m.results.rep.Competences
	longest := lipgloss.Width(c.T("table.competence"))
	for _, co := range comps {
		longest = max(longest, lipgloss.Width(co.Title))
	}
	// The number columns are as wide as their heads and figures need, so
	// the names keep the rest; a competence nothing scored shows "–", as
	// its gap does (its evidence, 0, and the "!" say why).
	head := [4]string{truncate(c.T("table.score"), 7), truncate(c.T("table.target"), 7),
		truncate(c.T("table.gap"), 7), c.T("table.evidence")}
	cells := make([][4]string, len(comps))
	anyLow := false
	for i, co := range comps {
		score, gap := "–", "–"
		if co.Score != nil {
			score = c.loc.Number(*co.Score)
		}
		if co.Gap != nil {
			gap = c.loc.Number(*co.Gap)
		}
		cells[i] = [4]string{score, c.loc.Number(co.Target), gap, fmt.Sprint(co.Evidence)}
		if co.LowEvidence {
			cells[i][3] += " !"
		}
		anyLow = anyLow || co.LowEvidence
	}
	var colW [4]int
	for k := range colW {
		colW[k] = lipgloss.Width(head[k])
		for _, r := range cells {
			colW[k] = max(colW[k], lipgloss.Width(r[k]))
		}
	}
	// Two spaces between columns where every name fits whole with them,
	// else one. Narrow, the evidence column goes: its low-evidence mark
	// stays.
	gap := 2
	if longest+4*gap+colW[0]+colW[1]+colW[2]+colW[3] > width {
		gap = 1
	}
	numbers := 3*gap + colW[0] + colW[1] + colW[2]
	evidence := width-numbers-gap-colW[3] >= 12
	if evidence {
		numbers += gap + colW[3]
	} else if anyLow {
		numbers += 2 // " !"
	}
	nameW := max(6, min(longest, width-numbers))
	sep := strings.Repeat(" ", gap)
	row := func(name string, r [4]string, lowMark bool) string {
		name = truncate(name, nameW)
		l := name + strings.Repeat(" ", max(0, nameW-lipgloss.Width(name)))
		for k := range 3 {
			l += sep + strings.Repeat(" ", colW[k]-lipgloss.Width(r[k])) + r[k]
		}
		if evidence {
			l += sep + strings.Repeat(" ", colW[3]-lipgloss.Width(r[3])) + r[3]
		} else if lowMark {
			l += " !"
		}
		return l
	}
	out := []string{s.bold.Render(row(c.T("table.competence"), head, false))}
	for i, co := range comps {
		// A long name goes on under itself, on one more line at most.
		name := wrap(co.Title, nameW)
		if len(name) > 2 {
			name = []string{name[0], truncate(strings.Join(name[1:], " "), nameW)}
		}
		out = append(out, row(name[0], cells[i], co.LowEvidence))
		out = append(out, name[1:]...)
	}
	if !m.results.rep.LowEvidence {
		return out
	}
	out = append(out, "")
	return append(out, wrap(s.dim.Render("! "+c.T("radar.lowevidence")), width)...)
}

// matrixView is the maturity matrix, and below it the selected cell: its
// level, what the next level needs, and its items.
func (m *Model) matrixView(width int) []string {
	c, s := m.c, m.c.styles
	rep := m.results.rep
	nd := len(rep.Dimensions)
	if nd == 0 || len(rep.Matrix) == 0 {
		return nil
	}
	// A cell takes "83.3 L3" where it fits, else the score alone; the
	// section names get the rest, and never less than a word.
	colW := min(14, max(8, (width-20)/(nd+1)))
	narrow := width-colW*(nd+1) < 12
	if narrow {
		colW = max(6, min(colW, (width-12)/(nd+1)))
	}
	colWs := matrixColumns(c, rep, colW, width, narrow)
	rowW := width
	for _, w := range colWs {
		rowW -= w
	}
	// The names take what the longest needs and two cells more, no
	// more: at 200 columns the rest pushed the scores to the far right.
	longest := 0
	for _, row := range rep.Matrix {
		longest = max(longest, lipgloss.Width(row.Section.Title))
	}
	rowW = max(1, min(rowW, longest+2))
	cellText := func(cell report.Cell) string {
		if cell.Score == nil {
			return "–"
		}
		if narrow {
			return c.loc.Number(*cell.Score)
		}
		return fmt.Sprintf("%s L%d", c.loc.Number(*cell.Score), cell.Level.Number)
	}
	pad := func(t string, w int) string {
		t = truncate(t, w-1)
		return t + strings.Repeat(" ", max(0, w-lipgloss.Width(t)))
	}
	hdr := pad("", rowW)
	for di, d := range rep.Dimensions {
		hdr += s.bold.Render(pad(d.Title, colWs[di]))
	}
	hdr += s.bold.Render(pad(c.T("matrix.index"), colWs[nd]))
	out := []string{hdr}
	for si, row := range rep.Matrix {
		line := pad(row.Section.Title, rowW)
		for di, cell := range row.Cells {
			t := cellText(cell)
			if !row.Pursued {
				t = "–"
				if !narrow {
					t = c.T("matrix.notpursued")
				}
			}
			p := pad(t, colWs[di])
			if si*nd+di == m.results.cell {
				p = s.cursor.Render(pad("›"+t, colWs[di]))
			}
			line += p
		}
		idx := "–" // nothing scored the section, as its cells say: not a phrase cut to a column
		if row.Index != nil && row.Pursued {
			idx = c.loc.Number(*row.Index)
		}
		out = append(out, line+s.bold.Render(pad(idx, colWs[nd])))
	}
	var levels []string
	for i, name := range rep.Levels {
		levels = append(levels, fmt.Sprintf("L%d %s", i, name))
	}
	out = append(out, wrap(s.dim.Render(strings.Join(levels, " · ")), width)...)
	out = append(out, "")
	si, di := m.results.cell/nd, m.results.cell%nd
	row, cell := rep.Matrix[si], rep.Matrix[si].Cells[di]
	out = append(out, wrap(s.bold.Render(row.Section.Title+" × "+rep.Dimensions[di].Title), width)...)
	switch {
	case !row.Pursued:
		out = append(out, wrap(c.T("matrix.notpursued.long"), width)...)
	case cell.Score == nil && len(cell.Items) == 0: // a quick scan's cell
		out = append(out, wrap(c.T("matrix.notasked"), width)...)
	case cell.Score == nil:
		out = append(out, c.T("score.none"))
	default:
		line := c.T("matrix.level", "Score", c.loc.Number(*cell.Score), "Level", cell.Level.Name)
		if n := cell.Level.Next; n != nil {
			line += " " + c.T("matrix.next", "Next", n.Name, "From", c.loc.Number(n.From), "Points", c.loc.Number(n.Points))
		}
		out = append(out, wrap(line, width)...)
	}
	for _, it := range cell.Items {
		mark := s.dim.Render("  ·  ")
		if it.Score != nil {
			mark = fmt.Sprintf("%4s ", c.loc.Number(*it.Score))
		}
		out = append(out, wrapIndent(mark, it.Title, width)...)
	}
	return out
}

// matrixColumns are the widths of the dimension columns and the index's:
// colW each, or, where the section names leave the room, each as wide as
// its name needs ("Prozesuak eta praktikak" whole), up to 26.
func matrixColumns(c *common, rep report.Individual, colW, width int, narrow bool) []int {
	nd := len(rep.Dimensions)
	ws := make([]int, nd+1)
	for i := range ws {
		ws[i] = colW
	}
	if narrow {
		return ws
	}
	longestSec := 0
	for _, row := range rep.Matrix {
		longestSec = max(longestSec, lipgloss.Width(row.Section.Title))
	}
	want := make([]int, nd+1)
	total := longestSec + 1
	for i := range want {
		title := c.T("matrix.index")
		if i < nd {
			title = rep.Dimensions[i].Title
		}
		want[i] = max(colW, min(26, lipgloss.Width(title)+1))
		total += want[i]
	}
	if total <= width {
		return want
	}
	return ws
}

func (m *Model) modulesView(width int) []string {
	c, s := m.c, m.c.styles
	mods := m.results.rep.Modules
	if len(mods) == 0 {
		return wrap(c.T("modules.none"), width)
	}
	out := wrap(c.T("modules.intro"), width)
	out = append(out, "")
	digits := len(strconv.Itoa(len(mods)))
	indent := strings.Repeat(" ", digits+2) // every line of a module under its title, "9." as "10."
	for i, mod := range mods {
		if i == m.results.rep.FirstMore() { // past the recommendation: by priority alone
			out = append(out, "")
			out = append(out, wrap(c.T("report.modules.more"), width)...)
		}
		prio := s.accent.Render(c.T("cli.report.priority", "Priority", c.loc.Number(mod.Priority)))
		head := wrapIndent(fmt.Sprintf("%*d. ", digits, i+1), mod.Title, roomBeside(prio, width))
		out = append(out, spread(s.bold.Render(head[0]), prio, width))
		for _, h := range head[1:] {
			out = append(out, s.bold.Render(h))
		}
		for _, l := range wrapIndent(indent, mod.Course+" · "+mod.Role+" · "+mod.Partner, width) {
			out = append(out, s.dim.Render(l))
		}
		var reasons []string
		for _, r := range mod.Reasons {
			reasons = append(reasons, c.T("modules.reason", "Competence", r.Competence, "Gap", c.loc.Number(r.Gap)))
		}
		out = append(out, wrapIndent(indent, strings.Join(reasons, c.T("punct.semicolon")), width)...)
	}
	return out
}

func (m *Model) guidelinesView(width int) []string {
	c, s := m.c, m.c.styles
	gls := m.results.rep.Guidelines
	out := wrap(c.T("guidelines.intro"), width)
	if len(gls) == 0 {
		out = wrap(c.T("guidelines.none"), width)
	}
	for _, g := range gls {
		out = append(out, "", spread(s.bold.Render(g.Title), s.dim.Render(g.Dimension+" "+c.loc.Number(g.Score)), width))
		for _, a := range g.Advice {
			out = append(out, wrapIndent(" • ", a, width)...)
		}
	}
	out = append(out, m.developList(width)...)
	return append(out, m.notesList(width)...)
}

// developList names the items marked "we want to develop this", with what
// the person answered and noted: their own agenda, beside the guidelines.
func (m *Model) developList(width int) []string {
	c, s := m.c, m.c.styles
	dev := m.results.rep.Develop
	if len(dev) == 0 {
		return nil
	}
	out := []string{"", s.bold.Render(c.T("results.develop", "Label", c.T("develop.on")))}
	for _, e := range dev {
		out = append(out, wrapIndent(" ★ ", e.Item.Title, width)...)
		for _, l := range entryLines(c, e) {
			out = append(out, wrapIndent("   ", s.dim.Render(l), width)...)
		}
	}
	return out
}

// notesList names the other answers the person wrote something in: a
// note, an Other text, a comment on a section.
func (m *Model) notesList(width int) []string {
	c, s := m.c, m.c.styles
	notes := m.results.rep.Notes
	if len(notes) == 0 {
		return nil
	}
	out := []string{"", s.bold.Render(c.T("report.notes") + strings.TrimRight(c.T("punct.colon"), " "))}
	for _, e := range notes {
		out = append(out, wrapIndent(" • ", e.Item.Title+" ("+e.Section+")", width)...)
		for _, l := range entryLines(c, e) {
			out = append(out, wrapIndent("   ", s.dim.Render(l), width)...)
		}
	}
	return out
}

// entryLines are the answer, the Other text and the note of an entry, the
// person's words made inert.
func entryLines(c *common, e report.Entry) []string {
	var out []string
	switch {
	case e.Status != assessment.StatusAnswered:
		out = append(out, c.T("choice."+string(e.Status)))
	case len(e.Answer) > 0:
		out = append(out, c.T("report.answer")+c.T("punct.colon")+safe.Line(strings.Join(e.Answer, c.T("punct.semicolon"))))
	}
	for i, l := range strings.Split(safe.Text(e.Comment), "\n") {
		if e.Comment == "" {
			break
		}
		if i == 0 {
			l = c.T("report.answer") + c.T("punct.colon") + l
		}
		out = append(out, l)
	}
	if e.Other != "" {
		out = append(out, c.T("report.other")+c.T("punct.colon")+safe.Line(e.Other))
	}
	if e.Note != "" {
		out = append(out, c.T("report.note")+c.T("punct.colon")+safe.Line(e.Note))
	}
	return out
}

// progressView is what moved since the previous assessment: which one it
// was, and what makes the two not like for like.
func (m *Model) progressView(width int) []string {
	c, s := m.c, m.c.styles
	p := m.results.rep.Progress
	if p == nil {
		return wrap(c.T("report.progress.none"), width)
	}
	out := wrap(c.T("report.progress.since", "Date", p.Date.Format("2006-01-02"), "Mode", c.T("mode."+string(p.Mode)),
		"Version", p.Bank.Version), width)
	if len(p.Incomparable) > 0 {
		out = append(out, wrap(s.warn.Render("! "+c.T("report.mismatch.intro")), width)...)
		for _, mm := range p.Incomparable {
			out = append(out, wrapIndent(s.warn.Render(" - "), c.T("report.mismatch."+string(mm)), width)...)
		}
	}
	out = append(out, "")
	change := func(d *assessment.Delta) string {
		if d == nil {
			return s.dim.Render(c.T("progress.nocompare"))
		}
		sign, st := "", s.dim
		switch {
		case d.Change > 0:
			sign, st = "▲ +", s.ok
		case d.Change < 0:
			sign, st = "▼ ", s.warn
		default:
			sign = "= "
		}
		return fmt.Sprintf("%s → %s  %s", c.loc.Number(d.Before), c.loc.Number(d.After), st.Render(sign+c.loc.Number(d.Change)))
	}
	line := func(name string, d *assessment.Delta) []string {
		right := change(d)
		left := wrap(name, roomBeside(right, width))
		lines := []string{spread(left[0], right, width)}
		return append(lines, left[1:]...)
	}
	out = append(out, line(s.bold.Render(c.T("progress.overall")), p.Overall)...)
	for _, ch := range p.Competences {
		out = append(out, line(ch.Title, ch.Delta)...)
	}
	out = append(out, "")
	for _, ch := range p.Sections {
		if ch.NotPursued != "" {
			out = append(out, spread(ch.Title, s.dim.Render(c.T("progress.notpursued."+string(ch.NotPursued))), width))
			continue
		}
		out = append(out, line(ch.Title, ch.Delta)...)
	}
	if len(p.EarlierPlan) > 0 {
		out = append(out, "", s.bold.Render(truncate(c.T("plan.earlier"), width)))
		for _, mv := range p.EarlierPlan {
			name := c.T("plan.focus."+mv.Kind, "Name", mv.Title)
			if n := len(mv.Open); n > 0 {
				name += s.dim.Render(" · " + c.N("plan.open", n))
			}
			d := (*assessment.Delta)(nil)
			if mv.Then != nil && mv.Now != nil {
				d = &assessment.Delta{Before: *mv.Then, After: *mv.Now, Change: *mv.Change}
			}
			out = append(out, line(name, d)...)
		}
	}
	return out
}
