package storage

import (
	"bytes"
	"testing"
	"time"
)

// An import whose program died half-way through applying it is finished by
// the next program to open the database, once it has stalled; one still
// moving is left to its own program.
func TestOpenFinishesAStalledImport(t *testing.T) {
	sqliteOnly(t)
	path := t.TempDir() + "/digint.db"
	s := openAt(t, path)
	s.Now = time.Now // times as another program opening it would see them
	const n = 300    // more than one stage batch, several apply batches
	doc := sampleDocument(t, s.Catalog(), n, 9)
	l := &lazyConn{s: s}
	run, _, err := s.stage(ctx, l, "big.json", bytes.NewReader(doc), func(ImportProgress) {})
	if err != nil || run == 0 {
		t.Fatalf("stage: run %d, %v", run, err)
	}
	if err := l.write(ctx, func(tx txer) error {
		_, err := tx.ExecContext(ctx, `UPDATE imports SET state = 'applying', touched_at = ? WHERE id = ?`, formatTime(s.now()), run)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// One batch applied, then the program "dies". Alone, a batch could
	// apply them all: it gets the budget of an import others wait for.
	defer func(b time.Duration) { aloneBudget = b }(aloneBudget)
	aloneBudget = time.Millisecond
	// One batch applied, then the program "dies".
	if err := l.write(ctx, func(tx txer) error {
		_, _, err := s.applyBatch(ctx, tx, run, s.now())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	l.close()
	count := func(s *Store) int {
		n, err := s.Count(ctx, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	partial := count(s)
	if partial == 0 || partial >= n {
		t.Fatalf("after one batch %d of %d are in: the test proves nothing", partial, n)
	}
	s.Close()

	// Opened again at once: the import may still be moving; it is left.
	s = openAt(t, path)
	s.Close()
	fresh, err := OpenReadOnly(path, testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := count(fresh); got != partial {
		t.Errorf("a moving import was finished by another program: %d", got)
	}
	fresh.Close()

	// Later, when it has stalled, opening finishes it: the whole file is in.
	rawExec(t, path, "UPDATE imports SET touched_at = '"+formatTime(time.Now().Add(-2*stallAfter))+"'")
	later, err := Open(path, testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	defer later.Close()
	if got := count(later); got != n {
		t.Errorf("after finishing: %d of %d", got, n)
	}
}
