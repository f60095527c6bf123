package main

import (
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// startProfile writes the server's CPU profile to dir/cpu.pprof until stop
// is called, and its heap and goroutines to dir/heap.pprof and goroutines.txt at each SIGUSR1 (the load test
// sends one when every session is open). Off unless --debug-profile names
// a directory: a debugging aid, never on by default.
func startProfile(dir string) (stop func(), err error) {
	cpu, err := os.Create(filepath.Join(dir, "cpu.pprof"))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		cpu.Close()
		return nil, err
	}
	usr1 := make(chan os.Signal, 1)
	if len(snapshotSignals) > 0 { // none would mean every signal
		signal.Notify(usr1, snapshotSignals...)
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-usr1:
				writeHeap(filepath.Join(dir, "heap.pprof"))
				writeGoroutines(filepath.Join(dir, "goroutines.txt"))
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(usr1)
		close(done)
		pprof.StopCPUProfile()
		cpu.Close()
	}, nil
}

func writeHeap(path string) {
	f, err := os.Create(path)
	if err != nil {
		return
	}
	defer f.Close()
	runtime.GC()
	pprof.Lookup("heap").WriteTo(f, 0)
}

func writeGoroutines(path string) {
	f, err := os.Create(path)
	if err != nil {
		return
	}
	defer f.Close()
	pprof.Lookup("goroutine").WriteTo(f, 1)
}
