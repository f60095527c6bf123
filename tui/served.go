package tui

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/storage"
)

// A served session is one participant's SSH connection (see tui/serve).
// Kiosk rules hold (kiosk.go), but leaving ends only the session: what was
// given is saved and the resume code goes to the exit note, which the
// server prints once the screen is gone. No PIN, no file written.

// End says why a served session is ended from outside.
type End int

const (
	// EndClosing: the server is shutting down.
	EndClosing End = iota + 1
	// EndDropped: the connection is gone; nobody reads the screen.
	EndDropped
)

// EndMsg ends a served session: sent by the server to the program.
type EndMsg struct{ Why End }

// served is a served session's state.
type served struct {
	why  string // why the session was ended from outside, for the exit note
	code string // the participant's resume code, once asked
}

type servedCodeMsg struct {
	code string
	err  error
}

// servedUpdate sees every message first in a served session; done says it
// was handled in full.
func (m *Model) servedUpdate(msg tea.Msg) (tea.Cmd, bool) {
	c := m.c
	switch msg := msg.(type) {
	case EndMsg:
		why := c.T("serve.closing")
		if msg.Why == EndDropped {
			why = ""
		}
		return m.servedLeave(why), true
	case servedCodeMsg:
		if msg.err != nil {
			m.setError(msg.err)
		} else {
			m.served.code = msg.code
		}
		return nil, true
	case kioskTickMsg:
		if msg.gen != c.tick {
			return nil, true // a timer armed since replaced this one
		}
		if m.kiosk.lastKey.IsZero() {
			m.kiosk.lastKey = c.now()
		}
		if !m.quitting && c.now().Sub(m.kiosk.lastKey) >= m.idle() {
			return m.servedLeave(c.T("serve.idle", "Minutes", int(m.idle().Minutes()))), true
		}
		return tea.Batch(m.lookClosed(), m.tryQueued(), m.servedTick()), true
	case guessWaitMsg, codeMsg:
		// A wait after wrong codes counts down on the screen: the timer
		// ticks each second while it lasts.
		cmd, done := m.kioskUpdate(msg)
		if !done {
			_, next := m.update(msg)
			cmd = tea.Batch(cmd, next)
		}
		if m.waiting() > 0 {
			cmd = tea.Batch(cmd, m.servedTick())
		}
		return cmd, true
	case resultsMsg:
		_, cmd := m.update(msg)
		m.status, m.statusErr = c.T("serve.results.home"), false
		return tea.Batch(cmd, m.askCode()), true
	case tea.KeyPressMsg:
		if m.quitting { // saving before leaving, as the local wizard does
			return m.quittingKey(msg), true
		}
		k := msg.String()
		switch {
		case k == "ctrl+c",
			m.screen == screenWelcome && (k == "q" || k == "esc"),
			m.screen == screenResults && (k == "q" || k == "d"):
			return m.servedLeave(""), true
		}
	}
	return nil, false
}

// servedTick arms the session's one timer for when something is due: the
// idle deadline (a key since moves it: the timer then re-arms), the next
// look whether the workshop closed while the welcome shows, or the next
// second of a countdown. Bubble Tea renders after every message, so a
// tick each second re-rendered every session every second.
func (m *Model) servedTick() tea.Cmd {
	if m.quitting {
		return nil
	}
	c := m.c
	d := m.kiosk.lastKey.Add(m.idle()).Sub(c.now())
	if m.screen == screenWelcome && !c.workshopClosed {
		d = min(d, closedLook)
	}
	if m.waiting() > 0 {
		d = min(d, time.Second)
	}
	c.tick++
	gen, ctx := c.tick, c.opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	return func() tea.Msg { // not tea.Tick: its goroutine would outlive the session by up to the idle time
		t := time.NewTimer(max(d, 10*time.Millisecond))
		defer t.Stop()
		select {
		case <-t.C:
			return kioskTickMsg{gen: gen}
		case <-ctx.Done():
			return nil
		}
	}
}

func (m *Model) idle() time.Duration {
	if m.c.opts.KioskIdle > 0 {
		return m.c.opts.KioskIdle
	}
	return DefaultKioskIdle
}

// servedLeave leaves as the local wizard quits (quit): what is typed is
// saved, the screen counts the saves left, a second ctrl+c stops waiting,
// and the exit note (left) says why the session ended, what is saved and
// the resume code. A session ended from outside while it already waits
// keeps waiting; the note then says why.
func (m *Model) servedLeave(why string) tea.Cmd {
	if m.served.why == "" {
		m.served.why = why
	}
	if m.quitting {
		return nil
	}
	return m.quit()
}

