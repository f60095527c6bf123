// Package pgtest starts a throwaway PostgreSQL 15 for tests: initdb as the
// postgres user into a temporary folder, listening on a Unix socket there
// only, removed when stopped.
package pgtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Bin is where Debian puts the PostgreSQL 15 server programs.
const Bin = "/usr/lib/postgresql/15/bin"

// Server is a running throwaway server.
type Server struct {
	Dir  string // its socket's folder (and its data's parent)
	data string
	opts string
}

// OnCI: CI must run the PostgreSQL tests; elsewhere a missing server only
// says so.
func OnCI() bool { return os.Getenv("DIGINT_CI_POSTGRES") == "1" || os.Getenv("CI") == "true" }

// Start makes and starts a server; fsync off suits tests, on suits
// benchmarks of durable writes.
func Start(fsync bool) (*Server, error) {
	if _, err := os.Stat(filepath.Join(Bin, "initdb")); err != nil {
		return nil, fmt.Errorf("no PostgreSQL 15 server here (%v)", err)
	}
	if _, err := exec.LookPath("runuser"); err != nil || os.Geteuid() != 0 {
		return nil, fmt.Errorf("starting a server needs root and runuser (initdb runs as postgres)")
	}
	dir, err := os.MkdirTemp("", "digint-pg-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o777); err == nil {
		err = exec.Command("chown", "postgres", dir).Run()
	}
	s := &Server{Dir: dir, data: filepath.Join(dir, "data")}
	s.opts = "-k " + dir + " -c listen_addresses='' -c max_connections=200 -c fsync=" + map[bool]string{true: "on", false: "off"}[fsync]
	if err := run(Bin+"/initdb", "-D", s.data, "-A", "trust", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := s.Up(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := s.watch(); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func run(args ...string) error {
	out, err := exec.Command("runuser", append([]string{"-u", "postgres", "--"}, args...)...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v: %v\n%s", args, err, out)
	}
	return nil
}

// URL is a connection URL to database db ("postgres" is always there).
func (s *Server) URL(db string) string {
	return "postgres:///" + db + "?host=" + s.Dir + "&user=postgres"
}

// Up starts the server (again), waiting until it takes connections.
func (s *Server) Up() error {
	return run(Bin+"/pg_ctl", "-D", s.data, "-l", filepath.Join(s.Dir, "log"), "-o", s.opts, "-w", "start")
}

// Down stops the server as a crash would (immediate: connections cut, no
// checkpoint), keeping its data for Up.
func (s *Server) Down() error {
	return run(Bin+"/pg_ctl", "-D", s.data, "-m", "immediate", "-w", "stop")
}

// Log is the server's log so far.
func (s *Server) Log() []byte {
	b, _ := os.ReadFile(filepath.Join(s.Dir, "log"))
	return b
}

// Stop stops the server and removes its folder.
func (s *Server) Stop() {
	s.Down()
	os.RemoveAll(s.Dir)
}

// For starts a server for test t, stopped when t ends. Where none can be
// started the test is skipped saying so plainly, and fails on CI instead.
func For(t testing.TB) *Server {
	t.Helper()
	s, err := Start(false)
	if err != nil {
		if OnCI() {
			t.Fatalf("PostgreSQL is needed on CI: %v", err)
		}
		msg := fmt.Sprintf("%s did NOT run: it needs a PostgreSQL 15 server: %v", t.Name(), err)
		Tell(msg)
		t.Skip(msg)
	}
	t.Cleanup(s.Stop)
	return s
}

// Tell says msg on the terminal too: go test ./... shows a passing
// package's output only with -v.
func Tell(msg string) {
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		fmt.Fprintln(tty, msg)
		tty.Close()
	}
}
