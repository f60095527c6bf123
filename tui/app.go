// Package tui is the wizard: welcome, the questions of each section,
// overview, review and results, as one Bubble Tea program.
package tui

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

type screen int

const (
	screenWelcome screen = iota
	screenStart
	screenQuestions
	screenOverview
	screenReview
	screenResults
	screenPIN    // kiosk: the facilitator's PIN to leave
	screenCode   // kiosk: a personal code to continue
	screenPaused // kiosk: the code given to a participant who pauses
	screenPlan   // the action plan of the results shown
	screenSaveTo // kiosk: where to save a participant's results
)

// Below these sizes the radar gives way to tables, and below the smallest
// only a note to enlarge the window is shown.
const (
	minWidth, minHeight     = 40, 12
	radarWidth, radarHeight = 60, 20
)

// Model is the root of the wizard. Screens are parts of it, not models of
// their own: one switch routes every message.
type Model struct {
	c *common

	screen   screen
	welcome  welcome
	start    *startForm
	walk     *walk
	ed       *editor
	overview int // cursor on the overview
	review   int // cursor on the review list
	results  *results
	plan     *planScreen

	kiosk  kiosk
	served served
	// opening: an assessment is being opened (started, continued); keys
	// typed meanwhile wait in typeahead and go to its questions, in order.
	opening   bool
	typeahead []tea.KeyPressMsg

	status    string // the last message or error, under the screen
	statusErr bool
	// refusedInput: the status refuses a value typed; the next answer
	// taken, or another screen's message, ends it.
	refusedInput bool
	saves        saveState // what the saver has not stored yet
	// unconfirmed: a write was queued since "saved" was last said. The
	// saver's state read as it is queued may already show it stored.
	unconfirmed bool
	readBack    map[string]bool // refused writes whose item was read back from the store
	quitting    bool            // waiting for the saves before leaving
	leaving     bool            // done waiting: asking the store what it holds
	said        bool            // the exit note says what the store holds
	exitNote    string
	exitErr     error // answers not saved: the program ends with a failure

	shownVer uint64   // bumped by every Update that may change what is shown
	memo     viewMemo // the last view made, and what it was made from
}

// New makes the wizard. The store must stay open while it runs.
func New(o Options) (*Model, error) {
	ctx := o.Context
	if ctx == nil {
		ctx = context.Background()
	}
	c := &common{store: o.Store, writes: o.Store, bank: o.Store.Catalog().Current(), opts: o, styles: newStyles(true),
		dark: true, width: 80, height: 24, saver: newSaver(ctx), holds: holds{holder: newHolder()}}
	lang := o.Lang
	if lang == "" {
		lang = i18n.Default
	}
	if err := c.setLanguage(lang); err != nil {
		return nil, err
	}
	m := &Model{c: c}
	if o.AskLanguage && !o.ownList() {
		m.welcome.cursor = len(m.welcome.entries(c)) - 1 // the language comes first
	}
	return m, nil
}

// Close waits (a while) for pending saves; call it after the program
// ends, then Err tells what was not saved. A program that ended before it
// said what the store holds (cut by its server while saving, its terminal
// gone) says it here, once the saves are done: the exit note, with a
// served participant's code, and what was lost.
func (m *Model) Close() {
	unsaved := m.c.saver.stop(drainLimit)
	switch {
	case !m.said:
		msg := leftMsg{unsaved: unsaved}
		m.held()(&msg)
		m.left(msg)
	case len(unsaved) > 0 && m.exitErr == nil:
		m.exitErr = errors.New(m.c.N("saving.lost", len(unsaved)))
	}
	m.c.letGo() // after the last saves: the assessment is free for another session
}

// Saving says, where answers given are not stored yet, that they are
// being saved ("Saving 2 answers before leaving…"), for the wait of Close
// once the program has ended; "" when every answer is stored.
func (m *Model) Saving() string {
	if n := m.c.saver.state().waiting; n > 0 {
		return fitLines(m.c.N("saving.quitting", n), m.c.width)
	}
	return ""
}

// Err names the answers not saved, once closed; nil when all are.
func (m *Model) Err() error { return m.exitErr }

