package storage

import (
	"testing"

	"github.com/digint/digint/assessment"
)

// The PostgreSQL server ends the live view's connection (a restart, a
// failover): the view takes a new one and goes on, and sees what was
// saved meanwhile.
func TestWatchOutlivesLostConnection(t *testing.T) {
	pgOnly(t)
	s := newStore(t)
	if _, err := s.NewWorkshop(ctx, "ROME-26", "Rome", "facil-2026"); err != nil {
		t.Fatal(err)
	}
	w, err := s.WatchGroup(ctx, "ROME-26")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var db string
	s.db.QueryRow(`SELECT current_database()`).Scan(&db)
	var killed int
	err = pgAdmin().QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1`, db).Scan(&killed)
	if err != nil || killed == 0 {
		t.Fatalf("ended %d connections: %v", killed, err)
	}
	if _, err := s.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: "Ana", Role: "trainer"},
		Language: "en", Mode: assessment.ModeQuick, Workshop: "ROME-26"}); err != nil {
		t.Fatal(err)
	}
	// The first refresh may meet the dead connection; the next ones work.
	w.Refresh(ctx)
	for range 2 {
		if _, err := w.Refresh(ctx); err != nil {
			t.Fatalf("refresh after the connection was lost: %v", err)
		}
	}
	if n := w.View().Report.Assessments; n != 1 {
		t.Fatalf("the view shows %d assessments, want 1", n)
	}
}
