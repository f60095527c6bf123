package main

import (
	"runtime/debug"
	"strings"
	"time"
)

// programVersion is the version set at build time, else the one the Go
// tool recorded in the binary.
func programVersion() string {
	if version != "" {
		return version
	}
	info, _ := debug.ReadBuildInfo()
	return buildVersion(info)
}

// buildVersion reads a version from the build information: the module's
// version after `go install …@v1.2.3`; for a build from a checkout, the
// commit (short) and its date, "+dirty" when files were changed; "dev"
// when neither is known (go run, tests).
func buildVersion(info *debug.BuildInfo) string {
	if info == nil {
		return "dev"
	}
	// v0.0.0-… is the Go tool's stand-in for an untagged commit: the
	// commit and its date say more.
	if v := info.Main.Version; v != "" && v != "(devel)" && !strings.HasPrefix(v, "v0.0.0-") {
		return v
	}
	var rev, at string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := "dev-" + rev
	if t, err := time.Parse(time.RFC3339, at); err == nil {
		v += " " + t.UTC().Format(time.DateOnly)
	}
	if dirty {
		v += "+dirty"
	}
	return v
}