// ExitNote is what to print once the program has ended: what the store
// holds and how to resume.
func (m *Model) ExitNote() string {
	// Wrapped at words: the terminal would cut them, codes and commands
	// included, at its edge.
	return fitLines(m.exitNote, m.c.width)
}

type listedMsg struct {
	list []storage.Summary
	err  error
}

type startedMsg struct {
	a       *assessment.Assessment
	results bool // show its results rather than its questions
	err     error
}

func (m *Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.listUnfinished(), m.c.saver.listen(), m.kioskInit())
}

func (m *Model) listUnfinished() tea.Cmd {
	if !m.c.opts.ownList() {
		return nil // a shared laptop lists nobody
	}
	c := m.c
	return func() tea.Msg {
		l, err := recentOwn(c)
		return listedMsg{l, err}
	}
}

func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	msg, current := m.c.ofThisTurn(msg)
	if !current {
		return m, nil // the participant it was for has gone
	}
	quiet, before := m.quietBefore(msg)
	_, cmd := m.route(msg)
	m.clampScroll() // a status line that came or went changes the results' room
	if !quiet || !m.sameShown(before) {
		m.shownVer++ // the view is made again
	}
	return m, cmd
}

// route hands a message to the screen or policy that takes it.
func (m *Model) route(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.c.opts.Policy == Served {
		if cmd, done := m.servedUpdate(msg); done { // served.go
			return m, cmd
		}
	}
	if m.c.opts.Policy.Shared() {
		cmd, done := m.kioskUpdate(msg) // kiosk.go
		if done {
			return m, cmd
		}
		_, next := m.update(msg)
		return m, tea.Batch(cmd, next)
	}
	return m.update(msg)
}

func (m *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		if m.start != nil {
			m.start.layout()
		}
		if m.ed != nil {
			m.ed.resize(msg.Width)
			m.keepTitle()
		}
		return m, nil // Update clamps the results' scroll to the new room
	case tea.BackgroundColorMsg:
		m.c.dark = msg.IsDark()
		m.c.styles = newStyles(m.c.dark)
		if m.start != nil {
			m.start.layout()
		}
		if m.ed != nil {
			m.keepTitle()
		}
		return m, nil
	case saveStateMsg:
		return m, m.savesChanged()
	case refusedMsg:
		m.takeStored(msg)
		return m, nil
	case flushedMsg:
		if m.quitting {
			return m, m.leave(0)
		}
		return m, nil
	case leftMsg:
		m.left(msg)
		return m, tea.Quit
	case draftsMsg:
		m.restoreDrafts(msg)
		return m, nil
	case tea.KeyPressMsg:
		if m.quitting {
			return m, m.quittingKey(msg)
		}
		if msg.String() == "ctrl+c" {
			return m, m.interrupt()
		}
		if m.opening {
			m.typeahead = append(m.typeahead, msg)
			return m, nil
		}
	case pausedMsg:
		m.showPaused(msg)
		return m, nil
	case pinMsg:
		return m, m.pinResult(msg)
	case codeMsg:
		return m, m.codeResult(msg)
	case listedMsg:
		if msg.err != nil {
			m.setError(msg.err)
		}
		first := m.welcome.unfinished == nil && m.welcome.completed == nil
		m.welcome.unfinished, m.welcome.completed = nil, nil
		for _, s := range msg.list {
			if s.CompletedAt == nil {
				m.welcome.unfinished = append(m.welcome.unfinished, s)
			} else {
				m.welcome.completed = append(m.welcome.completed, s)
			}
		}
		m.welcome.cursor = min(m.welcome.cursor, len(m.welcome.entries(m.c))-1)
		if first && m.welcome.cursor == 0 && len(m.welcome.unfinished) > 0 {
			m.welcome.cursor = 1 // someone coming back most likely continues
		}
		return m, nil
	case startedMsg:
		if msg.err != nil {
			m.opening, m.typeahead = false, nil
			m.setError(msg.err)
			m.screen = screenWelcome
			return m, nil
		}
		m.clearStatus() // "open in another session" no longer holds
		// An assessment goes on in the language it was started in.
		if l := msg.a.Language; l != m.c.loc.Lang() && i18n.Supported(l) {
			if err := m.c.setLanguage(l); err != nil {
				m.setError(err)
			}
		}
		m.openWalk(msg.a)
		cmd := tea.Batch(m.took(msg.a.ID), m.loadDrafts())
		if msg.results {
			cmd = tea.Batch(cmd, m.finish()) // completed already and unchanged: only shown
		}
		return m, tea.Batch(cmd, m.replayTypeahead())
	case openElsewhereMsg:
		m.opening, m.typeahead = false, nil
		m.status, m.statusErr = m.c.T("serve.inuse"), true
		m.screen = screenWelcome
		return m, nil
	case holdTickMsg:
		return m, m.renewHold()
	case savedMsg:
		return m, nil // the saver's state tells what is saved
	case planSavedMsg: // the plan screen shows its own state
		m.planSaved(msg)
		return m, nil
	case resultsMsg:
		m.showResults(msg)
		return m, nil
	case planLoadedMsg:
		m.showPlan(msg)
		return m, nil
	case exportedMsg:
		if msg.err != nil {
			m.setError(msg.err)
		} else if m.results != nil {
			m.status, m.statusErr = m.c.T("results.exported", "Path", msg.path), false
		}
		return m, nil
	}

	switch m.screen {
	case screenWelcome:
		return m, m.updateWelcome(msg)
	case screenStart:
		return m, m.updateStart(msg)
	case screenQuestions:
		return m, m.updateQuestions(msg)
	case screenOverview:
		return m, m.updateOverview(msg)
	case screenReview:
		return m, m.updateReview(msg)
	case screenResults:
		return m, m.updateResults(msg)
	case screenPIN, screenCode:
		return m, m.updateSecret(msg)
	case screenPaused:
		return m, m.updatePaused(msg)
	case screenPlan:
		return m, m.updatePlan(msg)
	case screenSaveTo:
		return m, m.updateSaveTo(msg)
	}
	return m, nil
}

