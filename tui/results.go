package tui

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// The results screen: tabs for the radar, the maturity matrix, the
// competence table, the modules, the guideline areas and the progress.

type resultsTab int

const (
	tabRadar resultsTab = iota
	tabMatrix
	tabCompetences
	tabModules
	tabGuidelines
	tabProgress
)

type results struct {
	a        *assessment.Assessment
	r        assessment.Result
	progress *assessment.Progress
	tab      resultsTab
	cell     int // matrix cursor: section*dimensions + dimension
	scroll   int
}

type resultsMsg struct {
	a        *assessment.Assessment
	r        assessment.Result
	progress *assessment.Progress
	err      error
}

type exportedMsg struct {
	path string
	err  error
}

// finish marks the assessment complete and computes its results, with the
// progress since the participant's previous completed assessment.
func (m *Model) finish() tea.Cmd {
	store, bank := m.c.store, m.c.bank
	// An assessment completed before and not changed since keeps its
	// completion time: looking at results is not completing again.
	done := tea.Cmd(nil)
	if m.walk.a.CompletedAt == nil || m.walk.changed {
		now := m.c.now().UTC()
		m.walk.a.CompletedAt = &now
		id := m.walk.a.ID
		done = m.c.saver.do("complete", func() error { return store.Complete(bg(), id) })
		m.walk.changed = false
	}
	a := m.walk.assessment()
	kioskMode := !m.c.opts.ownList()
	load := func() tea.Msg {
		if kioskMode { // no earlier assessment is looked up on a shared laptop
			return resultsMsg{a: a, r: assessment.Score(bank, a)}
		}
		return loadResults(store, bank, a)
	}
	return tea.Sequence(done, load)
}

// loadResults scores an assessment and compares it with the participant's
// previous completed one.
func loadResults(store *storage.Store, bank *assessment.Bank, a *assessment.Assessment) resultsMsg {
	msg := resultsMsg{a: a, r: assessment.Score(bank, a)}
	prev, err := store.Previous(bg(), a)
	if err != nil {
		msg.err = err
		return msg
	}
	if prev != nil {
		if pb, err := store.Catalog().Lookup(prev.Bank); err == nil {
			p := assessment.Compare(assessment.Score(pb, prev), msg.r)
			msg.progress = &p
		}
	}
	return msg
}

func (m *Model) showResults(msg resultsMsg) {
	if msg.err != nil {
		m.setError(msg.err)
	}
	m.results = &results{a: msg.a, r: msg.r, progress: msg.progress}
	m.screen = screenResults
}

func (m *Model) tabs() []resultsTab {
	t := []resultsTab{tabRadar, tabMatrix, tabCompetences, tabModules, tabGuidelines}
	if m.results.progress != nil {
		t = append(t, tabProgress)
	}
	return t
}

func (m *Model) updateResults(msg tea.Msg) tea.Cmd {
	key, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if key.String() != "d" && m.kiosk.confirm { // any other key cancels the hand-over
		m.kiosk.confirm = false
		m.status = ""
	}
	res := m.results
	tabs := m.tabs()
	nd := len(m.c.bank.Dimensions)
	switch k := key.String(); k {
	case "right", "l", "tab":
		res.tab = tabs[(indexOf(tabs, res.tab)+1)%len(tabs)]
		res.scroll = 0
	case "left", "h", "shift+tab":
		res.tab = tabs[(indexOf(tabs, res.tab)+len(tabs)-1)%len(tabs)]
		res.scroll = 0
	case "up", "k":
		if res.tab == tabMatrix {
			res.cell = (res.cell - nd + len(m.c.bank.Sections)*nd) % (len(m.c.bank.Sections) * nd)
		} else {
			res.scroll = max(0, res.scroll-1)
		}
	case "down", "j":
		if res.tab == tabMatrix {
			res.cell = (res.cell + nd) % (len(m.c.bank.Sections) * nd)
		} else {
			res.scroll++
		}
	case "[", ",":
		if res.tab == tabMatrix {
			res.cell = (res.cell + len(m.c.bank.Sections)*nd - 1) % (len(m.c.bank.Sections) * nd)
		}
	case "]", ".":
		if res.tab == tabMatrix {
			res.cell = (res.cell + 1) % (len(m.c.bank.Sections) * nd)
		}
	case "e":
		if m.c.opts.Policy.Shared() { // nothing personal is left on a shared laptop's disk
			m.openSaveTo()
			return nil
		}
		return m.export()
	case "p":
		return m.openPlan()
	case "esc", "b":
		m.openReview()
	case "d":
		if !m.c.opts.Policy.Shared() {
			break
		}
		// d is also "don't know" on the questions: a second d confirms.
		if m.kiosk.confirm {
			m.handOver()
			return nil
		}
		m.kiosk.confirm = true
		m.status, m.statusErr = m.c.T("kiosk.confirm"), false
		return nil
	case "n":
		if m.c.opts.Policy.Shared() {
			return nil
		}
		m.walk, m.results = nil, nil
		m.screen = screenWelcome
		return tea.Batch(m.listUnfinished(), m.openStart())
	case "q":
		if m.c.opts.Policy.Shared() {
			m.handOver()
			return nil
		}
		return m.quit()
	default:
		if len(k) == 1 && k[0] >= '1' && int(k[0]-'1') < len(tabs) {
			res.tab = tabs[k[0]-'1']
			res.scroll = 0
		}
	}
	return nil
}

