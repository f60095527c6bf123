//go:build unix

package storage

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the test process has used, user and system:
// on a machine shared with other work, a benchmark's CPU per op says what
// its wall time cannot.
func processCPU() time.Duration {
	var r syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &r) != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}
