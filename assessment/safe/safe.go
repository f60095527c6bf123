// Package safe makes text that came from a file, a database or a network
// harmless before it reaches a terminal: no control character, escape
// sequence or bidirectional override survives, so a name or an id cannot
// retitle the window, clear the screen, write the clipboard or reorder
// what the reader sees.
package safe

import (
	"strings"
	"unicode/utf8"
)

// Line makes s safe on one line: every control character, including
// newlines and tabs, shows as a visible symbol.
func Line(s string) string { return clean(s, false) }

// Text makes s safe keeping its line breaks (notes, comments); tabs become
// spaces, carriage returns go.
func Text(s string) string { return clean(s, true) }

// Excerpt is Line cut to at most max runes, with "…" when cut: what an
// error message may quote of a value it refuses.
func Excerpt(s string, max int) string {
	if max < 1 {
		max = 1
	}
	n, cut := 0, len(s)
	for i := range s {
		if n == max {
			cut = i
			break
		}
		n++
	}
	if cut < len(s) {
		return Line(s[:cut]) + "…"
	}
	return Line(s)
}

// Needed reports whether s holds anything Line would change.
func Needed(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return true
			}
		}
		if Unsafe(r) {
			return true
		}
	}
	return false
}

func clean(s string, keepLines bool) string {
	if !Needed(s) {
		return s // the common case costs one scan and no allocation
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				b.WriteRune(utf8.RuneError)
				continue
			}
		}
		switch {
		case keepLines && r == '\n':
			b.WriteByte('\n')
		case keepLines && r == '\t':
			b.WriteByte(' ')
		case keepLines && r == '\r':
		case r < 0x20:
			b.WriteRune(0x2400 + r) // ␛ for ESC: visible, inert
		case r == 0x7f:
			b.WriteRune('␡')
		case Unsafe(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Unsafe reports the runes no text from outside may carry to a reader: C0
// and C1 controls, DEL, line and paragraph separators, and the invisible
// characters that change the order or direction of what follows.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x2028, r == 0x2029,
		r == 0x061c, r == 0x200e, r == 0x200f, // Arabic letter mark, LRM, RLM
		r >= 0x202a && r <= 0x202e, // embeddings and overrides
		r >= 0x2066 && r <= 0x2069: // isolates
		return true
	}
	return false
}
