package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

// writeOutput runs write on standard output (path "" or "-") or on a new
// file at path. A file is written to a temporary file (mode 0600) in the
// same folder and renamed into place once complete: a failed write never
// leaves half a file, and a symbolic link at path is replaced, never
// followed, so its target is never overwritten.
func writeOutput(e *env, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(e.stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".digint-out-*") // 0600, O_EXCL
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after a failure; gone already after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// csvCell keeps a spreadsheet from running a cell as a formula: text that
// starts with = + - @, a tab or a carriage return gets a leading '. Numbers
// (a negative gap) stay numbers.
func csvCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if _, err := strconv.ParseFloat(s, 64); err == nil && s[0] != '\t' && s[0] != '\r' {
			return s
		}
		return "'" + s
	}
	return s
}

// csvRow makes every cell of a row safe.
func csvRow(cells ...string) []string {
	for i, c := range cells {
		cells[i] = csvCell(c)
	}
	return cells
}
