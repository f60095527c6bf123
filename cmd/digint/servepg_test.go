package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
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
	"github.com/digint/digint/storage/pgtest"
)

// Two `digint serve` processes on two ports and one PostgreSQL, the
// participants of one workshop spread over both, answering at once. Some
// leave midway and continue on the OTHER server with the code they were
// shown; one loses its connection. Every answer is stored exactly once,
// the live group view through either server's pool shows everyone, and so
// does `workshop report` of the built program.
func TestTwoServeProcessesOnePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program and starts PostgreSQL")
	}
	pg := pgtest.For(t)
	db := pg.URL("postgres")
	bin := buildDigint(t)
	dir := t.TempDir()
	code := workshopBy(t, bin, db, "Two servers")
	servers := [2]*serveProc{startServe(t, bin, db, dir, "a"), startServe(t, bin, db, dir, "b")}

	cat, err := assessment.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	store, err := storage.OpenWith(db, cat, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	items := cat.Current().Asked(assessment.ModeQuick)

	// Each person: 0 and 1 answer everything on their server; 2–4 leave
	// after some answers and finish on the other server; 5 is cut off.
	const people = 6
	ids := make([]string, people)
	var wg sync.WaitGroup
	errs := make(chan error, people)
	for p := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, err := participant(store, servers, code, p, items)
			ids[p] = id
			if err != nil {
				errs <- fmt.Errorf("participant %d: %w", p, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if t.Failed() {
		for _, n := range []string{"a", "b"} {
			log, _ := os.ReadFile(filepath.Join(dir, n+".log"))
			t.Logf("serve %s's log:\n%s", n, tail(string(log)))
		}
		t.FailNow()
	}

	// Every answer once: one assessment each, each item once with its value.
	list, err := store.List(context.Background(), storage.Filter{Workshop: code})
	if err != nil || len(list) != people {
		t.Fatalf("the workshop holds %d assessments (%v), want %d", len(list), err, people)
	}
	for p, id := range ids {
		a, err := store.Assessment(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		want := len(items)
		if p == 5 {
			want = cutAfter
		}
		seen := map[string]int{}
		for _, ans := range a.Answers {
			seen[ans.Item]++
		}
		if len(a.Answers) != want || len(seen) != want {
			t.Errorf("participant %d: %d answers stored (%d items), want %d", p, len(a.Answers), len(seen), want)
		}
		for _, it := range items[:want] {
			_, v := keysFor(it)
			if got := assessment.Index(a.Answers)[it.ID]; seen[it.ID] != 1 || !got.Value.Equal(v) {
				t.Errorf("participant %d, item %s: stored %d times, value %v, want once %v", p, it.ID, seen[it.ID], got.Value, v)
			}
		}
		if (a.CompletedAt != nil) != (p != 5) {
			t.Errorf("participant %d: completed %v", p, a.CompletedAt)
		}
	}

	// The live group view, through a pool of its own per server, and the
	// group report of the program.
	for s := range 2 {
		other, err := storage.OpenWith(db, cat, storage.Options{})
		if err != nil {
			t.Fatal(err)
		}
		w, err := other.WatchGroup(context.Background(), code)
		if err != nil {
			t.Fatal(err)
		}
		if g := w.View().Report; g.Assessments != people || g.Complete != people-1 || g.InProgress != 1 {
			t.Errorf("the group view %d shows %d people (%d complete, %d in progress), want %d", s, g.Assessments, g.Complete, g.InProgress, people)
		}
		w.Close()
		other.Close()
	}
	out, err := exec.Command(bin, "--db", db, "workshop", "report", code, "--json").Output()
	var rep assessment.GroupReport
	if err != nil || json.Unmarshal(out, &rep) != nil {
		t.Fatalf("workshop report --json: %v\n%.500s", err, out)
	}
	if rep.Assessments != people {
		t.Errorf("workshop report shows %d people, want %d:\n%.500s", rep.Assessments, people, out)
	}
}

// cutAfter is how many answers the participant cut off gave.
const cutAfter = 7

var resumeRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[A-Z2-9]{4}-[A-Z2-9]{4}`) })

// participant walks person p through the quick scan on server p%2 and
// gives their assessment's id.
func participant(store *storage.Store, servers [2]*serveProc, code string, p int, items []*assessment.Item) (string, error) {
	srv := servers[p%2]
	c, err := srv.dial(code)
	if err != nil {
		return "", err
	}
	defer c.Close()
	tm, err := openTerm(c)
	if err != nil {
		return "", err
	}
	name := fmt.Sprintf("Person %d", p)
	if err := tm.waitFor("Start a new assessment"); err != nil {
		return "", err
	}
	tm.send("n")
	if err := tm.waitFor("New assessment"); err != nil {
		return "", err
	}
	mark := len(tm.out.text())
	tm.send(name, "\r", "\r", "\r", "\r")
	id, err := idOf(store, code, name)
	if err != nil {
		return "", err
	}
	// Stored is not yet shown: a key sent before the questions appear
	// would reach the start form, as a person's would.
	if err := until(func() (bool, error) { return strings.Contains(tm.out.text()[mark:], "answered:"), nil }); err != nil {
		return id, fmt.Errorf("the questions never showed:\n%s", tail(tm.out.text()))
	}
	stop := len(items)
	switch {
	case p == 5:
		stop = cutAfter
	case p >= 2:
		stop = 3 + 2*p // 7, 9, 11
	}
	if err := answer(store, tm, id, items, 0, stop); err != nil {
		return id, err
	}
	if p == 5 { // the connection drops: what was stored stays
		c.Close()
		return id, nil
	}
	if p >= 2 {
		tm.send("\x03") // leave: the code is shown on the way out
		if err := tm.wait(); err != nil {
			return id, err
		}
		resume := resumeRE().FindAllString(tm.out.text(), -1)
		if len(resume) == 0 {
			return id, fmt.Errorf("no code shown on leaving:\n%s", tail(tm.out.text()))
		}
		if tm, c, err = resumeOn(servers[1-p%2], code, resume[len(resume)-1]); err != nil {
			return id, err
		}
		defer c.Close()
		if err := answer(store, tm, id, items, stop, len(items)); err != nil {
			return id, err
		}
	}
	tm.send("r", "\x03") // the results, then leave
	if err := tm.wait(); err != nil {
		return id, err
	}
	a, err := store.Assessment(context.Background(), id)
	if err == nil && a.CompletedAt == nil {
		err = fmt.Errorf("not completed:\n%s", tail(tm.out.text()))
	}
	return id, err
}

// resumeOn continues with a resume code on srv.
func resumeOn(srv *serveProc, code, resume string) (*sshTerm, *gossh.Client, error) {
	c, err := srv.dial(code)
	if err != nil {
		return nil, nil, err
	}
	tm, err := openTerm(c)
	if err == nil {
		err = tm.waitFor("Continue with your personal code")
	}
	if err == nil {
		tm.send("\x1b[B", "\r") // the entry below "Start a new assessment"
		err = tm.waitFor("Type the personal code")
	}
	if err != nil {
		c.Close()
		return nil, nil, err
	}
	// Keys sent before the questions show would be typed into the code.
	mark := len(tm.out.text())
	tm.send(resume, "\r")
	if err := until(func() (bool, error) { return strings.Contains(tm.out.text()[mark:], "answered:"), nil }); err != nil {
		c.Close()
		return nil, nil, fmt.Errorf("the code %s did not open the questions:\n%s", resume, tail(tm.out.text()))
	}
	return tm, c, nil
}

// answer gives items[from:to] by keys, each once stored.
func answer(store *storage.Store, tm *sshTerm, id string, items []*assessment.Item, from, to int) error {
	for i := from; i < to; i++ {
		keys, _ := keysFor(items[i])
		tm.send(keys)
		if err := until(func() (bool, error) {
			a, err := store.Assessment(context.Background(), id)
			return err == nil && len(a.Answers) >= i+1, err
		}); err != nil {
			return fmt.Errorf("answer %d never stored (%v); the screen:\n%s", i+1, err, tail(tm.out.text()))
		}
	}
	return nil
}

func idOf(store *storage.Store, code, name string) (string, error) {
	var id string
	err := until(func() (bool, error) {
		l, err := store.List(context.Background(), storage.Filter{Workshop: code})
		for _, s := range l {
			if s.Participant.Name == name {
				id = s.ID
			}
		}
		return id != "", err
	})
	if err != nil {
		return "", fmt.Errorf("%s never started: %v", name, err)
	}
	return id, nil
}

// until polls ok for up to 20 s.
func until(ok func() (bool, error)) error {
	deadline := time.Now().Add(20 * time.Second)
	for {
		done, err := ok()
		if err != nil || done {
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out")
		}
		time.Sleep(25 * time.Millisecond)
	}
}

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

// builtDir holds the program built for the tests that run it, removed by
// TestMain.
var builtDir string

var built = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "digint-test-bin-")
	if err != nil {
		return "", err
	}
	builtDir = dir
	bin := filepath.Join(dir, "digint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", fmt.Errorf("build: %v\n%s", err, out)
	}
	return bin, nil
})

// buildDigint builds the program, once for all the tests.
func buildDigint(t *testing.T) string {
	t.Helper()
	bin, err := built()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtDir != "" {
		os.RemoveAll(builtDir)
	}
	os.Exit(code)
}

// workshopBy makes a workshop titled title in db with the program bin,
// and gives its code.
func workshopBy(t *testing.T, bin, db, title string) string {
	t.Helper()
	out, err := exec.Command(bin, "--db", db, "workshop", "new", "--pin", "471147", title).Output()
	if err != nil {
		t.Fatalf("workshop new: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// serveProc is a running `digint serve`.
type serveProc struct {
	addr   string
	host   gossh.PublicKey
	proc   *os.Process
	out    *screenBuf    // what it printed after its port
	exited chan struct{} // closed once it has ended
}

// startServe starts `digint serve` on a free loopback port; both share
// one host key, as servers behind one load balancer do.
func startServe(t *testing.T, bin, db, dir, name string) *serveProc {
	t.Helper()
	key := filepath.Join(dir, "hostkey")
	cmd := exec.Command(bin, "--db", db, "serve", "--lang", "en", "--listen", "127.0.0.1:0",
		"--host-key", key, "--log", filepath.Join(dir, name+".log"), "--per-minute", "10000")
	// Given its key and log, a server of a PostgreSQL database has no use
	// for this user's data folder, and must not make one.
	home := t.TempDir()
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		<-exited
	})
	lines := bufio.NewScanner(stdout)
	port := ""
	for port == "" && lines.Scan() {
		if m := regexp.MustCompile(`ssh -p (\d+) `).FindStringSubmatch(lines.Text()); m != nil {
			port = m[1]
		}
	}
	if port == "" {
		t.Fatalf("serve %s printed no port", name)
	}
	if made, _ := filepath.Glob(filepath.Join(home, "*", "digint")); len(made) > 0 {
		t.Errorf("serve %s made %v, though its key and log were given", name, made)
	}
	out := &screenBuf{}
	go func() {
		io.Copy(out, stdout)
		cmd.Wait()
		close(exited)
	}()
	pem, err := os.ReadFile(key)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.ParsePrivateKey(pem)
	if err != nil {
		t.Fatal(err)
	}
	return &serveProc{addr: "127.0.0.1:" + port, host: signer.PublicKey(), proc: cmd.Process, out: out, exited: exited}
}

func (s *serveProc) dial(code string) (*gossh.Client, error) {
	none := gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
		return make([]string, len(qs)), nil
	})
	return gossh.Dial("tcp", s.addr, &gossh.ClientConfig{User: code, Auth: []gossh.AuthMethod{none},
		HostKeyCallback: gossh.FixedHostKey(s.host), Timeout: 10 * time.Second})
}

// term is an interactive session with a pty, 100×30, in English.
type sshTerm struct {
	in   io.WriteCloser
	out  *screenBuf
	done chan error
}

type screenBuf struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (s *screenBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *screenBuf) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return ansi.Strip(s.buf.String())
}

func openTerm(c *gossh.Client) (*sshTerm, error) {
	sess, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	sess.Setenv("LANG", "en_GB.UTF-8")
	if err := sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	tm := &sshTerm{out: &screenBuf{}, done: make(chan error, 1)}
	sess.Stdout, sess.Stderr = tm.out, tm.out
	if tm.in, err = sess.StdinPipe(); err != nil {
		return nil, err
	}
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	go func() { tm.done <- sess.Wait() }()
	return tm, nil
}

func (tm *sshTerm) send(keys ...string) {
	for _, k := range keys {
		io.WriteString(tm.in, k) // a closed session shows in what follows
	}
}

func (tm *sshTerm) waitFor(text string) error {
	if until(func() (bool, error) { return strings.Contains(tm.out.text(), text), nil }) != nil {
		return fmt.Errorf("the screen never showed %q; it shows:\n%s", text, tail(tm.out.text()))
	}
	return nil
}

func (tm *sshTerm) wait() error {
	select {
	case err := <-tm.done:
		if err != nil {
			return fmt.Errorf("the session ended with %v:\n%s", err, tail(tm.out.text()))
		}
		return nil
	case <-time.After(20 * time.Second):
		return fmt.Errorf("the session did not end; it shows:\n%s", tail(tm.out.text()))
	}
}

func tail(s string) string {
	if len(s) > 2000 {
		return s[len(s)-2000:]
	}
	return s
}

// PostgreSQL goes down under a `digint serve` session and comes back: the
// participant is told their answers are not saved yet, the server keeps
// the session, and the answers given meanwhile are stored once it is back.
func TestServeThroughPostgresRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program and starts PostgreSQL")
	}
	pg := pgtest.For(t)
	db := pg.URL("postgres")
	bin := buildDigint(t)
	code := workshopBy(t, bin, db, "Outage")
	srv := startServe(t, bin, db, t.TempDir(), "a")
	store, err := storage.OpenWith(db, nil, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	items := store.Catalog().Current().Asked(assessment.ModeQuick)

	c, err := srv.dial(code)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	tm, err := openTerm(c)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(tm.waitFor("Start a new assessment"))
	tm.send("n")
	must(tm.waitFor("New assessment"))
	tm.send("Ana", "\r", "\r", "\r", "\r")
	id, err := idOf(store, code, "Ana")
	must(err)
	must(answer(store, tm, id, items, 0, 3))

	must(pg.Down())
	mark := len(tm.out.text())
	for _, it := range items[3:6] {
		keys, _ := keysFor(it)
		tm.send(keys)
	}
	must(until(func() (bool, error) {
		return strings.Contains(tm.out.text()[mark:], "Not saved yet"), nil
	}))
	time.Sleep(2 * time.Second) // several tries fail
	must(pg.Up())
	must(until(func() (bool, error) {
		a, err := store.Assessment(context.Background(), id)
		return err == nil && len(a.Answers) == 6, nil
	}))
	must(answer(store, tm, id, items, 6, len(items)))
	tm.send("r", "\x03")
	must(tm.wait())
	a, err := store.Assessment(context.Background(), id)
	must(err)
	if len(a.Answers) != len(items) || a.CompletedAt == nil {
		t.Errorf("%d answers stored (completed %v), want %d", len(a.Answers), a.CompletedAt, len(items))
	}
	for _, it := range items {
		_, v := keysFor(it)
		if got, ok := assessment.Index(a.Answers)[it.ID]; !ok || !got.Value.Equal(v) {
			t.Errorf("item %s: stored %v, want %v", it.ID, got.Value, v)
		}
	}
}

// `digint serve` on a PostgreSQL database keeps its host key and log in the
// user's data folder, as there is no folder beside the database (it
// failed, looking for one inside the URL).
func TestServeOnPostgresKeepsFilesInDataFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program and starts PostgreSQL")
	}
	pg := pgtest.For(t)
	bin := buildDigint(t)
	data := t.TempDir()
	cmd := exec.Command(bin, "serve", "--lang", "en", "--listen", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+data, "DIGINT_DB="+pg.URL("postgres"))
	var errOut strings.Builder
	cmd.Stderr = &errOut
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	lines := bufio.NewScanner(stdout)
	for lines.Scan() && !strings.Contains(lines.Text(), "ssh -p") {
	}
	for _, f := range []string{"ssh_host_ed25519_key", "serve.log"} {
		if _, err := os.Stat(filepath.Join(data, "digint", f)); err != nil {
			t.Errorf("%s is not in the data folder: %v; serve said: %s", f, err, errOut.String())
		}
	}
}

// Connecting while the database is away: the participant is told why, in
// one line of a session that then ends (exit status 1), not asked for a
// join word the workshop does not have, nor asked again and again.
func TestServeTellsWhenDatabaseAway(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program and starts PostgreSQL")
	}
	pg := pgtest.For(t)
	db := pg.URL("postgres")
	bin := buildDigint(t)
	code := workshopBy(t, bin, db, "Away")
	srv := startServe(t, bin, db, t.TempDir(), "a")
	if err := pg.Down(); err != nil {
		t.Fatal(err)
	}
	var told []string
	var asked int
	ki := gossh.KeyboardInteractive(func(_, instruction string, qs []string, _ []bool) ([]string, error) {
		told, asked = append(told, instruction), asked+len(qs)
		return make([]string, len(qs)), nil
	})
	c, err := gossh.Dial("tcp", srv.addr, &gossh.ClientConfig{User: code, Auth: []gossh.AuthMethod{ki},
		HostKeyCallback: gossh.FixedHostKey(srv.host), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatalf("the connection was refused, with no word of why: %v", err)
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var stderr, stdout strings.Builder
	sess.Stderr, sess.Stdout = &stderr, &stdout
	var exit *gossh.ExitError
	if err := sess.Run(""); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("the session ended with %v, want exit status 1", err)
	}
	c.Close()
	if asked != 0 || len(told) > 1 || strings.Count(stderr.String(), "database cannot be reached") != 1 || stdout.Len() > 0 {
		t.Errorf("asked %d questions, told %q, said %q, shown %q", asked, told, stderr.String(), stdout.String())
	}
	if err := pg.Up(); err != nil {
		t.Fatal(err)
	}
	if c, err = srv.dial(code); err != nil {
		t.Fatalf("not let in once the database is back: %v", err)
	}
	c.Close()
}

// A reading command on PostgreSQL: an empty database made by its
// administrator is given its tables (the README's createdb, then list); a
// server that is not there is said to be unreachable, not a path to check.
func TestReadingCommandsOnPostgres(t *testing.T) {
	pg := pgtest.For(t)
	out, err := exec.Command("runuser", "-u", "postgres", "--", pgtest.Bin+"/createdb", "-h", pg.Dir, "fresh").CombinedOutput()
	if err != nil {
		t.Fatalf("createdb: %v\n%s", err, out)
	}
	dir := t.TempDir()
	if _, stderr, code := run(t, dir, "--db", pg.URL("fresh"), "list"); code != 0 {
		t.Fatalf("list on a new empty database: exit %d: %s", code, stderr)
	}
	// What the server refuses is said in the user's language, without the
	// driver's words.
	for _, c := range []struct{ db, want string }{
		{pg.URL("nosuch"), "non ha un database con il nome"},
		{strings.Replace(pg.URL("fresh"), "user=postgres", "user=nobody", 1), "ha rifiutato il nome utente o la password"},
	} {
		_, stderr, code := run(t, dir, "--lang", "it", "--db", c.db, "list")
		if code == 0 || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "SQLSTATE") {
			t.Errorf("%s: exit %d: %s", c.db, code, stderr)
		}
	}
	if err := pg.Down(); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := run(t, dir, "--db", pg.URL("fresh"), "list")
	if code == 0 || strings.Contains(stderr, "There is no database") || !strings.Contains(stderr, "cannot be reached") {
		t.Errorf("list with the server away: exit %d: %s", code, stderr)
	}
	// Said once, with the system's reason, not the driver's layers.
	if strings.Count(stderr, "fresh?host") != 1 || strings.Contains(stderr, "failed to connect") || !strings.Contains(stderr, "(no such file or directory)") {
		t.Errorf("the reason is not said once and short: %s", stderr)
	}
}
