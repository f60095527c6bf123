package storage

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/digint/digint/assessment"
)

// On PostgreSQL a save is one statement sent, not a transaction of five
// round trips (begin, lock, touch, upsert, commit).
func TestSaveIsOneRoundTripOnPostgres(t *testing.T) {
	if pgServer == "" {
		t.Skip("about PostgreSQL's round trips")
	}
	s := newStore(t)
	a := startAssessment(t, s, assessment.ModeQuick)
	items := s.Catalog().Current().Asked(assessment.ModeQuick)
	for i, it := range items[:3] {
		before := pgSent.Load()
		ans := assessment.Answer{Item: it.ID, Status: assessment.StatusUnknown}
		if err := s.SaveAnswer(ctx, a.ID, ans); err != nil {
			t.Fatal(err)
		}
		if n := pgSent.Load() - before; n != 1 {
			t.Errorf("save %d sent %d statements", i+1, n)
		}
	}
	got, err := s.Assessment(ctx, a.ID)
	if err != nil || len(got.Answers) != 3 {
		t.Fatalf("%d answers stored, %v", len(got.Answers), err)
	}
}

// A stored updated_at ahead of this clock moves one nanosecond past
// itself on each save, a second's end included: an assessment's time never
// goes back nor stands still.
func TestSaveStepsPastATimeAhead(t *testing.T) {
	s := newStore(t)
	a := startAssessment(t, s, assessment.ModeQuick)
	if _, err := s.db.ExecContext(ctx, `UPDATE assessments SET updated_at = ? WHERE id = ?`,
		"2099-12-31T23:59:59.999999999Z", a.ID); err != nil {
		t.Fatal(err)
	}
	item := s.Catalog().Current().Asked(assessment.ModeQuick)[0].ID
	for _, want := range []string{"2100-01-01T00:00:00.000000000Z", "2100-01-01T00:00:00.000000001Z"} {
		if err := s.SaveAnswer(ctx, a.ID, assessment.Answer{Item: item, Status: assessment.StatusNA}); err != nil {
			t.Fatal(err)
		}
		var got string
		if err := s.db.QueryRowContext(ctx, `SELECT updated_at FROM assessments WHERE id = ?`, a.ID).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("updated_at %s, want %s", got, want)
		}
	}
}

// An assessment on an older bank has its answers checked against that
// bank, though a save first guesses the current one: "planned", which
// bank 1.0.0 does not offer, is refused and not stored; a value 1.0.0
// takes is saved.
func TestSaveChecksTheAssessmentsOwnBank(t *testing.T) {
	s := newStore(t)
	data, err := os.ReadFile(filepath.Join("..", "assessment", "testdata", "bank-1.0.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	importBytes(t, s, data)
	var id string
	if err := s.db.QueryRowContext(ctx, `SELECT id FROM assessments WHERE bank_version = '1.0.0' ORDER BY id LIMIT 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	gate := s.Catalog().Current().Sections[1].Gate
	for range 2 { // the second time the store knows the bank
		err := s.SaveAnswer(ctx, id, assessment.Answer{Item: gate, Status: assessment.StatusAnswered, Value: assessment.String("planned")})
		if err == nil {
			t.Fatal("planned saved on a 1.0.0 assessment")
		}
	}
	if err := s.SaveAnswer(ctx, id, assessment.Answer{Item: gate, Status: assessment.StatusAnswered, Value: assessment.String("no")}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Assessment(ctx, id)
	if v := assessment.Index(got.Answers)[gate].Value; !v.Equal(assessment.String("no")) {
		t.Errorf("the gate holds %v", v)
	}
}

// On PostgreSQL the rules on answers (closed workshops, drafts) run once
// per statement: an import writes an assessment's answers in one INSERT,
// and a call per row was most of its time.
func TestAnswerTriggersRunPerStatementOnPostgres(t *testing.T) {
	if pgServer == "" {
		t.Skip("about PostgreSQL's triggers")
	}
	s := newStore(t)
	var rowTriggers []string
	rows, err := s.db.QueryContext(ctx, `SELECT trigger_name FROM information_schema.triggers
WHERE event_object_table = 'answers' AND action_orientation = 'ROW'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		rows.Scan(&name)
		rowTriggers = append(rowTriggers, name)
	}
	if len(rowTriggers) > 0 {
		t.Errorf("row triggers on answers: %v", rowTriggers)
	}
}
