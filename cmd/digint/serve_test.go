package main

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// workshop new --join-word stores the word (checked, never in clear), and
// a blank one is bad usage.
func TestWorkshopJoinWord(t *testing.T) {
	dir := t.TempDir()
	out, stderr, c := run(t, dir, "workshop", "new", "Room", "--pin", "471147", "--join-word", "tulip")
	if c != 0 {
		t.Fatalf("exit %d: %s", c, stderr)
	}
	code := strings.TrimSpace(out)
	if _, stderr, c := run(t, dir, "workshop", "new", "Other", "--pin", "471147", "--join-word", "  "); c != 2 || !strings.Contains(stderr, "join word") {
		t.Errorf("a blank join word: exit %d %q", c, stderr)
	}
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	s, err := storage.Open(filepath.Join(dir, "digint.db"), cat)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if ok, err := s.CheckJoinWord(context.Background(), code, "tulip"); err != nil || !ok {
		t.Errorf("the join word was not kept: %v %v", ok, err)
	}
}

// serve refuses bad flags before listening, in the user's language.
// On a fresh machine the database's folder does not exist yet: the server
// makes it for its log and host key (it stopped, unable to open the log).
func TestServeMakesTheDatabaseFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fresh", "digint")
	if _, stderr, c := run(t, dir, "serve", "--workshop", "NOSUCH", "--listen", "127.0.0.1:0"); c != 1 || !strings.Contains(stderr, "NOSUCH") {
		t.Errorf("serve on a fresh machine: exit %d %q", c, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "serve.log")); err != nil {
		t.Errorf("no log beside the database: %v", err)
	}
}

func TestServeBadUsage(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, c := run(t, dir, "serve", "--idle", "10s"); c != 2 || !strings.Contains(stderr, "--idle") {
		t.Errorf("--idle 10s: exit %d %q", c, stderr)
	}
	if _, stderr, c := run(t, dir, "serve", "--workshop", "NOSUCH", "--listen", "127.0.0.1:0"); c != 1 || !strings.Contains(stderr, "NOSUCH") {
		t.Errorf("an unknown workshop: exit %d %q", c, stderr)
	}
	if _, stderr, c := run(t, dir, "--lang", "it", "serve", "--listen", "2222"); c != 2 || !strings.Contains(stderr, "scrivete host:porta") {
		t.Errorf("--listen 2222: exit %d %q", c, stderr)
	}
	// A port another program holds: said as such, with what to do.
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	if _, stderr, c := run(t, dir, "--lang", "it", "serve", "--listen", taken.Addr().String()); c != 1 ||
		!strings.Contains(stderr, "un altro programma usa quella porta") || strings.Contains(stderr, "bind") {
		t.Errorf("a port in use: exit %d %q", c, stderr)
	}
}
