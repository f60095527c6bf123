package storage

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// stored is what a store holds, as exported, for before/after comparisons.
func stored(t *testing.T, s *Store) []assessment.Assessment {
	t.Helper()
	d, err := s.Export(ctx, Selection{All: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []assessment.Assessment
	for _, r := range d.Assessments {
		out = append(out, r.Assessment)
	}
	return out
}

func integrityOK(t *testing.T, s *Store) {
	t.Helper()
	var check string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q, %v", check, err)
	}
}

// A disk that fills up is simulated with a page limit on the store's
// connections: SQLite then fails as it does on a full disk, with SQLITE_FULL.
func TestDiskFull(t *testing.T) {
	sqliteOnly(t)
	path := filepath.Join(t.TempDir(), "digint.db")
	s := openAt(t, path)
	rng := rand.New(rand.NewPCG(8, 8))
	first := startAssessment(t, s, assessment.ModeFull)
	answerAll(t, s, first, rng)
	var open []*assessment.Assessment
	for range 10 {
		open = append(open, startAssessment(t, s, assessment.ModeFull))
	}

	var pages int
	if err := s.db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	onEveryConnection(t, s, fmt.Sprintf("PRAGMA max_page_count = %d", pages+4))

	// An import that needs room fails whole, and says why.
	before := stored(t, s)
	_, err := s.Import(ctx, "big.json", bytes.NewReader(sampleDocument(t, s.Catalog(), 30, 8)))
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "disk is full") || !strings.Contains(err.Error(), "big.json") {
		t.Errorf("import on a full disk: %v", err)
	}
	if !reflect.DeepEqual(stored(t, s), before) {
		t.Error("the failed import changed the store")
	}

	// Answers are saved until the disk is full; the one that does not fit
	// fails clearly.
	items := s.Catalog().Current().Asked(assessment.ModeFull)
	var saved int
	err = nil
	for i := 0; err == nil && i < len(open)*len(items); i++ {
		ans := sample.Answer(items[i%len(items)], rng)
		ans.Note = strings.Repeat("n", assessment.MaxNoteLen)
		if err = s.SaveAnswer(ctx, open[i/len(items)].ID, ans); err == nil {
			saved++
		}
	}
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "disk is full") || !strings.Contains(err.Error(), path) {
		t.Fatalf("after %d answers: %v; want a disk-full error naming the file", saved, err)
	}
	if saved == 0 {
		t.Error("nothing fitted: the limit was too tight to show answers saved up to the full disk")
	}
	before = stored(t, s)

	// With room again (a new connection has no limit), everything saved is
	// there and the file is sound.
	s.Close()
	s = openAt(t, path)
	if got := stored(t, s); !reflect.DeepEqual(got, before) {
		t.Error("the data differs after reopening")
	}
	got, _ := s.Assessment(ctx, first.ID)
	if len(got.Answers) != len(items) {
		t.Errorf("the first assessment has %d answers, want %d", len(got.Answers), len(items))
	}
	integrityOK(t, s)
}

// makeReadOnly makes files read-only for this process, even as root, and
// undoes it at the end of the test. As root it sets the immutable attribute,
// which also stops writes through descriptors already open; otherwise it
// takes the write permission away, which stops only new opens. It tells
// which it did, and fails the test when it can do neither (root on a file
// system without the attribute).
func makeReadOnly(t *testing.T, paths ...string) (immutable bool) {
	t.Helper()
	immutable = true
	for _, p := range paths {
		if err := setImmutable(p, true); err == nil {
			t.Cleanup(func() { setImmutable(p, false) })
		} else if err := os.Chmod(p, 0o400); err != nil {
			t.Fatal(err)
		} else {
			immutable = false
		}
		if f, err := os.OpenFile(p, os.O_RDWR, 0); err == nil {
			f.Close()
			t.Fatalf("cannot make %s read-only here (root on a file system without chattr +i?)", p)
		}
	}
	return immutable
}

