package main

import (
	"context"
	"errors"
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

// serve on a database that is not there (a fresh machine, a mistyped
// --db) would serve nobody: it says so, naming the path and how a workshop
// is made, and makes nothing.
func TestServeNeedsAnExistingDatabase(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fresh", "digint")
	_, stderr, c := run(t, dir, "serve", "--workshop", "NOSUCH", "--listen", "127.0.0.1:0")
	if c != 1 || !strings.Contains(stderr, "no database at "+filepath.Join(dir, "digint.db")+" yet") || !strings.Contains(stderr, "workshop new") {
		t.Errorf("serve on a fresh machine: exit %d %q", c, stderr)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("serve made %s: %v", dir, err)
	}
}

// serve refuses bad flags before listening, in the user's language.
func TestServeBadUsage(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, c := run(t, dir, "workshop", "new", "Hub", "--pin", "246802"); c != 0 {
		t.Fatal(stderr)
	}
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

// serve stopped with no session open says so in words, not "0 open
// sessions save and close".
func TestServeStoppingWithNoSessionOpen(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, c := run(t, dir, "workshop", "new", "Hub", "--pin", "246802"); c != 0 {
		t.Fatal(stderr)
	}
	for lang, want := range map[string]string{"en": "Stopping: no session was open.", "fr": "Arrêt : aucune session n’était ouverte."} {
		e, out, errb := testEnv(dir)
		args := []string{"--lang", lang, "serve", "--listen", "127.0.0.1:0"}
		root := newRoot(e, args)
		root.SetArgs(args)
		ctx, stop := context.WithCancel(context.Background())
		stop() // ctrl+c as soon as it serves
		if err := root.ExecuteContext(ctx); err != nil {
			t.Fatalf("%s: %v %s", lang, err, errb)
		}
		if got := out.String(); !strings.Contains(got, want) || strings.Contains(got, " 0 ") {
			t.Errorf("%s: serve said:\n%s\nwant %q", lang, got, want)
		}
	}
}