func indexOf(tabs []resultsTab, t resultsTab) int {
	for i, x := range tabs {
		if x == t {
			return i
		}
	}
	return 0
}

// export writes the assessment as a JSON document and says where.
func (m *Model) export() tea.Cmd {
	store, id := m.c.store, m.results.a.ID
	dir := m.c.opts.ExportDir
	name := fmt.Sprintf("digint-%s-%s.json", m.c.now().Format("2006-01-02"), id[:8])
	return func() tea.Msg {
		doc, err := store.Export(bg(), storage.Selection{IDs: []string{id}})
		if err != nil {
			return exportedMsg{err: err}
		}
		if dir == "" {
			if dir, err = os.Getwd(); err != nil {
				return exportedMsg{err: err}
			}
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
		if err != nil {
			return exportedMsg{err: err}
		}
		if err := doc.Write(f); err != nil {
			f.Close()
			return exportedMsg{err: err}
		}
		return exportedMsg{path: path, err: f.Close()}
	}
}

func (m *Model) tabName(t resultsTab) string {
	return m.c.T([]string{"tab.radar", "tab.matrix", "tab.competences", "tab.modules", "tab.guidelines", "tab.progress"}[t])
}

func (m *Model) resultsView() string {
	c, s, w := m.c, m.c.styles, m.c.width
	res := m.results
	if res.tab == tabProgress && res.progress == nil {
		res.tab = tabRadar
	}
	overall := c.T("results.overall", "Score", c.score(res.r.Overall))
	head := []string{spread(s.title.Render(c.T("results.title")), s.bold.Render(overall), w)}
	var tabs []string
	for i, t := range m.tabs() {
		label := fmt.Sprintf("%d %s", i+1, m.tabName(t))
		if t == res.tab {
			tabs = append(tabs, s.activeTab.Render(label))
		} else {
			tabs = append(tabs, s.tab.Render(label))
		}
	}
	head = append(head, truncate(strings.Join(tabs, ""), w), "")

	help := m.keyHelp(w, "←→", c.T("key.tabs"), "↑↓", c.T("key.scroll"), "p", c.T("key.plan"), "e", c.T("key.export"), "n", c.T("key.new"),
		"esc", c.T("key.backtoanswers"), "q", c.T("key.quit"))
	if c.opts.Policy.Shared() {
		help = m.keyHelp(w, "←→", c.T("key.tabs"), "↑↓", c.T("key.scroll"), "p", c.T("key.plan"), "e", c.T("key.export"), "esc", c.T("key.backtoanswers"),
			"d", c.T("kiosk.handover"))
	}
	if res.tab == tabMatrix {
		last := []string{"q", c.T("key.quit")}
		if c.opts.Policy.Shared() {
			last = []string{"d", c.T("kiosk.handover")}
		}
		help = m.keyHelp(w, append([]string{"←→", c.T("key.tabs"), "↑↓ [ ]", c.T("key.cell"), "e", c.T("key.export"),
			"esc", c.T("key.backtoanswers")}, last...)...)
	}
	if st := m.statusLine(w); st != "" {
		help = append([]string{st}, help...)
	}
	room := c.height - len(head) - len(help)
	var body []string
	switch res.tab {
	case tabRadar:
		if w >= radarWidth && c.height >= radarHeight {
			body = m.radarView(w, room)
		} else {
			body = m.competenceTable(w)
		}
	case tabMatrix:
		body = m.matrixView(w)
	case tabCompetences:
		body = m.competenceTable(w)
	case tabModules:
		body = m.modulesView(w)
	case tabGuidelines:
		body = m.guidelinesView(w)
	case tabProgress:
		body = m.progressView(w)
	}
	if res.tab != tabMatrix {
		res.scroll = min(res.scroll, max(0, len(body)-room))
		body = body[min(res.scroll, len(body)):]
	}
	if len(body) > room {
		body = body[:room]
	}
	for len(body) < room {
		body = append(body, "")
	}
	return fit(append(append(head, body...), help...), w, c.height)
}

func (m *Model) competenceTitle(id string) string {
	for _, co := range m.c.text.Competences {
		if co.ID == id {
			return co.Title
		}
	}
	return id
}

// radarView puts the radar beside a legend of numbered axes.
func (m *Model) radarView(width, height int) []string {
	c, s := m.c, m.c.styles
	comps := m.results.r.Competences
	var values []*float64
	var targets []float64
	for _, co := range comps {
		values = append(values, co.Score)
		targets = append(targets, co.Target)
	}
	// The radar grows with the window (about square in dots, so twice as
	// many columns as rows), leaving the legend its room.
	rows := max(8, min(height-1, (width-44)/2, 30))
	cols := min(rows*2+2, width/2)
	chart := radar(cols, rows, len(comps), []polygon{{fixed(targets), seriesTarget, dashed}, {values, seriesScore, solid}},
		[]color.Color{s.dim.GetForeground(), s.dim.GetForeground(), s.target, s.score})
	legendW := min(width-cols-2, 60)
	numW := 13 // "100/100 ▼100"
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
		title := truncate(fmt.Sprintf("%d %s", i+1, m.competenceTitle(co.ID)), max(8, legendW-numW-1))
		legend = append(legend, title+strings.Repeat(" ", max(1, legendW-numW-lipgloss.Width(title)))+
			fmt.Sprintf("%7s", nums)+mark)
	}
	legend = append(legend, "",
		s.accent.Render("━━ ")+c.T("radar.score"),
		s.warn.Render("┄┄ ")+c.T("radar.target"),
		s.warn.Render("▼ ")+c.T("radar.gap"),
		s.warn.Render("! ")+c.T("radar.lowevidence"))
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
	nameW := max(10, width-34)
	out := []string{s.bold.Render(fmt.Sprintf("%-*s %7s %7s %7s %8s", nameW, c.T("table.competence"),
		c.T("table.score"), c.T("table.target"), c.T("table.gap"), c.T("table.evidence")))}
	for _, co := range m.results.r.Competences {
		gap := "–"
		if co.Gap != nil {
			gap = c.loc.Number(*co.Gap)
		}
		ev := fmt.Sprint(co.Evidence)
		if co.LowEvidence {
			ev += " !"
		}
		name := truncate(m.competenceTitle(co.ID), nameW)
		out = append(out, fmt.Sprintf("%s%s %7s %7s %7s %8s", name, strings.Repeat(" ", max(0, nameW-lipgloss.Width(name))),
			truncate(c.score(co.Score), 7), c.loc.Number(co.Target), gap, ev))
	}
	out = append(out, "", s.dim.Render(truncate("! "+c.T("radar.lowevidence"), width)))
	return out
}

