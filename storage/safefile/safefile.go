// Package safefile writes the files digint leaves on a disk (exports,
// reports): whole or not at all, readable by their owner only, and never
// through a link someone placed at the name.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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
	exists := func() bool {
		_, err := os.Lstat(path)
		return err == nil || !errors.Is(err, fs.ErrNotExist)
	}
	if mustBeNew && exists() {
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".digint-*.tmp") // 0600, O_EXCL
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	defer os.Remove(tmp.Name()) // after a failure; gone already after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	if mustBeNew && exists() { // appeared meanwhile
		return fmt.Errorf("%s: %w", path, ErrExists)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the temporary file's name from an error: the user asked
// for path, not for it.
func unwrapPath(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}
