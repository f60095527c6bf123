package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// The note left after the program ends is wrapped at words to the
// terminal's width: the terminal would cut words, codes and commands.
func TestExitNoteWrapsAtWords(t *testing.T) {
	m := newModel(t, openStore(t), "es")
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 12})
	m.exitNote = m.c.T("serve.code", "Code", "XZ7D-B5CP") + "\n" +
		m.c.T("serve.code.how", "Line", "ssh -p 51519 N26PNS@127.0.0.1", "Code", "XZ7D-B5CP")
	note := m.ExitNote()
	for _, l := range strings.Split(note, "\n") {
		if w := lipgloss.Width(l); w > 40 {
			t.Errorf("a line of %d columns at 40: %q", w, l)
		}
	}
	words := strings.Fields(note)
	for _, w := range strings.Fields(m.exitNote) {
		found := false
		for _, x := range words {
			found = found || x == w
		}
		if !found {
			t.Errorf("the word %q was cut:\n%s", w, note)
		}
	}
}

// A participant served to their key comes back by the same line, not by
// a menu entry for codes they do not see.
func TestServedKeyNoteSaysComeBackByTheSameLine(t *testing.T) {
	m := newModel(t, openStore(t), "en")
	m.c.opts.SSHLine = "ssh -p 2222 K7PQ2X@host"
	if how := m.c.codeHow("AB12-CD34", false); !strings.Contains(how, "personal code") {
		t.Errorf("without a key: %q", how)
	}
	m.c.opts.Key = "SHA256:abc"
	how := m.c.codeHow("AB12-CD34", false)
	if strings.Contains(how, "personal code") || !strings.Contains(how, "again from this computer") || !strings.Contains(how, "report AB12-CD34") {
		t.Errorf("with a key: %q", how)
	}
	// Done: nothing to continue, only the report to fetch.
	if how := m.c.codeHow("AB12-CD34", true); strings.Contains(how, "continue") || !strings.Contains(how, "report AB12-CD34") {
		t.Errorf("done: %q", how)
	}
}

// Leaving before anything was begun (from the start form) says goodbye,
// not that answers are saved: none were given.
func TestLeavingBeforeStartingCallsNothingSaved(t *testing.T) {
	store := openStore(t)
	d := drive(t, newModel(t, store, "en"), 80, 24)
	d.until("welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d.keys("enter")
	d.until("the start form", func(s snapshot) bool { return s.screen == screenStart })
	d.typeText("Eva")
	d.keys("ctrl+c")
	d.tm.WaitFinished(t, teatestTimeout())
	if note := d.m.ExitNote(); note != "Goodbye." || d.m.Err() != nil {
		t.Errorf("exit note %q, error %v; want Goodbye.", note, d.m.Err())
	}
}

// The note is wrapped between words only, never at a hyphen: the command
// it gives keeps its options whole at every width ("--db", not "--" at
// the end of one line and "db" at the start of the next).
func TestExitNoteKeepsOptionsWhole(t *testing.T) {
	m := newModel(t, openStore(t), "it")
	m.exitNote = m.c.T("exit.resume", "Done", 4, "Total", 19, "Digint", "digint --lang it --db /tmp/fc/acc.db --accessible")
	for width := 20; width <= 100; width++ {
		m.Update(tea.WindowSizeMsg{Width: width, Height: 12})
		note := m.ExitNote()
		for _, l := range strings.Split(note, "\n") {
			if w := lipgloss.Width(l); w > width {
				t.Errorf("width %d: a line of %d columns: %q", width, w, l)
			}
		}
		if got := strings.Join(strings.Fields(note), " "); got != m.exitNote {
			t.Errorf("width %d: the note reads %q", width, got)
		}
	}
}

// An indented line of the note (the command that fetches a report) keeps
// its indent on every line it wraps to, so it still reads as one command.
func TestWrappedCommandKeepsItsIndent(t *testing.T) {
	line := "  ssh -p 2299 HQKGNU@127.0.0.1 report 5DEZ-98QH > mon-rapport.html"
	for width := 20; width <= 80; width++ { // the longest word and the indent fit
		got := wrapAtSpaces(line, width)
		for _, l := range got {
			if !strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "   ") || lipgloss.Width(l) > width {
				t.Errorf("width %d: %q", width, got)
				break
			}
		}
		if strings.Join(strings.Fields(strings.Join(got, " ")), " ") != strings.TrimSpace(line) {
			t.Errorf("width %d: the words changed: %q", width, got)
		}
	}
}