// level is the maturity level a 0–100 score is nearest to, and the score
// from which the next level starts (thresholds are halfway between levels).
func level(score float64) (lvl int, next float64) {
	lvl = int(math.Min(assessment.MaturityMax, math.Floor(score/25+0.5)))
	return lvl, (float64(lvl) + 0.5) * 25
}

func (m *Model) matrixView(width int) []string {
	c, s := m.c, m.c.styles
	res := m.results
	b := c.text
	nd := len(b.Dimensions)
	// Score columns need about 12 cells; the section names get the rest.
	colW := min(14, max(8, (width-20)/(nd+1)))
	rowW := width - colW*(nd+1)
	cellText := func(p *float64) string {
		if p == nil {
			return "–"
		}
		lvl, _ := level(*p)
		return fmt.Sprintf("%s L%d", c.loc.Number(*p), lvl)
	}
	pad := func(t string, w int) string {
		t = truncate(t, w-1)
		return t + strings.Repeat(" ", max(0, w-lipgloss.Width(t)))
	}
	hdr := pad("", rowW)
	for _, d := range b.Dimensions {
		hdr += s.bold.Render(pad(d.Title, colW))
	}
	hdr += s.bold.Render(pad(c.T("matrix.index"), colW))
	out := []string{hdr}
	for si, sec := range b.Sections {
		sr := res.r.Sections[si]
		line := pad(sec.Title, rowW)
		for di, d := range b.Dimensions {
			t := cellText(sr.Dimensions[d.ID].Score)
			if !sr.Pursued {
				t = c.T("matrix.notpursued")
			}
			cell := pad(t, colW)
			if si*nd+di == res.cell {
				cell = s.cursor.Render(pad("›"+t, colW))
			}
			line += cell
		}
		idx := c.score(sr.Index)
		if !sr.Pursued {
			idx = "–"
		}
		out = append(out, line+s.bold.Render(pad(idx, colW)))
	}
	var levels []string
	for i, name := range b.Scales.Maturity {
		levels = append(levels, fmt.Sprintf("L%d %s", i, name))
	}
	out = append(out, wrap(s.dim.Render(strings.Join(levels, " · ")), width)...)
	out = append(out, "")
	// The selected cell: its level, what the next level needs, its items.
	si, di := res.cell/nd, res.cell%nd
	sec, dim := b.Sections[si], b.Dimensions[di]
	cell := res.r.Sections[si].Dimensions[dim.ID]
	out = append(out, s.bold.Render(truncate(sec.Title+" × "+dim.Title, width)))
	switch {
	case !res.r.Sections[si].Pursued:
		out = append(out, wrap(c.T("matrix.notpursued.long"), width)...)
	case cell.Score == nil:
		out = append(out, c.T("score.none"))
	default:
		lvl, next := level(*cell.Score)
		line := c.T("matrix.level", "Score", c.loc.Number(*cell.Score), "Level", b.Scales.Maturity[lvl])
		if lvl < assessment.MaturityMax {
			line += " " + c.T("matrix.next", "Next", b.Scales.Maturity[lvl+1], "From", c.loc.Number(next),
				"Points", c.loc.Number(math.Max(0, next-*cell.Score)))
		}
		out = append(out, wrap(line, width)...)
	}
	answers := assessment.Index(res.a.Answers)
	for _, it := range b.Items {
		if it.Section != sec.ID || it.Dimension != dim.ID || !it.Scored() {
			continue
		}
		score, ok := it.ItemScore(answers)
		mark := s.dim.Render("  ·  ")
		if ok {
			mark = fmt.Sprintf("%4s ", c.loc.Number(math.Round(score*1000)/10))
		}
		out = append(out, truncate(mark+it.Text, width))
	}
	return out
}

