//go:build unix

package storage

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const stranger = 4242 // a user id that is not this test's

func asRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("giving a file to another user needs root")
	}
}

// An empty file, or a link, that another user put at the database path is
// refused, naming the path and why, and left as it was.
func TestOpenRefusesAnotherUsersFile(t *testing.T) {
	asRoot(t)
	for _, tc := range []struct {
		name string
		make func(t *testing.T, dir string) string
	}{
		{"their empty file, mode 0666", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "digint.db")
			mustDo(t, os.WriteFile(p, nil, 0o666), os.Chmod(p, 0o666), os.Chown(p, stranger, stranger))
			return p
		}},
		{"their database", func(t *testing.T, dir string) string {
			p := filledFile(t, dir)
			mustDo(t, os.Chown(p, stranger, stranger))
			return p
		}},
		{"a link to their file", func(t *testing.T, dir string) string {
			theirs := filepath.Join(dir, "theirs")
			p := filepath.Join(dir, "digint.db")
			mustDo(t, os.WriteFile(theirs, nil, 0o666), os.Chown(theirs, stranger, stranger), os.Symlink(theirs, p))
			return p
		}},
		{"their link to a file of ours", func(t *testing.T, dir string) string {
			ours := filledFile(t, t.TempDir())
			p := filepath.Join(dir, "digint.db")
			mustDo(t, os.Symlink(ours, p), os.Lchown(p, stranger, stranger))
			return p
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.make(t, t.TempDir())
			before := fileHash(t, path)
			s, err := Open(path, testCatalog(t))
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if !errors.Is(err, ErrNotYours) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "another user") {
				t.Errorf("error %q: want %q naming the path", err, ErrNotYours)
			}
			if fileHash(t, path) != before {
				t.Error("the file changed")
			}
			noSideFiles(t, path)
		})
	}
}

// A link of this user to a file of theirs is theirs to make: it works.
func TestOpenFollowsOwnLink(t *testing.T) {
	sqliteOnly(t)
	real := filledFile(t, t.TempDir())
	link := filepath.Join(t.TempDir(), "digint.db")
	mustDo(t, os.Symlink(real, link))
	s := openAt(t, link)
	if n := count(t, s, "assessments"); n != 40 {
		t.Errorf("%d assessments through the link, want 40", n)
	}
}

// A database readable by others, or an empty file made with mode 0666, is
// made private (0600) when opened for writing.
func TestOpenMakesTheFilePrivate(t *testing.T) {
	sqliteOnly(t)
	for _, tc := range []struct {
		name string
		make func(t *testing.T, dir string) string
	}{
		{"a database of mode 0644", func(t *testing.T, dir string) string {
			p := filledFile(t, dir)
			mustDo(t, os.Chmod(p, 0o644))
			return p
		}},
		{"an empty file of mode 0666", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "digint.db")
			mustDo(t, os.WriteFile(p, nil, 0o666), os.Chmod(p, 0o666))
			return p
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.make(t, t.TempDir())
			openAt(t, path).Close()
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("mode %v after opening, want 0600", fi.Mode().Perm())
			}
		})
	}
}

func mustDo(t *testing.T, errs ...error) {
	t.Helper()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}
