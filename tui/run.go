package tui

import (
	"io"

	"charm.land/bubbles/v2/cursor"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Terminal is where the wizard runs: the user's own, or an SSH session's.
// Whoever builds the program says what it is; the wizard never looks at
// the process's own terminal or environment when it is given one.
type Terminal struct {
	In  io.Reader
	Out io.Writer
	// Env is the terminal's environment (TERM, COLORTERM, …); nil: the
	// process's.
	Env []string
	// Width and Height are the size at start; 0: asked of the terminal.
	Width, Height int
	// Profile is the colour profile; nil: read from Env (and Out).
	Profile *colorprofile.Profile
	// Session: one of many programs in a server process, which handles
	// SIGINT and SIGTERM itself (each session saves and shows its code);
	// the program must not quit on them.
	Session bool
}

// sessionFPS is how often a served session's screen may be drawn. Each
// program wakes this often even when nothing changed: hundreds of sessions
// at Bubble Tea's 60 spent a quarter of a core doing nothing. 30 frames a
// second add at most 33 ms to a key (a network round trip is as much), and
// a key's two frames (saving, saved) more often become one.
const sessionFPS = 30

// NewProgram builds the wizard's program for a terminal. Suspending is
// refused: there is no shell to return to in a session.
func NewProgram(m *Model, t Terminal) *tea.Program {
	opts := []tea.ProgramOption{tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
		switch msg.(type) {
		case tea.SuspendMsg:
			return nil
		case cursor.BlinkMsg:
			// In a session the text cursor stays lit: each blink rendered
			// the form again, twice a second in every session of a room.
			if t.Session {
				return nil
			}
		}
		return msg
	})}
	if t.In != nil {
		opts = append(opts, tea.WithInput(t.In))
	}
	if t.Out != nil {
		opts = append(opts, tea.WithOutput(t.Out))
	}
	if t.Env != nil {
		opts = append(opts, tea.WithEnvironment(t.Env))
	}
	if t.Width > 0 && t.Height > 0 {
		opts = append(opts, tea.WithWindowSize(t.Width, t.Height))
	}
	if t.Profile != nil {
		opts = append(opts, tea.WithColorProfile(*t.Profile))
	}
	if t.Session {
		opts = append(opts, tea.WithoutSignalHandler(), tea.WithFPS(sessionFPS))
	}
	return tea.NewProgram(m, opts...)
}

// Run shows the wizard on the process's terminal until the user quits and
// returns the note to print afterwards (what is saved, how to resume), and
// an error naming the answers not saved, if any.
func Run(o Options, noColor bool) (string, error) {
	m, err := New(o)
	if err != nil {
		return "", err
	}
	var t Terminal
	if noColor {
		ascii := colorprofile.Ascii
		t.Profile = &ascii
	}
	_, err = NewProgram(m, t).Run()
	m.Close()
	if err == nil {
		err = m.Err()
	}
	return m.ExitNote(), err
}
