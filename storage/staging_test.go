package storage

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// writeBigDocument streams a document of n sample assessments (every
// tenth full, the rest quick) to a file; last, if given, changes the last.
func writeBigDocument(t testing.TB, c *assessment.Catalog, path string, n int, seed uint64, last func(*assessment.Assessment)) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dw, err := assessment.NewDocumentWriter(f, c, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 13))
	for i := range n {
		mode := assessment.ModeQuick
		if i%10 == 0 {
			mode = assessment.ModeFull
		}
		a := sample.Assessment(c.Current(), rng, mode)
		if i%7 == 0 {
			a.Workshop = "BIG-26"
		}
		if i == n-1 && last != nil {
			last(a)
		}
		if err := dw.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := dw.Close(); err != nil {
		t.Fatal(err)
	}
}

func importFile(s *Store, path string) (ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return ImportReport{}, err
	}
	defer f.Close()
	return s.Import(ctx, path, f)
}

// A file larger than one staging batch whose last assessment is wrong
// imports nothing, and leaves nothing staged.
func TestImportBigFileBadAtTheEndImportsNothing(t *testing.T) {
	s := newStore(t)
	path := filepath.Join(t.TempDir(), "big.json")
	writeBigDocument(t, s.Catalog(), path, 3*stageCount+5, 1, func(a *assessment.Assessment) {
		a.Answers[len(a.Answers)-1].Status = "maybe"
	})
	_, err := importFile(s, path)
	if want := fmt.Sprintf("assessment %d ", 3*stageCount+5); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), `"maybe"`) {
		t.Fatalf("error %v: want it to name %s and its status", err, want)
	}
	for _, table := range []string{"assessments", "answers", "participants", "workshops", "imports", "import_staged"} {
		if n := count(t, s, table); n != 0 {
			t.Errorf("%s holds %d rows after a refused file", table, n)
		}
	}
	// The same file, mended, imports whole; again, it changes nothing.
	writeBigDocument(t, s.Catalog(), path, 3*stageCount+5, 1, nil)
	rep, err := importFile(s, path)
	if err != nil || rep.Added != 3*stageCount+5 {
		t.Fatalf("mended file: %+v, %v", rep, err)
	}
	before := dump(t, s)
	if rep, err := importFile(s, path); err != nil || rep.Skipped != 3*stageCount+5 {
		t.Fatalf("again: %+v, %v", rep, err)
	}
	if dump(t, s) != before {
		t.Error("importing the same file again changed the database")
	}
	if n := count(t, s, "import_staged") + count(t, s, "imports"); n != 0 {
		t.Errorf("%d staging rows left after a finished import", n)
	}
}

type save struct {
	end  time.Time
	wait time.Duration
}

// saveDuring saves answers from a second store (as the wizard in another
// program would) until stop is closed, and returns how long each waited.
func saveDuring(t testing.TB, path string, ready chan<- struct{}, stop <-chan struct{}) (saves []save, failed []error) {
	s2, err := Open(path, testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	a, err := s2.Start(ctx, NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Language: "en", Mode: assessment.ModeFull})
	if err != nil {
		t.Fatal(err)
	}
	items := s2.Catalog().Current().Asked(assessment.ModeFull)
	rng := rand.New(rand.NewPCG(2, 2))
	close(ready)
	for i := 0; ; i++ {
		select {
		case <-stop:
			return saves, failed
		case <-time.After(20 * time.Millisecond): // a person types
		}
		start := time.Now()
		if err := s2.SaveAnswer(ctx, a.ID, sample.Answer(items[i%len(items)], rng)); err != nil {
			var share *assessment.ShareError
			if !errors.As(err, &share) {
				failed = append(failed, err)
			}
			continue
		}
		saves = append(saves, save{end: time.Now(), wait: time.Since(start)})
	}
}

