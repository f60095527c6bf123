package storage

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
)

func workshopAssessment(t *testing.T, s *Store, code, name string) *assessment.Assessment {
	t.Helper()
	a, err := s.Start(context.Background(), NewAssessment{Participant: assessment.Participant{Name: name, Role: "trainer"},
		Language: "en", Mode: assessment.ModeQuick, Workshop: code})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestWorkshopPIN(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.NewWorkshop(ctx, "", "Bologna", "12"); err == nil || !strings.Contains(err.Error(), "PIN") {
		t.Fatalf("a two-digit PIN was accepted: %v", err)
	}
	w, err := s.NewWorkshop(ctx, "", "Bologna, 22 October", "471147")
	if err != nil {
		t.Fatal(err)
	}
	if !assessment.ValidWorkshopCode(w.Code) || len(w.Code) != 6 {
		t.Errorf("code %q", w.Code)
	}
	hand := &handClock{t: time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)}
	s.Now = hand.Now
	for pin, want := range map[string]bool{"471147": true, "471148": false, "": false, "4711470": false} {
		hand.add(time.Hour) // past any wait
		if ok, err := s.CheckPIN(ctx, w.Code, pin); err != nil || ok != want {
			t.Errorf("PIN %q: %v %v, want %v", pin, ok, err, want)
		}
	}
	st, err := s.WorkshopStatus(ctx, strings.ToLower(w.Code))
	if err != nil || !st.HasPIN || st.Closed != nil || st.Title != "Bologna, 22 October" {
		t.Errorf("status = %+v, %v", st, err)
	}
	// The PIN is stored hashed, never as typed.
	if strings.Contains(dump(t, s), "471147") {
		t.Error("the PIN is readable in the database")
	}
	if _, err := s.WorkshopStatus(ctx, "NOPE42"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown workshop: %v", err)
	}
}

func TestResumeCodes(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	w, _ := s.NewWorkshop(ctx, "", "Lyon", "246802")
	a := workshopAssessment(t, s, w.Code, "Élise")
	code, err := s.ResumeCode(ctx, a.ID)
	if err != nil || len(code) != 9 || code[4] != '-' {
		t.Fatalf("code %q, %v", code, err)
	}
	again, _ := s.ResumeCode(ctx, a.ID)
	if again != code {
		t.Errorf("a second request gave another code: %s, %s", code, again)
	}
	// Typed loosely: lower case, no dash.
	got, err := s.ByResumeCode(ctx, w.Code, strings.ToLower(strings.ReplaceAll(code, "-", "")))
	if err != nil || got.ID != a.ID {
		t.Fatalf("by code: %v %v", got, err)
	}
	// Not from another workshop, not once completed.
	other, _ := s.NewWorkshop(ctx, "", "Leuven", "135791")
	if _, err := s.ByResumeCode(ctx, other.Code, code); !errors.Is(err, ErrNotFound) {
		t.Errorf("code worked in another workshop: %v", err)
	}
	s.Complete(ctx, a.ID)
	if _, err := s.ByResumeCode(ctx, w.Code, code); !errors.Is(err, ErrNotFound) {
		t.Errorf("code reopened a completed assessment: %v", err)
	}
}

func TestCloseWorkshop(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	w, _ := s.NewWorkshop(ctx, "", "Bilbao", "999999")
	keep, _ := s.NewWorkshop(ctx, "", "Bucharest", "888888")
	a := workshopAssessment(t, s, w.Code, "Iker")
	b := workshopAssessment(t, s, keep.Code, "Ioana")
	if err := s.SaveAnswer(ctx, a.ID, assessment.Answer{Item: "cur-str-strategy", Status: assessment.StatusAnswered,
		Value: assessment.Number(2), Note: "a note only Iker wrote"}); err != nil {
		t.Fatal(err)
	}
	if err := s.CloseWorkshop(ctx, w.Code, false); err != nil {
		t.Fatal(err)
	}
	st, _ := s.WorkshopStatus(ctx, w.Code)
	if st.Closed == nil {
		t.Error("not closed")
	}
	if _, err := s.Assessment(ctx, a.ID); err != nil {
		t.Errorf("closing without erase lost an assessment: %v", err)
	}
	if err := s.CloseWorkshop(ctx, w.Code, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Assessment(ctx, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("erased assessment still there: %v", err)
	}
	if _, err := s.Assessment(ctx, b.ID); err != nil {
		t.Errorf("another workshop's assessment went too: %v", err)
	}
	if ps, _ := s.FindParticipants(ctx, "Iker"); len(ps) != 0 {
		t.Errorf("participant left behind: %+v", ps)
	}
	if err := s.CloseWorkshop(ctx, "NOPE42", false); !errors.Is(err, ErrNotFound) {
		t.Errorf("closing an unknown workshop: %v", err)
	}
}

// A closed workshop reopened takes answers again (a late laptop's), and
// can be closed anew; reopening an open or unknown one says so.
func TestReopenWorkshop(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	w, _ := s.NewWorkshop(ctx, "", "Bilbao", "999999")
	a := workshopAssessment(t, s, w.Code, "Iker")
	answer := assessment.Answer{Item: "cur-str-strategy", Status: assessment.StatusAnswered, Value: assessment.Number(2)}
	if reopened, err := s.ReopenWorkshop(ctx, w.Code); err != nil || reopened {
		t.Errorf("reopening an open workshop: %v, %v", reopened, err)
	}
	if err := s.CloseWorkshop(ctx, w.Code, false); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnswer(ctx, a.ID, answer); !errors.Is(err, ErrWorkshopClosed) {
		t.Fatalf("closed, an answer was taken: %v", err)
	}
	if reopened, err := s.ReopenWorkshop(ctx, w.Code); err != nil || !reopened {
		t.Fatalf("reopening: %v, %v", reopened, err)
	}
	if st, _ := s.WorkshopStatus(ctx, w.Code); st.Closed != nil {
		t.Error("still closed")
	}
	if err := s.SaveAnswer(ctx, a.ID, answer); err != nil {
		t.Errorf("reopened, an answer was refused: %v", err)
	}
	if err := s.CloseWorkshop(ctx, w.Code, false); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.WorkshopStatus(ctx, w.Code); st.Closed == nil {
		t.Error("not closed again")
	}
	if _, err := s.ReopenWorkshop(ctx, "NOPE42"); !errors.Is(err, ErrNotFound) {
		t.Errorf("reopening an unknown workshop: %v", err)
	}
}

// A workshop that came with an import (no PIN) can be given its PIN on
// this laptop; one that has a PIN cannot be taken over.
func TestWorkshopGetsItsPINLater(t *testing.T) {
	s := newStore(t)
	if _, err := s.CreateWorkshop(ctx, "BLQ-25", "BLQ-25"); err != nil {
		t.Fatal(err)
	}
	w, err := s.NewWorkshop(ctx, "blq-25", "Bologna", "471147")
	if err != nil || w.Code != "BLQ-25" {
		t.Fatalf("%+v %v", w, err)
	}
	if st, _ := s.WorkshopStatus(ctx, "BLQ-25"); !st.HasPIN || st.Title != "Bologna" {
		t.Errorf("status %+v", st)
	}
	if _, err := s.NewWorkshop(ctx, "BLQ-25", "Mine now", "000000"); !errors.Is(err, ErrExists) {
		t.Errorf("a workshop with a PIN was taken over: %v", err)
	}
	if ok, _ := s.CheckPIN(ctx, "BLQ-25", "471147"); !ok {
		t.Error("the first PIN no longer works")
	}
}

// handClock is a Now that moves only when told to.
type handClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *handClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *handClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
