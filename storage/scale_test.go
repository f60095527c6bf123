package storage

import (
	"database/sql"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// Databases of many generated assessments, for the tests that check a cost
// stays flat, and for benchmarks.

// bigStore is a store of n sample assessments, full and quick, one in ten
// unfinished, all in workshop when it is not "". The rows are written
// straight, in one transaction: a tenth of the time of an import, the
// store's own writing being tested elsewhere.
func bigStore(t testing.TB, n int, workshop string) *Store {
	t.Helper()
	if testing.Short() {
		t.Skip("makes a large database")
	}
	s := openAt(t, filepath.Join(t.TempDir(), "big.db"))
	rng := rand.New(rand.NewPCG(uint64(n), 3))
	b := s.Catalog().Current()
	err := s.write(ctx, func(tx txer) error {
		if workshop != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO workshops (code, title, created_at) VALUES (?, ?, ?)`, workshop, workshop, formatTime(s.now())); err != nil {
				return err
			}
		}
		ins := func(query string) *sql.Stmt {
			st, err := tx.PrepareContext(ctx, query)
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		person := ins(`INSERT INTO participants (id, role, created_at) VALUES (?, ?, ?)`)
		one := ins(`INSERT INTO assessments (seq, id, participant_id, role, workshop, bank_id, bank_version, mode, language, started_at, updated_at, completed_at)
	VALUES (?, ?, ?, ?, nullif(?, ''), ?, ?, ?, ?, ?, ?, ?)`)
		answer := ins(`INSERT INTO answers (assessment, item, status, value, other, note, develop) VALUES (?, ?, ?, ?, ?, ?, ?)`)
		for i := range n {
			a := sample.Assessment(b, rng, []assessment.Mode{assessment.ModeFull, assessment.ModeQuick}[i%2])
			if i%10 == 0 {
				a = sample.Partial(b, rng)
			}
			p := a.Participant
			if _, err := person.Exec(p.ID, p.Role, formatTime(a.StartedAt)); err != nil {
				return err
			}
			if _, err := one.Exec(i+1, a.ID, p.ID, p.Role, workshop, a.Bank.ID, a.Bank.Version, a.Mode, a.Language,
				formatTime(a.StartedAt), formatTime(a.UpdatedAt), formatTimePtr(a.CompletedAt)); err != nil {
				return err
			}
			for _, ans := range a.Answers {
				v, err := encodeValue(ans.Value)
				if err != nil {
					return err
				}
				if _, err := answer.Exec(i+1, ans.Item, ans.Status, v, ans.Other, ans.Note, ans.Develop); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestFlatAt10k: the costs that must not grow with the database, checked
// on one database of 10,000 assessments (made once: it takes seconds).
func TestFlatAt10k(t *testing.T) {
	s := bigStore(t, 10_000, "WS-BIG")
	t.Run("list", func(t *testing.T) { listMemoryFlat(t, s) })
	t.Run("welcome", func(t *testing.T) { welcomeListFlat(t, s) })
	t.Run("group report", func(t *testing.T) { groupReportFromStore(t, s) })
}

// liveHeap is the memory still in use, after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// heapGrowth runs fn with a probe that fn calls now and then; it returns
// the most live heap, over what there was before, that a probe saw.
func heapGrowth(fn func(probe func())) uint64 {
	base := liveHeap()
	var peak uint64
	fn(func() {
		if h := liveHeap(); h > base {
			peak = max(peak, h-base)
		}
	})
	return peak
}

// peakHeap runs fn and returns the most heap in use while it ran, over what
// there was before. The collector runs often meanwhile (GOGC=10), so the
// figure is close to what fn kept, not to its garbage.
func peakHeap(fn func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	base := liveHeap()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > base && m.HeapAlloc-base > peak.Load() {
				peak.Store(m.HeapAlloc - base)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	})
	fn()
	close(done)
	wg.Wait()
	return peak.Load()
}
