package serve

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/digint/digint/storage"
	gossh "golang.org/x/crypto/ssh"
)

// A participant with a key comes back to their own assessment, and sees
// no one else's; someone with another key sees none.
func TestKeyComesBack(t *testing.T) {
	f := newFixture(t, nil)
	ana, ben := newKey(t), newKey(t)

	tm := f.openTerm(f.mustDial(f.code, ana), "xterm", nil, 100, 30, "")
	tm.waitFor("Start a new assessment")
	tm.begin("Ana")
	a := f.answerItems(tm, 3)
	tm.send("\x03")
	if err := tm.wait(); err != nil {
		t.Fatal(err)
	}

	tm = f.openTerm(f.mustDial(f.code, ben), "xterm", nil, 100, 30, "")
	tm.waitFor("Start a new assessment")
	if strings.Contains(tm.out.text(), "Ana") || strings.Contains(tm.out.text(), "Continue:") {
		t.Errorf("another key sees Ana's assessment:\n%s", tm.out.text())
	}
	tm.begin("Ben")
	f.answered(f.assessmentOf(2).ID, 0)
	deadline := time.Now().Add(10 * time.Second)
	for f.count() < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	tm.send("\x03")
	tm.wait()

	tm = f.openTerm(f.mustDial(f.code, ana), "xterm", nil, 100, 30, "")
	tm.waitFor("Continue: Ana") // the welcome lists her own, first frame
	if strings.Contains(tm.out.text(), "Ben") {
		t.Errorf("Ana sees Ben:\n%s", tm.out.text())
	}
	l, err := f.store.List(context.Background(), storage.Filter{Workshop: f.code})
	if err != nil {
		t.Fatal(err)
	}
	if len(l) != 2 || l[0].Participant.ID == l[1].Participant.ID {
		t.Errorf("two keys, %d assessments; participants %v", len(l), l)
	}
	// The cursor starts on her unfinished assessment: enter goes on where
	// she left.
	tm.send("\r")
	items := f.store.Catalog().Current().Asked("quick")
	keys, _ := keysFor(items[3])
	for range 50 { // the questions open once the store has answered: press until the answer lands
		tm.send(keys)
		time.Sleep(200 * time.Millisecond)
		if got, _ := f.store.Assessment(context.Background(), a.ID); len(got.Answers) >= 4 {
			return
		}
	}
	t.Error("Ana could not go on with her own assessment")
}

func (f *fixture) count() int {
	l, err := f.store.List(context.Background(), storage.Filter{Workshop: f.code})
	if err != nil {
		f.t.Fatal(err)
	}
	return len(l)
}

// A connection dropped right after a key press loses nothing given, and
// the session ends on the server.
func TestDisconnectMidAnswer(t *testing.T) {
	f := newFixture(t, nil)
	c := f.mustDial(f.code)
	tm := f.openTerm(c, "xterm", nil, 100, 30, "")
	tm.waitFor("Start a new assessment")
	tm.begin("Dora")
	a := f.answerItems(tm, 2)
	items := f.store.Catalog().Current().Asked("quick")
	keys, _ := keysFor(items[2])
	tm.send(keys)
	c.Close() // at once, before the screen answers
	f.answered(a.ID, 3)
	f.waitSessions(0)
}

