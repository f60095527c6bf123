package main

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Every command, `digint version` included, runs the package initialisers
// of everything linked in: ours must not parse catalogs, templates or
// patterns there (that made `version` 5× a hello world). Allocations, not
// times, so the test is steady on a busy machine. The test binary links the
// same packages (and its test data, which is light too).
func TestInitsAreLight(t *testing.T) {
	const maxAllocs, maxBytes = 32, 64 << 10
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	line := regexp.MustCompile(`(?m)^init (\S+) @.*?, (\d+) bytes, (\d+) allocs$`)
	seen := 0
	for _, m := range line.FindAllStringSubmatch(string(out), -1) {
		pkg := m[1]
		if !strings.HasPrefix(pkg, "github.com/digint/digint/") {
			continue
		}
		seen++
		bytes, _ := strconv.Atoi(m[2])
		allocs, _ := strconv.Atoi(m[3])
		if allocs > maxAllocs || bytes > maxBytes {
			t.Errorf("init of %s: %d allocations, %d bytes (at most %d, %d KiB): make it lazy", pkg, allocs, bytes, maxAllocs, maxBytes>>10)
		}
	}
	if seen < 4 {
		t.Fatalf("only %d of our packages in the init trace:\n%s", seen, out)
	}
}
