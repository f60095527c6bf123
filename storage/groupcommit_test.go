package storage

import (
	"sync"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
)

// Answers given while another commit runs share the next transaction:
// twelve answers queued behind one cost two commits, every good one is
// stored, and a refused one among them is refused alone.
func TestAnswersQueuedShareOneCommit(t *testing.T) {
	sqliteOnly(t) // PostgreSQL saves an answer in one statement of its own (saveAnswerAtOnce)
	s := newStore(t)
	a := startAssessment(t, s, assessment.ModeQuick)
	items := s.Catalog().Current().Asked(assessment.ModeQuick)
	answer := func(i int) assessment.Answer {
		return assessment.Answer{Item: items[i].ID, Status: assessment.StatusNA}
	}
	before := s.commits.Load()
	s.writeMu.Lock() // the first writer commits nothing until the others queue behind it
	var wg sync.WaitGroup
	errs := make([]error, 13)
	save := func(i int, ans assessment.Answer) {
		defer wg.Done()
		errs[i] = s.SaveAnswer(ctx, a.ID, ans)
	}
	wg.Add(1)
	go save(0, answer(0))
	waitFor(t, func() bool { return s.queued.Load() == 1 })
	for i := 1; i <= 12; i++ {
		ans := answer(i)
		if i == 7 {
			ans = assessment.Answer{Item: "no-such-item", Status: assessment.StatusNA}
		}
		wg.Add(1)
		go save(i, ans)
	}
	waitFor(t, func() bool { s.group.mu.Lock(); defer s.group.mu.Unlock(); return len(s.group.waiting) == 12 })
	s.writeMu.Unlock()
	wg.Wait()

	if got := s.commits.Load() - before; got != 2 {
		t.Errorf("13 answers took %d commits, want 2 (one, then the twelve queued behind it)", got)
	}
	stored, err := s.Assessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i <= 12; i++ {
		_, ok := s.Catalog().Current().AnswersOf(stored).Get(answer(i).Item)
		switch {
		case i == 7 && errs[i] == nil:
			t.Errorf("the answer to an unknown item was taken")
		case i != 7 && (errs[i] != nil || !ok):
			t.Errorf("answer %d: %v, stored %v", i, errs[i], ok)
		}
	}
	if len(stored.Answers) != 12 {
		t.Errorf("%d answers stored, want 12", len(stored.Answers))
	}
}

// Starts queued behind a commit share the next one too, on both backends;
// a start refused among them (an unknown participant) is refused alone.
func TestStartsQueuedShareOneCommit(t *testing.T) {
	s := newStore(t)
	before := s.commits.Load()
	s.writeMu.Lock()
	var wg sync.WaitGroup
	errs := make([]error, 9)
	start := func(i int) {
		defer wg.Done()
		p := assessment.Participant{Name: "P", Role: "trainer"}
		if i == 4 {
			p.ID = "00000000-0000-4000-8000-000000000000"
		}
		_, errs[i] = s.Start(ctx, NewAssessment{Participant: p, Language: "en", Mode: assessment.ModeQuick})
	}
	wg.Add(1)
	go start(0)
	waitFor(t, func() bool { return s.queued.Load() == 1 })
	for i := 1; i < 9; i++ {
		wg.Add(1)
		go start(i)
	}
	waitFor(t, func() bool { s.group.mu.Lock(); defer s.group.mu.Unlock(); return len(s.group.waiting) == 8 })
	s.writeMu.Unlock()
	wg.Wait()
	if got := s.commits.Load() - before; got != 2 {
		t.Errorf("9 starts took %d commits, want 2", got)
	}
	for i, err := range errs {
		if (i == 4) != (err != nil) {
			t.Errorf("start %d: %v", i, err)
		}
	}
	if n, _ := s.Count(ctx, Filter{}); n != 8 {
		t.Errorf("%d assessments stored, want 8", n)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(time.Millisecond)
	}
}