func (m *Model) modulesView(width int) []string {
	c, s := m.c, m.c.styles
	res := m.results
	if len(res.r.Recommendations) == 0 {
		return wrap(c.T("modules.none"), width)
	}
	out := wrap(c.T("modules.intro"), width)
	out = append(out, "")
	for i, rec := range res.r.Recommendations {
		var mod *assessment.Module
		for _, x := range c.text.Modules() {
			if x.ID == rec.Module {
				mod = x
			}
		}
		course := ""
		for _, co := range c.text.Courses {
			if co.ID == rec.Course {
				course = co.Title
			}
		}
		role := rec.Role
		if r, ok := c.text.Role(rec.Role); ok {
			role = r.Title
		}
		head := fmt.Sprintf("%d. %s", i+1, mod.Title)
		out = append(out, spread(s.bold.Render(truncate(head, width-12)), s.accent.Render(c.loc.Number(rec.Priority)), width))
		out = append(out, s.dim.Render(truncate("   "+course+" · "+role+" · "+mod.Partner, width)))
		var reasons []string
		for _, r := range rec.Reasons {
			reasons = append(reasons, c.T("modules.reason", "Competence", m.competenceTitle(r.Competence), "Gap", c.loc.Number(r.Gap)))
		}
		out = append(out, wrapIndent("   ", strings.Join(reasons, "; "), width)...)
	}
	return out
}

func (m *Model) guidelinesView(width int) []string {
	c, s := m.c, m.c.styles
	out := wrap(c.T("guidelines.intro"), width)
	if len(m.results.r.Guidelines) == 0 {
		out = wrap(c.T("guidelines.none"), width)
	}
	for _, g := range m.results.r.Guidelines {
		for _, gl := range c.text.Guidelines {
			if gl.ID != g.ID {
				continue
			}
			dim := g.Dimension
			for _, d := range c.text.Dimensions {
				if d.ID == g.Dimension {
					dim = d.Title
				}
			}
			out = append(out, "", spread(s.bold.Render(gl.Title), s.dim.Render(dim+" "+c.loc.Number(g.Score)), width))
			for _, a := range gl.Advice {
				out = append(out, wrapIndent(" • ", a, width)...)
			}
		}
	}
	return append(out, m.developList(width)...)
}

// developList names the items marked "we want to develop this": the
// person's own agenda, beside the guidelines.
func (m *Model) developList(width int) []string {
	c, s := m.c, m.c.styles
	var out []string
	for _, a := range m.results.a.Answers {
		if !a.Develop {
			continue
		}
		if it, ok := c.text.Item(a.Item); ok {
			if out == nil {
				out = []string{"", s.bold.Render(c.T("results.develop", "Label", c.T("develop.on")))}
			}
			out = append(out, wrapIndent(" ★ ", it.Text, width)...)
		}
	}
	return out
}

func (m *Model) progressView(width int) []string {
	c, s := m.c, m.c.styles
	p := m.results.progress
	out := wrap(c.T("progress.intro"), width)
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
	out = append(out, spread(s.bold.Render(c.T("progress.overall")), change(p.Overall), width))
	for _, cd := range p.Competences {
		out = append(out, spread(m.competenceTitle(cd.ID), change(cd.Score), width))
	}
	out = append(out, "")
	for _, sd := range p.Sections {
		sec, _ := c.text.Section(sd.ID)
		out = append(out, spread(sec.Title, change(sd.Index), width))
	}
	return out
}
