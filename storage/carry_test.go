package storage

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/digint/digint/assessment"
)

// An assessment begun on bank 1.0.0 and not finished goes on on the
// current bank: its gate's "partly" becomes "planned", every answer is
// kept, and answers the current bank offers (planned, none of these) can
// be saved. A completed one stays on 1.0.0.
func TestContinueCarriesToTheCurrentBank(t *testing.T) {
	s := newStore(t)
	data, err := os.ReadFile(filepath.Join("..", "assessment", "testdata", "bank-1.0.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	rep := importBytes(t, s, data)
	if rep.Added != 2 {
		t.Fatalf("import: %+v", rep)
	}
	doc, err := assessment.Decode(bytes.NewReader(data), s.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	done, open := doc.Assessments[0].Assessment, doc.Assessments[1].Assessment
	// Make the second unfinished, as if stopped half-way on 1.0.0.
	if _, err := s.db.ExecContext(ctx, `UPDATE assessments SET completed_at = NULL WHERE id = ?`, open.ID); err != nil {
		t.Fatal(err)
	}
	cur := s.Catalog().Current()
	if a, err := s.Continue(ctx, done.ID); err != nil || a.Bank.Version != "1.0.0" {
		t.Errorf("a completed 1.0.0 assessment: %v %v", a.Bank, err)
	}
	a, err := s.Continue(ctx, open.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Bank.Version != cur.Version || len(a.Answers) != len(open.Answers) {
		t.Fatalf("continued on %s with %d answers, want %s with %d", a.Bank.Version, len(a.Answers), cur.Version, len(open.Answers))
	}
	stored, _ := s.Assessment(ctx, open.ID)
	for _, x := range stored.Answers {
		if it, _ := cur.Item(x.Item); it.IsGate() && x.Value.String() != "planned" {
			t.Errorf("gate %s carried as %v", x.Item, x.Value)
		}
	}
	if stored.Bank.Version != cur.Version {
		t.Errorf("stored on %s", stored.Bank.Version)
	}
	gate := cur.Sections[1].Gate
	if err := s.SaveAnswer(ctx, open.ID, assessment.Answer{Item: gate, Status: assessment.StatusAnswered, Value: assessment.String("planned")}); err != nil {
		t.Errorf("planned refused after continuing: %v", err)
	}
	for _, it := range cur.Items {
		if none, ok := it.NoneOption(); ok {
			if err := s.SaveAnswer(ctx, open.ID, assessment.Answer{Item: it.ID, Status: assessment.StatusAnswered, Value: assessment.List([]string{none})}); err != nil {
				t.Errorf("none of these refused after continuing: %v", err)
			}
			break
		}
	}
	// Results and the list read it on its new version.
	list, _ := s.List(ctx, Filter{IDs: []string{open.ID, done.ID}})
	if len(list) != 2 || !slices.ContainsFunc(list, func(x Summary) bool { return x.ID == done.ID }) {
		t.Errorf("list %+v", list)
	}
}
