// Package safefile writes the files digint leaves on a disk (exports,
// reports): whole or not at all, readable by their owner only, and never
// through a link someone placed at the name.
package safefile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ErrExists: WriteNew found something at the name already.
var ErrExists = errors.New("something is there already")

// Write writes a file at path: into a temporary file (mode 0600) in the
// same folder, synced, then renamed into place. A failure never leaves half
// a file under the name, and a symbolic link at path is replaced, never
// followed, so what it points to is never overwritten. Errors name path.
func Write(path string, write func(io.Writer) error) error {
	return writeFile(path, false, write)
}

// WriteNew is Write for a name that must not exist yet (not even as a
// link): it fails with ErrExists rather than replace anything.
func WriteNew(path string, write func(io.Writer) error) error {
	return writeFile(path, true, write)
}

func writeFile(path string, mustBeNew bool, write func(io.Writer) error) error {
	fi, err := os.Lstat(path)
	switch {
	case mustBeNew && taken(err):
		return pathError(path, ErrExists)
	case err == nil && fi.IsDir(): // the rename would fail, less clearly
		return pathError(path, syscall.EISDIR)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".digint-*.tmp") // 0600, O_EXCL
	if errors.Is(err, fs.ErrPermission) {
		return pathError(filepath.Dir(path), err) // the folder is what may not be written
	}
	if err != nil {
		return pathError(path, err)
	}
	defer os.Remove(tmp.Name()) // after a failure; gone already after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == tmp.Name() { // a full disk, say
			return pathError(path, pe)
		}
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return pathError(path, err)
	}
	if err := tmp.Close(); err != nil {
		return pathError(path, err)
	}
	if mustBeNew {
		if _, err := os.Lstat(path); taken(err) { // appeared meanwhile
			return pathError(path, ErrExists)
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return pathError(path, err)
	}
	return nil
}

// taken tells from Lstat's error whether something is at a name, or may
// be (it could not be looked at).
func taken(lstatErr error) bool { return !errors.Is(lstatErr, fs.ErrNotExist) }

// pathError names path, the file the user asked for, with why it could
// not be written, not the temporary file's name: a *fs.PathError, so the
// caller can say it in the user's language.
func pathError(path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return &fs.PathError{Op: "write", Path: path, Err: err}
}
