package pgtest

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A server outlives no test process: this test runs itself as a child
// that starts a server and is then killed (as go test kills a binary at
// its timeout); the server must stop and its folder go.
func TestServerEndsWithItsProcess(t *testing.T) {
	if os.Getenv("PGTEST_CHILD") == "1" {
		s, err := Start(false)
		if err != nil {
			os.Stdout.WriteString("error " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString("dir " + s.Dir + "\n")
		time.Sleep(time.Minute)
		return
	}
	For(t).Stop() // skips (or fails on CI) where no server can start
	child := exec.Command(os.Args[0], "-test.run", "^TestServerEndsWithItsProcess$")
	child.Env = append(os.Environ(), "PGTEST_CHILD=1")
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	dir, ok := strings.CutPrefix(strings.TrimSpace(line), "dir ")
	if !ok {
		child.Process.Kill()
		t.Fatalf("the child started no server: %q", line)
	}
	pid := filepath.Join(dir, "data", "postmaster.pid")
	if _, err := os.Stat(pid); err != nil {
		t.Fatalf("the child's server is not running: %v", err)
	}
	child.Process.Kill()
	child.Wait()
	for range 150 {
		if _, err := os.Stat(dir); os.IsNotExist(err) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	exec.Command("runuser", "-u", "postgres", "--", Bin+"/pg_ctl", "-D", filepath.Join(dir, "data"), "-m", "immediate", "stop").Run()
	os.RemoveAll(dir)
	t.Fatal("the server of a killed process still ran 15 s later")
}
