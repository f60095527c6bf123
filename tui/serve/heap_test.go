package serve

import (
	"runtime"
	"testing"
)

// A room's memory is mostly what each open session keeps: the goal is
// under 2 MiB of the server's memory per participant, and the collector
// walks all of it on every pass while keys wait. A session's screen keeps
// its rows, not Bubble Tea's cell buffers (about 0.7 MiB at 100×30).
func TestSessionHeap(t *testing.T) {
	const sessions, budget = 20, 512 << 10
	f := newFixture(t, nil)
	warm := f.openTerm(f.mustDial(f.code), "xterm-256color", nil, 100, 30, "")
	warm.waitFor("Start a new assessment") // what lives as long as the server
	before := liveHeap()
	terms := make([]*term, sessions)
	for i := range terms {
		terms[i] = f.openTerm(f.mustDial(f.code), "xterm-256color", nil, 100, 30, "")
	}
	for _, tm := range terms {
		tm.waitFor("Start a new assessment")
	}
	per := (liveHeap() - before) / sessions
	t.Logf("live heap per open session at 100×30: %d KiB", per>>10)
	if per > budget {
		t.Errorf("each open session keeps %d KiB of heap, more than %d KiB", per>>10, budget>>10)
	}
}

func liveHeap() int64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}
