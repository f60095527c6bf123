//go:build !unix

package tui

import (
	"os"
	ossignal "os/signal"
)

// keepTerminal makes ctrl+c do nothing while a line-by-line kiosk runs:
// only the facilitator's PIN ends it. The returned function gives it back.
func keepTerminal() (restore func()) {
	ossignal.Ignore(os.Interrupt)
	return func() { ossignal.Reset(os.Interrupt) }
}
