package assessment_test

import (
	"math/rand/v2"
	"reflect"
	"runtime"
	"strconv"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// sampleRecords are n random records: full and quick, complete and not,
// every role, and now and then one of another bank.
func sampleRecords(b *assessment.Bank, n int, seed uint64) []assessment.Record {
	rng := rand.New(rand.NewPCG(seed, seed))
	recs := make([]assessment.Record, n)
	for i := range recs {
		a := sample.Assessment(b, rng, []assessment.Mode{assessment.ModeFull, assessment.ModeQuick}[rng.IntN(2)])
		if rng.IntN(4) == 0 {
			a = sample.Partial(b, rng)
		}
		a.Participant.Role = b.Roles[rng.IntN(len(b.Roles))].ID
		if rng.IntN(50) == 0 {
			a.Bank.Version = "0.9"
		}
		recs[i] = assessment.Record{Assessment: *a, Results: assessment.Score(b, a)}
	}
	return recs
}

// TestGroupBuilderEqualsReference: the report built one assessment at a
// time, keeping counts, is the one computed from every record at once.
func TestGroupBuilderEqualsReference(t *testing.T) {
	b, _ := assessment.Default()
	for _, c := range []struct {
		n    int
		seed uint64
	}{{0, 1}, {1, 2}, {2, 3}, {5, 4}, {40, 5}, {300, 6}} {
		recs := sampleRecords(b, c.n, c.seed)
		want := assessment.RefGroupReport(b, recs)
		if got := assessment.NewGroupReport(b, recs); !reflect.DeepEqual(got, want) {
			t.Errorf("%d records: the built report differs from the reference\n got %+v\nwant %+v", c.n, got, want)
		}
		gb := assessment.NewGroupBuilder(b)
		for i := range recs {
			gb.Add(&recs[i].Assessment)
		}
		if got := gb.Report(); !reflect.DeepEqual(got, want) {
			t.Errorf("%d records: Add differs from the reference", c.n)
		}
	}
}

// TestGroupBuilderMemory: adding 10,000 assessments keeps a few dozen
// numbers of each, not the assessments.
func TestGroupBuilderMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 assessments")
	}
	b, _ := assessment.Default()
	rng := rand.New(rand.NewPCG(8, 8))
	gb := assessment.NewGroupBuilder(b)
	base := liveHeap()
	for range 10_000 {
		gb.Add(sample.Assessment(b, rng, assessment.ModeFull))
	}
	grew := liveHeap() - base
	if rep := gb.Report(); rep.Assessments != 10_000 {
		t.Fatalf("%d assessments", rep.Assessments)
	}
	// 10,000 × about 50 scores of 8 bytes (4 MB), with room for the growth
	// of slices; the records themselves would be over 100 MB.
	t.Logf("kept %d KiB", grew>>10)
	if grew > 12<<20 {
		t.Errorf("the builder kept %d KiB for 10,000 assessments", grew>>10)
	}
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestGroupBuilderPutReplaces: putting assessments under keys, replacing
// some by later versions and removing others, gives the report of the
// final set computed from scratch, in any order.
func TestGroupBuilderPutReplaces(t *testing.T) {
	b, _ := assessment.Default()
	before := sampleRecords(b, 120, 11)
	after := sampleRecords(b, 120, 12)
	gb := assessment.NewGroupBuilder(b)
	for i := range before {
		gb.Put(strconv.Itoa(i), &before[i].Assessment)
	}
	var final []assessment.Record
	for i := range before {
		switch i % 3 {
		case 0: // answered further: replaced
			gb.Put(strconv.Itoa(i), &after[i].Assessment)
			final = append(final, after[i])
		case 1: // erased
			gb.Remove(strconv.Itoa(i))
		default:
			final = append(final, before[i])
		}
	}
	gb.Remove("no such key")
	want := assessment.RefGroupReport(b, final)
	if got := gb.Report(); !reflect.DeepEqual(got, want) {
		t.Errorf("after replacing and removing, the report differs from the one computed afresh\n got %+v\nwant %+v", got, want)
	}
	for i := range before {
		gb.Remove(strconv.Itoa(i))
	}
	if got, want := gb.Report(), assessment.NewGroupReport(b, nil); !reflect.DeepEqual(got, want) {
		t.Errorf("with everyone removed: %+v, want %+v", got, want)
	}
}

// TestGroupBuilderPutMemory: a live view of 10,000 keeps what each one
// added, so it can be taken out, in about a kilobyte each, not their
// answers.
func TestGroupBuilderPutMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 assessments")
	}
	b, _ := assessment.Default()
	rng := rand.New(rand.NewPCG(8, 8))
	gb := assessment.NewGroupBuilder(b)
	base := liveHeap()
	for i := range 10_000 {
		gb.Put(strconv.Itoa(i), sample.Assessment(b, rng, assessment.ModeFull))
	}
	grew := liveHeap() - base
	if rep := gb.Report(); rep.Assessments != 10_000 {
		t.Fatalf("%d assessments", rep.Assessments)
	}
	t.Logf("kept %d KiB", grew>>10)
	if grew > 20<<20 {
		t.Errorf("the builder kept %d KiB for 10,000 assessments put", grew>>10)
	}
}

// TestGroupBuilderAddIsLean: adding an assessment to a group works out
// only what the report keeps (each module's priority, not recommendations
// with their reasons; value keys without a list made for each), so it
// allocates less than scoring the assessment in full.
func TestGroupBuilderAddIsLean(t *testing.T) {
	b, _ := assessment.Default()
	a := sample.Assessment(b, rand.New(rand.NewPCG(1, 1)), assessment.ModeFull)
	gb := assessment.NewGroupBuilder(b)
	gb.Add(a)
	add := testing.AllocsPerRun(50, func() { gb.Add(a) })
	score := testing.AllocsPerRun(50, func() { assessment.Score(b, a) })
	if add >= score {
		t.Errorf("adding to a group allocates %v times, scoring alone %v", add, score)
	}
}

// Scoring allocates per part of the result, not per number or reason: an
// export scores every assessment, and each allocation is paid again in
// garbage collection.
func TestScoreAllocatesPerPart(t *testing.T) {
	b, _ := assessment.Default()
	a := sample.Assessment(b, rand.New(rand.NewPCG(1, 1)), assessment.ModeFull)
	r := assessment.Score(b, a)
	if len(r.Recommendations) < 5 {
		t.Fatalf("the sample gets %d recommendations; a lean score is only shown on many", len(r.Recommendations))
	}
	if n := testing.AllocsPerRun(50, func() { assessment.Score(b, a) }); n > 24 {
		t.Errorf("scoring allocates %v times; want at most 24 (one array for the numbers, one for the reasons)", n)
	}
}
