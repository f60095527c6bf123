package tui

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
)

// A paint is a lipgloss style resolved once into the sequences it puts
// before and after one plain line. lipgloss works out wrapping, padding,
// borders and alignment on every Render, which was most of a screen's
// cost with hundreds of sessions served; a plain line needs none of it.
// Anything else (several lines, tabs, escapes, an empty string, a style
// with a layout) goes to lipgloss, so the output is always lipgloss's.
type paint struct {
	style     lipgloss.Style
	pre, post string
	fast      bool
}

// paintProbe stands for the text when the sequences are read off.
const paintProbe = "\x00"

func newPaint(st lipgloss.Style) paint {
	p := paint{style: st}
	r := st.Render(paintProbe)
	if i := strings.Index(r, paintProbe); i >= 0 && strings.Count(r, paintProbe) == 1 && !hasLayout(st) {
		p.pre, p.post, p.fast = r[:i], r[i+len(paintProbe):], true
	}
	return p
}

// hasLayout: the style changes more than the look of the characters.
func hasLayout(st lipgloss.Style) bool {
	return st.GetHorizontalFrameSize() != 0 || st.GetVerticalFrameSize() != 0 ||
		st.GetWidth() != 0 || st.GetHeight() != 0 || st.GetMaxWidth() != 0 || st.GetMaxHeight() != 0 ||
		st.GetTransform() != nil
}

// Render styles s exactly as the lipgloss style would.
func (p paint) Render(s string) string {
	if !p.fast || s == "" || strings.ContainsAny(s, "\n\r\t\x1b\x00") {
		return p.style.Render(s)
	}
	return p.pre + s + p.post
}

func (p paint) GetForeground() color.Color { return p.style.GetForeground() }
