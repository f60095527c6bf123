package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/i18n"
)

// On a terminal the list fits its width: first the mode goes, then names
// and roles are cut, then the completion date, then times keep their day.
func TestListFitsTheTerminal(t *testing.T) {
	header := strings.Split(i18n.MustNew("en").T("cli.list.header"), "\t")
	rows := [][]string{
		{"6a8c58e1-87f1-473c-b147-9be95feb1fa9", "José María Etxeberria Goikoetxea", "Manager or staff of a training provider",
			"full assessment", "65/67", "2026-03-09 11:38:06", "2026-03-09 11:40:00"},
		{"214cf8e8-9625-4b4a-b99e-663c5ebde274", "–", "Teacher or trainer", "quick scan", "9/19", "2026-03-07 20:25:02", "–"},
	}
	for _, r := range rows {
		shorten(r)
	}
	for _, c := range []struct {
		width       int
		want, never []string
	}{
		{200, []string{"MODE", "full assessment", "Etxeberria Goikoetxea", "2026-03-09 11:38", "COMPLETED", "6a8c58e1-87f1 "}, []string{"…"}},
		{80, []string{"José María", "…", "2026-03-09 11:38", "COMPLETED", "2026-03-09\n"}, []string{"MODE", "full assessment"}},
		{60, []string{"José", "2026-03-09\n", "65/67"}, []string{"MODE", "COMPLETED", "11:38"}},
		{50, []string{"José", "2026-03-09\n", "65/67"}, []string{"MODE", "COMPLETED", "ROLE"}},
		{40, []string{"José", "65/67\n"}, []string{"MODE", "COMPLETED", "ROLE", "UPDATED"}},
	} {
		var out bytes.Buffer
		if err := fitColumns(append([][]string{header}, rows...), c.width).write(&out, header, rows); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
			if w := ansi.StringWidth(line); w > c.width {
				t.Errorf("width %d, line %d is %d wide: %q", c.width, i, w, line)
			}
		}
		for _, w := range c.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("width %d: lacks %q:\n%s", c.width, w, out.String())
			}
		}
		for _, w := range c.never {
			if strings.Contains(out.String(), w) {
				t.Errorf("width %d: still shows %q:\n%s", c.width, w, out.String())
			}
		}
	}
}

// The id a terminal's list shows is one every command takes.
func TestShortListIDIsAnID(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "IDS-26", 3, 4)
	out, _, _ := run(t, dir, "list", "--json")
	var list []struct{ ID string }
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) == 0 {
		t.Fatalf("list --json: %v %s", err, out)
	}
	row := []string{list[0].ID, "", "", "", "", "", ""}
	shorten(row)
	if out, stderr, code := run(t, dir, "report", row[colID]); code != 0 || !strings.Contains(out, list[0].ID) {
		t.Errorf("report %s: exit %d %s", row[colID], code, stderr)
	}
}

// A long list on a terminal keeps the columns of its first block: a
// longer name later is cut, never moves the columns along.
func TestListColumnsNeverShift(t *testing.T) {
	var buf bytes.Buffer
	out := bufio.NewWriter(&buf)
	lw := newListWriter(out, strings.Split(i18n.MustNew("en").T("cli.list.header"), "\t"), 80)
	for i := range listBlock + 5 {
		name := "Ana"
		if i >= listBlock {
			name = "Maria Dolores de la Santísima Trinidad"
		}
		if err := lw.add("6a8c58e1-87f1-473c-b147-9be95feb1fa9", name, "Teacher or trainer", "quick scan", "9/19",
			"2026-03-07 20:25:02", "–"); err != nil {
			t.Fatal(err)
		}
	}
	if err := lw.flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != listBlock+6 {
		t.Fatalf("%d lines", len(lines))
	}
	column := func(l string) int { return ansi.StringWidth(l[:strings.Index(l, "9/19")]) } // cells, not bytes
	at := column(lines[1])
	for i, l := range lines[1:] {
		if column(l) != at {
			t.Fatalf("line %d has its answers at %d, the first at %d:\n%s", i+1, column(l), at, l)
		}
	}
}