// BenchmarkImportWhileSaving imports a file of 3,000 assessments while
// another store saves an answer every 20 ms, and reports the import's time
// and the longest and median wait of a save.
func BenchmarkImportWhileSaving(b *testing.B) {
	dir := b.TempDir()
	file := filepath.Join(dir, "big.json")
	writeBigDocument(b, testCatalog(b), file, 3000, 3, nil)
	var all []time.Duration
	var took time.Duration
	fails := 0
	for i := 0; b.Loop(); i++ {
		path := filepath.Join(dir, "db"+string(rune('a'+i))+".db")
		s := openAt(b, path)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		var saves []save
		var failed []error
		ready := make(chan struct{})
		wg.Add(1)
		go func() { defer wg.Done(); saves, failed = saveDuring(b, path, ready, stop) }()
		<-ready
		start := time.Now()
		if _, err := importFile(s, file); err != nil {
			b.Fatal(err)
		}
		took += time.Since(start)
		close(stop)
		wg.Wait()
		for _, sv := range saves {
			all = append(all, sv.wait)
		}
		fails += len(failed)
	}
	slices.Sort(all)
	if len(all) > 0 {
		b.ReportMetric(float64(all[len(all)-1].Milliseconds()), "max-wait-ms")
		b.ReportMetric(float64(all[len(all)/2].Milliseconds()), "p50-wait-ms")
	}
	b.ReportMetric(float64(len(all)), "saves")
	b.ReportMetric(float64(fails), "failed-saves")
	b.ReportMetric(took.Seconds()/float64(b.N), "import-s")
}

// While a file of many batches is imported, another program's saves go
// through: they are not all held until the import ends (nor fail after the
// busy timeout). How long each waits is measured in
// BenchmarkImportWhileSaving.
func TestImportLetsSavesThrough(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "big.json")
	writeBigDocument(t, testCatalog(t), file, 8*stageCount, 4, nil)
	path := filepath.Join(dir, "digint.db")
	s := openAt(t, path)
	stop := make(chan struct{})
	ready := make(chan struct{})
	var saves []save
	var failed []error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		saves, failed = saveDuring(t, path, ready, stop)
	}()
	<-ready
	start := time.Now()
	if _, err := importFile(s, file); err != nil {
		t.Fatal(err)
	}
	end := time.Now()
	close(stop)
	wg.Wait()
	// Saves that ended in the second half of the import: the first moments
	// of an import only read the file.
	during := 0
	for _, sv := range saves {
		if sv.end.After(start.Add(end.Sub(start)/2)) && sv.end.Before(end) {
			during++
		}
	}
	if len(failed) > 0 || during < 2 {
		t.Fatalf("%d saves went through while the import ran (%v), %d failed: %v", during, end.Sub(start), len(failed), failed)
	}
	if s.d.gaps && s.gaps.Load() == 0 {
		t.Error("the import left no gap while another program saved")
	}
}

// An import with nobody else writing does not pause between its
// transactions: the pauses are for waiting writers only.
func TestImportAloneTakesNoGaps(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "big.json")
	writeBigDocument(t, testCatalog(t), file, 3*stageCount, 5, nil)
	s := openAt(t, filepath.Join(dir, "digint.db"))
	rep, err := importFile(s, file)
	if err != nil || rep.Added != 3*stageCount {
		t.Fatalf("%+v, %v", rep, err)
	}
	if n := s.gaps.Load(); n != 0 {
		t.Errorf("an import alone paused %d times", n)
	}
}

// An import whose transactions each apply few assessments (a slow server,
// a short budget) reads from its stage about what it applies, not a whole
// batch each time.
func TestImportReadsItsStageOnce(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "big.json")
	const n = 2 * stageCount
	writeBigDocument(t, testCatalog(t), file, n, 6, nil)
	s := openAt(t, filepath.Join(dir, "digint.db"))
	defer func(b, a time.Duration) { applyBudget, aloneBudget = b, a }(applyBudget, aloneBudget)
	applyBudget, aloneBudget = time.Nanosecond, time.Nanosecond // one assessment per transaction
	rep, err := importFile(s, file)
	if err != nil || rep.Added != n {
		t.Fatalf("%+v, %v", rep, err)
	}
	if got := s.stagedRead.Load(); got > 2*n {
		t.Errorf("%d staged copies read to apply %d", got, n)
	}
}

