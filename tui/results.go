package tui

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	reporthtml "github.com/digint/digint/assessment/report/html"
	"github.com/digint/digint/storage"
)

// The results screen: tabs for the radar, the maturity matrix, the
// competence table, the modules, the guidelines with the develop list, and
// the progress. Every tab renders the report model (package report): the
// screen computes nothing of its own, so a rule changed there changes here.

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
	a      *assessment.Assessment
	r      assessment.Result // the plan screen's input
	rep    report.Individual // what the tabs show
	tab    resultsTab
	cell   int // matrix cursor: section*dimensions + dimension
	scroll int
	fits   bool // the tab's lines fit its room: no scroll keys to offer
	follow bool // f was pressed once: a second f starts the follow-up
}

type resultsMsg struct {
	a   *assessment.Assessment
	r   assessment.Result
	rep report.Individual
	err error
}

type exportedMsg struct {
	path string
	err  error
}

// finish marks the assessment complete and builds its report, with the
// progress since the participant's previous completed assessment.
func (m *Model) finish() tea.Cmd {
	store := m.c.store
	// An assessment completed before and not changed since keeps its
	// completion time: looking at results is not completing again.
	done := tea.Cmd(nil)
	if m.walk.a.CompletedAt == nil || m.walk.changed {
		now := m.c.now().UTC()
		m.walk.a.CompletedAt = &now
		id := m.walk.a.ID
		done = m.c.saver.do(completionKey(id), func() error { return store.Complete(bg(), id) })
		m.walk.changed = false
	}
	a, text, shared := m.walk.assessment(), m.c.text, !m.c.opts.ownList()
	load := m.c.forTurn(func() tea.Msg {
		if shared { // no earlier assessment is looked up on a shared laptop
			return resultsMsg{a: a, r: assessment.Score(text, a), rep: report.Build(text, a, nil, nil)}
		}
		return loadResults(store, text, a)
	})
	return tea.Sequence(done, load)
}

// loadResults builds the report of a, labels from text (the bank in the
// reader's language), with the previous completed assessment and the
// saved plan, as `digint report` does.
func loadResults(store *storage.Store, text *assessment.Bank, a *assessment.Assessment) resultsMsg {
	msg := resultsMsg{a: a, r: assessment.Score(text, a)}
	// Labels come from text; an earlier assessment is only scored, on its
	// own bank.
	bank := func(ref assessment.BankRef) (*assessment.Bank, error) {
		if ref == a.Bank {
			return text, nil
		}
		return store.Catalog().Lookup(ref)
	}
	rep, err := store.Report(bg(), a, bank)
	if err != nil { // the results still show, without what could not be read
		msg.err, rep = err, report.Build(text, a, nil, nil)
	}
	msg.rep = rep
	return msg
}

func (m *Model) showResults(msg resultsMsg) {
	if m.walk == nil || m.walk.a.ID != msg.a.ID {
		return // another assessment is open now
	}
	if msg.err != nil {
		m.setError(msg.err)
	} else {
		m.clearStatus()
	}
	m.results = &results{a: msg.a, r: msg.r, rep: msg.rep}
	m.screen = screenResults
}

func (m *Model) tabs() []resultsTab {
	t := []resultsTab{tabRadar, tabMatrix, tabCompetences, tabModules, tabGuidelines}
	if m.results.rep.Progress != nil {
		t = append(t, tabProgress)
	}
	return t
}

func (m *Model) resultsKeys() resultsKeys {
	return newResultsKeys(m.c, len(m.tabs()), m.results.tab == tabMatrix, !m.results.fits)
}

func (m *Model) updateResults(msg tea.Msg) tea.Cmd {
	key, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := m.resultsKeys()
	if m.kiosk.confirm && !matches(key, k.HandOver) { // any other key cancels the hand-over
		m.kiosk.confirm = false
		m.clearStatus()
	}
	if m.results.follow && !matches(key, k.FollowUp) { // nor is a follow-up started
		m.results.follow = false
		m.clearStatus()
	}
	res := m.results
	tabs := m.tabs()
	cells := len(res.rep.Matrix) * len(res.rep.Dimensions)
	nd := len(res.rep.Dimensions)
	matrix := res.tab == tabMatrix && cells > 0
	switch {
	case matches(key, k.Next):
		m.toTab(tabs[(indexOf(tabs, res.tab)+1)%len(tabs)])
	case matches(key, k.Prev):
		m.toTab(tabs[(indexOf(tabs, res.tab)+len(tabs)-1)%len(tabs)])
	case matches(key, k.Tab):
		m.toTab(tabs[key.String()[0]-'1'])
	case matches(key, k.Up):
		if matrix {
			res.cell = (res.cell - nd + cells) % cells
		} else {
			res.scroll--
		}
	case matches(key, k.Down):
		if matrix {
			res.cell = (res.cell + nd) % cells
		} else {
			res.scroll++
		}
	case matrix && matches(key, k.Left):
		res.cell = (res.cell + cells - 1) % cells
	case matrix && matches(key, k.Right):
		res.cell = (res.cell + 1) % cells
	case matches(key, k.Export):
		if m.c.shared() { // nothing personal is left on a shared laptop's disk
			m.openSaveTo()
			return nil
		}
		return m.export()
	case matches(key, k.HTML):
		return m.writeReport()
	case matches(key, k.Plan):
		return m.openPlan()
	case matches(key, k.Back):
		m.clearStatus()
		m.openReview()
	case matches(key, k.HandOver):
		if m.kiosk.confirm {
			m.handOver()
			return nil
		}
		m.kiosk.confirm = true
		m.status, m.statusErr = m.c.T("kiosk.confirm"), false
		return nil
	case matches(key, k.FollowUp):
		if !res.follow { // it makes an assessment at once: a stray f would leave an empty one
			res.follow = true
			m.status, m.statusErr = m.c.T("results.followup.again"), false
			return nil
		}
		return m.opens(m.followUp())
	case matches(key, k.New):
		m.walk, m.results = nil, nil
		m.clearStatus()
		m.screen = screenWelcome
		return tea.Batch(m.listUnfinished(), m.openStart())
	case matches(key, k.Quit):
		return m.quit()
	}
	return nil // Update clamps the scroll, after every message
}

