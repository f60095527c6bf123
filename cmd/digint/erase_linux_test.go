package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The erase prompt names whose assessment it is, its date and mode, not
// only an id; answering no erases nothing.
func TestErasePromptNamesPersonDateMode(t *testing.T) {
	dir := t.TempDir()
	const id = "6d5f3f63-1111-4000-8000-000000000001"
	importPeople(t, dir, map[string]string{id: "Ana Pérez"})
	master, tty := openPTY(t)
	var out bytes.Buffer
	var errb lockedBuffer
	e := &env{getenv: func(k string) string {
		if k == "DIGINT_DB" {
			return filepath.Join(dir, "digint.db")
		}
		return ""
	}, stdin: tty, stdout: &out, stderr: &errb}
	args := []string{"erase", "6d5f"}
	done := make(chan error, 1)
	go func() {
		root := newRoot(e, args)
		root.SetArgs(args)
		done <- root.ExecuteContext(context.Background())
	}()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(errb.String(), ":"); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no prompt: %q", errb.String())
		}
	}
	master.Write([]byte("no\n"))
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	prompt := errb.String()
	for _, want := range []string{"Ana Pérez", "2026-10-01", "quick scan", id} {
		if !strings.Contains(prompt, want) {
			t.Errorf("prompt %q does not name %q", prompt, want)
		}
	}
	if list, _, _ := run(t, dir, "list"); !strings.Contains(list, id) {
		t.Error("answering no erased the assessment")
	}
}
