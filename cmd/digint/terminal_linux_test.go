package main

import (
	"errors"
	"image/color"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"golang.org/x/sys/unix"
)

// ownTerminal is the built program on a terminal of its own: a pseudo-
// terminal whose screen is an emulator that also answers the program's
// queries.
type ownTerminal struct {
	t      *testing.T
	cmd    *exec.Cmd
	ptmx   *os.File
	tty    *os.File
	screen *vt.SafeEmulator
	exited chan error
	output lockedBuffer // everything the program wrote
}

func startOnOwnTerminal(t *testing.T, bin string, args ...string) *ownTerminal {
	t.Helper()
	ptmx, tty := openPTY(t)
	setSize(t, ptmx, 80, 24)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "LANG=en_GB.UTF-8", "LC_ALL=", "NO_COLOR=")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	o := &ownTerminal{t: t, cmd: cmd, ptmx: ptmx, tty: tty, screen: vt.NewSafeEmulator(80, 24), exited: make(chan error, 1)}
	o.screen.SetBackgroundColor(color.White) // a light terminal
	go io.Copy(io.MultiWriter(&o.output, o.screen), ptmx)
	go io.Copy(ptmx, o.screen) // the terminal's answers
	go func() { o.exited <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill() })
	return o
}

// waitFor waits until the screen shows want; rows end at their last
// character.
func (o *ownTerminal) waitFor(want string) string {
	o.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		rows := strings.Split(ansi.Strip(o.screen.Render()), "\n")
		for i := range rows {
			rows[i] = strings.TrimRight(rows[i], " ")
		}
		s := strings.Join(rows, "\n")
		if strings.Contains(s, want) {
			return s
		}
		if time.Now().After(deadline) {
			o.t.Fatalf("the screen never showed %q:\n%s", want, s)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitForCount waits until the program has written want n times in all
// (the screen may have scrolled the first ones away).
func (o *ownTerminal) waitForCount(want string, n int) {
	o.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); strings.Count(ansi.Strip(o.output.String()), want) < n; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			o.t.Fatalf("%q was not written %d times:\n%s", want, n, ansi.Strip(o.output.String()))
		}
	}
}

func (o *ownTerminal) press(keys string) {
	o.t.Helper()
	if _, err := o.ptmx.WriteString(keys); err != nil {
		o.t.Fatal(err)
	}
}

func (o *ownTerminal) resize(cols, rows int) {
	o.t.Helper()
	o.screen.Resize(cols, rows)
	setSize(o.t, o.ptmx, cols, rows)
}

// setSize sets the size of the pseudo-terminal of master, as a window does.
func setSize(t *testing.T, master *os.File, cols, rows int) {
	t.Helper()
	ws := &unix.Winsize{Col: uint16(cols), Row: uint16(rows)}
	if err := unix.IoctlSetWinsize(int(master.Fd()), unix.TIOCSWINSZ, ws); err != nil {
		t.Fatal(err)
	}
}

func (o *ownTerminal) cooked() bool {
	o.t.Helper()
	tio, err := unix.IoctlGetTermios(int(o.tty.Fd()), unix.TCGETS)
	if err != nil {
		o.t.Fatal(err)
	}
	return tio.Lflag&unix.ICANON != 0 && tio.Lflag&unix.ECHO != 0
}

// The wizard draws its own screen on the user's terminal (no renderer of
// Bubble Tea's): its first frame is already in the palette of the
// terminal's background (here light), the terminal is in raw mode while it runs (a key without
// enter moves it on), a resize redraws it at the new width, and quitting
// leaves the alternate screen, prints the note on the normal one and gives
// the terminal its line mode back.
func TestWizardOnItsOwnTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	bin := buildDigint(t)
	o := startOnOwnTerminal(t, bin, "--db", filepath.Join(t.TempDir(), "digint.db"))
	o.waitFor("Start a new assessment")
	// The first frame is drawn in the light palette at once: the title
	// is written once, not in the dark palette and then again.
	time.Sleep(300 * time.Millisecond) // time for a second draw, were there one
	if n := strings.Count(o.output.String(), "DIG.INT benchmark"); n != 1 {
		t.Errorf("the title was written %d times before any key", n)
	}
	if o.cooked() {
		t.Error("the terminal is still in line mode while the wizard runs")
	}
	o.resize(120, 30)
	o.waitFor("training is, in four sections:\ncurriculum") // wrapped at the new width
	// No enter: raw mode takes the key at once.
	o.press("n")
	o.waitFor("Your name")
	o.press("\x1b") // back to the welcome
	o.waitFor("Start a new assessment")
	o.press("q")
	select {
	case err := <-o.exited:
		if err != nil {
			t.Fatalf("the wizard ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the wizard did not end on q")
	}
	if s := o.waitFor("Goodbye"); strings.Contains(s, "Start a new assessment") {
		t.Errorf("the note is on the wizard's screen: the alternate screen was not left:\n%s", s)
	}
	if !o.cooked() {
		t.Error("the terminal was left in raw mode")
	}
}

// An error on a terminal is one line at once: the program asks the
// terminal nothing first (fang would ask for its background colour and,
// where no answer comes, wait and leave the query on the screen).
func TestErrorsAskTheTerminalNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	bin := buildDigint(t)
	for _, args := range [][]string{{"lsit"}, {"list", "--frobnicate"}, {"--db", filepath.Join(t.TempDir(), "none.db"), "list"}} {
		ptmx, tty := openPTY(t)
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "TERM=xterm-256color", "LANG=en_GB.UTF-8", "LC_ALL=")
		cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
		var output lockedBuffer // a terminal that answers nothing
		go io.Copy(&output, ptmx)
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() == 0 {
			t.Errorf("%v: %v, want a failure", args, err)
		}
		time.Sleep(50 * time.Millisecond) // the last bytes through the terminal
		got := output.String()
		if !strings.Contains(got, "digint: ") {
			t.Errorf("%v: no error line in %q", args, got)
		}
		if strings.Contains(got, "\x1b]") || strings.Contains(got, "\x1b[c") {
			t.Errorf("%v: the terminal was queried: %q", args, got)
		}
	}
}

