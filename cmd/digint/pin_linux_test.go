package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// openPTY opens a pseudo-terminal: the master the test types into and the
// terminal the command reads.
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	var n uint32
	unlock := int32(0)
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Skipf("unlockpt: %v", e)
	}
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		t.Skipf("ptsname: %v", e)
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open the terminal: %v", err)
	}
	t.Cleanup(func() { master.Close(); tty.Close() })
	return master, tty
}

// echoOff waits until the terminal no longer echoes, i.e. a secret is
// being read.
func echoOff(t *testing.T, tty *os.File) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		var tio syscall.Termios
		if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, tty.Fd(), syscall.TCGETS, uintptr(unsafe.Pointer(&tio))); e == 0 && tio.Lflag&syscall.ECHO == 0 {
			return
		}
	}
	t.Fatal("the terminal kept echoing: the PIN would show")
}

// lockedBuffer is a bytes.Buffer safe to read while the command writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// newAtTerminal runs `workshop new` with its standard input at a terminal
// and types the PINs given, each once the terminal stopped echoing; it
// returns what the terminal showed, the error output and the exit status.
func newAtTerminal(t *testing.T, dir string, pins ...string) (shown, stderr string, code int) {
	master, tty := openPTY(t)
	var out bytes.Buffer
	var errb lockedBuffer
	e := &env{getenv: func(k string) string {
		if k == "DIGINT_DB" {
			return filepath.Join(dir, "digint.db")
		}
		return ""
	}, stdin: tty, stdout: &out, stderr: &errb}
	args := []string{"workshop", "new", "Bologna"}
	done := make(chan error, 1)
	go func() {
		root := newRoot(e, args)
		root.SetArgs(args)
		done <- root.ExecuteContext(context.Background())
	}()
	for i, pin := range pins {
		for deadline := time.Now().Add(10 * time.Second); strings.Count(errb.String(), ":") <= i; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("no prompt %d: %q", i+1, errb.String())
			}
		}
		echoOff(t, tty)
		master.Write([]byte(pin + "\n"))
	}
	var err error
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("workshop new did not end")
	}
	tty.Close()
	master.SetReadDeadline(time.Now().Add(time.Second))
	var screen bytes.Buffer
	buf := make([]byte, 4096)
	for {
		n, rerr := master.Read(buf)
		screen.Write(buf[:n])
		if rerr != nil {
			break
		}
	}
	if err != nil {
		e.printError(&errb, fangStyles(), err)
		return screen.String(), errb.String(), exitCode(err)
	}
	return screen.String(), errb.String(), 0
}

// At a terminal the PIN is not echoed and is asked twice; two different
// PINs create nothing.
func TestWorkshopNewPINAtTerminal(t *testing.T) {
	dir := t.TempDir()
	shown, stderr, code := newAtTerminal(t, dir, "471147", "471148")
	if code != 2 || !strings.Contains(stderr, "differ") {
		t.Errorf("two different PINs: exit %d %q", code, stderr)
	}
	if strings.Contains(shown, "4711") {
		t.Errorf("the PIN was echoed: %q", shown)
	}
	if out, _, _ := run(t, dir, "workshop", "list"); strings.Contains(out, "Bologna") {
		t.Errorf("a workshop was created with mismatched PINs:\n%s", out)
	}

	shown, stderr, code = newAtTerminal(t, dir, "471147", "471147")
	if code != 0 || !strings.Contains(stderr, "again") {
		t.Fatalf("the same PIN twice: exit %d %q", code, stderr)
	}
	if strings.Contains(shown, "4711") {
		t.Errorf("the PIN was echoed: %q", shown)
	}
	out, _, _ := run(t, dir, "workshop", "list")
	if !strings.Contains(out, "Bologna") {
		t.Errorf("no workshop created:\n%s", out)
	}
}
