package storage

import (
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// While another program holds the write lock (an import, say), opening,
// listing and reading need no lock: they succeed at once, where they used
// to wait out the busy timeout three times and fail.
func TestReadersDoNotWaitForAWriter(t *testing.T) {
	path := filledFile(t, t.TempDir())
	holder, err := sql.Open("sqlite", fileURI(path)+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	tx, err := holder.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`UPDATE assessments SET language = language`); err != nil {
		t.Fatal(err)
	}
	for _, o := range []struct {
		name string
		open func(string, *Store) (*Store, error)
	}{
		{"Open", func(p string, _ *Store) (*Store, error) { return Open(p, testCatalog(t)) }},
		{"OpenReadOnly", func(p string, _ *Store) (*Store, error) { return OpenReadOnly(p, testCatalog(t)) }},
	} {
		s, err := o.open(path, nil)
		if err != nil {
			t.Fatalf("%s while another writes: %v", o.name, err)
		}
		list, err := s.List(ctx, Filter{})
		if err != nil || len(list) != 40 {
			t.Fatalf("%s: list: %d, %v", o.name, len(list), err)
		}
		if _, err := s.Export(ctx, Selection{IDs: []string{list[0].ID}}); err != nil {
			t.Errorf("%s: report: %v", o.name, err)
		}
		s.Close()
	}
}

// A Store opened for reading refuses writes, and takes no lock for them.
func TestReadOnlyStoreRefusesWrites(t *testing.T) {
	path := filledFile(t, t.TempDir())
	s, err := OpenReadOnly(path, testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CreateWorkshop(ctx, "RO-1", "read only"); !errors.Is(err, ErrOpenedReadOnly) {
		t.Errorf("a write through a read-only store: %v", err)
	}
}

// Reading only never creates, updates or refuses what Open would handle.
func TestOpenReadOnlyLeavesMissingAndOlderFiles(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none", "digint.db")
	if _, err := OpenReadOnly(missing, testCatalog(t)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Error("its folder was made")
	}
	older := filepath.Join(dir, "old.db")
	copyFile(t, "testdata/schema-v1.db", older)
	before := fileHash(t, older)
	if _, err := OpenReadOnly(older, testCatalog(t)); !errors.Is(err, ErrOlderSchema) {
		t.Errorf("an older schema: %v", err)
	}
	if fileHash(t, older) != before {
		t.Error("the older file changed")
	}
	noSideFiles(t, older)
}

// makeFolderReadOnly makes a folder read-only even for root (chattr +i),
// or skips the test where it cannot.
func makeFolderReadOnly(t *testing.T, dir string) {
	t.Helper()
	if err := setImmutable(dir, true); err != nil {
		if err := os.Chmod(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
	} else {
		t.Cleanup(func() { setImmutable(dir, false) })
	}
	if dirWritable(dir) {
		t.Skipf("cannot make %s read-only here", dir)
	}
}

// A database on read-only media (here: the file and its folder immutable)
// can be listed and exported; opening it for writing says why not.
func TestReadOnlyMediaCanBeRead(t *testing.T) {
	sqliteOnly(t)
	dir := t.TempDir()
	path := filledFile(t, dir)
	s := openAt(t, path)
	want := stored(t, s)
	s.Close()
	makeReadOnly(t, path)
	makeFolderReadOnly(t, dir)

	s, err := OpenReadOnly(path, testCatalog(t))
	if err != nil {
		t.Fatalf("open read-only media: %v", err)
	}
	if got := stored(t, s); !reflect.DeepEqual(got, want) {
		t.Error("the data read differs")
	}
	if list, err := s.List(ctx, Filter{}); err != nil || len(list) != len(want) {
		t.Errorf("list: %d, %v", len(list), err)
	}
	s.Close()
	if _, err := Open(path, testCatalog(t)); !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), path) {
		t.Errorf("open for writing: %v", err)
	}
	noSideFiles(t, path)
}

// A folder that cannot be written, holding a file that can, is named as
// the cause: SQLite cannot make its log files there. Reading still works.
func TestReadOnlyFolderIsNamed(t *testing.T) {
	dir := t.TempDir()
	path := filledFile(t, dir)
	makeFolderReadOnly(t, dir)
	_, err := Open(path, testCatalog(t))
	var f *Fault
	if !errors.Is(err, ErrFolderReadOnly) || !errors.As(err, &f) || f.Path != dir || !strings.Contains(err.Error(), "folder") {
		t.Errorf("open in a read-only folder: %v; want %q naming %s", err, ErrFolderReadOnly, dir)
	}
	s, err := OpenReadOnly(path, testCatalog(t))
	if err != nil {
		t.Fatalf("reading in a read-only folder: %v", err)
	}
	defer s.Close()
	if list, err := s.List(ctx, Filter{}); err != nil || len(list) != 40 {
		t.Errorf("list: %d, %v", len(list), err)
	}
}

// A write refused while the file itself can be written but its folder
// cannot (so its log files cannot be made) names the folder, not the file.
func TestReadOnlyErrorNamesTheFolder(t *testing.T) {
	dir := t.TempDir()
	path := filledFile(t, dir)
	db, err := sql.Open("sqlite", fileURI(path)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	_, refused := db.Exec(`DELETE FROM workshops`)
	db.Close()
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	makeFolderReadOnly(t, dir)
	err = explain(path, "save", refused)
	var f *Fault
	if !errors.Is(err, ErrFolderReadOnly) || !errors.As(err, &f) || f.Path != dir || !strings.Contains(err.Error(), "folder") {
		t.Errorf("explained as %q; want the folder %s named", err, dir)
	}
}
