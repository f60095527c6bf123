package tui

import (
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// wrap breaks text into lines of at most width cells, words kept whole
// where they fit.
func wrap(text string, width int) []string {
	if width < 1 {
		width = 1
	}
	lines := strings.Split(ansi.Wrap(text, width, ""), "\n")
	for i, l := range lines {
		// ansi.Wrap can leave the space after a word it moved on past the
		// width ("… en " in 64 cells is 65 wide, "-instrumenten" below):
		// beside a priority spread then cut the line, a word with it.
		if strings.HasSuffix(l, " ") && lipgloss.Width(l) > width {
			lines[i] = strings.TrimRight(l, " ")
		}
	}
	return lines
}

// fitLines wraps each line of s wider than width at spaces, under its
// indent (wrapAtSpaces); a width under 1 (no terminal) leaves s whole.
func fitLines(s string, width int) string {
	if width < 1 {
		return s
	}
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if ansi.StringWidth(line) <= width {
			out = append(out, line)
			continue
		}
		out = append(out, wrapAtSpaces(line, width)...)
	}
	return strings.Join(out, "\n")
}

// wrapAtSpaces wraps text between words only, never at a hyphen as wrap
// does: a command to copy keeps its options whole ("--db", not "--" and
// "db" on the next line). A word wider than the line is cut. The text's
// indent starts every line, where it leaves room; a numbered item's lines
// go on under its text.
func wrapAtSpaces(text string, width int) []string {
	width = max(width, 1)
	words := strings.TrimLeft(text, " ")
	indent := text[:len(text)-len(words)]
	if marker := listMarker(words); marker != "" && len(indent)+len(marker) < width/2 {
		// A numbered option's lines go on under its text, not its number.
		lines := wrapAtSpaces(words[len(marker):], width-len(indent)-len(marker))
		for i := range lines {
			lines[i] = indent + marker + lines[i]
			marker = strings.Repeat(" ", len(marker))
		}
		return lines
	}
	if indent != "" && len(indent) < width/2 {
		lines := wrapAtSpaces(words, width-len(indent))
		for i := range lines {
			lines[i] = indent + lines[i]
		}
		return lines
	}
	var lines []string
	line := ""
	for _, w := range strings.Split(text, " ") {
		switch {
		case line == "":
			line = w
		case ansi.StringWidth(line)+1+ansi.StringWidth(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
		if ansi.StringWidth(line) > width { // one word wider than the line
			cut := strings.Split(ansi.Hardwrap(line, width, true), "\n")
			lines = append(lines, cut[:len(cut)-1]...)
			line = cut[len(cut)-1]
		}
	}
	return append(lines, line)
}

// listMarker is the number or key that opens a list item ("12. ", "n. "),
// with its space, else "".
func listMarker(line string) string {
	key, _, ok := strings.Cut(line, ". ")
	if !ok || key == "" || len(key) > 3 || strings.Trim(key, "0123456789abcdefghijklmnopqrstuvwxyz") != "" {
		return ""
	}
	return key + ". "
}

// wrapIndent wraps text with a first-line prefix and the same width of
// indent on the following lines.
func wrapIndent(prefix, text string, width int) []string {
	pw := lipgloss.Width(prefix)
	lines := wrap(text, width-pw)
	pad := strings.Repeat(" ", pw)
	for i := range lines {
		if i == 0 {
			lines[i] = prefix + lines[i]
		} else {
			lines[i] = pad + lines[i]
		}
	}
	return lines
}

// truncate cuts s to width cells with an ellipsis.
func truncate(s string, width int) string {
	if width < 1 {
		return ""
	}
	if n, ok := cellsAtMost(s); ok && n <= width { // it fits as it is
		return s
	}
	return closeEllipsis(ansi.Truncate(s, width, "…"))
}

// closeEllipsis takes out the space a cut after a word leaves before the
// ellipsis: "Processes…", not "Processes …" (when no style change stands
// between the two).
func closeEllipsis(t string) string {
	if i := strings.LastIndex(t, " …"); i >= 0 && strings.HasSuffix(ansi.Strip(t), " …") {
		return t[:i] + t[i+1:]
	}
	return t
}

// cellsAtMost is an upper bound of the cells s takes, cheap to work out:
// CSI sequences (colours, bold) take none, a character known to be narrow
// one, any other character two (no cell holds more; a cluster's width is
// at most the sum of its characters'). ok is false when s holds another
// kind of escape, whose width only a full parse can tell.
func cellsAtMost(s string) (n int, ok bool) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\x1b':
			if i+1 >= len(s) || s[i+1] != '[' {
				return 0, false
			}
			i += 2
			for i < len(s) && (s[i] < 0x40 || s[i] > 0x7e) { // parameters up to the final byte
				i++
			}
			i++
		case c < utf8.RuneSelf:
			n++
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			n += 2
			if narrowRune(r) {
				n--
			}
			i += size
		}
	}
	return n, true
}