// servedNote is the exit note of a served session: why it ended, then
// the resume code and how to use it, or a plain goodbye when nothing was
// begun. It says the answers are saved only when some were given and
// every write committed.
func (m *Model) servedNote(msg leftMsg, saved bool) []string {
	c := m.c
	var note []string
	if m.served.why != "" {
		note = append(note, m.served.why)
	}
	switch {
	case msg.err != nil:
		note = append(note, c.T("saving.unknown", "Error", c.why(msg.err)))
	case msg.code != "":
		if saved && msg.stored != nil && len(msg.stored.Answers) > 0 {
			note = append(note, c.T("serve.saved"))
		}
		done := msg.stored != nil && msg.stored.CompletedAt != nil
		note = append(note, c.T("serve.code", "Code", msg.code), c.codeHow(msg.code, done))
	default: // nothing begun: nothing to call saved
		note = append(note, c.T("exit.goodbye"))
	}
	return note
}

// askCode fetches the resume code of the results shown, for the
// take-home instructions.
func (m *Model) askCode() tea.Cmd {
	if m.results == nil || m.served.code != "" {
		return nil
	}
	store, id := m.c.store, m.results.a.ID
	return func() tea.Msg {
		code, err := store.ResumeCode(bg(), id)
		return servedCodeMsg{code: code, err: err}
	}
}

// takeHomeView replaces the kiosk's "save to" screen: nothing is written
// on the server; the participant fetches their report over SSH.
func (m *Model) takeHomeView() string {
	c, s, w := m.c, m.c.styles, m.c.width
	lines := []string{s.title.Render(c.T("kiosk.workshop", "Title", c.opts.WorkshopTitle)), ""}
	code := m.served.code
	if code == "" {
		code = "…"
	}
	lines = append(lines, wrap(c.T("serve.code", "Code", code), w)...)
	lines = append(lines, "")
	for _, para := range strings.Split(c.T("serve.takehome", "Line", c.opts.SSHLine, "Code", code), "\n") {
		lines = append(lines, wrap(para, w)...)
	}
	return m.page(lines, 0, m.helpLines(w, 0, m.takeHomeKeys().help()...))
}

func (m *Model) updateTakeHome(msg tea.Msg) tea.Cmd {
	if key, ok := msg.(tea.KeyPressMsg); ok && matches(key, m.takeHomeKeys().Cancel, hidden("enter")) {
		m.screen = screenResults
	}
	return nil
}

func (m *Model) takeHomeKeys() stepKeys { return newStepKeys(m.c, "", m.c.T("key.back"), false) }

// recentOwn is what the welcome screen lists: recent(), or only the
// key's own when served to a key, or nothing on a shared terminal.
func recentOwn(c *common) ([]storage.Summary, error) {
	if c.opts.Policy != Served {
		return recent(c.store)
	}
	unfinished, err := listOwn(c, storage.Filter{Unfinished: true, Limit: maxResume})
	if err != nil {
		return nil, err
	}
	completed, err := listOwn(c, storage.Filter{Completed: true, Limit: maxResume})
	return append(unfinished, completed...), err
}

// listOwn lists assessments the participant may see: all on their own
// terminal, only their key's when served to a key, none otherwise.
func listOwn(c *common, f storage.Filter) ([]storage.Summary, error) {
	if !c.opts.ownList() {
		return nil, nil
	}
	if c.opts.Policy == Served {
		id, err := c.store.KeyParticipant(bg(), c.opts.Key)
		if err != nil || id == "" {
			return nil, err
		}
		f.Participant = id
	}
	return c.store.List(bg(), f)
}

// codeHow says how to fetch the report and, unless the assessment is done
// or its workshop closed, how to come back to it: with a key, the same line again brings it;
// without one, the code does.
func (c *common) codeHow(code string, done bool) string {
	switch {
	case done || c.workshopClosed: // nothing more to answer: the report only
		return c.T("serve.code.report", "Line", c.opts.SSHLine, "Code", code)
	case c.opts.Key != "":
		return c.T("serve.code.howkey", "Line", c.opts.SSHLine, "Code", code)
	}
	return c.T("serve.code.how", "Line", c.opts.SSHLine, "Code", code)
}
