package storage

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	importDBEnv   = "DIGINT_IMPORT_CHILD_DB"
	importFileEnv = "DIGINT_IMPORT_CHILD_FILE"
)

// TestImportChild imports a file when the environment says so: the child
// of TestCrashDuringImportLeavesAllOrNothing.
func TestImportChild(t *testing.T) {
	path := os.Getenv(importDBEnv)
	if path == "" {
		t.Skip("run by TestCrashDuringImportLeavesAllOrNothing")
	}
	s, err := Open(testDB(t, path), testCatalog(t))
	if err != nil {
		fmt.Fprintln(os.Stderr, "import child:", err)
		os.Exit(3)
	}
	if _, err := importFile(s, os.Getenv(importFileEnv)); err != nil {
		fmt.Fprintln(os.Stderr, "import child:", err)
		os.Exit(3)
	}
	s.Close()
}

// A child importing a file larger than many batches is killed at a random
// moment. On reopening, once what a crash left is finished (as Import and
// the next open do), the file is there whole or not at all; before that,
// part of it shows only if the import had been decided.
func TestCrashDuringImportLeavesAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "big.json")
	writeBigDocument(t, testCatalog(t), file, 6*stageCount, 21, nil)
	ref := openAt(t, filepath.Join(dir, "ref.db"))
	start := time.Now()
	if _, err := importFile(ref, file); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	want := [2]int{count(t, ref, "assessments"), count(t, ref, "answers")}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d; an import takes %v", seed, took)
	rng := rand.New(rand.NewPCG(seed, 5))
	states := map[string]int{}
	for run := range 8 {
		path := filepath.Join(dir, fmt.Sprintf("run%d.db", run))
		if s, err := Open(testDB(t, path), testCatalog(t)); err != nil { // migrated before: the child only imports
			t.Fatal(err)
		} else {
			s.Close()
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestImportChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), importDBEnv+"="+path, importFileEnv+"="+file)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(50+rng.Int64N(int64(took*3/2/time.Millisecond))) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		if strings.Contains(stderr.String(), "import child:") {
			t.Fatalf("run %d: %s", run, stderr.String())
		}
		s := openAt(t, path)
		var state string
		s.db.QueryRow(`SELECT coalesce(max(state), 'none') FROM imports`).Scan(&state)
		got := [2]int{count(t, s, "assessments"), count(t, s, "answers")}
		if state != "applying" && got != want && got != [2]int{} {
			t.Fatalf("run %d: killed while %s, %v stored of %v", run, state, got, want)
		}
		if state == "none" && got == want {
			state = "done"
		}
		states[state]++
		if err := s.FinishImports(ctx); err != nil {
			t.Fatalf("run %d: finishing: %v", run, err)
		}
		got = [2]int{count(t, s, "assessments"), count(t, s, "answers")}
		if got != want && got != [2]int{} {
			t.Fatalf("run %d: killed while %s, %v stored of %v after finishing", run, state, got, want)
		}
		if state == "applying" && got != want {
			t.Fatalf("run %d: a decided import was not finished: %v of %v", run, got, want)
		}
		if problem, err := s.Check(ctx); err != nil || problem != "" {
			t.Fatalf("run %d: check %q, %v", run, problem, err)
		}
		if n := count(t, s, "import_staged"); state == "applying" && n != 0 {
			t.Fatalf("run %d: %d staged rows left after finishing", run, n)
		}
		s.Close()
	}
	t.Logf("killed while: %v", states)
}
