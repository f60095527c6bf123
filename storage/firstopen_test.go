package storage

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// Many Stores opening a database that does not exist yet, at once, in one
// program: every one opens it and can write, every time.
func TestFirstOpenByManyAtOnce(t *testing.T) {
	sqliteOnly(t)
	const rounds, openers = 30, 12
	for r := range rounds {
		path := filepath.Join(t.TempDir(), "new", "digint.db")
		start := make(chan struct{})
		errs := make(chan error, openers)
		var wg sync.WaitGroup
		for i := range openers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				errs <- openAndWrite(path, fmt.Sprintf("R%d-%d", r, i))
			}()
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", r, err)
			}
		}
		if n := countWorkshops(t, path); n != openers {
			t.Fatalf("round %d: %d workshops, want %d", r, n, openers)
		}
	}
}

// The same with separate programs: this test binary, run again as
// TestFirstOpenChild.
func TestFirstOpenByManyProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	const rounds, openers = 12, 6
	for r := range rounds {
		path := filepath.Join(t.TempDir(), "digint.db")
		db := testDB(t, path) // on PostgreSQL: an empty database, migrated by the race
		var cmds []*exec.Cmd
		outs := make([][]byte, openers)
		var wg sync.WaitGroup
		for i := range openers {
			cmd := exec.Command(os.Args[0], "-test.run=^TestFirstOpenChild$")
			cmd.Env = append(os.Environ(), "DIGINT_FIRST_OPEN="+db, fmt.Sprintf("DIGINT_FIRST_OPEN_CODE=P%d-%d", r, i))
			cmds = append(cmds, cmd)
			wg.Add(1)
			go func() {
				defer wg.Done()
				outs[i], _ = cmd.CombinedOutput()
			}()
		}
		wg.Wait()
		for i, cmd := range cmds {
			if !cmd.ProcessState.Success() {
				t.Fatalf("round %d, process %d failed:\n%s", r, i, outs[i])
			}
		}
		if n := countWorkshops(t, path); n != openers {
			t.Fatalf("round %d: %d workshops, want %d", r, n, openers)
		}
	}
}

func TestFirstOpenChild(t *testing.T) {
	path := os.Getenv("DIGINT_FIRST_OPEN")
	if path == "" {
		t.Skip("run by TestFirstOpenByManyProcesses")
	}
	if err := openAndWrite(path, os.Getenv("DIGINT_FIRST_OPEN_CODE")); err != nil {
		t.Fatal(err)
	}
}

// openAndWrite opens the database and creates a workshop in it.
func openAndWrite(path, code string) error {
	s, err := Open(path, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	_, err = s.CreateWorkshop(ctx, code, "first open")
	return err
}

func countWorkshops(t *testing.T, path string) int {
	t.Helper()
	s := openAt(t, path)
	defer s.Close()
	return count(t, s, "workshops")
}
