package tui

import (
	"context"
	"io"
	"os"
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
	// Context ends the program when it is done; nil: it runs until quit.
	Context context.Context
}

// processTerminal is the process's own terminal, without colour when
// noColor (the --no-color flag or NO_COLOR).
func processTerminal(noColor bool) Terminal {
	var t Terminal
	if noColor {
		ascii := colorprofile.Ascii
		t.Profile = &ascii
	}
	return t
}

// frameGap is the least time between two draws of the wizard's screen: a
// key after a pause is drawn at once, a burst as its newest frame. At
// 33 ms, a key pressed just after the last draw (the "saved" that follows
// each answer) waited for it: the 99th percentile of key to screen was
// 35–38 ms with 500 served sessions, against 19–20 ms at 16 ms, for the
// same CPU (load test, runs in turns).
const frameGap = time.Second / 60

// backgroundWait is how long the first frame waits for the terminal to
// say its background colour (light or dark styles): a local terminal
// answers within a millisecond; one that never answers gets the dark
// palette this much later.
const backgroundWait = 100 * time.Millisecond

// queryFPS is how often the program's own ticker runs; with the line
// screen drawing, it only sends the program's terminal queries (the
// background colour). At 4 a second a server's CPU was the same (load
// test, runs in turns), and 30 sends the first query sooner.
const queryFPS = 30

// Program is the program of one of the screens. It draws its own screen
// (linescreen.go) and gives the terminal back when it ends.
type Program struct {
	*tea.Program
	screen *lineScreen    // nil: Bubble Tea's renderer draws
	local  *localTerminal // the process's own terminal, set up by Run
}

// Run runs the program until it ends.
func (p *Program) Run() (tea.Model, error) {
	if p.local != nil {
		undo, err := p.local.start(p.Program)
		if err != nil {
			return nil, err
		}
		defer undo()
	}
	if p.screen != nil {
		p.screen.askBackground(backgroundWait)
	}
	mdl, err := p.Program.Run()
	if p.screen != nil {
		p.screen.close()
	}
	return mdl, err
}

// NewProgram builds a program of one of the screens (the wizard, a group's
// report, its live view, its plan) for a terminal. It is drawn by a
// line screen in place of Bubble Tea's renderer: a frame is written when
// it is made, not at the renderer's next tick (the first frame and each
// key came up to 16 ms later), and a room of sessions does not keep two
// cell buffers each. Suspending is refused: there is no shell to return to
// in a session, and the screen is not drawn again after one.
func NewProgram(m tea.Model, t Terminal) *Program {
	opts, env := terminalOptions(t)
	var local *localTerminal
	if t.In == nil && t.Out == nil {
		var ok bool
		if local, ok = openLocalTerminal(); !ok {
			return &Program{Program: tea.NewProgram(m, append(opts, profileOption(t.Profile)...)...)}
		}
		t.Width, t.Height = local.width, local.height
	}
	if t.Width > 0 && t.Height > 0 {
		opts = append(opts, tea.WithWindowSize(t.Width, t.Height))
	}
	out := wholeWrites(t.Out)
	profile := colorprofile.Env(env)
	if local != nil {
		profile = colorprofile.Detect(os.Stdout, env) // asks the terminal's own description too
	}
	if t.Profile != nil {
		profile = *t.Profile
	}
	screen := newLineScreen(out, profile, frameGap)
	opts = append(opts, tea.WithOutput(out), tea.WithColorProfile(profile),
		tea.WithoutRenderer(), tea.WithFPS(queryFPS))
	return &Program{Program: tea.NewProgram(drawnModel{m, screen}, opts...), screen: screen, local: local}
}

// terminalOptions are the options every program on t takes, whoever
// draws it, and the environment its colours are read from.
func terminalOptions(t Terminal) ([]tea.ProgramOption, []string) {
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
	if t.Context != nil {
		opts = append(opts, tea.WithContext(t.Context))
	}
	if t.Session {
		// The server saves every session on SIGINT and SIGTERM.
		opts = append(opts, tea.WithoutSignalHandler())
	}
	if t.Env == nil {
		return opts, os.Environ()
	}
	return append(opts, tea.WithEnvironment(t.Env)), t.Env
}

// profileOption sets the colour profile when one is given; otherwise
// Bubble Tea reads it from the terminal.
func profileOption(p *colorprofile.Profile) []tea.ProgramOption {
	if p == nil {
		return nil
	}
	return []tea.ProgramOption{tea.WithColorProfile(*p)}
}

// wholeWrites makes each write to out (nil: stdout) whole: the program's
// queries and the screen's draws come from two goroutines.
func wholeWrites(out io.Writer) io.Writer {
	if out == nil {
		out = os.Stdout
	}
	return &lockedWriter{w: out}
}

// drawnModel hands a model's frames to the line screen: the program
// itself has no renderer, so its View is empty.
type drawnModel struct {
	m      tea.Model
	screen *lineScreen
}

func (d drawnModel) Init() tea.Cmd { return d.m.Init() }

func (d drawnModel) Update(msg tea.Msg) (_ tea.Model, cmd tea.Cmd) {
	defer func() {
		// Bubble Tea prints a panic once it has given the terminal back,
		// which the line screen is part of: leave the alternate screen
		// first, or the report is drawn there and gone with it.
		if r := recover(); r != nil {
			d.screen.close()
			panic(r)
		}
	}()
	if size, ok := msg.(tea.WindowSizeMsg); ok {
		d.screen.resize(size.Height)
	}
	d.m, cmd = d.m.Update(msg)
	v := d.m.View()
	d.screen.show(v.Content, v.WindowTitle)
	if _, ok := msg.(tea.BackgroundColorMsg); ok {
		d.screen.release() // drawn in the terminal's own palette
	}
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
	_, err = NewProgram(m, processTerminal(noColor)).Run()
	m.Close()
	if err == nil {
		err = m.Err()
	}
	return m.ExitNote(), err
}
