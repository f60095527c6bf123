package storage

import (
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// BenchmarkSaveAnswerSessions times saves as people make them: the store
// is opened, 100 answers are saved, and it is closed again, so each
// session starts a new log (SQLite removes it at the last close).
// BenchmarkSaveAnswer keeps one store open: after its first thousand log
// frames the log is rewritten in place. Here nearly every save extends the
// log, and the sync of a file that grows also commits the file system's
// journal; compare both with BenchmarkBaselineFsync.
func BenchmarkSaveAnswerSessions(b *testing.B) {
	path := filepath.Join(b.TempDir(), "digint.db")
	s := openAt(b, path)
	items := s.Catalog().Current().Asked(assessment.ModeFull)
	rng := rand.New(rand.NewPCG(1, 1))
	a := startAssessment(b, s, assessment.ModeFull)
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		if i%100 == 0 {
			b.StopTimer()
			s.Close()
			s = openAt(b, path)
			b.StartTimer()
		}
		ans := sample.Answer(items[i%len(items)], rng)
		start := time.Now()
		if err := s.SaveAnswer(ctx, a.ID, ans); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	reportPercentiles(b, took)
}
