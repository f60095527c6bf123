package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/storage"
	"github.com/digint/digint/tui/serve"
)

// stopWithin is how long a shutdown waits for sessions to save and show
// their codes before it says which still save.
const stopWithin = 8 * time.Second

func serveCmd(e *env, g *globals) *cobra.Command {
	var cfg serve.Config
	var logPath, profile string
	c := &cobra.Command{
		Use:   "serve",
		Short: e.T("cli.serve.short"),
		Long:  e.T("cli.serve.long"),
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lang, err := g.language(e)
			if err != nil {
				return err
			}
			if cfg.Idle < time.Minute {
				return usagef("%s", e.T("cli.serve.idle", "Min", time.Minute))
			}
			if _, _, err := net.SplitHostPort(cfg.Listen); err != nil {
				return usagef("%s", e.T("cli.serve.badlisten", "Listen", safe.Line(cfg.Listen)))
			}
			if err := g.mustExist(e); err != nil {
				return err
			}
			db, err := g.dbPath(e)
			if err != nil {
				return err
			}
			if cfg.HostKey == "" || logPath == "" { // only a default needs the folder
				dir, err := serveDir(db)
				if err != nil {
					return err
				}
				if cfg.HostKey == "" {
					cfg.HostKey = filepath.Join(dir, "ssh_host_ed25519_key")
				}
				if logPath == "" {
					logPath = filepath.Join(dir, "serve.log")
				}
			}
			logOut, closeLog, err := openLog(logPath, e.stderr)
			if err != nil {
				return err
			}
			defer closeLog()
			if profile != "" {
				stop, err := startProfile(profile)
				if err != nil {
					return err
				}
				defer stop()
			}
			return g.withStore(e, func(store *storage.Store) error {
				cfg.Store, cfg.Lang, cfg.Log = store, lang, slog.New(slog.NewTextHandler(logOut, nil))
				return runServer(e, cmd.Context(), cfg)
			})
		},
	}
	f := c.Flags()
	f.StringVar(&cfg.Listen, "listen", serve.DefaultListen, e.T("cli.flag.listen"))
	f.StringVar(&cfg.Workshop, "workshop", "", e.T("cli.flag.serveworkshop"))
	f.StringVar(&cfg.HostKey, "host-key", "", e.T("cli.flag.hostkey"))
	f.StringVar(&cfg.Host, "host", "", e.T("cli.flag.servehost"))
	f.IntVar(&cfg.MaxSessions, "max-sessions", serve.DefaultMaxSessions, e.T("cli.flag.maxsessions"))
	f.IntVar(&cfg.PerMinute, "per-minute", serve.DefaultPerMinute, e.T("cli.flag.perminute"))
	f.DurationVar(&cfg.Idle, "idle", serve.DefaultIdle, e.T("cli.flag.serveidle"))
	f.StringVar(&logPath, "log", "", e.T("cli.flag.servelog"))
	f.StringVar(&profile, "debug-profile", "", e.T("cli.flag.debugprofile"))
	f.MarkHidden("debug-profile")
	addPoolFlags(e, c, g) // for a PostgreSQL shared by several servers
	return c
}

// serveDir is where the server keeps its host key and log by default,
// made if need be (on a fresh machine it is not there yet): beside a
// SQLite file; for a PostgreSQL database, which has no folder here, this
// user's data folder.
func serveDir(db string) (string, error) {
	dir := filepath.Dir(db)
	if storage.IsPostgres(db) {
		var err error
		if dir, err = storage.DataDir(); err != nil {
			return "", err
		}
	}
	return dir, os.MkdirAll(dir, 0o700)
}

