package serve

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/digint/digint/assessment"
)

// A participant answers the whole quick scan by keys over SSH, in the
// language their client sent; every answer is in the store; leaving gives
// a code that fetches their report and export, and a wrong code is refused
// with the same line whether or not it exists.
func TestQuickScanOverSSH(t *testing.T) {
	f := newFixture(t, nil)
	c := f.mustDial(f.code)
	tm := f.openTerm(c, "xterm-256color", map[string]string{"LANG": "it_IT.UTF-8"}, 100, 30, "")
	tm.waitFor("internazionalizzare la formazione professionale") // the Italian welcome
	tm.send("n")
	tm.waitFor("Nuova valutazione")
	tm.send("Ana", "\r", "\r", "\r", "\r")
	a := f.assessmentOf(1)
	items := f.store.Catalog().Current().Asked(assessment.ModeQuick)
	for i, it := range items {
		keys, _ := keysFor(it)
		tm.send(keys)
		a = f.answered(a.ID, i+1)
	}
	stored := map[string]assessment.Value{}
	for _, ans := range a.Answers {
		stored[ans.Item] = ans.Value
	}
	for _, it := range items {
		_, want := keysFor(it)
		if got, ok := stored[it.ID]; !ok || !got.Equal(want) {
			t.Errorf("item %s: stored %v, want %v", it.ID, got, want)
		}
	}
	if a.Language != "it" || a.Participant.Name != "Ana" {
		t.Errorf("stored language %q, name %q", a.Language, a.Participant.Name)
	}
	// Keys are taken in order: r on the review shows the results (and
	// completes the assessment), ctrl+c leaves. Screens after the first are
	// drawn as differences, so the store and the exit note are checked.
	tm.send("r", "\x03")
	if err := tm.wait(); err != nil {
		t.Fatalf("the session ended with %v:\n%s", err, tail(tm.out.text()))
	}
	if a, err := f.store.Assessment(context.Background(), a.ID); err != nil || a.CompletedAt == nil {
		t.Errorf("the assessment was not completed: %v", err)
	}
	code := codeRE.FindString(tm.out.text())
	if code == "" {
		t.Fatalf("no resume code shown on leaving:\n%s", tail(tm.out.text()))
	}

	page, _, err := f.run(f.mustDial(f.code), "report "+code)
	if err != nil || !strings.Contains(page, "<html") || !strings.Contains(page, "Ana") {
		t.Errorf("report: %v\n%.300s", err, page)
	}
	doc, _, err := f.run(f.mustDial(f.code), "export "+strings.ToLower(code))
	var parsed struct {
		Assessments []struct{ ID string } `json:"assessments"`
	}
	if err != nil || json.Unmarshal([]byte(doc), &parsed) != nil || len(parsed.Assessments) != 1 || parsed.Assessments[0].ID != a.ID {
		t.Errorf("export: %v %+v\n%.300s", err, parsed, doc)
	}

	// A wrong code, and the right code given in another workshop, are
	// refused alike.
	other, err := f.store.NewWorkshop(context.Background(), "", "Elsewhere", "471147")
	if err != nil {
		t.Fatal(err)
	}
	_, refusedWrong, errWrong := f.run(f.mustDial(f.code), "report ZZZZ-ZZZZ")
	time.Sleep(1100 * time.Millisecond) // the wait after a wrong try is the store's (1 s)
	out, refusedElsewhere, errElsewhere := f.run(f.mustDial(other.Code), "report "+code)
	if errWrong == nil || errElsewhere == nil || out != "" || refusedWrong != refusedElsewhere || refusedWrong == "" {
		t.Errorf("refusals differ or pass: %v %q / %v %q", errWrong, refusedWrong, errElsewhere, refusedElsewhere)
	}
}

