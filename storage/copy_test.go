package storage

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
)

// A copy SQLite → this half's backend → SQLite keeps every assessment,
// workshop (closed too, with its group plan and join word), plan, resume
// code and returning key, checked by counts and checksum.
func TestCopyBetweenStores(t *testing.T) {
	lite := func() *Store {
		s, err := Open(filepath.Join(t.TempDir(), "x.db"), testCatalog(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	src := lite()
	importBytes(t, src, sampleDocument(t, src.Catalog(), 40, 7)) // some in ROME-26
	if _, err := src.CreateWorkshop(ctx, "EMPTY-1", "Nobody came"); err != nil {
		t.Fatal(err)
	}
	if err := src.CloseWorkshop(ctx, "ROME-26", false); err != nil {
		t.Fatal(err)
	}
	ids := listIDs(t, src)
	if _, err := src.SavePlan(ctx, ids[0], plan.Plan{}); err != nil {
		t.Fatal(err)
	}
	group := plan.Plan{Focus: []plan.Focus{{Kind: plan.FocusCompetence, Competence: "funding",
		Actions: []plan.Action{{What: "An Erasmus+ clinic for all partners", Due: "2027-02"}}}}}
	if _, err := src.SaveWorkshopPlan(ctx, "EMPTY-1", group); err != nil {
		t.Fatal(err)
	}
	if err := src.SetJoinWord(ctx, "EMPTY-1", "otter"); err != nil {
		t.Fatal(err)
	}
	paused, err := src.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: "Ana", Role: "trainer"},
		Language: "en", Mode: assessment.ModeQuick, Workshop: "EMPTY-1", Key: "SHA256:ana-key"})
	if err != nil {
		t.Fatal(err)
	}
	code, err := src.ResumeCode(ctx, paused.ID)
	if err != nil {
		t.Fatal(err)
	}
	mid := newStore(t) // PostgreSQL in its half
	rep, err := Copy(ctx, src, mid)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Assessments != 41 || rep.Workshops != 2 || rep.Plans != 2 || rep.Checksum == "" {
		t.Fatalf("copied %+v", rep)
	}
	if got, made, err := mid.WorkshopPlan(ctx, "EMPTY-1"); err != nil || !made || len(got.Focus) != 1 ||
		got.Focus[0].Actions[0].What != "An Erasmus+ clinic for all partners" {
		t.Fatalf("the group plan copied: %+v %v %v", got, made, err)
	}
	if a, err := mid.ByResumeCode(ctx, "EMPTY-1", code); err != nil || a.ID != paused.ID {
		t.Fatalf("the resume code after the copy: %v, %v", a, err)
	}
	if who, err := mid.KeyParticipant(ctx, "SHA256:ana-key"); err != nil || who != paused.Participant.ID {
		t.Fatalf("the key's participant after the copy: %q, %v; want %q", who, err, paused.Participant.ID)
	}
	if ok, err := mid.CheckJoinWord(ctx, "EMPTY-1", "otter"); !ok || err != nil {
		t.Fatalf("the join word after the copy: %v, %v", ok, err)
	}
	back := lite()
	rep2, err := Copy(ctx, mid, back)
	if err != nil {
		t.Fatal(err)
	}
	if rep2 != rep {
		t.Fatalf("copied back %+v, first copy %+v", rep2, rep)
	}
	if _, err := Copy(ctx, src, back); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("copy into a full store: %v, want ErrNotEmpty", err)
	}
}

func listIDs(t *testing.T, s *Store) []string {
	var ids []string
	rows, err := s.db.Query(`SELECT id FROM assessments ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	return ids
}
