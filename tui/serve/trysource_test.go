package serve

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// dialFrom connects as user from a loopback address of its own (Linux
// answers on all of 127/8), as another laptop in the room would.
func (f *fixture) dialFrom(local, user string) *gossh.Client {
	f.t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 10 * time.Second}
	conn, err := d.Dial("tcp", f.srv.Addr().String())
	if err != nil {
		f.t.Fatalf("cannot connect from %s: %v", local, err)
	}
	cc, chans, reqs, err := gossh.NewClientConn(conn, f.srv.Addr().String(), &gossh.ClientConfig{User: user,
		Auth: []gossh.AuthMethod{answer()}, HostKeyCallback: gossh.FixedHostKey(f.host), Timeout: 10 * time.Second})
	if err != nil {
		f.t.Fatal(err)
	}
	c := gossh.NewClient(cc, chans, reqs)
	f.t.Cleanup(func() { c.Close() })
	return c
}

// pausedCode is the personal code of an assessment just started in the
// fixture's workshop.
func (f *fixture) pausedCode() string {
	f.t.Helper()
	a, err := f.store.Start(context.Background(), storage.NewAssessment{Participant: assessment.Participant{Name: "Noor", Role: "trainer"},
		Workshop: f.code, Language: "en", Mode: assessment.ModeQuick})
	if err != nil {
		f.t.Fatal(err)
	}
	code, err := f.store.ResumeCode(context.Background(), a.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return code
}

// One participant's wrong codes make only their own next try wait: a
// neighbour's right code, given at once, brings their report.
func TestWrongCodeWaitsOnlyForItsTypist(t *testing.T) {
	f := newFixture(t, nil)
	code := f.pausedCode()
	if _, _, err := f.run(f.dialFrom("127.0.0.2", f.code), "report ZZZZ-ZZZZ"); err == nil {
		t.Fatal("a wrong code was taken")
	}
	if page, refused, err := f.run(f.dialFrom("127.0.0.3", f.code), "report "+code); err != nil || page == "" {
		t.Errorf("a neighbour's right code, right after someone's typo: %v %q", err, refused)
	}
	// The typist's own right code, at once: checked only once their wait
	// is over, then taken (a take-home command sits a short wait out).
	// (The first wait is a second: most of it is still to run.)
	start := time.Now()
	page, refused, err := f.run(f.dialFrom("127.0.0.2", f.code), "report "+code)
	if err != nil || page == "" {
		t.Errorf("the typist's right code after their wait: %v %q", err, refused)
	}
	if took := time.Since(start); took < 300*time.Millisecond {
		t.Errorf("the typist's try was checked during their wait (took %v)", took)
	}
}

// A take-home command refused is told in the language its session sent
// (beside English), not only in the server's.
func TestTakeHomeRefusedInTheSessionsLanguage(t *testing.T) {
	f := newFixture(t, nil)
	sess, err := f.mustDial(f.code).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if err := sess.Setenv("LANG", "es_ES.UTF-8"); err != nil {
		t.Fatal(err)
	}
	var errOut strings.Builder
	sess.Stderr = &errOut
	if err := sess.Run("report ZZZZ-ZZZZ"); err == nil {
		t.Fatal("a wrong code was taken")
	}
	if !strings.Contains(errOut.String(), "No hay resultados para este código") {
		t.Errorf("refusal to a Spanish session: %q", errOut.String())
	}
}

// One personal code typed in two sessions at once opens its assessment in
// the first only: the second is told it is open elsewhere, so neither
// shows as saved what the other overwrote.
func TestCodeOpensInOneSessionAtATime(t *testing.T) {
	f := newFixture(t, nil)
	code := f.pausedCode()
	open := func(from string) *term {
		tm := f.openTerm(f.dialFrom(from, f.code), "xterm", map[string]string{"LANG": "en_GB.UTF-8"}, 100, 30, "")
		tm.waitFor("Continue with your personal code")
		tm.send("\x1b[B", "\r")
		tm.waitFor("Type the personal code")
		tm.send(code, "\r")
		return tm
	}
	first := open("127.0.0.4")
	first.waitFor("1/") // its first question
	second := open("127.0.0.5")
	second.waitFor("open in another session")
}