// The line-by-line kiosk on its own terminal: ctrl+c, ctrl+\ and ctrl+z
// do nothing and ctrl+d is taken as q (the PIN's prompt): only the
// facilitator's PIN ends it, never a key that drops the laptop to a shell.
func TestAccessibleKioskKeepsItsTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	o := lineKiosk(t)
	o.waitFor("Number:")
	o.press("\x03\x1c\x1a") // ctrl+c, ctrl+\, ctrl+z
	time.Sleep(300 * time.Millisecond)
	select {
	case err := <-o.exited:
		t.Fatalf("a key ended the kiosk: %v\n%s", err, o.output.String())
	default:
	}
	o.press("\x04") // ctrl+d: the PIN's prompt, not the end
	o.waitFor("PIN")
	o.press("471147\r")
	o.waitFor("Kiosk mode ended")
	select {
	case err := <-o.exited:
		if err != nil {
			t.Errorf("the kiosk ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("the PIN did not end the kiosk")
	}
}

// The line-by-line kiosk leaves nothing of one participant on its screen
// for the next: once they say they are done, the screen is cleared, their
// code with it; and the facilitator's PIN is typed without echo.
func TestAccessibleKioskClearsBetweenPeopleAndHidesThePIN(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	o := lineKiosk(t)
	o.waitFor("Number:")
	// New, named Gianluca, role 1, no institution, quick scan, one answer,
	// then q: paused, with a code.
	o.press("1\rGianluca\r1\r\r1\r1\rq\r")
	shown := o.waitFor("the screen is cleared")
	code := regexp.MustCompile(`\b[A-Z0-9]{4}-[A-Z0-9]{4}\b`).FindString(shown)
	if code == "" {
		t.Fatalf("no code to continue with:\n%s", shown)
	}
	o.press("\r")
	shown = o.waitFor("Number:")
	if strings.Contains(shown, code) || strings.Contains(shown, "Gianluca") {
		t.Errorf("the next person finds the last one's code or name on the screen:\n%s", shown)
	}
	// ctrl+d at the PIN's prompt is never the kiosk's end, which would
	// leave the laptop at a shell; q there goes back to the menu.
	o.press("q\r")
	o.waitFor("PIN")
	echoOff(t, o.tty)
	o.press("\x04")
	time.Sleep(300 * time.Millisecond)
	select {
	case err := <-o.exited:
		t.Fatalf("ctrl+d at the PIN ended the kiosk: %v\n%s", err, o.output.String())
	default:
	}
	o.press("q\r")
	o.waitForCount("Number:", 3)
	o.press("q\r")
	o.waitForCount("type the workshop PIN", 2)
	echoOff(t, o.tty)
	o.press("000000\r")
	shown = o.waitFor("not the PIN")
	if strings.Contains(shown, "000000") {
		t.Errorf("the PIN typed shows on the screen:\n%s", shown)
	}
	// A wrong PIN makes the next try wait, and the kiosk says how long.
	shown = o.waitFor("try again in")
	wait, _ := strconv.Atoi(regexp.MustCompile(`try again in (\d+) second`).FindStringSubmatch(shown)[1])
	time.Sleep(time.Duration(wait)*time.Second + 200*time.Millisecond)
	o.press("q\r")
	o.waitForCount("type the workshop PIN", 3)
	echoOff(t, o.tty)
	o.press("471147\r")
	o.waitFor("Kiosk mode ended")
}

// lineKiosk is the built program as a line-by-line kiosk of workshop
// KEEP26 (PIN 471147) on a terminal of its own.
func lineKiosk(t *testing.T) *ownTerminal {
	t.Helper()
	bin := buildDigint(t)
	db := filepath.Join(t.TempDir(), "digint.db")
	out, err := exec.Command(bin, "--db", db, "workshop", "new", "Bologna", "--code", "KEEP26", "--pin", "471147").CombinedOutput()
	if err != nil {
		t.Fatalf("workshop new: %v\n%s", err, out)
	}
	return startOnOwnTerminal(t, bin, "--db", db, "--workshop", "KEEP26", "--kiosk", "--accessible")
}

// The full screen's note on how to continue names the language given by
// --lang, and not --accessible: the command brings back the same wizard.
func TestFullScreenComeBackKeepsTheLanguage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	bin := buildDigint(t)
	db := filepath.Join(t.TempDir(), "digint.db")
	lineByLine(t, "1\n\n1\n\n1\n2\nq\n", "--lang", "it", "--accessible", "--db", db) // an assessment begun
	o := startOnOwnTerminal(t, bin, "--lang", "it", "--db", db)
	o.waitFor("Continua:")
	o.press("\r") // the assessment begun, chosen already
	o.waitFor("rispondi")
	o.press("\x03")
	select {
	case err := <-o.exited:
		if err != nil {
			t.Fatalf("the wizard ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the wizard did not end on ctrl+c")
	}
	o.waitFor("Continua per riprendere")
	if line := comeBackLine(t, ansi.Strip(o.output.String())); line != "digint --lang it --db "+db {
		t.Errorf("the note says %q", line)
	}
}
