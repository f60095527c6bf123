package main

import (
	"strings"
	"testing"
)

// --kiosk-idle sets how long a kiosk waits for a key; too short would hand
// over a slow reader mid-question.
func TestKioskIdleFlag(t *testing.T) {
	_, stderr, code := run(t, t.TempDir(), "--workshop", "BLQ-25", "--kiosk", "--kiosk-idle", "5s")
	if code != 2 || !strings.Contains(stderr, "--kiosk-idle must be at least 30s") {
		t.Errorf("exit %d %q", code, stderr)
	}
	_, stderr, code = run(t, t.TempDir(), "--workshop", "BLQ-25", "--kiosk", "--kiosk-idle", "soon")
	if code != 2 || !strings.Contains(stderr, "kiosk-idle") {
		t.Errorf("exit %d %q", code, stderr)
	}
}