func (m *Model) toTab(t resultsTab) {
	m.results.tab, m.results.scroll = t, 0
}

// clampScroll keeps the scroll of a tab within its lines, and finds
// whether they fit without scrolling: Update's job, so that View only
// reads. The room is measured with the scroll keys in the help; the help
// without them is never longer, so lines that fit then still fit.
func (m *Model) clampScroll() {
	if m.results == nil || m.screen != screenResults {
		return
	}
	m.results.fits = false
	_, body, room := m.resultsParts()
	m.results.fits = len(body) <= room
	m.results.scroll = max(0, min(m.results.scroll, len(body)-room))
}

func indexOf(tabs []resultsTab, t resultsTab) int {
	for i, x := range tabs {
		if x == t {
			return i
		}
	}
	return 0
}

// exportDir is where the results screen writes files: the folder given,
// else the current one.
func (m *Model) exportDir() (string, error) {
	if d := m.c.opts.ExportDir; d != "" {
		return d, nil
	}
	return os.Getwd()
}

// exportName is the name of a file written from the results: the date
// and the assessment id's prefix, as `digint export` names them.
func (m *Model) exportName(ext string) string {
	id := m.results.a.ID
	return fmt.Sprintf("digint-%s-%s.%s", m.c.now().Format("2006-01-02"), id[:min(8, len(id))], ext)
}

// export writes the assessment as a JSON document and says where.
func (m *Model) export() tea.Cmd {
	store, id, name := m.c.store, m.results.a.ID, m.exportName("json")
	dirOf := m.exportDir
	return func() tea.Msg {
		doc, err := store.Export(bg(), storage.Selection{IDs: []string{id}})
		if err != nil {
			return exportedMsg{err: err}
		}
		dir, err := dirOf()
		if err != nil {
			return exportedMsg{err: err}
		}
		path := filepath.Join(dir, name)
		return exportedMsg{path: path, err: writeAtomic(path, doc.Write)}
	}
}

// writeReport writes the report shown as one HTML page (the same page as
// `digint report ID --html`) to the export folder and says where.
func (m *Model) writeReport() tea.Cmd {
	rep, loc, name := m.results.rep, m.c.loc, m.exportName("html")
	dirOf := m.exportDir
	return func() tea.Msg {
		dir, err := dirOf()
		if err != nil {
			return exportedMsg{err: err}
		}
		path := filepath.Join(dir, name)
		return exportedMsg{path: path, err: writeAtomic(path, func(w io.Writer) error { return reporthtml.Individual(w, rep, loc) })}
	}
}

// writeAtomic writes path through a temporary file in the same folder,
// renamed into place: a failure never leaves half a file, and a link at
// path is replaced, never followed. The file is its owner's only.
func writeAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".digint-*.tmp") // mode 0600
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func (m *Model) tabName(t resultsTab) string {
	return m.c.T([]string{"tab.radar", "tab.matrix", "tab.competences", "tab.modules", "tab.guidelines", "tab.progress"}[t])
}

// resultsParts lays the screen out: the head, the whole body of the tab,
// and the lines the body may take.
func (m *Model) resultsParts() (head, body []string, room int) {
	c, s, w := m.c, m.c.styles, m.c.width
	res := m.results
	overall := c.T("results.overall", "Score", c.score(res.rep.Overall))
	head = []string{spread(s.title.Render(c.T("results.title")), s.bold.Render(overall), w)}
	head = append(head, m.tabLine(w)...)
	if c.height >= radarHeight {
		head = append(head, "")
	}
	room = c.height - len(head) - len(m.resultsFoot())
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
	return head, body, room
}

// tabLine names the tabs, wrapped rather than cut on a narrow screen; a
// short screen keeps only the line with the tab shown.
func (m *Model) tabLine(w int) []string {
	s := m.c.styles
	var lines []string
	line, active := "", 0
	for i, t := range m.tabs() {
		st := s.tab
		if t == m.results.tab {
			st = s.activeTab
		}
		part := st.Render(fmt.Sprintf("%d %s", i+1, m.tabName(t)))
		if line != "" && lipgloss.Width(line+part) > w {
			lines = append(lines, line)
			line = ""
		}
		line += part
		if t == m.results.tab {
			active = len(lines)
		}
	}
	lines = append(lines, line)
	if m.c.height < radarHeight {
		return lines[active : active+1]
	}
	return lines
}

func (m *Model) resultsFoot() []string {
	c, w := m.c, m.c.width
	help := m.helpLines(w, helpRoom(c.height), m.resultsKeys().help()...)
	return append(m.statusLines(w), help...)
}

func (m *Model) resultsView() string {
	c := m.c
	head, body, room := m.resultsParts()
	if m.results.tab == tabMatrix {
		body = window(body, 0, room)
	} else {
		body = body[min(m.results.scroll, len(body)):]
	}
	body = body[:min(len(body), max(0, room))]
	for len(body) < room {
		body = append(body, "")
	}
	return fit(append(append(head, body...), m.resultsFoot()...), c.width, c.height)
}
