package tui

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
