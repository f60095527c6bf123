package tui

import (
	"io"
	"time"

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

// sessionFrameGap is the least time between two draws of a served
// session's screen: a key after a pause is drawn at once, a burst as its
// newest frame. At 33 ms, a key pressed just after the last draw (the
// "saved" that follows each answer) waited for it: the 99th percentile of
// key to screen was 35–38 ms with 500 sessions, against 19–20 ms at 16 ms,
// for the same CPU (load test, runs in turns).
const sessionFrameGap = time.Second / 60

// sessionFPS is how often a served program's own ticker runs; it only
// sends the program's terminal queries (the background colour). At 4 a
// second the server's CPU was the same (load test, runs in turns), and 30
// sends the first query sooner.
const sessionFPS = 30

// Program is the wizard's program. A session's draws its own screen
// (linescreen.go), given back to the terminal when the program ends.
type Program struct {
	*tea.Program
	screen *lineScreen
}

// Run runs the program until it ends.
func (p *Program) Run() (tea.Model, error) {
	mdl, err := p.Program.Run()
	if p.screen != nil {
		p.screen.close()
	}
	return mdl, err
}

// NewProgram builds the wizard's program for a terminal. Suspending is
// refused: there is no shell to return to in a session.
func NewProgram(m *Model, t Terminal) *Program {
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
		return newSessionProgram(m, t, opts)
	}
	if t.Out != nil {
		opts = append(opts, tea.WithOutput(t.Out))
	}
	return &Program{Program: tea.NewProgram(m, opts...)}
}

// newSessionProgram runs the wizard in a server's session: no signals of
// its own (the server saves every session on them) and a line screen in
// place of Bubble Tea's renderer.
func newSessionProgram(m *Model, t Terminal, opts []tea.ProgramOption) *Program {
	out := &lockedWriter{w: t.Out}
	profile := colorprofile.Env(t.Env)
	if t.Profile != nil {
		profile = *t.Profile
	}
	screen := newLineScreen(out, profile, sessionFrameGap)
	opts = append(opts, tea.WithOutput(out), tea.WithoutRenderer(),
		tea.WithoutSignalHandler(), tea.WithFPS(sessionFPS))
	return &Program{tea.NewProgram(drawnModel{m, screen}, opts...), screen}
}

// drawnModel hands the wizard's frames to a session's line screen: the
// program itself has no renderer, so its View is empty.
type drawnModel struct {
	m      *Model
	screen *lineScreen
}

func (d drawnModel) Init() tea.Cmd { return d.m.Init() }

func (d drawnModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if size, ok := msg.(tea.WindowSizeMsg); ok {
		d.screen.resize(size.Height)
	}
	_, cmd := d.m.Update(msg)
	v := d.m.View()
	d.screen.show(v.Content, v.WindowTitle)
	return d, cmd
}

func (d drawnModel) View() tea.View { return tea.View{} }

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