func (m *Model) setError(err error) {
	m.status, m.statusErr, m.refusedInput = m.c.errorLine(err), true, false
}

// quit leaves cleanly: whatever is being typed is saved first, then the
// program waits for every save (showing how many are left) before it
// leaves. A second ctrl+c stops waiting.
func (m *Model) quit() tea.Cmd {
	m.quitting = true
	m.keepTyped()
	m.saves = m.c.saver.state()
	return m.c.saver.flush()
}

// interrupt is what ctrl+c does anywhere (and q where nothing is typed):
// a shared keyboard pauses the participant, else the program leaves once
// the saves are committed.
func (m *Model) interrupt() tea.Cmd {
	if m.c.opts.Policy.Shared() {
		return m.kioskInterrupt()
	}
	return m.quit()
}

// quittingKey answers a key while quit waits for the saves: a second
// ctrl+c stops waiting; any other key is ignored.
func (m *Model) quittingKey(msg tea.KeyPressMsg) tea.Cmd {
	if msg.String() == "ctrl+c" {
		return m.leave(time.Second)
	}
	return nil
}

// keepTyped saves what the question screen holds and was not given yet –
// a note being typed, ticks, a number – before the walk is left.
func (m *Model) keepTyped() tea.Cmd {
	if m.walk == nil || m.screen != screenQuestions {
		return nil
	}
	m.giveNote()
	return m.savePending()
}

// giveNote keeps a note being typed as if enter was pressed.
func (m *Model) giveNote() {
	if m.ed == nil || !m.ed.noteOn {
		return
	}
	res, _ := m.ed.key(tea.KeyPressMsg{Code: tea.KeyEnter})
	m.keepDraft()
	if res.save != nil {
		m.save(*res.save)
	}
}

// openWalk starts the questions of an assessment at its first open item.
func (m *Model) openWalk(a *assessment.Assessment) {
	m.walk = newWalk(m.c.text, a)
	m.walk.firstOpen("")
	m.screen = screenQuestions
	m.focusItem()
}

func (m *Model) View() tea.View {
	v := tea.NewView(m.content())
	v.AltScreen = true
	v.WindowTitle = "digint"
	return v
}

