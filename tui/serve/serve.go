// Package serve runs the wizard over SSH: one program per session, every
// session a participant of a workshop, one store shared by all.
package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"sync"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// Defaults of a server's limits.
const (
	DefaultMaxSessions = 200
	DefaultPerMinute   = 60
	DefaultIdle        = 30 * time.Minute
	DefaultListen      = "127.0.0.1:2222"
)

// Config says what a server serves and how much.
type Config struct {
	Store *storage.Store
	// Listen is the address to listen on (DefaultListen when empty).
	Listen string
	// HostKey is the host key's file, created (Ed25519, 0600) if missing.
	HostKey string
	// Workshop, when set, is the only workshop served.
	Workshop string
	// MaxSessions at once (DefaultMaxSessions when 0).
	MaxSessions int
	// PerMinute is how many new connections one address may open in a
	// minute (DefaultPerMinute when 0).
	PerMinute int
	// Idle: a session without a key for this long saves and closes
	// (DefaultIdle when 0).
	Idle time.Duration
	// Lang is the server's language: refusals are said in it and in
	// English, and sessions whose client sends no LANG start in it.
	Lang string
	// Host is the name participants type in the ssh line ("" : the
	// listen address's host).
	Host string
	// Log receives the server's log (never a session).
	Log *slog.Logger
}

// Server is a running SSH server.
type Server struct {
	cfg     Config
	ssh     *ssh.Server
	signer  gossh.Signer
	ln      net.Listener
	loc     *i18n.Localizer
	limiter *limiter

	mu       sync.Mutex
	sessions map[*session]struct{}
	closing  bool
	handlers sync.WaitGroup // session handlers still running (saving)
	closed   chan struct{}  // closed when shutting down
}

// New makes a server listening on cfg.Listen; Serve starts it.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("serve: no store")
	}
	cfg.Listen = cmpOr(cfg.Listen, DefaultListen)
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.PerMinute <= 0 {
		cfg.PerMinute = DefaultPerMinute
	}
	if cfg.Idle <= 0 {
		cfg.Idle = DefaultIdle
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	loc, err := i18n.New(cmpOr(cfg.Lang, i18n.Default))
	if err != nil {
		return nil, err
	}
	signer, err := LoadHostKey(cfg.HostKey)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, signer: signer, loc: loc, limiter: newLimiter(cfg.PerMinute, time.Minute),
		sessions: map[*session]struct{}{}, closed: make(chan struct{})}
	s.ssh, err = wish.NewServer(
		wish.WithAddress(cfg.Listen),
		s.options,
		wish.WithMiddleware(s.handle),
	)
	if err != nil {
		return nil, err
	}
	s.ln, err = net.Listen("tcp", cfg.Listen)
	if err != nil {
		return nil, &ListenError{Addr: cfg.Listen, Err: err}
	}
	return s, nil
}

// ListenError: the server could not listen at Addr (taken by another
// program, or no address of this machine).
type ListenError struct {
	Addr string
	Err  error
}

func (e *ListenError) Error() string { return "listen on " + e.Addr + ": " + e.Err.Error() }
func (e *ListenError) Unwrap() error { return e.Err }

// LoopbackOnly tells whether the server listens on this machine's loopback
// only, which no other computer reaches.
func (s *Server) LoopbackOnly() bool {
	host, _, _ := net.SplitHostPort(s.ln.Addr().String())
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// options set what wish leaves open: authentication, the connection
// limits, and nothing but sessions (no forwarding, no subsystems).
func (s *Server) options(srv *ssh.Server) error {
	srv.AddHostKey(s.signer)
	srv.ServerConfigCallback = s.authConfig // auth.go
	srv.ConnCallback = s.admit
	srv.HandshakeTimeout = 30 * time.Second
	srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": sessionHandler} // refuse.go
	srv.RequestHandlers = map[string]ssh.RequestHandler{}
	srv.LocalPortForwardingCallback = func(ssh.Context, string, uint32) bool { return false }
	srv.ReversePortForwardingCallback = func(ssh.Context, string, uint32) bool { return false }
	srv.SessionRequestCallback = func(_ ssh.Session, kind string) bool { return kind == "shell" || kind == "exec" }
	return nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Fingerprint is the host key's SHA256 fingerprint.
func (s *Server) Fingerprint() string { return gossh.FingerprintSHA256(s.signer.PublicKey()) }

// Line is what a participant types to join workshop code.
func (s *Server) Line(code string) string {
	host, port, _ := net.SplitHostPort(s.ln.Addr().String())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() { // every network: this machine's name
		if name, err := os.Hostname(); err == nil {
			host = name
		}
	}
	if s.cfg.Host != "" {
		host = s.cfg.Host
	}
	if port == "22" {
		return fmt.Sprintf("ssh %s@%s", code, host)
	}
	return fmt.Sprintf("ssh -p %s %s@%s", port, code, host)
}

// Serve accepts connections until Shutdown; it returns nil then.
func (s *Server) Serve() error {
	err := s.ssh.Serve(s.ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting, tells every session the server is closing
// (each saves and shows its resume code), and waits for them until ctx
// ends; what is left is then cut.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	if !s.closing {
		s.closing = true
		close(s.closed)
	}
	s.mu.Unlock()
	s.ln.Close() // no new connection from here on
	s.cfg.Log.Info("shutting down", "sessions", s.Sessions())
	done := make(chan struct{})
	go func() { s.handlers.Wait(); close(done) }()
	select {
	case <-done:
		s.cfg.Log.Info("every session ended")
		// Each client hangs up once it has its exit status; cutting the
		// connections at once could lose that last message in flight,
		// and the client would end with "connection closed" (255).
		linger, cancel := context.WithTimeout(ctx, connLinger)
		_ = s.ssh.Shutdown(linger)
		cancel()
	case <-ctx.Done():
		s.cfg.Log.Warn("sessions cut", "sessions", s.Sessions())
	}
	err := s.ssh.Close()
	if errors.Is(err, ssh.ErrServerClosed) || errors.Is(err, net.ErrClosed) {
		err = nil
	}
	return err
}

// connLinger is how long a shutdown waits for clients to hang up after
// their sessions ended.
const connLinger = time.Second

// admit refuses a connection when its address opened too many lately,
// or while closing. It runs before the handshake, so it says nothing.
func (s *Server) admit(_ ssh.Context, conn net.Conn) net.Conn {
	host, _, _ := net.SplitHostPort(conn.RemoteAddr().String())
	if !s.limiter.allow(host, time.Now()) {
		s.cfg.Log.Warn("connection refused: too many from one address", "address", host)
		return nil
	}
	return conn
}

// acquire counts a session in, false when the room is full or closing.
func (s *Server) acquire(ss *session) (ok, full bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false, false
	}
	if len(s.sessions) >= s.cfg.MaxSessions {
		return false, true
	}
	s.sessions[ss] = struct{}{}
	return true, false
}

func (s *Server) release(ss *session) {
	s.mu.Lock()
	delete(s.sessions, ss)
	s.mu.Unlock()
}

// Sessions is how many sessions are open.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}
