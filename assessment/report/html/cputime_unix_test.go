//go:build unix

package html

import (
	"syscall"
	"time"
)

// cpuTime is the process's CPU time so far (its GC included).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
