//go:build unix

package main

import (
	"os"
	"syscall"
)

// snapshotSignals ask a profiling server for its heap and goroutines.
var snapshotSignals = []os.Signal{syscall.SIGUSR1}
