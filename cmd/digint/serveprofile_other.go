//go:build !unix

package main

import "os"

// snapshotSignals: no SIGUSR1 here; the CPU profile alone is written.
var snapshotSignals []os.Signal
