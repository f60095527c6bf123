package main

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// A server collects at GOGC=50 on twice as many threads as cores, unless
// the environment says otherwise; what it says wins.
func TestServerRuntime(t *testing.T) {
	procs, gc := runtime.GOMAXPROCS(0), debug.SetGCPercent(100)
	t.Cleanup(func() {
		runtime.GOMAXPROCS(procs)
		debug.SetGCPercent(gc)
	})
	t.Setenv("GOGC", "")
	t.Setenv("GOMAXPROCS", "")
	serverRuntime()
	if got := runtime.GOMAXPROCS(procs); got != 2*procs {
		t.Errorf("GOMAXPROCS %d; want %d", got, 2*procs)
	}
	if got := debug.SetGCPercent(100); got != 50 {
		t.Errorf("GC percent %d; want 50", got)
	}

	t.Setenv("GOGC", "100")
	t.Setenv("GOMAXPROCS", "3")
	serverRuntime()
	if got := runtime.GOMAXPROCS(0); got != procs {
		t.Errorf("with GOMAXPROCS set, GOMAXPROCS %d; want it left at %d", got, procs)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, GC percent %d; want it left at 100", got)
	}
}