// The window's size comes from the session, and every resize reaches the
// program.
func TestResize(t *testing.T) {
	f := newFixture(t, nil)
	tm := f.openTerm(f.mustDial(f.code), "xterm", nil, 30, 10, "")
	tm.waitFor("Please enlarge this window") // 30×10 is below the smallest size
	before := len(tm.out.text())
	if err := tm.sess.WindowChange(30, 100); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(tm.out.text()[before:], "Start a new assessment") {
		if time.Now().After(deadline) {
			t.Fatalf("the resized window never showed the welcome:\n%s", tail(tm.out.text()))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Without LANG the session starts in the server's language, with the
// language choice first.
func TestNoLanguageAsksIt(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Lang = "fr" })
	tm := f.openTerm(f.mustDial(f.code), "xterm", nil, 100, 30, "")
	tm.waitFor("Langue")
	tm.send("\r")                 // enter on the language entry changes the language
	tm.waitFor("Idioma: Español") // the next language after French
}

// An unknown or closed workshop is refused with one line, in English and
// the server's language, before any screen opens.
func TestUnknownCodeRefused(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Lang = "it" })
	for _, user := range []string{"NOSUCH", strings.ToLower(f.code) + "X"} {
		tm := f.openTerm(f.mustDial(user), "xterm", nil, 80, 24, "")
		var exit *gossh.ExitError
		if err := tm.wait(); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
			t.Errorf("%s: %v, want exit status 1", user, err)
		}
		msg := strings.TrimSpace(tm.err.text())
		if !strings.Contains(msg, "No open workshop has this code") || !strings.Contains(msg, "Nessun laboratorio aperto") || strings.Count(msg, "\n") > 0 {
			t.Errorf("%s: refusal %q", user, msg)
		}
		if strings.Contains(tm.out.text(), "digint") {
			t.Errorf("%s: a screen opened:\n%s", user, tm.out.text())
		}
	}
	if err := f.store.CloseWorkshop(context.Background(), f.code, false); err != nil {
		t.Fatal(err)
	}
	tm := f.openTerm(f.mustDial(f.code), "xterm", nil, 80, 24, "")
	if tm.wait() == nil || !strings.Contains(tm.err.text(), "This workshop is closed") {
		t.Errorf("closed workshop: %q", tm.err.text())
	}
	// A session that told its language is refused in it alone.
	tm = f.openTerm(f.mustDial(f.code), "xterm", map[string]string{"LANG": "nl_NL.UTF-8"}, 80, 24, "")
	if msg := tm.err.text(); tm.wait() == nil || !strings.Contains(tm.err.text(), "gesloten") || strings.Contains(tm.err.text(), "closed") {
		t.Errorf("closed workshop, LANG=nl: %q (%q at first)", tm.err.text(), msg)
	}
}

// A closed workshop takes no answers, but what each gave stays theirs:
// their code still takes their report and export home; a mistyped command
// is said to be one.
func TestTakeHomeAfterTheWorkshopCloses(t *testing.T) {
	f := newFixture(t, nil)
	code := f.pausedCode()
	if err := f.store.CloseWorkshop(context.Background(), f.code, false); err != nil {
		t.Fatal(err)
	}
	for _, what := range []string{"report", "export"} {
		out, refused, err := f.run(f.mustDial(f.code), what+" "+code)
		if err != nil || !strings.Contains(out, "Noor") {
			t.Errorf("%s after the close: %v %q\n%.200s", what, err, refused, out)
		}
	}
	// A mistyped command is told so, not that the workshop is closed.
	if _, refused, err := f.run(f.mustDial(f.code), "reprot "+code); err == nil || !strings.Contains(refused, "Only the wizard") {
		t.Errorf("a typo after the close: %v %q", err, refused)
	}
}

// --workshop serves one workshop only.
func TestOneWorkshopOnly(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Workshop = "ONLY1" })
	tm := f.openTerm(f.mustDial(f.code), "xterm", nil, 80, 24, "")
	if tm.wait() == nil || !strings.Contains(tm.err.text(), "No open workshop") {
		t.Errorf("a workshop not served: %q", tm.err.text())
	}
}

