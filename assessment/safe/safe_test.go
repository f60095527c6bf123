package safe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile holds every C0 and C1 control, DEL, an OSC that sets the title,
// one that writes the clipboard, a DCS, CSI clear-screen, bidi overrides
// and isolates, and a broken UTF-8 byte.
func hostile() string {
	var b strings.Builder
	for r := rune(0); r < 0x20; r++ {
		b.WriteRune(r)
	}
	b.WriteRune(0x7f)
	for r := rune(0x80); r <= 0x9f; r++ {
		b.WriteRune(r)
	}
	b.WriteString("\x1b]0;owned\x07\x1b[2J\x1b]52;c;aGk=\x07\x1bP1$r\x1b\\")
	b.WriteString("\u202eevil\u202c\u2066x\u2069\u200f\u061c\xff")
	return b.String()
}

func assertInert(t *testing.T, got string, keepLines bool) {
	t.Helper()
	if !utf8.ValidString(got) {
		t.Fatalf("not valid UTF-8: %q", got)
	}
	for _, r := range got {
		if keepLines && r == '\n' {
			continue
		}
		if Unsafe(r) {
			t.Fatalf("%U survived in %q", r, got)
		}
	}
}

func TestLineLeavesNothingActive(t *testing.T) {
	got := Line(hostile())
	assertInert(t, got, false)
	if !strings.Contains(got, "␛]0;owned") {
		t.Errorf("the escape should show as a visible symbol: %q", got)
	}
	if strings.Contains(got, "\n") {
		t.Errorf("a line keeps no newline: %q", got)
	}
}

func TestTextKeepsLines(t *testing.T) {
	got := Text("first\r\nsecond\tthird\x1b[31m" + hostile())
	assertInert(t, got, true)
	if !strings.HasPrefix(got, "first\nsecond third␛[31m") {
		t.Errorf("got %q", got)
	}
}

func TestPlainTextUnchanged(t *testing.T) {
	for _, s := range []string{"", "Giulia Rossi", "Euskal Herriko Unibertsitatea – «ITS»", "日本語 ✓ ━"} {
		if got := Line(s); got != s {
			t.Errorf("Line(%q) = %q", s, got)
		}
		if Needed(s) {
			t.Errorf("Needed(%q) = true", s)
		}
	}
}

func TestExcerptIsShortAndSafe(t *testing.T) {
	big := strings.Repeat("\x1b]0;x\x07a", 1<<20/7)
	got := Excerpt(big, 40)
	assertInert(t, got, false)
	if n := utf8.RuneCountInString(got); n > 41 {
		t.Errorf("excerpt has %d runes", n)
	}
	if !strings.HasSuffix(got, "…") {
		t.Errorf("a cut excerpt ends with …: %q", got)
	}
	if Excerpt("short", 40) != "short" {
		t.Error("a short value is quoted whole")
	}
	// A megabyte string passes through whole and inert.
	if out := Line(big); utf8.RuneCountInString(out) != utf8.RuneCountInString(big) {
		t.Error("Line changes the number of characters")
	}
}
