package storage

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/digint/digint/assessment"
)

// Two servers (two Stores, each with its own pool) on one database: the
// participants of one workshop spread over both, each answering at once;
// every answer lands once, the group report on either shows everyone, and
// a resume code given by one works on the other.
func TestTwoServersOneDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	servers := [2]*Store{openAt(t, path), openAt(t, path)}
	if _, err := servers[0].NewWorkshop(ctx, "ROME-26", "Rome", "facil-2026"); err != nil {
		t.Fatal(err)
	}
	const people = 6
	ids := make([]string, people)
	var wg sync.WaitGroup
	errs := make(chan error, people)
	for p := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := servers[p%2]
			a, err := s.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: "P", Role: "trainer"},
				Language: "en", Mode: assessment.ModeQuick, Workshop: "ROME-26"})
			if err != nil {
				errs <- err
				return
			}
			ids[p] = a.ID
			for _, it := range s.Catalog().Current().Asked(assessment.ModeQuick) {
				if err := s.SaveAnswer(ctx, a.ID, assessment.Answer{Item: it.ID, Status: assessment.StatusUnknown}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	asked := len(servers[0].Catalog().Current().Asked(assessment.ModeQuick))
	for i, s := range servers {
		g, err := s.GroupReport(ctx, "ROME-26")
		if err != nil {
			t.Fatal(err)
		}
		if g.Assessments != people {
			t.Fatalf("server %d: the group report shows %d people, want %d", i, g.Assessments, people)
		}
	}
	if n := count(t, servers[1], "answers"); n != people*asked {
		t.Fatalf("%d answers stored, want %d", n, people*asked)
	}
	code, err := servers[0].ResumeCode(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	a, err := servers[1].ByResumeCode(ctx, "ROME-26", code)
	if err != nil || a.ID != ids[0] {
		t.Fatalf("resume code of server 0 on server 1: %v, %v", a, err)
	}
}
