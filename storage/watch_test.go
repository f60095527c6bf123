package storage

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// watchPair is a writer and a read-only watcher of one file; the watcher's
// clock stands still unless the test moves it.
func watchPair(t *testing.T) (writer, reader *Store, now *time.Time) {
	path := filepath.Join(t.TempDir(), "digint.db")
	writer = openAt(t, path)
	if _, err := writer.Start(ctx, NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Language: "en",
		Mode: assessment.ModeQuick, Workshop: "WS1"}); err != nil {
		t.Fatal(err)
	}
	reader, err := OpenReadOnly(testDB(t, path), testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reader.Close() })
	at := time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)
	reader.Now = func() time.Time { return at }
	return writer, reader, &at
}

// sameAsFull fails when the watch's report is not the one computed afresh.
func sameAsFull(t *testing.T, reader *Store, w *GroupWatch, when string) {
	t.Helper()
	full, err := reader.GroupReport(ctx, "WS1")
	if err != nil {
		t.Fatal(err)
	}
	if got := w.View().Report; !reflect.DeepEqual(got, full) {
		t.Errorf("%s: the watched report differs from a full recomputation\n got %+v\nwant %+v", when, got, full)
	}
}

// TestGroupWatchFollowsWriters: a watcher refreshing while another store
// writes ends on the report computed afresh, rereading only the
// assessments written; new ones, imported ones with old times, completed
// and erased ones are all seen.
func TestGroupWatchFollowsWriters(t *testing.T) {
	writer, reader, now := watchPair(t)
	w, err := reader.WatchGroup(ctx, "WS1")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	sameAsFull(t, reader, w, "at the start")

	// A room answering while the watcher refreshes.
	b := writer.Catalog().Current()
	var ids []string
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range 8 {
			a, err := writer.Start(ctx, NewAssessment{Participant: assessment.Participant{Role: b.Roles[i%3].ID},
				Language: "en", Mode: assessment.ModeQuick, Workshop: []string{"WS1", "WS1", "WS1", "OTHER"}[i%4]})
			if err != nil {
				t.Error(err)
				return
			}
			ids = append(ids, a.ID)
			for _, it := range b.Asked(a.Mode) {
				if err := writer.SaveAnswer(ctx, a.ID, sample.Answer(it, rng)); err != nil {
					t.Error(err)
					return
				}
			}
		}
	}()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	refreshes := 0
	for waiting := true; waiting; refreshes++ {
		select {
		case <-done:
			waiting = false
		case <-time.After(time.Millisecond):
		}
		if _, err := w.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	sameAsFull(t, reader, w, "after a room answered")
	if v := w.View(); v.Report.Assessments != 7 || v.Answering != 7 {
		t.Errorf("%d assessments, %d answering (every one saved in the last minutes)", v.Report.Assessments, v.Answering)
	}
	t.Logf("%d refreshes while answers arrived", refreshes)

	// Nothing written: nothing read.
	if changed, _ := w.Refresh(ctx); changed {
		t.Error("a refresh without writes changed the report")
	}
	// One answer: one assessment read again.
	rng := rand.New(rand.NewPCG(3, 4))
	item := b.Asked(assessment.ModeQuick)[3]
	if err := writer.SaveAnswer(ctx, ids[0], sample.Answer(item, rng)); err != nil {
		t.Fatal(err)
	}
	if changed, err := w.Refresh(ctx); err != nil || !changed || w.View().Reread != 1 {
		t.Errorf("after one answer: changed %v, %d read again, %v", changed, w.View().Reread, err)
	}
	sameAsFull(t, reader, w, "after one answer")
	// A write elsewhere reads no assessment of the workshop.
	if err := writer.SaveAnswer(ctx, ids[3], sample.Answer(item, rng)); err != nil {
		t.Fatal(err)
	}
	if changed, _ := w.Refresh(ctx); changed || w.View().Reread != 0 {
		t.Errorf("a write in another workshop: changed %v, %d read", changed, w.View().Reread)
	}
	// Completing is seen.
	if err := writer.Complete(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	w.Refresh(ctx)
	sameAsFull(t, reader, w, "after completing one")
	if w.View().Report.Complete != 1 {
		t.Errorf("%d complete", w.View().Report.Complete)
	}
	// Laptop files imported with their own, older times.
	var old []*assessment.Assessment
	for range 3 {
		a := sample.Assessment(b, rng, assessment.ModeFull)
		a.Workshop = "WS1"
		old = append(old, a)
	}
	importBytes(t, writer, writeDocument(t, writer.Catalog(), old))
	w.Refresh(ctx)
	sameAsFull(t, reader, w, "after an import of older files")
	// Erasing leaves no newer time: seen at the next full comparison.
	if err := writer.EraseAssessment(ctx, ids[2]); err != nil {
		t.Fatal(err)
	}
	*now = now.Add(watchReconcile)
	w.Refresh(ctx)
	sameAsFull(t, reader, w, "after erasing one")
	// Who saved lately is answering; the others have paused.
	*now = now.Add(time.Hour)
	w.Refresh(ctx)
	if n := w.View().Answering; n != 0 {
		t.Errorf("an hour later %d are answering", n)
	}
}

func TestGroupWatchUnknownWorkshop(t *testing.T) {
	_, reader, _ := watchPair(t)
	if _, err := reader.WatchGroup(ctx, "NOPE"); err == nil {
		t.Error("an unknown workshop is watched")
	}
}

// BenchmarkGroupWatch: with 1,000 and 10,000 participants in a workshop,
// one refresh after an answer was saved (Refresh), one with nothing
// written (Idle), against the floor of computing the report afresh from
// the store (Full), in the same run.
func BenchmarkGroupWatch(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		s := bigStore(b, n, "WS-BIG")
		s.Now = time.Now // a test clock would tick a second a call
		w, err := s.WatchGroup(ctx, "WS-BIG")
		if err != nil {
			b.Fatal(err)
		}
		var ids []string
		if err := s.read(ctx, func(tx txer) error {
			rows, err := tx.QueryContext(ctx, `SELECT id FROM assessments WHERE workshop = 'WS-BIG' AND completed_at IS NULL LIMIT 200`)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id string
				rows.Scan(&id)
				ids = append(ids, id)
			}
			return rows.Err()
		}); err != nil {
			b.Fatal(err)
		}
		item := s.Catalog().Current().Asked(assessment.ModeQuick)[0]
		rng := rand.New(rand.NewPCG(1, 1))
		b.Run(fmt.Sprintf("Full%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.GroupReport(ctx, "WS-BIG"); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("Refresh%d", n), func(b *testing.B) {
			i := 0
			for b.Loop() {
				b.StopTimer()
				if err := s.SaveAnswer(ctx, ids[i%len(ids)], sample.Answer(item, rng)); err != nil {
					b.Fatal(err)
				}
				i++
				b.StartTimer()
				if changed, err := w.Refresh(ctx); err != nil || !changed {
					b.Fatal("the refresh saw no change", err)
				}
			}
		})
		b.Run(fmt.Sprintf("Idle%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := w.Refresh(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
		w.Close()
	}
}

// TestGroupWatchQueriesUseIndexes: finding what changed reads a range of
// an index, never the whole workshop.
func TestGroupWatchQueriesUseIndexes(t *testing.T) {
	sqliteOnly(t) // SQLite's query plans
	s := newStore(t)
	for _, q := range watchQueries {
		rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+q.sql, "W", 1)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		p := strings.Join(plan, "; ")
		if len(plan) != 1 || !strings.HasPrefix(p, "SEARCH") || strings.Contains(p, "assessments_by_workshop") ||
			!strings.Contains(p, "rowid>?") && !strings.Contains(p, "updated_at>?") {
			t.Errorf("%s\n  plan: %s", q.sql, p)
		}
	}
}

// TestGroupWatchSeqReused: when the newest assessment is erased, SQLite
// may give its seq to the next one; the erased one's figures go.
func TestGroupWatchSeqReused(t *testing.T) {
	sqliteOnly(t) // SQLite gives a deleted last rowid again; PostgreSQL never reuses a seq
	writer, reader, _ := watchPair(t)
	w, err := reader.WatchGroup(ctx, "WS1")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	start := func(role string) *assessment.Assessment {
		a, err := writer.Start(ctx, NewAssessment{Participant: assessment.Participant{Role: role}, Language: "en",
			Mode: assessment.ModeQuick, Workshop: "WS1"})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	last := start("manager")
	w.Refresh(ctx)
	if err := writer.EraseAssessment(ctx, last.ID); err != nil {
		t.Fatal(err)
	}
	start("policy") // takes the erased one's seq
	w.Refresh(ctx)
	sameAsFull(t, reader, w, "after a seq was given again")
	if roles := w.View().Report.Roles; roles["manager"] != 0 {
		t.Errorf("the erased manager is still counted: %v", roles)
	}
}
