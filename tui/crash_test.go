package tui

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
	"github.com/digint/digint/storage"
)

const crashDBEnv = "DIGINT_TUI_CRASH_DB"

// saverChild gives answers through the saver, as the wizard does, while
// another connection takes the write lock now and then; it prints each
// answer once the saver state says it is saved (what the screen marks ✓).
func saverChild(path string, out io.Writer) error {
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		return err
	}
	store, err := storage.Open(path, cat)
	if err != nil {
		return err
	}
	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	go func() { // an import beside the wizard, holding the lock in bursts
		for {
			conn, err := other.Conn(bg())
			if err == nil {
				if _, err := conn.ExecContext(bg(), "BEGIN IMMEDIATE"); err == nil {
					time.Sleep(time.Duration(rand.IntN(80)) * time.Millisecond)
					conn.ExecContext(bg(), "ROLLBACK")
				}
				conn.Close()
			}
			time.Sleep(time.Duration(rand.IntN(40)) * time.Millisecond)
		}
	}()
	sv := newSaver(bg())
	var mu sync.Mutex
	given := map[string]assessment.Answer{} // key → answer not yet shown saved
	go func() {
		for {
			<-sv.changed
			mu.Lock() // the state read after any write queued: never older than given
			st := sv.state()
			for k, a := range given {
				if st.pending[k] == 0 && st.failed[k] == nil {
					line, _ := json.Marshal(a)
					fmt.Fprintf(out, "%s %s\n", k, line)
					delete(given, k)
				}
			}
			mu.Unlock()
		}
	}()
	items := cat.Current().Asked(assessment.ModeFull)
	for {
		a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Language: "en", Mode: assessment.ModeFull})
		if err != nil {
			return err
		}
		for _, it := range items {
			ans := sample.Answer(it, rand.New(rand.NewPCG(uint64(len(it.ID)), 1))).Clean()
			k := saveKey(a.ID, it.ID)
			mu.Lock()
			given[k] = ans
			sv.enqueue(k, func(ctx context.Context) error { return store.SaveAnswer(ctx, a.ID, ans) })
			mu.Unlock()
			time.Sleep(3 * time.Millisecond) // a fast typist
		}
	}
}

// TestSaverChild is the child of TestKilledWithSavesPending.
func TestSaverChild(t *testing.T) {
	path := os.Getenv(crashDBEnv)
	if path == "" {
		t.Skip("run by TestKilledWithSavesPending")
	}
	if err := saverChild(path, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "crash child:", err)
		os.Exit(3)
	}
}

// The wizard's saver is killed (kill -9) while saves wait behind another
// program's lock: every answer it showed as saved is in the store.
func TestKilledWithSavesPending(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digint.db")
	shown := 0
	for run := range 6 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSaverChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashDBEnv+"="+path)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(300+run*150) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		if strings.Contains(stderr.String(), "crash child:") {
			t.Fatalf("run %d: %s", run, stderr.String())
		}
		shown += checkShownSaved(t, path, stdout.String())
	}
	if shown < 20 {
		t.Errorf("only %d answers were shown saved: the test proves too little", shown)
	}
	t.Logf("%d answers shown saved, all in the store", shown)
}

// checkShownSaved finds every answer the child showed as saved.
func checkShownSaved(t *testing.T, path, out string) int {
	t.Helper()
	cat, _ := assessment.DefaultCatalog()
	store, err := storage.Open(path, cat)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	n := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), " ", 3)
		if len(parts) != 3 || !strings.HasSuffix(sc.Text(), "}") {
			continue // cut off by the kill
		}
		var want assessment.Answer
		if err := json.Unmarshal([]byte(parts[2]), &want); err != nil {
			continue
		}
		a, err := store.Assessment(bg(), parts[0])
		if err != nil {
			t.Fatalf("shown saved in %s: %v", parts[0], err)
		}
		if got, ok := assessment.Index(a.Answers)[parts[1]]; !ok || !reflect.DeepEqual(got, want) {
			t.Fatalf("shown saved: %s %s, the store has %+v", parts[0], parts[1], got)
		}
		n++
	}
	return n
}
