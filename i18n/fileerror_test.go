package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A file's trouble is said in the user's language, naming the file,
// whoever meets it (the command line, a kiosk saving to a USB stick); an
// error that is not a file's is left to the caller.
func TestFileErrorSaysItInTheLanguage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "ioana.html")
	wrapped := func(op string, err error) error {
		return fmt.Errorf("export: %w", &fs.PathError{Op: op, Path: file, Err: err})
	}
	for _, tc := range []struct {
		lang string
		err  error
		want string
	}{
		{"en", wrapped("write", syscall.ENOSPC), file + ": the disk is full"},
		{"en", wrapped("open", syscall.EROFS), file + ": the disk is read-only"},
		{"en", &fs.PathError{Op: "write", Path: filepath.Join(dir, "gone", "x.html"), Err: syscall.ENOENT}, "there is no folder " + filepath.Join(dir, "gone")},
		{"ro", wrapped("open", syscall.EACCES), file + ": nu"},
	} {
		l := MustNew(tc.lang)
		text, ok := l.FileError(tc.err)
		if !ok || !strings.Contains(text, tc.want) {
			t.Errorf("%s %v: %q, %v; want it to contain %q", tc.lang, tc.err, text, ok, tc.want)
		}
		if tc.lang != "en" && strings.Contains(text, "permission denied") {
			t.Errorf("%s: the system's English words: %q", tc.lang, text)
		}
	}
	if _, ok := MustNew("en").FileError(errors.New("not a file's")); ok {
		t.Error("an error that is not a file's was explained")
	}
}