// On PostgreSQL each statement is a round trip: an import of new
// assessments sends four a new assessment (find it, its person, itself,
// its answers), one more now and then for a workshop, and a few for
// staging and transactions; statements are not prepared anew in each.
func TestImportRoundTripsPerAssessment(t *testing.T) {
	if pgServer == "" {
		t.Skip("counts PostgreSQL round trips")
	}
	s := newStore(t)
	const n = 4 * stageCount
	doc := sampleDocument(t, s.Catalog(), n, 7)
	before := pgSent.Load()
	if rep := importBytes(t, s, doc); rep.Added != n {
		t.Fatalf("%+v", rep)
	}
	per := float64(pgSent.Load()-before) / n
	t.Logf("%.2f statements an assessment", per)
	if per > 5 {
		t.Errorf("%.2f statements an assessment; want at most 5", per)
	}
}

// A stage keeps many assessments a row: a row costs the database more
// than its bytes (written, read back, deleted).
func TestStageKeepsManyAssessmentsARow(t *testing.T) {
	s := newStore(t)
	const n = 3*stageCount + 5
	l := &lazyConn{s: s}
	defer l.close()
	run, _, err := s.stage(ctx, l, "big.json", bytes.NewReader(sampleDocument(t, s.Catalog(), n, 12)), func(ImportProgress) {})
	if err != nil || run == 0 {
		t.Fatalf("stage: run %d, %v", run, err)
	}
	if rows := count(t, s, "import_staged"); rows > n/8 {
		t.Errorf("%d assessments staged in %d rows", n, rows)
	}
	s.dropRun(ctx, l, run)
	if rows := count(t, s, "import_staged") + count(t, s, "imports"); rows != 0 {
		t.Errorf("%d rows left after dropping the stage", rows)
	}
}

// A large import tells how far it is: how many assessments it has read,
// rising to all of them, then how many it has stored, rising to all.
func TestImportTellsProgress(t *testing.T) {
	s := newStore(t)
	const n = 2*stageCount + 5
	defer func(b, a time.Duration) { applyBudget, aloneBudget = b, a }(applyBudget, aloneBudget)
	applyBudget, aloneBudget = time.Nanosecond, time.Nanosecond // a transaction an assessment: many steps
	var seen []ImportProgress
	rep, err := s.ImportWatched(ctx, "big.json", bytes.NewReader(sampleDocument(t, s.Catalog(), n, 14)),
		func(p ImportProgress) { seen = append(seen, p) })
	if err != nil || rep.Added != n {
		t.Fatalf("%+v, %v", rep, err)
	}
	if len(seen) < 4 {
		t.Fatalf("progress told %d times: %+v", len(seen), seen)
	}
	for i, p := range seen {
		if i > 0 && (p.Read < seen[i-1].Read || p.Stored < seen[i-1].Stored || p.Reading && !seen[i-1].Reading) {
			t.Fatalf("step %d goes back: %+v after %+v", i, p, seen[i-1])
		}
		if p.Reading && p.Stored > 0 || p.Stored > p.Read {
			t.Fatalf("step %d: %+v", i, p)
		}
	}
	if last := seen[len(seen)-1]; last.Read != n || last.Stored != n || last.Reading {
		t.Errorf("the last step is %+v, want all %d read and stored", last, n)
	}
	if !slices.ContainsFunc(seen, func(p ImportProgress) bool { return p.Stored > 0 && p.Stored < n }) ||
		!slices.ContainsFunc(seen, func(p ImportProgress) bool { return p.Reading && p.Read > 0 }) {
		t.Errorf("no step between the start and the end: %+v", seen)
	}
}
