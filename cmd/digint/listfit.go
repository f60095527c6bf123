package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
)

// The list's columns, in the order of cli.list.header.
const (
	colID = iota
	colName
	colRole
	colMode
	colAnswered
	colUpdated
	colCompleted
	listColumns
)

// On a terminal the list fits its width, so no row wraps: ids are cut to
// a prefix every command takes (48 bits: unique among millions), times to
// the minute, completions to the day; then the mode goes, names and roles
// share what is left (cut with "…", never below minCell), the date of
// completion goes, times keep their day; on the narrowest, the role and
// then the time go too.
const (
	shortIDLen = 13 // 8-4 hex digits of a UUID
	minCell    = 8
	cellGap    = 2
)

// terminalWidth is the width of w when it is a terminal, else 0.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return 0
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil {
		return 0
	}
	return width
}

// shorten cuts a row's id and times for a terminal.
func shorten(row []string) {
	row[colID] = row[colID][:min(len(row[colID]), shortIDLen)]
	row[colUpdated] = row[colUpdated][:min(len(row[colUpdated]), len("2006-01-02 15:04"))]
	row[colCompleted] = row[colCompleted][:min(len(row[colCompleted]), len(time.DateOnly))]
}

// columnFit is which columns a terminal's list shows, and how wide.
type columnFit struct {
	shown, widths []int
}

// fitColumns chooses the columns and widths that fit rows (the header
// among them) in width.
func fitColumns(rows [][]string, width int) columnFit {
	widths := make([]int, listColumns)
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	shown := []int{colID, colName, colRole, colMode, colAnswered, colUpdated, colCompleted}
	steps := []func(){
		func() {},
		func() { shown = removeColumn(shown, colMode) },
		func() { shown = removeColumn(shown, colCompleted) },
		func() { widths[colUpdated] = min(widths[colUpdated], len(time.DateOnly)) }, // the day it changed
		func() { shown = removeColumn(shown, colRole) },
		func() { shown = removeColumn(shown, colUpdated) }, // what is left: who, and how far
	}
	var fitted []int
	for _, step := range steps {
		step()
		fitted = slices.Clone(widths)
		if shareRoom(fitted, shown, width) {
			break
		}
	}
	return columnFit{shown, fitted}
}

// write writes rows in the columns chosen; header, when given, first.
func (f columnFit) write(w io.Writer, header []string, rows [][]string) error {
	if header != nil {
		rows = append([][]string{header}, rows...)
	}
	var b strings.Builder
	for i, r := range rows {
		b.Reset()
		for k, col := range f.shown {
			cell := ansi.Truncate(r[col], f.widths[col], "…")
			if col == colUpdated && (header == nil || i > 0) { // a time cut to its day, not with "…"
				cell = r[col][:min(len(r[col]), f.widths[col])]
			}
			b.WriteString(cell)
			if k < len(f.shown)-1 {
				b.WriteString(strings.Repeat(" ", f.widths[col]-ansi.StringWidth(cell)+cellGap))
			}
		}
		b.WriteByte('\n')
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

func removeColumn(cols []int, col int) []int {
	out := cols[:0:0]
	for _, c := range cols {
		if c != col {
			out = append(out, c)
		}
	}
	return out
}

// shareRoom narrows the name and role columns so the shown ones fit
// width, the wider first; false when even minCell each is too wide.
func shareRoom(widths []int, shown []int, width int) bool {
	total := cellGap * (len(shown) - 1)
	for _, c := range shown {
		total += widths[c]
	}
	roleShown := slices.Contains(shown, colRole)
	for total > width {
		wide, other := colName, 0 // the wider shown of the two, and the other's width
		if roleShown {
			other = widths[colRole]
			if widths[colRole] > widths[colName] {
				wide, other = colRole, widths[colName]
			}
		}
		if widths[wide] <= minCell {
			return false
		}
		cut := min(total-width, widths[wide]-minCell, max(1, widths[wide]-other))
		widths[wide] -= cut
		total -= cut
	}
	return true
}

// listWriter writes the list a block of rows at a time, so a long list
// is never held whole: aligned by a tabwriter when not on a terminal (as
// wide as the data), fitted to width on one.
type listWriter struct {
	out    *bufio.Writer
	tw     *tabwriter.Writer // not on a terminal
	header []string          // until written (on a terminal)
	rows   [][]string
	n      int // rows in the block
	width  int
	fit    *columnFit // chosen on the first block, kept: columns never shift
}

const listBlock = 1000

func newListWriter(out *bufio.Writer, header []string, width int) *listWriter {
	t := &listWriter{out: out, header: header, width: width}
	if width == 0 {
		t.tw = tabwriter.NewWriter(out, 0, 4, cellGap, ' ', 0)
		fmt.Fprintln(t.tw, strings.Join(header, "\t"))
	}
	return t
}

func (t *listWriter) add(cells ...string) error {
	if t.tw != nil {
		fmt.Fprintln(t.tw, strings.Join(cells, "\t"))
	} else {
		shorten(cells)
		t.rows = append(t.rows, cells)
	}
	if t.n++; t.n >= listBlock {
		return t.flush()
	}
	return nil
}

// flush writes the block, and the header if no block was written yet.
func (t *listWriter) flush() error {
	t.n = 0
	if t.tw != nil {
		if err := t.tw.Flush(); err != nil {
			return err
		}
	} else if len(t.rows) > 0 {
		if t.fit == nil {
			f := fitColumns(append([][]string{t.header}, t.rows...), t.width)
			t.fit = &f
		}
		err := t.fit.write(t.out, t.header, t.rows)
		t.header, t.rows = nil, t.rows[:0]
		if err != nil {
			return err
		}
	}
	return t.out.Flush()
}