func undoReadOnly(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		setImmutable(p, false)
		if err := os.Chmod(p, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadOnlyFileIsRefusedUntouched(t *testing.T) {
	sqliteOnly(t)
	path := filepath.Join(t.TempDir(), "digint.db")
	s := openAt(t, path)
	answerAll(t, s, startAssessment(t, s, assessment.ModeQuick), rand.New(rand.NewPCG(9, 9)))
	want := stored(t, s)
	s.Close()

	makeReadOnly(t, path)
	before := fileHash(t, path)
	if s, err := Open(path, testCatalog(t)); err == nil {
		s.Close()
		t.Fatal("opened a read-only file")
	} else if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "read-only") || !strings.Contains(err.Error(), path) {
		t.Errorf("error %q: want read-only, naming the file", err)
	}
	if fileHash(t, path) != before {
		t.Error("the read-only file changed")
	}
	noSideFiles(t, path)

	undoReadOnly(t, path)
	s = openAt(t, path)
	if got := stored(t, s); !reflect.DeepEqual(got, want) {
		t.Error("the data differs")
	}
}

// A file that turns read-only while digint runs (chattr +i, chmod, a
// remount): saving fails clearly, nothing saved is lost, and saving works
// again once the file can be written.
func TestFileTurnsReadOnlyWhileOpen(t *testing.T) {
	sqliteOnly(t)
	path := filepath.Join(t.TempDir(), "digint.db")
	s := openAt(t, path)
	rng := rand.New(rand.NewPCG(10, 10))
	a := startAssessment(t, s, assessment.ModeFull)
	items := s.Catalog().Current().Asked(a.Mode)
	for _, it := range items[:5] {
		if err := s.SaveAnswer(ctx, a.ID, sample.Answer(it, rng)); err != nil {
			t.Fatal(err)
		}
	}
	want := stored(t, s)

	if !makeReadOnly(t, path, path+"-wal") {
		// Open descriptors keep write access after a chmod: connections
		// opened from now on meet the read-only file.
		s.db.SetMaxIdleConns(0)
	}
	err := s.SaveAnswer(ctx, a.ID, sample.Answer(items[5], rng))
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "read-only") || !strings.Contains(err.Error(), path) {
		t.Errorf("saving into a read-only file: %v", err)
	}
	if got := stored(t, s); !reflect.DeepEqual(got, want) {
		t.Error("the data changed")
	}

	undoReadOnly(t, path, path+"-wal")
	if _, err := os.Stat(path + "-shm"); err == nil {
		// Connections that met the read-only file made a read-only
		// index; the errors name it, and the user fixes it too.
		if _, err := s.Assessment(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAnswer(ctx, a.ID, sample.Answer(items[5], rng)); err != nil && !strings.Contains(err.Error(), "-shm is read-only") {
			t.Errorf("saving with a read-only index: %v", err)
		}
		undoReadOnly(t, path+"-shm")
	}
	s.db.SetMaxIdleConns(4)
	if err := s.SaveAnswer(ctx, a.ID, sample.Answer(items[5], rng)); err != nil {
		t.Errorf("saving once writable again: %v", err)
	}
	s.Close()
	s = openAt(t, path)
	if got, _ := s.Assessment(ctx, a.ID); len(got.Answers) != 6 {
		t.Errorf("%d answers, want 6", len(got.Answers))
	}
	integrityOK(t, s)
}

// A lock held past the busy timeout is explained, not passed on as
// "database is locked (5)".
func TestBusyIsExplained(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digint.db")
	openAt(t, path)
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
	impatient, err := sql.Open("sqlite", fileURI(path)+"?_txlock=immediate&_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer impatient.Close()
	_, err = impatient.Begin()
	if !isBusy(err) {
		t.Fatalf("want SQLITE_BUSY, got %v", err)
	}
	msg := explain(path, "save", err).Error()
	if !strings.Contains(msg, "locked") || !strings.Contains(msg, path) || !strings.Contains(msg, "not saved") {
		t.Errorf("busy explained as %q", msg)
	}
}
