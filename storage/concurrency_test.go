package storage

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// Eight writers, each with its own Store (its own connection pool, as
// separate programs would have), save 1,000 answers each into one file at
// once. Every answer must arrive, and no "database is locked" reach them.
func TestConcurrentStoresLoseNothing(t *testing.T) {
	const (
		writers = 8
		each    = 1000
	)
	path := filepath.Join(t.TempDir(), "digint.db")
	openAt(t, path).Close() // created once, so the writers race on writes, not on creating it
	items := testCatalog(t).Current().Asked(assessment.ModeFull)

	type saved struct {
		assessment string
		answer     assessment.Answer
	}
	results := make([][]saved, writers)
	errs := make(chan error, writers*each)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(testDB(t, path), testCatalog(t))
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			rng := rand.New(rand.NewPCG(uint64(w), 99))
			<-start
			var a *assessment.Assessment
			for i := range each {
				// Many assessments: a new one whenever the items run out.
				if i%len(items) == 0 {
					a, err = s.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: fmt.Sprintf("writer %d", w), Role: "trainer"},
						Language: "en", Mode: assessment.ModeFull})
					if err != nil {
						errs <- err
						return
					}
				}
				ans := sample.Answer(items[i%len(items)], rng).Clean()
				if err := s.SaveAnswer(ctx, a.ID, ans); err != nil {
					errs <- fmt.Errorf("writer %d, answer %d: %w", w, i, err)
					continue
				}
				results[w] = append(results[w], saved{a.ID, ans})
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err) // a busy error would show here
	}

	s := openAt(t, path)
	var total int
	byAssessment := map[string]map[string]assessment.Answer{}
	for _, rs := range results {
		total += len(rs)
		for _, r := range rs {
			if byAssessment[r.assessment] == nil {
				a, err := s.Assessment(ctx, r.assessment)
				if err != nil {
					t.Fatal(err)
				}
				byAssessment[r.assessment] = assessment.Index(a.Answers)
			}
			if got := byAssessment[r.assessment][r.answer.Item]; !reflect.DeepEqual(got, r.answer) {
				t.Fatalf("assessment %s, item %s: stored %+v, saved %+v", r.assessment, r.answer.Item, got, r.answer)
			}
		}
	}
	if total != writers*each || count(t, s, "answers") != writers*each {
		t.Errorf("%d answers saved, %d stored; want %d", total, count(t, s, "answers"), writers*each)
	}
	if problem, err := s.Check(ctx); err != nil || problem != "" {
		t.Errorf("check: %s, %v", problem, err)
	}
}
