package storage

import (
	"path/filepath"
	"testing"
)

func TestDefaultPath(t *testing.T) {
	for _, tc := range []struct {
		name, goos, home string
		env              map[string]string
		want             string
	}{
		{"DIGINT_DB wins", "linux", "/home/ana", map[string]string{"DIGINT_DB": "/data/x.db", "XDG_DATA_HOME": "/xdg"}, "/data/x.db"},
		{"XDG_DATA_HOME", "linux", "/home/ana", map[string]string{"XDG_DATA_HOME": "/xdg"}, "/xdg/digint/digint.db"},
		{"relative XDG_DATA_HOME is ignored", "linux", "/home/ana", map[string]string{"XDG_DATA_HOME": "xdg"}, "/home/ana/.local/share/digint/digint.db"},
		{"linux", "linux", "/home/ana", nil, "/home/ana/.local/share/digint/digint.db"},
		{"macOS", "darwin", "/Users/ana", nil, "/Users/ana/Library/Application Support/digint/digint.db"},
		{"macOS with XDG", "darwin", "/Users/ana", map[string]string{"XDG_DATA_HOME": "/xdg"}, "/xdg/digint/digint.db"},
		{"windows", "windows", `C:\Users\ana`, map[string]string{"AppData": `C:\Users\ana\AppData\Roaming`},
			filepath.Join(`C:\Users\ana\AppData\Roaming`, "digint", "digint.db")},
	} {
		got, err := defaultPath(tc.goos, func(k string) string { return tc.env[k] }, tc.home)
		if err != nil || got != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
	for _, goos := range []string{"linux", "windows"} {
		if got, err := defaultPath(goos, func(string) string { return "" }, ""); err == nil {
			t.Errorf("%s with no home and no variables: %q, want an error", goos, got)
		}
	}
}

func TestDefaultPathReadsEnvironment(t *testing.T) {
	t.Setenv("DIGINT_DB", "/somewhere/else.db")
	if got, err := DefaultPath(); err != nil || got != "/somewhere/else.db" {
		t.Errorf("DefaultPath() = %q, %v", got, err)
	}
}
