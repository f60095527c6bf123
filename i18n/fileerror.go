package i18n

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/digint/digint/assessment/safe"
)

// FileError says what went wrong with a file – a missing folder, no
// permission, a full disk… – in l's language, naming the file; ok is
// false when err is not a file's (the system's words are English).
func (l *Localizer) FileError(err error) (text string, ok bool) {
	var pe *fs.PathError
	if err == nil || !errors.As(err, &pe) {
		return "", false
	}
	name := safe.Line(pe.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && pe.Op == "write" && !isFolder(filepath.Dir(pe.Path)):
		return l.T("cli.file.nofolder", "File", name, "Folder", safe.Line(filepath.Dir(pe.Path))), true
	case errors.Is(err, fs.ErrNotExist):
		return l.T("cli.file.notexist", "File", name), true
	case errors.Is(err, fs.ErrPermission) && pe.Op == "write" && isFolder(pe.Path):
		return l.T("cli.file.folderpermission", "Folder", name), true
	case errors.Is(err, fs.ErrPermission):
		return l.T("cli.file.permission", "File", name), true
	case errors.Is(err, syscall.EISDIR):
		return l.T("cli.file.isdir", "File", name), true
	case errors.Is(err, syscall.ENOTDIR):
		return l.T("cli.file.notdir", "File", name), true
	case errors.Is(err, syscall.ENOSPC):
		return l.T("cli.file.full", "File", name), true
	case errors.Is(err, syscall.EROFS):
		return l.T("cli.file.readonly", "File", name), true
	}
	return "", false
}

func isFolder(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
