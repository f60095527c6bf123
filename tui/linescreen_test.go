package tui

import (
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
)

// terminalTap is a session's terminal: it keeps what was written and
// shows it on an emulator.
type terminalTap struct {
	mu      sync.Mutex
	written strings.Builder
	vt      *vt.Emulator
}

func newTerminalTap(w, h int) *terminalTap { return &terminalTap{vt: vt.NewEmulator(w, h)} }

func (t *terminalTap) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.written.Write(p)
	return t.vt.Write(p)
}

// since is what was written after the first n bytes.
func (t *terminalTap) since(n int) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.written.String()[n:]
}

func (t *terminalTap) len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.written.Len()
}

func (t *terminalTap) rows() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	rows := strings.Split(t.vt.String(), "\n")
	for i := range rows {
		rows[i] = strings.TrimRight(rows[i], " ")
	}
	return rows
}

// drawn waits until the screen has drawn everything it was shown.
func drawn(t *testing.T, s *lineScreen) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		done := !s.pending && !s.dirty
		s.mu.Unlock()
		if done {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("the screen did not draw its frame")
}

func frameOf(rows ...string) string { return strings.Join(rows, "\n") }

func TestLineScreenDrawsTheFrame(t *testing.T) {
	tap := newTerminalTap(20, 4)
	s := newLineScreen(tap, colorprofile.TrueColor, time.Millisecond)
	s.resize(4)
	s.show(frameOf("one", "\x1b[1mtwo\x1b[m", "three", ""), "digint")
	drawn(t, s)
	if got := tap.rows(); got[0] != "one" || got[1] != "two" || got[2] != "three" || got[3] != "" {
		t.Fatalf("first frame on the terminal: %q", got)
	}
	if w := tap.since(0); !strings.Contains(w, ansi.SetModeAltScreenSaveCursor) || !strings.Contains(w, ansi.HideCursor) ||
		!strings.Contains(w, ansi.SetWindowTitle("digint")) {
		t.Errorf("the first draw does not take the alternate screen, hide the cursor and set the view's title: %q", w)
	}

	// A later frame rewrites only the row that changed.
	before := tap.len()
	s.show(frameOf("one", "\x1b[1mtwo\x1b[m", "THREE", ""), "digint")
	drawn(t, s)
	w := tap.since(before)
	if strings.Count(w, "H"+ansi.EraseEntireLine) != 1 || !strings.Contains(w, "\x1b[3;1H") {
		t.Errorf("one changed row, written: %q", w)
	}
	if got := tap.rows(); got[2] != "THREE" || got[0] != "one" {
		t.Errorf("second frame on the terminal: %q", got)
	}

	// The same frame again writes nothing.
	before = tap.len()
	s.show(frameOf("one", "\x1b[1mtwo\x1b[m", "THREE", ""), "digint")
	drawn(t, s)
	if w := tap.since(before); w != "" {
		t.Errorf("an unchanged frame wrote %q", w)
	}
}

func TestLineScreenRedrawsAllAfterResize(t *testing.T) {
	tap := newTerminalTap(20, 3)
	s := newLineScreen(tap, colorprofile.TrueColor, time.Millisecond)
	s.resize(3)
	s.show(frameOf("a", "b", "c"), "digint")
	drawn(t, s)
	before := tap.len()
	s.resize(2)
	s.show(frameOf("a", "b"), "digint")
	drawn(t, s)
	w := tap.since(before)
	if !strings.Contains(w, ansi.EraseEntireScreen) || !strings.Contains(w, "\x1b[1;1H") || !strings.Contains(w, "\x1b[2;1H") {
		t.Errorf("after a resize the screen is not drawn whole: %q", w)
	}
	if got := tap.rows(); got[0] != "a" || got[1] != "b" || got[2] != "" {
		t.Errorf("after resize: %q", got)
	}
}

// Frames that come faster than the gap are drawn as one: the newest.
func TestLineScreenKeepsTheGap(t *testing.T) {
	tap := newTerminalTap(20, 2)
	s := newLineScreen(tap, colorprofile.TrueColor, 300*time.Millisecond)
	s.resize(2)
	s.show(frameOf("first", ""), "digint")
	drawn(t, s)
	before := tap.len()
	s.show(frameOf("second", ""), "digint")
	time.Sleep(50 * time.Millisecond) // well within the gap
	s.show(frameOf("third", ""), "digint")
	if w := tap.since(before); w != "" {
		t.Errorf("drawn within the gap: %q", w)
	}
	drawn(t, s)
	w := tap.since(before)
	if strings.Count(w, ansi.SetModeSynchronizedOutput) != 1 || strings.Contains(w, "second") || tap.rows()[0] != "third" {
		t.Errorf("two frames in one gap, written: %q", w)
	}
}

// Closing draws the last frame and gives the terminal back; nothing is
// drawn after.
func TestLineScreenCloseGivesTheTerminalBack(t *testing.T) {
	tap := newTerminalTap(20, 2)
	s := newLineScreen(tap, colorprofile.TrueColor, time.Hour)
	s.resize(2)
	s.show(frameOf("first", ""), "digint")
	drawn(t, s)
	s.show(frameOf("last", ""), "digint") // within the gap: drawn by close
	s.close()
	w := tap.since(0)
	last, end := strings.Index(w, "last"), strings.LastIndex(w, ansi.ResetModeAltScreenSaveCursor)
	if last < 0 || end < last || !strings.Contains(w[end-len(ansi.ShowCursor)-len(ansi.ResetModeBracketedPaste):], ansi.ShowCursor) {
		t.Errorf("close did not draw the last frame, then leave: %q", w)
	}
	n := tap.len()
	s.show(frameOf("after", ""), "digint")
	time.Sleep(10 * time.Millisecond)
	if tap.len() != n {
		t.Errorf("drawn after close: %q", tap.since(n))
	}
}