// narrowRune: r takes one cell wherever it stands (TestNarrowRunes checks
// each against a full parse). Only what screens draw often is listed.
func narrowRune(r rune) bool {
	switch {
	case r < 0x1100: // before the first wide block (Hangul Jamo)
		return r != utf8.RuneError
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x203b: // dashes, quotes, bullets, ellipsis
		return true
	case r >= 0x2190 && r <= 0x2193: // arrows
		return true
	case r >= 0x2500 && r <= 0x259f: // box drawing, blocks
		return true
	}
	switch r {
	case '▸', '○', '●', '✓', '★', '☆', '✗':
		return true
	}
	return false
}

// spreadGap is the least gap spread keeps between its two sides before
// the left one gives way.
const spreadGap = 2

// spread puts left and right on one line of width cells.
func spread(left, right string, width int) string {
	gap := width - lipgloss.Width(left) - lipgloss.Width(right)
	if room := width - lipgloss.Width(right) - spreadGap; gap < spreadGap && room >= 8 {
		// The right side (counts, a state) is whole; the left gives way.
		return truncate(left, room) + strings.Repeat(" ", spreadGap) + right
	}
	if gap < 1 {
		return truncate(left+" "+right, width)
	}
	return left + strings.Repeat(" ", gap) + right
}

// roomBeside is the width a left side wraps to so that spread keeps its
// first line whole beside right: wrapped to one cell more, spread cuts
// that line and a word is lost.
func roomBeside(right string, width int) int {
	return max(1, width-lipgloss.Width(right)-spreadGap)
}

// window picks at most height lines around line focus, so the focused part
// of a long body stays on screen.
func window(lines []string, focus, height int) []string {
	if height <= 0 {
		return nil
	}
	if len(lines) <= height {
		return lines
	}
	start := focus - height/3
	start = max(0, min(start, len(lines)-height))
	return lines[start : start+height]
}

// clipped, when set (by tests), hears of every line fit had to cut: a
// view should wrap or cut its lines itself, so a cut here is a view that
// did not fit its width.
var clipped atomic.Pointer[func(line string, width int)]

// fit clips every line to width and pads or cuts to exactly height lines,
// so a screen never scrolls the terminal.
func fit(lines []string, width, height int) string {
	var kept [80]string // the lines as cut; a screen is rarely taller
	cut := kept[:0]
	size := height - 1 // newlines
	for _, l := range lines[:max(0, min(height, len(lines)))] {
		if f := clipped.Load(); f != nil && lipgloss.Width(l) > width {
			(*f)(l, width)
		}
		l = truncate(l, width)
		cut = append(cut, l)
		size += len(l)
	}
	var b strings.Builder
	b.Grow(max(0, size))
	for i := range max(0, height) {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(cut) {
			b.WriteString(cut[i])
		}
	}
	return b.String()
}
