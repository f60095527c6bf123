package storage

import (
	"database/sql"
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// groupReportFromStore: a workshop's report aggregated straight from the
// store is the one of its export, as it was computed before, and it is
// made in bounded memory. s holds 10,000 assessments of workshop WS-BIG.
func groupReportFromStore(t *testing.T, s *Store) {
	var want assessment.GroupReport
	oldPeak := peakHeap(func() {
		doc, err := s.Export(ctx, Selection{Workshop: "WS-BIG"})
		if err != nil {
			t.Fatal(err)
		}
		want = assessment.NewGroupReport(s.Catalog().Current(), doc.Assessments)
	})
	var got assessment.GroupReport
	var err error
	newPeak := peakHeap(func() { got, err = s.GroupReport(ctx, "WS-BIG") })
	if err != nil {
		t.Fatal(err)
	}
	if got.Assessments != 10_000 || !reflect.DeepEqual(got, want) {
		t.Errorf("the report from the store differs from the export's (%d assessments)", got.Assessments)
	}
	t.Logf("peak heap: %d KiB through an export, %d KiB from the store", oldPeak>>10, newPeak>>10)
	if newPeak > 24<<20 {
		t.Errorf("the group report of 10,000 took %d KiB of heap", newPeak>>10)
	}
	if _, err := s.GroupReport(ctx, "NO-SUCH"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown workshop: %v", err)
	}
}

// BenchmarkGroupReport10k: a workshop of 10,000 through an export (as it
// was) and straight from the store, against the floor of reading the same
// answer rows without making anything of them, in any order and in the
// report's.
func BenchmarkGroupReport10k(b *testing.B) {
	s := bigStore(b, 10_000, "WS-BIG")
	b.Run("BaselineReadRows", func(b *testing.B) {
		for b.Loop() {
			rows, err := s.db.Query(`SELECT `+answerColumns+` FROM assessments a JOIN answers x ON x.assessment = a.seq WHERE a.workshop = ?`, "WS-BIG")
			if err != nil {
				b.Fatal(err)
			}
			var (
				seq                       int64
				item, status, other, note string
				value                     sql.NullString
				develop                   bool
			)
			for rows.Next() {
				if err := rows.Scan(&seq, &item, &status, &value, &other, &note, &develop); err != nil {
					b.Fatal(err)
				}
			}
			rows.Close()
		}
	})
	b.Run("BaselineReadRowsInOrder", func(b *testing.B) {
		loopCPU(b, func() {
			rows, err := s.db.Query(`SELECT `+answerColumns+` FROM assessments a JOIN answers x ON x.assessment = a.seq WHERE a.workshop = ? ORDER BY a.started_at, a.id`, "WS-BIG")
			if err != nil {
				b.Fatal(err)
			}
			var (
				seq                       int64
				item, status, other, note string
				value                     sql.NullString
				develop                   bool
			)
			for rows.Next() {
				if err := rows.Scan(&seq, &item, &status, &value, &other, &note, &develop); err != nil {
					b.Fatal(err)
				}
			}
			rows.Close()
		})
	})
	b.Run("Export", func(b *testing.B) {
		for b.Loop() {
			doc, err := s.Export(ctx, Selection{Workshop: "WS-BIG"})
			if err != nil {
				b.Fatal(err)
			}
			assessment.NewGroupReport(s.Catalog().Current(), doc.Assessments)
		}
	})
	b.Run("Store", func(b *testing.B) {
		loopCPU(b, func() {
			if _, err := s.GroupReport(ctx, "WS-BIG"); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// A workshop answered on an earlier version of the bank is reported on
// that version, as most of it was answered; the others are counted, not
// mixed in.
func TestGroupReportOnTheWorkshopsOwnVersion(t *testing.T) {
	s := newStore(t)
	banks := s.Catalog().Banks()
	if len(banks) < 2 {
		t.Fatal("the test needs two versions of the bank")
	}
	old, cur := banks[0], s.Catalog().Current()
	rng := rand.New(rand.NewPCG(5, 5))
	var as []*assessment.Assessment
	for i := range 7 {
		b := old
		if i >= 5 {
			b = cur
		}
		a := sample.Assessment(b, rng, assessment.ModeFull)
		a.Workshop = "OLD-26"
		as = append(as, a)
	}
	importBytes(t, s, writeDocument(t, s.Catalog(), as))
	rep, err := s.GroupReport(ctx, "OLD-26")
	if err != nil {
		t.Fatal(err)
	}
	want := assessment.BankRef{ID: old.ID, Version: old.Version}
	if rep.Bank != want || rep.Assessments != 5 || rep.OtherVersions != 2 {
		t.Errorf("reported on %v with %d, %d left out; want %v with 5, 2 left out", rep.Bank, rep.Assessments, rep.OtherVersions, want)
	}
	var tie []*assessment.Assessment // as many on each: the newer version
	for i := range 6 {
		b := []*assessment.Bank{old, cur}[i%2]
		a := sample.Assessment(b, rng, assessment.ModeQuick)
		a.Workshop = "TIE-26"
		tie = append(tie, a)
	}
	importBytes(t, s, writeDocument(t, s.Catalog(), tie))
	if rep, err := s.GroupReport(ctx, "TIE-26"); err != nil || rep.Bank.Version != cur.Version || rep.OtherVersions != 3 {
		t.Errorf("a tie is reported on %v, %d left out (%v); want the current version, 3 left out", rep.Bank, rep.OtherVersions, err)
	}
	w, err := s.WatchGroup(ctx, "OLD-26") // the live view, likewise
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	live := w.View().Report
	if w.Bank() != old || live.Bank != want || live.Assessments != 5 || live.OtherVersions != 2 {
		t.Errorf("the live view is on %v with %d, %d left out; want %v with 5, 2 left out", live.Bank, live.Assessments, live.OtherVersions, want)
	}
}