// openLog opens the server's log: a file (in the data directory unless a
// path is given), or the server's stderr for "-". Never a session.
func openLog(path string, stderr io.Writer) (io.Writer, func(), error) {
	if path == "-" {
		return stderr, func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}

// runServer serves until SIGINT or SIGTERM, then closes every session
// (each saved, with its code shown) within stopWithin.
func runServer(e *env, ctx context.Context, cfg serve.Config) error {
	if cfg.Workshop != "" {
		cfg.Workshop = strings.ToUpper(cfg.Workshop)
		st, err := workshopStatus(e, cfg.Store, cfg.Workshop)
		if err != nil {
			return err
		}
		if st.Closed != nil {
			return errors.New(e.T("cli.workshop.closed", "Code", st.Code))
		}
	}
	srv, err := serve.New(cfg)
	if err != nil {
		return listenFailed(e, err)
	}
	if code := cfg.Workshop; code != "" {
		e.say(e.T("cli.serve.linecode"))
		fmt.Fprintln(e.stdout, "    "+srv.Line(code))
	} else {
		e.say(e.T("cli.serve.line"))
		fmt.Fprintln(e.stdout, "    "+srv.Line(e.T("cli.serve.code")))
	}
	if cfg.Host != "" && srv.LoopbackOnly() {
		// The line names a host the room types, yet only this machine
		// reaches the server.
		_, port, _ := net.SplitHostPort(cfg.Listen)
		e.say(e.T("cli.serve.loopbackonly", "Listen", safe.Line(cfg.Listen), "Port", port))
	}
	e.say(e.T("cli.serve.fingerprint", "Fingerprint", srv.Fingerprint()))
	e.say(e.T("cli.serve.stop"))
	stops := make(chan os.Signal, 2)
	signal.Notify(stops, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(stops)
	served := make(chan error, 1)
	go func() { served <- srv.Serve() }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	case <-stops:
	}
	if n := srv.Sessions(); n == 0 {
		e.say(e.T("cli.serve.stopping.none")) // "0 open sessions save and close" said nothing
	} else {
		e.say(e.N("cli.serve.stopping", n))
	}
	err = shutdown(e, srv, stops)
	<-served
	return err
}

// shutdown ends the sessions, each saving its last answers first. Where
// some still save after stopWithin (their database out of reach), it says
// so and waits on: each gives up on its own once its saves have had their
// time, and says what it lost. A second ctrl+c cuts them at once.
func shutdown(e *env, srv *serve.Server, stops <-chan os.Signal) error {
	ctx, cut := context.WithCancel(context.Background())
	defer cut()
	ended := make(chan error, 1)
	go func() { ended <- srv.Shutdown(ctx) }()
	waited := time.After(stopWithin)
	for {
		select {
		case err := <-ended:
			return err
		case <-waited:
			if n := srv.Sessions(); n > 0 {
				e.say(e.N("cli.serve.stillsaving", n))
			}
		case <-stops:
			n := srv.Sessions()
			cut()
			err := <-ended
			if n > 0 {
				e.say(e.N("cli.serve.cut", n))
			}
			return err
		}
	}
}

// listenFailed says in the user's words why the server could not listen:
// the port taken (another digint serve, most likely), or an address that
// is not this machine's.
func listenFailed(e *env, err error) error {
	var le *serve.ListenError
	switch {
	case !errors.As(err, &le):
		return err
	case addrInUse(err):
		return errors.New(e.T("cli.serve.inuse", "Listen", safe.Line(le.Addr)))
	}
	why := le.Err
	if op := (*net.OpError)(nil); errors.As(why, &op) && op.Err != nil {
		why = op.Err // without "listen tcp ADDR:", which the line says
	}
	return errors.New(e.T("cli.serve.cantlisten", "Listen", safe.Line(le.Addr), "Error", safe.Line(why.Error())))
}

// addrInUse: the port is taken. Windows says so with its own code
// (WSAEADDRINUSE), which syscall.EADDRINUSE does not match there.
func addrInUse(err error) bool {
	const wsaAddrInUse = 10048
	var errno syscall.Errno
	return errors.Is(err, syscall.EADDRINUSE) || errors.As(err, &errno) && errno == wsaAddrInUse
}