// A screen never drawn leaves nothing to give back.
func TestLineScreenCloseUnstarted(t *testing.T) {
	tap := newTerminalTap(20, 2)
	s := newLineScreen(tap, colorprofile.TrueColor, time.Millisecond)
	s.close()
	if tap.len() != 0 {
		t.Errorf("an unused screen wrote %q", tap.since(0))
	}
}

// Frames are made in true colour; a session's terminal gets its own.
func TestLineScreenSpeaksTheSessionsColours(t *testing.T) {
	row := "\x1b[38;2;90;63;217mword\x1b[m"
	for _, c := range []struct {
		profile   colorprofile.Profile
		want, not string
	}{
		{colorprofile.TrueColor, "38;2;90;63;217", ""},
		{colorprofile.ANSI256, "38;5;", "38;2;"},
		{colorprofile.ASCII, "word", "38;"},
	} {
		tap := newTerminalTap(20, 1)
		s := newLineScreen(tap, c.profile, time.Millisecond)
		s.resize(1)
		s.show(row, "digint")
		drawn(t, s)
		w := tap.since(0)
		if !strings.Contains(w, c.want) || c.not != "" && strings.Contains(w, c.not) {
			t.Errorf("%v: written %q, want %q and no %q", c.profile, w, c.want, c.not)
		}
	}
}

// A row wider than the screen is cut at the edge: the rows below it stay
// where they are, and closing turns line wrapping back on.
func TestLineScreenCutsWideRows(t *testing.T) {
	tap := newTerminalTap(10, 3)
	s := newLineScreen(tap, colorprofile.TrueColor, time.Millisecond)
	s.resize(3)
	s.show(frameOf("first", "second", "third"), "digint")
	drawn(t, s)
	// Only the first row changes, so only it is written: wrapped, its end
	// would land on the second row, which is not written again.
	s.show(frameOf("0123456789abcdef", "second", "third"), "digint")
	drawn(t, s)
	if got := tap.rows(); !strings.HasPrefix(got[0], "012345678") || got[1] != "second" || got[2] != "third" {
		t.Errorf("a wide row spilled onto the others: %q", got)
	}
	s.close()
	if w := tap.since(0); !strings.HasSuffix(w, ansi.SetModeAutoWrap+ansi.ResetModeBracketedPaste+ansi.ShowCursor+ansi.ResetModeAltScreenSaveCursor) {
		t.Errorf("close does not turn wrapping back on: %q", w)
	}
}

// panicky is a model whose update panics on a "boom" key.
type panicky struct{}

func (panicky) Init() tea.Cmd { return nil }
func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "b" {
		panic("boom")
	}
	return p, nil
}
func (panicky) View() tea.View { return tea.NewView("drawn") }

// A panic in an update leaves the alternate screen before Bubble Tea
// reports it, so the report lands on the normal screen, where it stays.
func TestPanicLeavesTheScreenFirst(t *testing.T) {
	tap := newTerminalTap(20, 2)
	s := newLineScreen(tap, colorprofile.TrueColor, time.Millisecond)
	var d tea.Model = drawnModel{panicky{}, s}
	d, _ = d.Update(tea.WindowSizeMsg{Width: 20, Height: 2})
	drawn(t, s)
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("the panic came out as %v", r)
			}
		}()
		d.Update(tea.KeyPressMsg{Code: 'b', Text: "b"})
	}()
	if w := tap.since(0); !strings.HasSuffix(w, ansi.ResetModeAltScreenSaveCursor) {
		t.Errorf("the alternate screen was not left before the panic went on: %q", w)
	}
	// The program's end closes the screen again: nothing more is written
	// over the report Bubble Tea printed meanwhile.
	n := tap.len()
	s.close()
	if tap.len() != n {
		t.Errorf("closed twice, it wrote %q", tap.since(n))
	}
}

// The first frame waits for the terminal's background colour: drawn when
// the answer came (release), or once the wait has passed without one.
func TestLineScreenHoldsTheFirstFrame(t *testing.T) {
	tap := newTerminalTap(20, 2)
	go io.Copy(io.Discard, tap.vt) // the emulator's answer: the program reads it
	s := newLineScreen(tap, colorprofile.TrueColor, time.Millisecond)
	s.resize(2)
	s.askBackground(time.Hour)
	s.show(frameOf("first", ""), "digint")
	time.Sleep(20 * time.Millisecond)
	if w := tap.since(0); w != ansi.RequestBackgroundColor {
		t.Fatalf("before the answer, written: %q", w)
	}
	s.release()
	drawn(t, s)
	if tap.rows()[0] != "first" {
		t.Errorf("released, the screen shows %q", tap.rows())
	}

	silent := newTerminalTap(20, 2)
	go io.Copy(io.Discard, silent.vt)
	s = newLineScreen(silent, colorprofile.TrueColor, time.Millisecond)
	s.resize(2)
	s.askBackground(10 * time.Millisecond)
	s.show(frameOf("anyway", ""), "digint")
	drawn(t, s)
	if silent.rows()[0] != "anyway" {
		t.Errorf("without an answer the frame never came: %q", silent.rows())
	}
}
