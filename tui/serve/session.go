package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
	gossh "golang.org/x/crypto/ssh"

	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
	"github.com/digint/digint/tui"
)

// en is parsed on first use: every command links this package, and
// parsing a catalog at start-up cost each of them milliseconds.
var en = sync.OnceValue(func() *i18n.Localizer { return i18n.MustNew("en") })

// session is one participant's connection while its program runs.
type session struct {
	sess ssh.Session
}

// endGrace is how long a program told to end may take to save and quit
// before it is cut.
const endGrace = 8 * time.Second

// handle serves one session: it is the only handler, so a session gets
// the wizard, a report, an export or a one-line refusal, nothing else.
func (s *Server) handle(ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		s.handlers.Add(1)
		defer s.handlers.Done()
		ss := &session{sess: sess}
		code := strings.ToUpper(sess.User())
		if sess.Permissions().Extensions[extDBAway] != "" {
			s.refuse(sess, "serve.refused.dbaway")
			return
		}
		key, ok := s.sessionKey(sess)
		if !ok {
			s.refuse(sess, "serve.refused.key")
			return
		}
		cmd := sess.Command()
		if !knownCommand(cmd) { // said first: a typo is not the workshop's doing
			s.cfg.Log.Info("session refused", "workshop", code, "why", "serve.refused.command")
			s.refuse(sess, "serve.refused.command")
			return
		}
		ws, msg := s.workshop(code)
		if msg == "serve.refused.closed" && takingHome(cmd) {
			msg = "" // a closed workshop takes no answers; what was given stays its giver's
		}
		if msg != "" {
			s.cfg.Log.Info("session refused", "workshop", code, "why", msg)
			s.refuse(sess, msg)
			return
		}
		if ok, full := s.acquire(ss); !ok {
			if full {
				s.refuse(sess, "serve.refused.full")
			} else {
				s.refuse(sess, "serve.refused.closing")
			}
			return
		}
		defer s.release(ss)
		s.cfg.Log.Info("session", "workshop", code, "key", key != "", "command", first(cmd))
		if takingHome(cmd) {
			s.takeHome(sess, ws.Code, cmd[0], cmd[1])
		} else {
			s.wizard(sess, ws, key, accessible(cmd))
		}
	}
}

// knownCommand tells a session's command that is served: none (the
// wizard), accessible, or a participant's report or export.
func knownCommand(cmd []string) bool {
	return len(cmd) == 0 || accessible(cmd) || takingHome(cmd)
}

func accessible(cmd []string) bool { return len(cmd) == 1 && cmd[0] == "accessible" }

// takingHome tells a command for a participant's own report or export.
func takingHome(cmd []string) bool {
	return len(cmd) == 2 && (cmd[0] == "report" || cmd[0] == "export")
}

func first(cmd []string) string {
	if len(cmd) == 0 {
		return ""
	}
	return cmd[0]
}

// sessionKey is the fingerprint the connection authenticated with, read
// again here: the permissions must name the very key the connection
// holds, or the session is refused.
func (s *Server) sessionKey(sess ssh.Session) (string, bool) {
	fp := sess.Permissions().Extensions[extKey]
	pk := sess.PublicKey()
	switch {
	case fp == "" && pk == nil:
		return "", true
	case fp == "" || pk == nil:
		return "", false
	}
	return fp, gossh.FingerprintSHA256(pk) == fp
}

// workshop finds the workshop a session names; msg is the refusal's key.
func (s *Server) workshop(code string) (storage.WorkshopStatus, string) {
	if s.cfg.Workshop != "" && code != strings.ToUpper(s.cfg.Workshop) {
		return storage.WorkshopStatus{}, "serve.refused.unknown"
	}
	st, err := s.cfg.Store.WorkshopStatus(context.Background(), code)
	switch {
	case err != nil:
		if !errors.Is(err, storage.ErrNotFound) {
			s.cfg.Log.Error("find workshop", "error", err)
			return st, "serve.refused.dbaway"
		}
		return st, "serve.refused.unknown"
	case st.Closed != nil:
		return st, "serve.refused.closed"
	}
	return st, ""
}

// refuse says one line and ends the session with a failure: in the
// session's language when it told one, else in the server's and English.
func (s *Server) refuse(sess ssh.Session, id string, data ...any) {
	msg := both(s.loc, id, data...)
	if lang, told := sessionLanguage(sess.Environ()); told && i18n.Supported(lang) {
		msg = i18n.MustNew(lang).T(id, data...)
	}
	fmt.Fprint(sess.Stderr(), msg+"\r\n")
	sess.Exit(1)
}

// both says id in English and, when it is another, in loc's language.
func both(loc *i18n.Localizer, id string, data ...any) string {
	msg := en().T(id, data...)
	if loc.Lang() != "en" {
		msg += " / " + loc.T(id, data...)
	}
	return msg
}

