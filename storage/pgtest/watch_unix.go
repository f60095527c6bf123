//go:build unix

package pgtest

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// watch stops the server and removes its folder once this process has
// ended, however it ended: a test binary killed at its timeout never runs
// Stop, and pg_ctl's server is not its child, so it would run on. The
// watcher has a session of its own, so a signal to the test's process
// group does not take it too.
func (s *Server) watch() error {
	const script = `while kill -0 "$1" 2>/dev/null; do sleep 1; done
runuser -u postgres -- "$2/pg_ctl" -D "$3" -m immediate -w stop >/dev/null 2>&1
rm -rf "$4"`
	cmd := exec.Command("sh", "-c", script, "pgtest-watch", strconv.Itoa(os.Getpid()), Bin, s.data, s.Dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Process.Release()
}