// A join word is asked by keyboard-interactive auth, of key holders too.
func TestJoinWord(t *testing.T) {
	f := newFixture(t, nil)
	if err := f.store.SetJoinWord(context.Background(), f.code, "tulip"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.dial(f.code, answer("rose")); err == nil {
		t.Error("a wrong join word let in")
	}
	if _, err := f.dial(f.code, newKey(t)); err == nil {
		t.Error("a key without the join word let in")
	}
	if _, err := f.dial(f.code, answer("")); err == nil {
		t.Error("no join word let in")
	}
	c := f.mustDial(f.code, newKey(t), answer("tulip"))
	tm := f.openTerm(c, "xterm", nil, 100, 30, "")
	tm.waitFor("Start a new assessment")
	// A wrong word is said to be wrong, and the right one next lets in.
	var told []string
	typed := []string{"rose", "tulip"}
	retry := gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
		if len(typed) == 0 || len(qs) != 1 {
			return nil, errors.New("asked more than expected")
		}
		told = append(told, qs[0])
		word := typed[0]
		typed = typed[1:]
		return []string{word}, nil
	})
	if _, err := f.dial(f.code, retry); err != nil {
		t.Errorf("the right word after a wrong one: %v", err)
	}
	if len(told) != 2 || strings.Contains(told[0], "not the") || !strings.Contains(told[1], "not the workshop’s join word") {
		t.Errorf("what the prompts said: %q", told)
	}
}

// Nothing but the wizard: no other command, no subsystem, no forwarding.
func TestNothingButTheWizard(t *testing.T) {
	f := newFixture(t, nil)
	c := f.mustDial(f.code)
	if out, errOut, err := f.run(c, "ls /"); err == nil || out != "" || !strings.Contains(errOut, "Only the wizard") {
		t.Errorf("exec ls: %v %q %q", err, out, errOut)
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was granted")
	}
	sess.Close()
	if conn, err := c.Dial("tcp", f.srv.Addr().String()); err == nil {
		conn.Close()
		t.Error("port forwarding was granted")
	}
	if _, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		t.Error("remote forwarding was granted")
	}
	// Agent and X11 forwarding, asked on a session as OpenSSH's -A and -X do.
	sess, err = c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	for _, req := range []struct {
		kind    string
		payload []byte
	}{
		{"auth-agent-req@openssh.com", nil},
		{"x11-req", gossh.Marshal(struct {
			Single        bool
			Proto, Cookie string
			Screen        uint32
		}{false, "MIT-MAGIC-COOKIE-1", "00112233445566778899aabbccddeeff", 0})},
	} {
		if ok, err := sess.SendRequest(req.kind, true, req.payload); ok || err != nil {
			t.Errorf("%s: granted %v, error %v", req.kind, ok, err)
		}
	}
}

// Colours follow the session's TERM and COLORTERM, never the server's.
func TestColourFromSession(t *testing.T) {
	t.Setenv("COLORTERM", "truecolor") // the server process's own: must not count
	f := newFixture(t, nil)
	look := func(termName string, env map[string]string) string {
		tm := f.openTerm(f.mustDial(f.code), termName, env, 100, 30, "")
		tm.waitFor("Start a new assessment")
		time.Sleep(300 * time.Millisecond)
		tm.out.mu.Lock()
		defer tm.out.mu.Unlock()
		return tm.out.buf.String()
	}
	if raw := look("xterm-256color", map[string]string{"COLORTERM": "truecolor"}); !strings.Contains(raw, "\x1b[38;2;") {
		t.Error("a truecolor session got no 24-bit colours")
	}
	if raw := look("xterm-256color", nil); strings.Contains(raw, "\x1b[38;2;") || !strings.Contains(raw, "\x1b[38;5;") {
		t.Error("a 256-colour session got 24-bit colours, or no 256 colours")
	}
}
