package tui

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// A lineScreen draws the wizard's frames row by row, rewriting only the
// rows that changed. Bubble Tea's renderer keeps every cell of the screen
// twice, with pointers in each: for a room of served sessions that was
// most of the server's heap, and each collection had to walk it while keys
// waited. A screen here keeps its rows as the strings the wizard made.
//
// It draws as soon as a frame comes unless one was drawn less than a frame
// gap ago, and it sleeps while nothing changes: no ticker per session.
type lineScreen struct {
	out     io.Writer // whole writes: shared with the program's queries
	profile colorprofile.Profile
	gap     time.Duration

	mu       sync.Mutex
	frame    string   // the newest frame
	shown    []string // the rows as on the terminal; nil: draw all
	height   int
	dirty    bool // frame is not on the terminal yet
	pending  bool // a draw is scheduled or running
	started  bool // the alternate screen is on
	closed   bool
	lastDraw time.Time
	timer    *time.Timer
	held     bool   // the first frame waits for the terminal's background
	title    string // the window's, set with the first frame

	drawing sync.Mutex // held while a draw is built and written
}

// newLineScreen draws on out, at most one frame per gap.
func newLineScreen(out io.Writer, profile colorprofile.Profile, gap time.Duration) *lineScreen {
	return &lineScreen{out: out, profile: profile, gap: gap}
}

// show takes the newest frame and the window's title; it is drawn soon,
// off the caller's goroutine. The title is set once, with the first frame.
func (s *lineScreen) show(frame, title string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || (frame == s.frame && !s.dirty && s.shown != nil) {
		return
	}
	if !s.started {
		s.title = title
	}
	s.frame, s.dirty = frame, true
	if !s.held {
		s.schedule()
	}
}

// resize makes the next draw clear the screen and draw every row.
func (s *lineScreen) resize(height int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.height, s.shown, s.dirty = height, nil, true
}

// schedule arms one draw, a frame gap after the last; s.mu is held.
func (s *lineScreen) schedule() {
	if s.pending {
		return
	}
	s.pending = true
	wait := s.gap - time.Since(s.lastDraw)
	if s.timer == nil {
		s.timer = time.AfterFunc(max(0, wait), s.draw)
	} else {
		s.timer.Reset(max(0, wait))
	}
}

func (s *lineScreen) draw() {
	s.drawing.Lock()
	defer s.drawing.Unlock()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	out := s.changes()
	s.lastDraw = time.Now()
	s.mu.Unlock()
	s.write(out)
	s.mu.Lock()
	s.pending = false
	if s.dirty {
		s.schedule() // a frame came while this one was written
	}
	s.mu.Unlock()
}

// changes is what brings the terminal to the newest frame; s.mu is held.
func (s *lineScreen) changes() []byte {
	if !s.dirty {
		return nil
	}
	var b bytes.Buffer
	b.WriteString(ansi.SetModeSynchronizedOutput)
	if !s.started {
		s.started = true
		// Without autowrap a row wider than the screen is cut at its edge
		// instead of pushing every row below it down.
		b.WriteString(ansi.SetModeAltScreenSaveCursor + ansi.HideCursor + ansi.SetModeBracketedPaste + ansi.ResetModeAutoWrap)
		if s.title != "" {
			b.WriteString(ansi.SetWindowTitle(s.title))
		}
	}
	rows := strings.Split(s.frame, "\n")
	if s.height > 0 && len(rows) > s.height {
		rows = rows[:s.height]
	}
	if s.shown == nil {
		b.WriteString(ansi.EraseEntireScreen)
	}
	for i, row := range rows {
		if s.shown != nil && i < len(s.shown) && s.shown[i] == row {
			continue
		}
		s.moveTo(&b, i)
		b.WriteString(row)
	}
	for i := len(rows); i < len(s.shown); i++ {
		s.moveTo(&b, i) // a shorter frame: the rows below it are blank
	}
	b.WriteString(ansi.ResetModeSynchronizedOutput)
	s.shown, s.dirty = rows, false
	return b.Bytes()
}

// moveTo goes to the start of row i and blanks it. Blanking before the
// row is drawn needs no measure of the row's width.
func (s *lineScreen) moveTo(b *bytes.Buffer, i int) {
	b.WriteString("\x1b[")
	b.WriteString(strconv.Itoa(i + 1))
	b.WriteString(";1H")
	b.WriteString(ansi.EraseEntireLine)
}

// write sends a draw in the terminal's colours: frames are made in true
// colour, as Bubble Tea's renderer would take them.
func (s *lineScreen) write(out []byte) {
	if len(out) == 0 {
		return
	}
	w := &colorprofile.Writer{Forward: s.out, Profile: s.profile}
	_, _ = w.Write(out)
}

// askBackground asks the terminal for its background colour and holds the
// first frame until release (the answer has come) or wait has passed.
// The program's own query waits for its ticker (up to 33 ms), after the
// first frame: on a light terminal that frame was drawn in the dark
// palette and, a frame gap later, again. The answer is read by the
// program like any other input.
func (s *lineScreen) askBackground(wait time.Duration) {
	s.mu.Lock()
	s.held = true
	s.mu.Unlock()
	_, _ = io.WriteString(s.out, ansi.RequestBackgroundColor)
	time.AfterFunc(wait, s.release)
}

// release lets the first frame be drawn.
func (s *lineScreen) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.held {
		return
	}
	s.held = false
	if s.dirty && !s.closed {
		s.schedule()
	}
}

// close draws the last frame and gives the terminal back: the caller's
// own text (the resume code) then goes to the normal screen.
func (s *lineScreen) close() {
	s.mu.Lock()
	if s.closed { // once: leaving twice would move the cursor back over what came between
		s.mu.Unlock()
		return
	}
	s.closed = true
	if s.timer != nil {
		s.timer.Stop()
	}
	s.mu.Unlock()
	s.drawing.Lock() // a draw under way ends first
	defer s.drawing.Unlock()
	s.mu.Lock()
	out := s.changes()
	started, title := s.started, s.title
	s.mu.Unlock()
	if !started {
		return
	}
	s.write(out)
	end := ansi.SetModeAutoWrap + ansi.ResetModeBracketedPaste + ansi.ShowCursor + ansi.ResetModeAltScreenSaveCursor
	if title != "" {
		end = ansi.SetWindowTitle("") + end
	}
	_, _ = io.WriteString(s.out, end)
}

// lockedWriter makes each write whole when two goroutines share a terminal.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