// render makes the screen's text; View takes it from the memo while
// nothing shown changed (memo.go).
func (m *Model) render() string {
	var content string
	w, h := m.c.width, m.c.height
	switch {
	case m.quitting:
		content = m.quitView()
	case w < minWidth || h < minHeight:
		content = fit(wrap(m.c.T("enlarge", "Width", minWidth, "Height", minHeight), max(1, w)), w, h)
	default:
		content = m.screenView()
	}
	return content
}

func (m *Model) screenView() string {
	switch m.screen {
	case screenStart:
		return m.startView()
	case screenQuestions:
		return m.questionsView()
	case screenOverview:
		return m.overviewView()
	case screenReview:
		return m.reviewView()
	case screenResults:
		return m.resultsView()
	case screenPIN, screenCode, screenPaused, screenSaveTo:
		return m.kioskView()
	case screenPlan:
		return m.planView()
	}
	return m.welcomeView()
}

// quitView is shown while quitting waits for saves.
func (m *Model) quitView() string {
	if m.saves.waiting == 0 {
		return ""
	}
	c := m.c
	lines := wrap(c.N("saving.quitting", m.saves.waiting), c.width)
	return m.page(lines, 0, m.helpLines(c.width, 0, bind([]string{"ctrl+c"}, "ctrl+c", c.T("saving.giveup"))))
}

// page lays out a screen: the body, scrolled so that line focus shows, and
// at the foot the status line and the key help.
func (m *Model) page(body []string, focus int, help []string) string {
	return m.pageUnder(nil, body, focus, help)
}

// pageUnder is page with head kept on top, however far body scrolls.
func (m *Model) pageUnder(head, body []string, focus int, help []string) string {
	c := m.c
	help = append(m.statusLines(c.width), help...)
	room := max(0, c.height-len(help)-len(head))
	body = window(body, focus, room)
	for len(body) < room {
		body = append(body, "")
	}
	return fit(append(append(head, body...), help...), c.width, c.height)
}

// statusLines are what the saver has not stored yet, then the last
// message or error.
func (m *Model) statusLines(width int) []string {
	var out []string
	if m.kiosk.pausing && m.saves.waiting > 0 {
		out = append(out, truncate(m.c.styles.dim.Render("… "+m.c.N("kiosk.pausing", m.saves.waiting)), width))
	}
	l, failed := m.saveLine()
	if l != "" { // an error may take two lines: its cause is at the end
		style := m.c.styles.dim
		if failed {
			style = m.c.styles.err
		}
		for i, w := range wrap(l, width) {
			if i == 2 {
				break
			}
			out = append(out, truncate(style.Render(w), width))
		}
	}
	status := m.status
	if l != "" && !m.statusErr && status == m.c.T("status.saved") {
		status = "" // the saver says a write is not stored: "saved" is stale
	}
	if status != "" { // three lines at most: a path written to, or why the workshop took no more, must show whole
		mark, style := "✓ ", m.c.styles.ok
		if m.statusErr {
			mark, style = "✗ ", m.c.styles.err
		}
		lines := wrap(mark+status, width)
		for _, l := range lines[:min(3, len(lines))] {
			out = append(out, truncate(style.Render(l), width))
		}
	}
	return out
}

// keyHelp renders pairs of key and action as one or more lines; the
// lines are shared (rendercache.go): callers never change them.
func (m *Model) keyHelp(width int, pairs ...string) []string {
	s := m.c.styles
	out := helpCache.get(pieceKey(s.dark, width, pairs...), func() []string { return keyHelp(s, width, pairs) })
	return out[:len(out):len(out)] // an append copies
}

func keyHelp(s styles, width int, pairs []string) []string {
	var lines []string
	line := ""
	for i := 0; i+1 < len(pairs); i += 2 {
		part := s.key.Render(pairs[i]) + " " + s.dim.Render(pairs[i+1])
		switch {
		case line == "":
			line = part
		case lipgloss.Width(line)+3+lipgloss.Width(part) > width:
			lines = append(lines, line)
			line = part
		default:
			line += s.dim.Render(" · ") + part
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	var out []string // a pair wider than the screen wraps, never cut
	for _, l := range lines {
		out = append(out, wrap(l, width)...)
	}
	return out
}

func percentOf(done, total int) string {
	if total == 0 {
		return "0%"
	}
	return fmt.Sprintf("%d%%", done*100/total)
}
