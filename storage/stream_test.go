package storage

import (
	"runtime"
	"slices"
	"testing"

	"github.com/digint/digint/assessment"
)

// exportAll reads every assessment as an export does.
func exportAll(t *testing.T, s *Store) []*assessment.Assessment {
	t.Helper()
	var out []*assessment.Assessment
	if err := s.ExportEach(ctx, Selection{All: true}, func(a *assessment.Assessment) error {
		out = append(out, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// Notes, others and drafts are read by their length: the separators the
// database gathers answers with, stored inside them, split nothing.
func TestExportReadsTextHoldingSeparators(t *testing.T) {
	s := newStore(t)
	importBytes(t, s, sampleDocument(t, s.Catalog(), 4, 5))
	before := exportAll(t, s)
	const nasty = "a\x1eb\x1fc\x1e\x1f 2\x1f0\x1f"
	read := assessment.CleanText(nasty, false) // handed out inert (inert.go)
	if _, err := s.db.Exec(`UPDATE answers SET note = ? WHERE item IN (SELECT min(item) FROM answers GROUP BY assessment)`, nasty); err != nil {
		t.Fatal(err)
	}
	multi := ""
	for _, it := range s.Catalog().Current().Items {
		if it.Kind == assessment.KindMulti && it.Other {
			multi = it.ID
		}
	}
	if _, err := s.db.Exec(`UPDATE answers SET other = ? WHERE item = ?`, nasty+"é", multi); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO drafts (assessment, item, note, develop)
	SELECT a.seq, 'zz-not-answered', ?, 1 FROM assessments a`, nasty); err != nil {
		t.Fatal(err)
	}
	after := exportAll(t, s)
	notes, others := 0, 0
	for i, a := range after {
		if len(a.Answers) != len(before[i].Answers) {
			t.Fatalf("%s: %d answers, %d before", a.ID, len(a.Answers), len(before[i].Answers))
		}
		for j, ans := range a.Answers {
			was := before[i].Answers[j]
			if ans.Note == read {
				notes++
				was.Note = read
			}
			if ans.Item == multi {
				others++
				was.Other = read + "é"
			}
			if !ans.Value.Equal(was.Value) || ans.Item != was.Item || ans.Status != was.Status || ans.Other != was.Other ||
				ans.Note != was.Note || ans.Develop != was.Develop {
				t.Errorf("%s: answer %+v read back as %+v", a.ID, was, ans)
			}
		}
		if !slices.Contains(a.Drafts, assessment.Draft{Item: "zz-not-answered", Note: read, Develop: true}) {
			t.Errorf("%s: drafts %+v", a.ID, a.Drafts)
		}
	}
	var stored int
	if err := s.db.QueryRow(`SELECT count(*) FROM answers WHERE note = ?`, nasty).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if notes != stored || others == 0 {
		t.Errorf("%d notes of %d read back, %d others", notes, stored, others)
	}
}

// An export reads each assessment with its answers in one row: the
// objects it makes grow with the assessments, not with a row per answer
// (each of which cost half a dozen strings and database/sql's own).
func TestExportAllocatesLittlePerAnswer(t *testing.T) {
	s := newStore(t)
	importBytes(t, s, sampleDocument(t, s.Catalog(), 200, 9))
	answers := 0
	for _, a := range exportAll(t, s) {
		answers += len(a.Answers)
	}
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	if err := s.ExportEach(ctx, Selection{All: true}, func(*assessment.Assessment) error { return nil }); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&m1)
	per := float64(m1.Mallocs-m0.Mallocs) / float64(answers)
	t.Logf("%d answers: %.2f allocations per answer", answers, per)
	if per > 2.5 {
		t.Errorf("reading %d answers made %.2f objects per answer", answers, per)
	}
}
