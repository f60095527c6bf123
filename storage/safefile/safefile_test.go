package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func writeText(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func TestWriteIsWholePrivateAndNeverThroughALink(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("keep me"), 0o644)
	link := filepath.Join(dir, "out.json")
	if err := os.Symlink(victim, link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, writeText("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep me" {
		t.Errorf("the link's target was written: %q", b)
	}
	fi, err := os.Lstat(link)
	if err != nil || fi.Mode()&os.ModeSymlink != 0 || fi.Mode().Perm() != 0o600 {
		t.Errorf("the name holds %v (%v), want a 0600 file", fi.Mode(), err)
	}
	// A failed write leaves the old file and no temporary one.
	if err := Write(link, func(w io.Writer) error { io.WriteString(w, "half"); return errors.New("disk full") }); err == nil {
		t.Error("a failed write reported success")
	}
	if b, _ := os.ReadFile(link); string(b) != "new" {
		t.Errorf("a failed write changed the file: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestWriteNewRefusesAnythingThere(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	os.WriteFile(target, []byte("x"), 0o600)
	link := filepath.Join(dir, "link")
	os.Symlink(filepath.Join(dir, "nowhere"), link) // dangling: still something
	for _, p := range []string{target, link} {
		if err := WriteNew(p, writeText("y")); !errors.Is(err, ErrExists) {
			t.Errorf("%s: %v", p, err)
		}
	}
	if err := WriteNew(filepath.Join(dir, "fresh"), writeText("y")); err != nil {
		t.Error(err)
	}
	// An error names the file asked for, not the temporary one.
	err := Write(filepath.Join(dir, "missing", "out"), writeText("y"))
	if err == nil || !strings.Contains(err.Error(), filepath.Join("missing", "out")) || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("error %v", err)
	}
}

// Why a file could not be written names the file asked for, never the
// temporary one: a disk that fills up while the file is written, or a
// folder in its place.
func TestErrorsNameTheFileAskedFor(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "export.json")
	full := func(w io.Writer) error {
		f := w.(*os.File)
		_, err := f.Write([]byte("half"))
		if err == nil { // as os.File reports a full disk
			err = &fs.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
		}
		return fmt.Errorf("export: %w", err)
	}
	var pe *fs.PathError
	err := Write(out, full)
	if !errors.As(err, &pe) || pe.Path != out || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("a full disk: %v, want a path error naming %s", err, out)
	}
	err = Write(dir, writeText("x"))
	if !errors.As(err, &pe) || pe.Path != dir || !errors.Is(err, syscall.EISDIR) {
		t.Errorf("a folder in the way: %v", err)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Errorf("the folder in the way is gone: %v", err)
	}
}
