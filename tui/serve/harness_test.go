package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// fixture is a server on a loopback port with one open workshop.
type fixture struct {
	t     *testing.T
	store *storage.Store
	srv   *Server
	code  string
	host  gossh.PublicKey
}

func newFixture(t *testing.T, change func(*Config)) *fixture {
	t.Helper()
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	store, err := storage.Open(filepath.Join(dir, "digint.db"), cat)
	if err != nil {
		t.Fatal(err)
	}
	w, err := store.NewWorkshop(context.Background(), "", "Room 4", "471147")
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Store: store, Listen: "127.0.0.1:0", HostKey: filepath.Join(dir, "hostkey"), Lang: "en", PerMinute: 100000}
	if change != nil {
		change(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve() }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		<-served
		store.Close()
	})
	return &fixture{t: t, store: store, srv: srv, code: w.Code, host: srv.signer.PublicKey()}
}

// dial connects as user; with no auth methods, keyboard-interactive with
// no answers.
func (f *fixture) dial(user string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	if len(auth) == 0 {
		auth = []gossh.AuthMethod{answer()}
	}
	return gossh.Dial("tcp", f.srv.Addr().String(), &gossh.ClientConfig{User: user, Auth: auth,
		HostKeyCallback: gossh.FixedHostKey(f.host), Timeout: 10 * time.Second})
}

func (f *fixture) mustDial(user string, auth ...gossh.AuthMethod) *gossh.Client {
	f.t.Helper()
	c, err := f.dial(user, auth...)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { c.Close() })
	return c
}

// answer gives words to keyboard-interactive questions, in order.
func answer(words ...string) gossh.AuthMethod {
	return gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
		if len(qs) > len(words) {
			return nil, errors.New("asked more than expected")
		}
		return words[:len(qs)], nil
	})
}

func newKey(t *testing.T) gossh.AuthMethod {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return gossh.PublicKeys(s)
}

// screen is the output of a session, read as it comes.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *screen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return ansi.Strip(s.buf.String())
}

// term is an interactive session with a pty.
type term struct {
	t    *testing.T
	sess *gossh.Session
	in   io.WriteCloser
	out  *screen
	err  *screen
	done chan error
}

func (f *fixture) openTerm(c *gossh.Client, termName string, env map[string]string, w, h int, cmd string) *term {
	f.t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		f.t.Fatal(err)
	}
	for k, v := range env {
		if err := sess.Setenv(k, v); err != nil {
			f.t.Fatal(err)
		}
	}
	if err := sess.RequestPty(termName, h, w, gossh.TerminalModes{}); err != nil {
		f.t.Fatal(err)
	}
	tm := &term{t: f.t, sess: sess, out: &screen{}, err: &screen{}, done: make(chan error, 1)}
	sess.Stdout, sess.Stderr = tm.out, tm.err
	if tm.in, err = sess.StdinPipe(); err != nil {
		f.t.Fatal(err)
	}
	if cmd == "" {
		err = sess.Shell()
	} else {
		err = sess.Start(cmd)
	}
	if err != nil {
		f.t.Fatal(err)
	}
	go func() { tm.done <- sess.Wait() }()
	return tm
}

func (tm *term) send(keys ...string) {
	for _, k := range keys {
		if _, err := io.WriteString(tm.in, k); err != nil {
			tm.t.Fatalf("send %q: %v", k, err)
		}
	}
}

// waitFor waits (up to 15 s) until the screen shows text.
func (tm *term) waitFor(text string) {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(tm.out.text(), text) {
		if time.Now().After(deadline) {
			tm.t.Fatalf("the screen never showed %q; it shows:\n%s", text, tail(tm.out.text()))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// wait waits for the session's end and gives its exit error.
func (tm *term) wait() error {
	tm.t.Helper()
	select {
	case err := <-tm.done:
		return err
	case <-time.After(15 * time.Second):
		tm.t.Fatalf("the session did not end; it shows:\n%s", tail(tm.out.text()))
		return nil
	}
}

func tail(s string) string {
	if len(s) > 3000 {
		return s[len(s)-3000:]
	}
	return s
}

var codeRE = regexp.MustCompile(`[A-Z2-9]{4}-[A-Z2-9]{4}`)

// keysFor answers a quick-scan item by keys, and the answer expected.
func keysFor(it *assessment.Item) (string, assessment.Value) {
	switch it.Kind {
	case assessment.KindMaturity:
		return "2", assessment.Number(2)
	case assessment.KindSelfRating:
		return "3", assessment.Number(3)
	case assessment.KindBand:
		return "1", assessment.String(it.Options[0].ID)
	case assessment.KindYesNo:
		return "1", assessment.String("yes")
	case assessment.KindCount:
		return "10\r", assessment.Number(10)
	}
	panic("no keys for " + string(it.Kind))
}

// assessmentOf waits until the workshop has n assessments and gives the
// newest.
func (f *fixture) assessmentOf(n int) *assessment.Assessment {
	f.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		l, err := f.store.List(context.Background(), storage.Filter{Workshop: f.code})
		if err != nil {
			f.t.Fatal(err)
		}
		if len(l) >= n {
			a, err := f.store.Assessment(context.Background(), l[0].ID)
			if err != nil {
				f.t.Fatal(err)
			}
			return a
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("the workshop has %d assessments, want %d", len(l), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// answered waits until assessment id has n answers stored.
func (f *fixture) answered(id string, n int) *assessment.Assessment {
	f.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		a, err := f.store.Assessment(context.Background(), id)
		if err != nil {
			f.t.Fatal(err)
		}
		if len(a.Answers) >= n {
			return a
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("assessment %s has %d answers stored, want %d", id, len(a.Answers), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// begin starts a quick scan from the welcome screen.
func (tm *term) begin(name string) {
	tm.send("n")
	tm.waitFor("New assessment")
	tm.send(name, "\r", "\r", "\r", "\r")
}

// answerItems answers the first n quick-scan items, each once stored.
func (f *fixture) answerItems(tm *term, n int) *assessment.Assessment {
	f.t.Helper()
	a := f.assessmentOf(1)
	items := f.store.Catalog().Current().Asked(assessment.ModeQuick)
	for i, it := range items[:n] {
		keys, _ := keysFor(it)
		tm.send(keys)
		a = f.answered(a.ID, i+1)
	}
	return a
}

// run runs a command without a pty and gives stdout, stderr and the exit
// error.
func (f *fixture) run(c *gossh.Client, cmd string) (string, string, error) {
	f.t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		f.t.Fatal(err)
	}
	defer sess.Close()
	var out, errOut bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errOut
	err = sess.Run(cmd)
	return out.String(), errOut.String(), err
}
