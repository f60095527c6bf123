package storage

import (
	"context"
	"testing"

	"github.com/digint/digint/assessment"
)

// A write whose context ends while it runs keeps nothing and says so; the
// next write goes through.
func TestWriteEndedBeforeCommitKeepsNothing(t *testing.T) {
	s := newStore(t)
	a := startAssessment(t, s, assessment.ModeQuick)
	wctx, cancel := context.WithCancel(ctx)
	err := s.write(wctx, func(tx txer) error {
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET language = 'fr' WHERE id = ?`, a.ID); err != nil {
			return err
		}
		cancel()
		return nil
	})
	if err == nil {
		t.Fatal("a write whose context ended before its commit said it was done")
	}
	got, err := s.Assessment(ctx, a.ID)
	if err != nil || got.Language != "en" {
		t.Fatalf("language %q after the ended write (%v), want en", got.Language, err)
	}
	item := s.Catalog().Current().Asked(assessment.ModeQuick)[0]
	if err := s.SaveAnswer(ctx, a.ID, assessment.Answer{Item: item.ID, Status: assessment.StatusUnknown}); err != nil {
		t.Fatalf("the next save: %v", err)
	}
}

// SQLite writes go through one pinned connection; when the driver gives it
// up, the next write takes another instead of failing.
func TestPinnedWriterReplacesABrokenConnection(t *testing.T) {
	sqliteOnly(t)
	s := newStore(t)
	a := startAssessment(t, s, assessment.ModeQuick)
	s.pinned.conn.Close() // as the driver does with a connection it gave up
	item := s.Catalog().Current().Asked(assessment.ModeQuick)[0]
	if err := s.SaveAnswer(ctx, a.ID, assessment.Answer{Item: item.ID, Status: assessment.StatusUnknown}); err != nil {
		t.Fatalf("save after the connection broke: %v", err)
	}
	got, err := s.Assessment(ctx, a.ID)
	if err != nil || len(got.Answers) != 1 {
		t.Fatalf("%d answers stored (%v), want 1", len(got.Answers), err)
	}
}
