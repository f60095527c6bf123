package storage

import (
	"testing"
	"time"
)

// A stored year past 9999 (imported by older digints) still reads, so
// listing everything does not fail for it.
func TestReadTimePastYear9999(t *testing.T) {
	want := time.Date(10000, 1, 1, 0, 0, 1, 0, time.UTC)
	got, err := readTime(formatTime(want))
	if err != nil || !got.Equal(want) {
		t.Fatalf("readTime(%q) = %v, %v", formatTime(want), got, err)
	}
	if _, err := readTime("garbage"); err == nil {
		t.Error("garbage read as a time")
	}
}

// A row with such a year does not stop List.
func TestListWithAYearPast9999(t *testing.T) {
	s := newStore(t)
	a := startAssessment(t, s, "quick")
	startAssessment(t, s, "quick")
	if _, err := s.db.Exec(`UPDATE assessments SET updated_at = ? WHERE id = ?`, formatTime(time.Date(10000, 1, 1, 0, 0, 1, 0, time.UTC)), a.ID); err != nil {
		t.Fatal(err)
	}
	list, err := s.List(ctx, Filter{})
	if err != nil || len(list) != 2 {
		t.Fatalf("List: %d, %v", len(list), err)
	}
}
