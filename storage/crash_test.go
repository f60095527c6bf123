package storage

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// The crash test runs this test binary again as a child that saves answers
// until it is killed; these variables tell the child where and how.
const (
	crashDBEnv   = "DIGINT_CRASH_CHILD_DB"
	crashSeedEnv = "DIGINT_CRASH_CHILD_SEED"
)

// crashChild saves up to n answers into the database at path, in many
// assessments, and prints "assessmentID item answer-JSON" for each once it
// is committed.
func crashChild(path string, out io.Writer, n int, seed uint64) error {
	s, err := Open(path, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	stop := holdLockNowAndThen(path, seed)
	defer stop()
	items := s.Catalog().Current().Asked(assessment.ModeFull)
	rng := rand.New(rand.NewPCG(seed, 3))
	var a *assessment.Assessment
	for i := range n {
		if i%len(items) == 0 {
			if a != nil {
				if err := s.Complete(ctx, a.ID); err != nil {
					return err
				}
			}
			a, err = s.Start(ctx, NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Language: "en", Mode: assessment.ModeFull})
			if err != nil {
				return err
			}
		}
		// Now and then a note on the next item, not answered yet, is kept
		// on its own first (it is printed as an answer without status).
		if next := items[(i+1)%len(items)]; rng.IntN(5) == 0 && (i+1)%len(items) != 0 {
			d := Draft{Note: "to ask: " + strconv.Itoa(i), Develop: rng.IntN(2) == 0}
			if err := s.SaveDraft(ctx, a.ID, next.ID, d); err != nil {
				return err
			}
			line, _ := json.Marshal(assessment.Answer{Item: next.ID, Note: d.Note, Develop: d.Develop})
			if _, err := fmt.Fprintf(out, "%s %s %s\n", a.ID, next.ID, line); err != nil {
				return err
			}
		}
		ans := sample.Answer(items[i%len(items)], rng)
		if rng.IntN(10) == 0 {
			ans.Note = strings.Repeat("a long note to span pages ", 15)
		}
		ans = ans.Clean() // as stored
		if err := s.SaveAnswer(ctx, a.ID, ans); err != nil {
			return err
		}
		line, err := json.Marshal(ans)
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(out, "%s %s %s\n", a.ID, ans.Item, line); err != nil {
			return err
		}
	}
	return nil
}

// holdLockNowAndThen takes the write lock of the file from another
// connection for a few moments again and again, as an import running
// beside the wizard does: saves wait, pending, when the kill comes.
func holdLockNowAndThen(path string, seed uint64) (stop func()) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		rng := rand.New(rand.NewPCG(seed, 5))
		for {
			select {
			case <-done:
				return
			case <-time.After(time.Duration(rng.IntN(40)) * time.Millisecond):
			}
			conn, err := db.Conn(ctx)
			if err != nil {
				continue
			}
			if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err == nil {
				time.Sleep(time.Duration(rng.IntN(30)) * time.Millisecond)
				conn.ExecContext(ctx, "ROLLBACK")
			}
			conn.Close()
		}
	}()
	return func() { close(done); db.Close() }
}

// TestCrashChild is the child of TestCrashLosesNoCommittedAnswer when the
// environment says so; run on its own, it checks the child's work on a
// short run.
func TestCrashChild(t *testing.T) {
	if path := os.Getenv(crashDBEnv); path != "" {
		seed, _ := strconv.ParseUint(os.Getenv(crashSeedEnv), 10, 64)
		if err := crashChild(path, os.Stdout, 1_000_000, seed); err != nil {
			fmt.Fprintln(os.Stderr, "crash child:", err)
			os.Exit(3)
		}
		return
	}
	path := filepath.Join(t.TempDir(), "digint.db")
	var out bytes.Buffer
	if err := crashChild(path, &out, 150, 1); err != nil {
		t.Fatal(err)
	}
	printed := map[string]printedAnswer{}
	if n := parsePrinted(t, out.String(), printed); n < 150 {
		t.Fatalf("%d lines printed, want at least 150", n)
	}
	checkPrinted(t, path, printed)
}

type printedAnswer struct {
	assessment string
	answer     assessment.Answer
}

// firstLine keeps what the child prints and tells when its first line is
// complete.
type firstLine struct {
	strings.Builder
	said chan struct{}
	once sync.Once
}

