package storage

import (
	"io"
	"runtime"
	"testing"
)

// exportAllocLimit is what an export may allocate per assessment of the
// sample (with its results): each one's answers are parsed into the last
// one's slice. Before, a new slice each: 23 KB per assessment, and a
// garbage collection every few thousand assessments more.
const exportAllocLimit = 20 << 10

// TestExportAllocatesLittlePerAssessment: the bytes an export allocates
// per assessment stay under exportAllocLimit.
func TestExportAllocatesLittlePerAssessment(t *testing.T) {
	if pgServer != "" {
		t.Skip("the bound is SQLite's driver's; pgx allocates its own way")
	}
	const n = 400
	s := newStore(t)
	importBytes(t, s, sampleDocument(t, s.Catalog(), n, 12))
	if err := s.WriteDocument(ctx, Selection{All: true}, io.Discard); err != nil { // warm: statements, banks
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := s.WriteDocument(ctx, Selection{All: true}, io.Discard); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	per := (after.TotalAlloc - before.TotalAlloc) / n
	t.Logf("%d bytes allocated per assessment exported", per)
	if per > exportAllocLimit {
		t.Errorf("an export allocated %d bytes per assessment, limit %d", per, exportAllocLimit)
	}
}
