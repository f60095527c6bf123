package tui

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/storage"
)

// Kiosk mode runs a workshop on a shared laptop: each participant starts
// afresh, nobody sees anyone else's answers, a participant who pauses gets
// a personal code, and only the facilitator's PIN ends the program.

// kiosk is the kiosk state of the model.
type kiosk struct {
	confirm bool   // d was pressed once on the results: a second d hands over
	input   string // what is typed into the PIN or code field (never shown)
	code    string // the resume code just given to a pausing participant
	message string // why the last PIN or code was refused
}

// kioskInterrupt answers ctrl+c in kiosk mode: a participant pauses with a
// code; at the welcome screen the facilitator is asked for the PIN.
func (m *Model) kioskInterrupt() tea.Cmd {
	if m.walk != nil && m.walk.a.CompletedAt == nil && (m.screen == screenQuestions || m.screen == screenOverview || m.screen == screenReview) {
		return m.pause()
	}
	if m.walk != nil {
		cmd := m.savePending() // an edit after the results is kept too
		m.handOver()
		return cmd
	}
	m.kiosk = kiosk{}
	m.screen = screenPIN
	return nil
}

type pausedMsg struct {
	code string
	err  error
}

// pause saves what is pending and gives the participant their code.
func (m *Model) pause() tea.Cmd {
	pending := m.savePending()
	store, id := m.c.store, m.walk.a.ID
	code := m.c.saver.do("resume code", func() error { return nil }) // after the pending saves
	return tea.Sequence(pending, code, func() tea.Msg {
		c, err := store.ResumeCode(bg(), id)
		return pausedMsg{code: c, err: err}
	})
}

func (m *Model) showPaused(msg pausedMsg) {
	if msg.err != nil {
		m.setError(msg.err)
		return
	}
	m.walk, m.ed, m.results = nil, nil, nil
	m.status, m.statusErr = "", false
	m.kiosk = kiosk{code: msg.code}
	m.screen = screenPaused
}

// handOver forgets the participant and returns to a clean welcome screen.
func (m *Model) handOver() {
	m.walk, m.ed, m.results, m.start, m.startIn = nil, nil, nil, nil, nil
	m.status, m.statusErr = "", false
	m.kiosk = kiosk{}
	m.welcome = welcome{}
	if err := m.c.setLanguage(m.c.opts.Lang); err != nil {
		m.setError(err)
	}
	m.screen = screenWelcome
}

type pinMsg struct {
	ok  bool
	err error
}

type codeMsg struct {
	found bool
	cmd   tea.Msg
	err   error
}

// updateSecret handles typing into the PIN or the resume-code field.
func (m *Model) updateSecret(msg tea.Msg) tea.Cmd {
	key, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch k := key.String(); k {
	case "esc":
		m.handOver()
	case "backspace":
		if r := []rune(m.kiosk.input); len(r) > 0 {
			m.kiosk.input = string(r[:len(r)-1])
		}
	case "enter":
		input := m.kiosk.input
		m.kiosk.input = ""
		store, code := m.c.store, m.c.opts.Workshop
		if m.screen == screenPIN {
			return func() tea.Msg {
				ok, err := store.CheckPIN(bg(), code, input)
				return pinMsg{ok: ok, err: err}
			}
		}
		return func() tea.Msg {
			a, err := store.ByResumeCode(bg(), code, input)
			if errors.Is(err, storage.ErrNotFound) {
				return codeMsg{}
			}
			if err != nil {
				return codeMsg{err: err}
			}
			return codeMsg{found: true, cmd: startedMsg{a: a}}
		}
	default:
		if t := key.Text; t != "" && len([]rune(m.kiosk.input)) < 16 {
			m.kiosk.input += t
		}
	}
	return nil
}

func (m *Model) pinResult(msg pinMsg) tea.Cmd {
	switch {
	case msg.err != nil:
		m.setError(msg.err)
	case msg.ok:
		m.exitNote = m.c.T("kiosk.closed")
		m.quitting = true
		return m.c.saver.flush() // leaves once every save is stored
	default:
		m.kiosk.message = m.c.T("kiosk.wrongpin")
	}
	return nil
}

func (m *Model) codeResult(msg codeMsg) tea.Cmd {
	switch {
	case msg.err != nil:
		m.setError(msg.err)
	case msg.found:
		return func() tea.Msg { return msg.cmd }
	default:
		m.kiosk.message = m.c.T("kiosk.wrongcode")
	}
	return nil
}

func (m *Model) updatePaused(msg tea.Msg) tea.Cmd {
	if key, ok := msg.(tea.KeyPressMsg); ok && (key.String() == "enter" || key.String() == "esc") {
		m.handOver()
	}
	return nil
}

func (m *Model) kioskView() string {
	c, s, w := m.c, m.c.styles, m.c.width
	lines := []string{s.title.Render(c.T("kiosk.workshop", "Title", c.opts.WorkshopTitle)), ""}
	var help []string
	switch m.screen {
	case screenPIN, screenCode:
		prompt := c.T("kiosk.pin")
		if m.screen == screenCode {
			prompt = c.T("kiosk.code")
		}
		shown := strings.Repeat("•", len([]rune(m.kiosk.input)))
		if m.screen == screenCode {
			shown = strings.ToUpper(m.kiosk.input) // a code is not secret to its owner
		}
		lines = append(lines, wrap(prompt, w)...)
		lines = append(lines, "", s.accent.Render("> ")+shown+s.cursor.Render("▏"))
		if m.kiosk.message != "" {
			lines = append(lines, "", s.err.Render(m.kiosk.message))
		}
		help = m.keyHelp(w, "enter", c.T("key.confirm"), "esc", c.T("key.cancel"))
	case screenPaused:
		lines = append(lines, wrap(c.T("kiosk.paused"), w)...)
		lines = append(lines, "", "    "+s.title.Render(m.kiosk.code), "")
		lines = append(lines, wrap(c.T("kiosk.paused.how"), w)...)
		help = m.keyHelp(w, "enter", c.T("kiosk.handover"))
	}
	return m.page(lines, len(lines)-1, help)
}