func (f *firstLine) Write(p []byte) (int, error) {
	if bytes.IndexByte(p, '\n') >= 0 {
		f.once.Do(func() { close(f.said) })
	}
	return f.Builder.Write(p)
}

// parsePrinted adds the complete lines of out to printed and counts them; a
// last line cut off by the kill is not a promise and is left out.
func parsePrinted(t *testing.T, out string, printed map[string]printedAnswer) int {
	t.Helper()
	lines := strings.Split(out, "\n")
	lines = lines[:len(lines)-1] // after the last newline: empty, or cut off
	for _, line := range lines {
		parts := strings.SplitN(line, " ", 3)
		if len(parts) != 3 {
			t.Fatalf("bad line %q", line)
		}
		var ans assessment.Answer
		if err := json.Unmarshal([]byte(parts[2]), &ans); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		printed[parts[0]+" "+parts[1]] = printedAnswer{parts[0], ans}
	}
	return len(lines)
}

// checkPrinted opens the database as the next run of digint would, and
// finds every printed answer and a sound file.
func checkPrinted(t *testing.T, path string, printed map[string]printedAnswer) {
	t.Helper()
	s, err := Open(path, testCatalog(t))
	if err != nil {
		t.Fatalf("reopening after the crash: %v", err)
	}
	defer s.Close()
	stored := map[string]map[string]assessment.Answer{}
	for key, p := range printed {
		if stored[p.assessment] == nil {
			a, err := s.Assessment(ctx, p.assessment)
			if err != nil {
				t.Fatalf("printed %s: %v", key, err)
			}
			stored[p.assessment] = assessment.Index(a.Answers)
			drafts, err := s.Drafts(ctx, p.assessment)
			if err != nil {
				t.Fatalf("printed %s: %v", key, err)
			}
			for item, d := range drafts { // a note on its own: an answer without status
				if _, answered := stored[p.assessment][item]; answered {
					t.Fatalf("assessment %s: item %s has both an answer and a draft", p.assessment, item)
				}
				stored[p.assessment][item] = assessment.Answer{Item: item, Note: d.Note, Develop: d.Develop}
			}
		}
		got, ok := stored[p.assessment][p.answer.Item]
		if p.answer.Status == "" && ok && got.Status != "" {
			continue // the note printed was followed by an answer, committed but cut off before its line
		}
		if !ok || !reflect.DeepEqual(got, p.answer) {
			t.Fatalf("printed %s: stored %+v, want %+v", key, got, p.answer)
		}
	}
	var check string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
}

// A child saving answers is killed (SIGKILL on Unix) at a random moment,
// again and again on the same file. Every answer it reported as saved must
// be there on reopening, and the file must pass integrity_check.
func TestCrashLosesNoCommittedAnswer(t *testing.T) {
	const runs = 25
	path := filepath.Join(t.TempDir(), "digint.db")
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	printed := map[string]printedAnswer{}
	killedWhileSaving := 0
	for run := range runs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashDBEnv+"="+path, crashSeedEnv+"="+strconv.FormatUint(seed+uint64(run), 10))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		out := &firstLine{said: make(chan struct{})}
		var reading sync.WaitGroup
		reading.Add(1)
		go func() {
			defer reading.Done()
			io.Copy(out, bufio.NewReader(stdout))
		}()
		// A random moment: in one run of five before the first save is
		// likely, else well into the saves, however long the child takes
		// to start (the race detector, a loaded machine).
		if run%5 == 0 {
			time.Sleep(time.Duration(10+rng.IntN(90)) * time.Millisecond)
		} else {
			select {
			case <-out.said:
			case <-time.After(10 * time.Second):
			}
			time.Sleep(time.Duration(rng.IntN(300)) * time.Millisecond)
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		reading.Wait()
		err = cmd.Wait()
		if cmd.ProcessState.Success() || strings.Contains(stderr.String(), "crash child:") {
			t.Fatalf("run %d: the child was not killed but ended: %v\n%s", run, err, stderr.String())
		}
		n := parsePrinted(t, out.String(), printed)
		if n > 0 {
			killedWhileSaving++
		}
		checkPrinted(t, path, printed)
	}
	t.Logf("%d runs killed while saving, %d answers reported saved, all found", killedWhileSaving, len(printed))
	if killedWhileSaving < runs/2 {
		t.Errorf("only %d of %d runs were killed while saving: the test proves too little", killedWhileSaving, runs)
	}
}