// wizard runs the program for one participant.
func (s *Server) wizard(sess ssh.Session, ws storage.WorkshopStatus, key string, accessible bool) {
	pty, winch, hasPty := sess.Pty()
	env := sess.Environ()
	if hasPty {
		env = append(env, "TERM="+pty.Term)
	}
	lang, told := sessionLanguage(env)
	if !told {
		lang = s.loc.Lang()
	}
	ctx, cancel := context.WithCancel(withTrySource(context.Background(), sess.RemoteAddr())) // the saver's: it outlives the connection until the program ends
	defer cancel()
	o := tui.Options{Store: s.cfg.Store, Lang: lang, Workshop: ws.Code, WorkshopTitle: ws.Title,
		Policy: tui.Served, Key: key, KioskIdle: s.cfg.Idle, AskLanguage: !told, Context: ctx, SSHLine: s.Line(ws.Code)}
	if accessible || hasPty && pty.Term == "dumb" {
		in := io.Reader(sess)
		if hasPty {
			in = newLineReader(sess, sess)                 // a pty is raw: echo and edit lines here
			o.Width = followWidth(pty.Window.Width, winch) // lines break between words, not at its edge
		}
		s.end(sess, tui.RunAccessible(o, in, sess))
		return
	}
	if !hasPty {
		s.refuse(sess, "serve.refused.pty")
		return
	}
	m, err := tui.New(o)
	if err != nil {
		s.cfg.Log.Error("session", "error", err)
		s.refuse(sess, "serve.refused.error")
		return
	}
	profile := colorprofile.Env(env)
	in := &input{r: sess, eof: make(chan struct{})}
	p := tui.NewProgram(m, tui.Terminal{In: in, Out: sess, Env: env, Width: pty.Window.Width,
		Height: pty.Window.Height, Profile: &profile, Session: true})
	done := make(chan struct{})
	go s.watch(sess, p.Program, winch, in.eof, done)
	_, err = p.Run()
	close(done)
	if saving := m.Saving(); saving != "" { // cut while saving: the screen is gone, the wait is not
		fmt.Fprint(sess, strings.ReplaceAll(saving, "\n", "\r\n")+"\r\n")
	}
	m.Close() // waits for the last saves, also when the connection is gone
	if err != nil {
		s.cfg.Log.Warn("program ended", "workshop", ws.Code, "error", err)
	}
	if note := m.ExitNote(); note != "" {
		fmt.Fprint(sess, strings.ReplaceAll(note, "\n", "\r\n")+"\r\n")
	}
	s.end(sess, m.Err())
}

// end ends a participant's session, the same after either flow: with a
// failure, said on its own line, when answers were not saved.
func (s *Server) end(sess ssh.Session, err error) {
	if err != nil {
		fmt.Fprint(sess.Stderr(), err.Error()+"\r\n")
		sess.Exit(1)
		return
	}
	sess.Exit(0)
}

// followWidth tells the pty's columns as its window changes. It reads
// every change the client sends until the session ends (winch then
// closes): a change nobody reads would stop the session's requests.
func followWidth(start int, winch <-chan ssh.Window) func() int {
	var cols atomic.Int64
	cols.Store(int64(start))
	go func() {
		for w := range winch {
			cols.Store(int64(w.Width))
		}
	}()
	return func() int { return int(cols.Load()) }
}

// input is the session's input, telling when it has been read to its end.
type input struct {
	r    io.Reader
	eof  chan struct{}
	once sync.Once
}

func (in *input) Read(p []byte) (int, error) {
	n, err := in.r.Read(p)
	if err != nil {
		in.once.Do(func() { close(in.eof) })
	}
	return n, err
}

// drainWait is how long a dropped connection's last keys may take to
// reach the program before it is told to end.
const (
	drainWait = 2 * time.Second
	parseWait = 250 * time.Millisecond
)

// watch passes resizes to the program and tells it when the connection
// dropped or the server closes; a program that does not end in time is cut.
// A dropped connection is told only once its input is read to the end, so
// a key pressed just before the drop is taken first.
func (s *Server) watch(sess ssh.Session, p *tea.Program, winch <-chan ssh.Window, eof <-chan struct{}, done <-chan struct{}) {
	var cut, drained <-chan time.Time
	var inputEnd <-chan struct{}
	end := func(why tui.End) {
		p.Send(tui.EndMsg{Why: why})
		if cut == nil {
			cut = time.After(endGrace)
		}
	}
	closed, gone := s.closed, sess.Context().Done()
	for {
		select {
		case <-done:
			return
		case w, ok := <-winch:
			if !ok {
				winch = nil
				continue
			}
			p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
		case <-closed:
			closed = nil
			end(tui.EndClosing)
		case <-gone:
			gone = nil
			inputEnd, drained = eof, time.After(drainWait)
		case <-inputEnd:
			// The input parser dispatches what it read on its own
			// goroutine: a moment more lets the last keys through.
			inputEnd, drained = nil, time.After(parseWait)
		case <-drained:
			inputEnd, drained = nil, nil
			end(tui.EndDropped)
		case <-cut:
			p.Kill()
			return
		}
	}
}

// sessionLanguage reads the language the client sent (LC_ALL,
// LC_MESSAGES, LANG); told is false when it sent none.
func sessionLanguage(env []string) (lang string, told bool) {
	get := func(name string) string {
		for i := len(env) - 1; i >= 0; i-- {
			if k, v, ok := strings.Cut(env[i], "="); ok && k == name {
				return v
			}
		}
		return ""
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := get(name); v != "" && v != "C" && v != "POSIX" && !strings.HasPrefix(v, "C.") {
			return i18n.Detect(get), true
		}
	}
	return "", false
}