func (f *fixture) waitSessions(n int) {
	f.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for f.srv.Sessions() != n {
		if time.Now().After(deadline) {
			f.t.Fatalf("%d sessions open, want %d", f.srv.Sessions(), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Shutting down with sessions open: each is told, saves, shows its code,
// and ends; Shutdown returns in time.
func TestShutdownWithSessions(t *testing.T) {
	f := newFixture(t, nil)
	var terms []*term
	for i, name := range []string{"Eva", "Femi", "Gus"} {
		tm := f.openTerm(f.mustDial(f.code), "xterm", nil, 100, 30, "")
		tm.waitFor("Start a new assessment")
		tm.begin(name)
		for f.count() < i+1 {
			time.Sleep(20 * time.Millisecond)
		}
		// Stored is not yet shown: a session still on the start form has
		// no assessment in hand, so no code to give.
		tm.waitFor("answered: section")
		terms = append(terms, tm)
	}
	f.waitSessions(3)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := f.srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if ctx.Err() != nil {
		t.Error("Shutdown waited for its deadline: sessions did not end by themselves")
	}
	for _, tm := range terms {
		if err := tm.wait(); err != nil {
			t.Errorf("a session ended without its exit status: %v", err)
		}
		out := tm.out.text()
		if !strings.Contains(out, "The server is closing") || codeRE.FindString(out) == "" {
			t.Errorf("a session was not told, or got no code:\n%s", tail(out))
		}
	}
	if _, err := f.dial(f.code); err == nil {
		t.Error("a connection was accepted after Shutdown")
	}
}

// The application's own idle timer saves and closes with the code.
func TestIdleCloses(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Idle = 2 * time.Second })
	tm := f.openTerm(f.mustDial(f.code), "xterm", nil, 100, 30, "")
	tm.waitFor("Start a new assessment")
	tm.begin("Hana")
	f.answerItems(tm, 1)
	tm.wait()
	if out := tm.out.text(); !strings.Contains(out, "Nothing was typed") || codeRE.FindString(out) == "" {
		t.Errorf("idle: %s", tail(out))
	}
}

// The room holds MaxSessions; the next is told it is full.
func TestRoomFull(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.MaxSessions = 1 })
	tm := f.openTerm(f.mustDial(f.code), "xterm", nil, 100, 30, "")
	tm.waitFor("Start a new assessment")
	full := f.openTerm(f.mustDial(f.code), "xterm", nil, 100, 30, "")
	if full.wait() == nil || !strings.Contains(full.err.text(), "The room is full") {
		t.Errorf("over the limit: %q", full.err.text())
	}
}

// One address opens at most PerMinute connections a minute.
func TestPerAddressLimit(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.PerMinute = 3 })
	for i := range 3 {
		c, err := f.dial(f.code)
		if err != nil {
			t.Fatalf("connection %d: %v", i+1, err)
		}
		c.Close()
	}
	if _, err := f.dial(f.code); err == nil {
		t.Error("a fourth connection within the minute was let in")
	}
}

// TERM=dumb gets the accessible flow, line by line.
func TestAccessibleOverSSH(t *testing.T) {
	f := newFixture(t, nil)
	tm := f.openTerm(f.mustDial(f.code), "dumb", map[string]string{"LANG": "en_GB.UTF-8"}, 80, 24, "")
	tm.waitFor("Start a new assessment")
	if strings.Contains(tm.out.text(), "\x1b[?1049h") {
		t.Error("the accessible flow opened the alternate screen")
	}
	// New, name, role, institution, quick scan, one answer, then q: the
	// answer is stored and the code given. Typed text is echoed.
	tm.send("1\r", "Ana\r", "1\r", "\r", "1\r", "2\r")
	a := f.answered(f.assessmentOf(1).ID, 1)
	tm.send("q\r")
	tm.wait()
	out := tm.out.text()
	if !strings.Contains(out, "Ana") || codeRE.FindString(out) == "" {
		t.Errorf("accessible: no echo or no code:\n%s", tail(out))
	}
	if code, err := f.store.ResumeCode(context.Background(), a.ID); err != nil || !strings.Contains(out, code) {
		t.Errorf("the code shown is not the assessment's (%s, %v)", code, err)
	}
	for _, line := range strings.FieldsFunc(out, func(r rune) bool { return r == '\r' || r == '\n' }) {
		if len([]rune(line)) > 80 { // broken between words at the pty's width, not by the terminal
			t.Errorf("a line of %d columns on an 80-column pty: %q", len([]rune(line)), line)
		}
	}
}

