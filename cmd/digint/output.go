package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"

	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/storage"
	"github.com/digint/digint/storage/safefile"
)

// writeOutput runs write on standard output (path "" or "-") or on a new
// file at path, written whole and never through a link (see safefile),
// and then says where, and whether it replaced a file.
func writeOutput(e *env, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(e.stdout)
	}
	_, err := os.Lstat(path)
	replaced := err == nil
	if replaced && storage.IsDatabaseFile(path) { // the one in use, most likely: -o where --db was meant
		return usagef("%s", e.T("cli.output.database", "File", safe.Line(path)))
	}
	if err := safefile.Write(path, write); err != nil {
		return err
	}
	key := "cli.output.written"
	if replaced {
		key = "cli.output.replaced"
	}
	fmt.Fprintln(e.stdout, e.T(key, "File", safe.Line(path)))
	return nil
}

// bulkWork tunes the garbage collector for a command that scores and
// writes many assessments (exports, group reports): the live heap is a few
// MiB whatever the data, and collecting it every few MiB allocated took a
// third of an export's CPU. The soft limit keeps the heap flat all the same.
func bulkWork() {
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(bulkMemoryLimit)
}

const bulkMemoryLimit = 32 << 20

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
