package tui

import (
	"github.com/charmbracelet/x/ansi"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every look, on both backgrounds, paints every line of every text we
// ship (and awkward ones) exactly as its lipgloss style renders it.
func TestPaintIsLipgloss(t *testing.T) {
	corpus := []string{"", " ", "  two  ", "a", "✓ saved", "★", "界界", "e\u0301", "👩🏽‍💻", "\u202etxet",
		"\u00a0nbsp", "tab\there", "two\nlines", "\x1b[31mred\x1b[0m", "cr\r", "nul\x00", strings.Repeat("long ", 300)}
	err := filepath.WalkDir("../i18n/locales", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		corpus = append(corpus, strings.Split(string(b), "\n")...)
		return err
	})
	if err != nil || len(corpus) < 1000 {
		t.Fatalf("corpus of %d lines: %v", len(corpus), err)
	}
	for _, dark := range []bool{true, false} {
		s := newStyles(dark)
		looks := map[string]paint{"title": s.title, "subtitle": s.subtitle, "dim": s.dim, "bold": s.bold,
			"accent": s.accent, "cursor": s.cursor, "selected": s.selected, "ok": s.ok, "warn": s.warn,
			"err": s.err, "key": s.key, "rule": s.rule, "tab": s.tab, "activeTab": s.activeTab}
		fast := 0
		for name, p := range looks {
			if p.fast {
				fast++
			}
			for _, line := range corpus {
				if got, want := p.Render(line), p.style.Render(line); got != want {
					t.Fatalf("%s (dark %v) paints %q as %q; lipgloss: %q", name, dark, line, got, want)
				}
			}
		}
		if fast < 12 {
			t.Errorf("only %d looks take the fast path", fast)
		}
	}
}

// truncate's shortcut for lines that fit gives what a full parse gives,
// for painted and plain lines of every shipped text at every width.
func TestTruncateShortcutIsExact(t *testing.T) {
	s := newStyles(true)
	lines := []string{"", "\x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\", "\x1b[1;38;2;1;2;3mbold\x1b[m tail", "界界界界", "👩🏽‍💻👩🏽‍💻", "e\u0301e\u0301e\u0301",
		strings.Repeat("─", 100), "  ▸ 3/19 " + strings.Repeat("█", 40) + strings.Repeat("░", 40) + " 45%", "“quoted” – dash… ★ ✓ ○ ● → ←", "☔⚡✅❌⭐⌚"}
	err := filepath.WalkDir("../i18n/locales/en.yaml", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		for _, l := range strings.Split(string(b), "\n") {
			lines = append(lines, l, s.bold.Render(l)+" "+s.dim.Render(l), s.activeTab.Render(l))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		for w := 1; w <= 130; w++ {
			if got, want := truncate(l, w), closeEllipsis(ansi.Truncate(l, w, "…")); got != want {
				t.Fatalf("truncate(%q, %d) = %q; a full parse: %q", l, w, got, want)
			}
		}
	}
}

// Each character truncate takes for one cell takes one cell, alone and
// followed by a variation selector that could widen it.
func TestNarrowRunes(t *testing.T) {
	for r := rune(0); r < 0x30000; r++ {
		if !narrowRune(r) || !utf8.ValidRune(r) {
			continue
		}
		for _, s := range []string{string(r), string(r) + "\ufe0f"} {
			bound, _ := cellsAtMost(s)
			if w := ansi.StringWidth(s); w > bound {
				t.Fatalf("%q takes %d cells; counted at most %d", s, w, bound)
			}
		}
	}
}