// The line-by-line flow follows the window: after a resize its lines
// break at the new width, and every change is read (one left unread
// stopped the session's requests, and its goroutine never ended).
func TestAccessibleOverSSHFollowsTheWindow(t *testing.T) {
	f := newFixture(t, nil)
	tm := f.openTerm(f.mustDial(f.code), "dumb", map[string]string{"LANG": "en_GB.UTF-8"}, 120, 24, "")
	tm.waitFor("Start a new assessment")
	for _, w := range []int{100, 60, 44} {
		if err := tm.sess.WindowChange(24, w); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(300 * time.Millisecond) // the changes cross the connection
	before := len(tm.out.text())
	tm.send("1\r", "Ana\r", "1\r", "\r", "1\r") // new, name, role, institution, quick scan
	tm.waitFor("\n> ")                          // the first question's prompt
	after := tm.out.text()[before:]
	// From the section on: the prompts before it share lines with answers
	// typed ahead.
	after = after[strings.Index(after, "Section: "):]
	if w := widest(after); w > 44 || w < 30 {
		t.Errorf("after a resize to 44 columns, lines of %d:\n%s", w, after)
	}
	tm.send("q\r")
	tm.wait()
	f.waitSessions(0)
}

// widest is the columns of the widest line of out.
func widest(out string) int {
	most := 0
	for _, line := range strings.FieldsFunc(out, func(r rune) bool { return r == '\r' || r == '\n' }) {
		most = max(most, len([]rune(line)))
	}
	return most
}

// 200 connect/disconnect cycles leave no goroutine behind.
func TestNoLeakOverCycles(t *testing.T) {
	f := newFixture(t, nil)
	cycle := func() {
		c := f.mustDial(f.code)
		tm := f.openTerm(c, "xterm", nil, 80, 24, "")
		tm.waitFor("Start a new assessment")
		c.Close()
		tm.wait()
	}
	cycle() // the first session warms up what lives as long as the server
	f.waitSessions(0)
	base := settledGoroutines(0)
	for range 200 {
		cycle()
	}
	f.waitSessions(0)
	if n := settledGoroutines(base); n > base+2 {
		t.Errorf("%d goroutines after 200 sessions, %d before", n, base)
	}
}

// settledGoroutines waits (up to 10 s) for the count to come down to want.
func settledGoroutines(want int) int {
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(10 * time.Second); n > want && time.Now().Before(deadline); n = runtime.NumGoroutine() {
		time.Sleep(50 * time.Millisecond)
	}
	return n
}

// SIGTERM reaches the server process, not each program: a session goes on
// (it answers the next key) until the server's Shutdown tells it to save
// and show its code.
func TestSIGTERMLeavesSessionsToShutdown(t *testing.T) {
	caught := make(chan os.Signal, 1)
	signal.Notify(caught, syscall.SIGTERM) // the test process stands for the server's main
	defer signal.Stop(caught)
	f := newFixture(t, nil)
	tm := f.openTerm(f.mustDial(f.code), "xterm", nil, 100, 30, "")
	tm.waitFor("Start a new assessment")
	tm.begin("Ines")
	a := f.answerItems(tm, 1)
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	<-caught
	time.Sleep(300 * time.Millisecond) // a program that quits on the signal has done so by now
	items := f.store.Catalog().Current().Asked("quick")
	keys, _ := keysFor(items[1])
	tm.send(keys)
	f.answered(a.ID, 2)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := f.srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	tm.wait()
	if out := tm.out.text(); !strings.Contains(out, "The server is closing") || codeRE.FindString(out) == "" {
		t.Errorf("not told, or no code:\n%s", tail(out))
	}
}

// Closed while someone answers line by line: the session ends as the
// full-screen one does, saying what is kept and what was not saved, and
// with a failure, since their last answer was lost.
func TestAccessibleClosedMidwayEndsAsFullScreen(t *testing.T) {
	f := newFixture(t, nil)
	tm := f.openTerm(f.mustDial(f.code), "dumb", map[string]string{"LANG": "en_GB.UTF-8"}, 80, 24, "")
	tm.waitFor("Start a new assessment")
	tm.send("1\r", "Ana\r", "1\r", "\r", "1\r", "2\r")
	f.answered(f.assessmentOf(1).ID, 1)
	if err := f.store.CloseWorkshop(context.Background(), f.code, false); err != nil {
		t.Fatal(err)
	}
	tm.send("2\r")
	err := tm.wait()
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("the session ended with %v, want exit status 1", err)
	}
	out := tm.out.text() + tm.err.text()
	for _, want := range []string{"your last answer was not saved", " report ", "1 answer was not saved"} {
		if !strings.Contains(out, want) {
			t.Errorf("the session does not say %q:\n%s", want, tail(out))
		}
	}
	if n := strings.Count(strings.ToLower(out), "closed"); n != 1 {
		t.Errorf("the close is told %d times, want once:\n%s", n, tail(out))
	}
}

// Line by line too, a session that told no language chooses it first.
func TestAccessibleNoLanguageAsksIt(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Lang = "fr" })
	tm := f.openTerm(f.mustDial(f.code), "dumb", nil, 80, 24, "")
	tm.waitFor("Español")
	m := regexp.MustCompile(`(\d+)\. Español`).FindStringSubmatch(tm.out.text())
	if m == nil {
		t.Fatalf("no numbered Español:\n%s", tail(tm.out.text()))
	}
	tm.send(m[1] + "\r")
	tm.waitFor("Empezar una nueva evaluación")
}
