package tui

import (
	"strings"
	"sync/atomic"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// wrap breaks text into lines of at most width cells, words kept whole
// where they fit.
func wrap(text string, width int) []string {
	if width < 1 {
		width = 1
	}
	return strings.Split(ansi.Wrap(text, width, ""), "\n")
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
	if len(s) <= width { // no cell takes less than a byte: it fits as it is
		return s
	}
	return ansi.Truncate(s, width, "…")
}

// spread puts left and right on one line of width cells.
func spread(left, right string, width int) string {
	gap := width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return truncate(left+" "+right, width)
	}
	return left + strings.Repeat(" ", gap) + right
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
	out := make([]string, 0, height)
	for i := 0; i < height && i < len(lines); i++ {
		if f := clipped.Load(); f != nil && lipgloss.Width(lines[i]) > width {
			(*f)(lines[i], width)
		}
		out = append(out, truncate(lines[i], width))
	}
	for len(out) < height {
		out = append(out, "")
	}
	return strings.Join(out, "\n")
}
