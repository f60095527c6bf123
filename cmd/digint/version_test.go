package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	set := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	for _, c := range []struct {
		info *debug.BuildInfo
		want string
	}{
		{nil, "dev"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: set(
			"vcs.revision", "0123456789abcdef0123", "vcs.time", "2026-11-30T17:04:05Z", "vcs.modified", "false")}, "dev-0123456789ab 2026-11-30"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: set(
			"vcs.revision", "0123456789abcdef0123", "vcs.time", "2026-11-30T17:04:05Z", "vcs.modified", "true")}, "dev-0123456789ab 2026-11-30+dirty"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261130170405-0123456789ab+dirty"}, Settings: set(
			"vcs.revision", "0123456789abcdef0123", "vcs.time", "2026-11-30T17:04:05Z", "vcs.modified", "true")}, "dev-0123456789ab 2026-11-30+dirty"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
	} {
		if got := buildVersion(c.info); got != c.want {
			t.Errorf("buildVersion(%+v) = %q, want %q", c.info, got, c.want)
		}
	}
}

// A binary built from this checkout names its commit, not "dev"; one
// built with -X main.version says that.
func TestVersionOfABuiltBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	// A fresh clone: the Go tool stamps no commit in a git worktree (its
	// .git is a file).
	src := filepath.Join(t.TempDir(), "src")
	if out, err := exec.Command("git", "clone", "-q", "../..", src).CombinedOutput(); err != nil {
		t.Skipf("no git checkout to clone: %v %s", err, out)
	}
	rev, _ := exec.Command("git", "-C", src, "rev-parse", "--short=12", "HEAD").Output()
	bin := filepath.Join(t.TempDir(), "digint")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, "./cmd/digint")
	build.Dir = src
	build.Env = append(os.Environ(), "GOFLAGS=-buildvcs=true")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil || !strings.Contains(string(out), "dev-"+strings.TrimSpace(string(rev))) {
		t.Errorf("version = %q, %v; want the commit %s", out, err, rev)
	}
	if out, err := exec.Command("go", "build", "-o", bin, "-ldflags", "-X main.version=v9.8.7", ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	out, _ = exec.Command(bin, "version").Output()
	if !strings.HasPrefix(string(out), "digint v9.8.7 ") {
		t.Errorf("-X main.version: version = %q", out)
	}
	out, _ = exec.Command(bin, "--version").Output()
	if !strings.Contains(string(out), "v9.8.7") {
		t.Errorf("--version = %q", out)
	}
	_ = os.Remove(bin)
}
