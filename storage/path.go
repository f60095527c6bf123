package storage

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// DefaultPath is where the database lives unless the user says otherwise:
// $DIGINT_DB; else $XDG_DATA_HOME/digint/digint.db; else the OS's place for
// application data (~/Library/Application Support/digint on macOS,
// %AppData%\digint on Windows, ~/.local/share/digint elsewhere).
func DefaultPath() (string, error) {
	home, _ := os.UserHomeDir() // checked in defaultPath, only when needed
	return defaultPath(runtime.GOOS, os.Getenv, home)
}

func defaultPath(goos string, getenv func(string) string, home string) (string, error) {
	if p := getenv("DIGINT_DB"); p != "" {
		return p, nil
	}
	// The XDG spec says relative paths are invalid and must be ignored.
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "digint", "digint.db"), nil
	}
	if goos == "windows" {
		if d := getenv("AppData"); d != "" {
			return filepath.Join(d, "digint", "digint.db"), nil
		}
		return "", errors.New("cannot find the data folder: %AppData% is not set; set DIGINT_DB to the database file")
	}
	if home == "" {
		return "", errors.New("cannot find the data folder: no home directory; set DIGINT_DB to the database file")
	}
	if goos == "darwin" || goos == "ios" {
		return filepath.Join(home, "Library", "Application Support", "digint", "digint.db"), nil
	}
	return filepath.Join(home, ".local", "share", "digint", "digint.db"), nil
}

// DataDir is the folder of the default database whatever $DIGINT_DB says:
// where a server on a PostgreSQL database keeps its own files (host key,
// log).
func DataDir() (string, error) {
	home, _ := os.UserHomeDir()
	p, err := defaultPath(runtime.GOOS, func(k string) string {
		if k == "DIGINT_DB" {
			return ""
		}
		return os.Getenv(k)
	}, home)
	if err != nil {
		return "", err
	}
	return filepath.Dir(p), nil
}
