//go:build unix

package tui

import (
	"os"
	ossignal "os/signal"
	"syscall"
)

// keepTerminal makes the keys a terminal turns into signals (ctrl+c,
// ctrl+\, ctrl+z) do nothing while a line-by-line kiosk runs: only the
// facilitator's PIN ends it, never a key that drops the laptop to its
// shell. The returned function gives them back.
func keepTerminal() (restore func()) {
	stops := []os.Signal{syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTSTP}
	ossignal.Ignore(stops...)
	return func() { ossignal.Reset(stops...) }
}
