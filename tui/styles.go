package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// styles are every look of the interface, made for a dark or a light
// background. Meaning never rests on colour alone: marks and words carry it.
type styles struct {
	dark bool

	title, subtitle, dim, bold, accent paint
	cursor, selected, ok, warn, err    paint
	key, rule                          paint
	score, target                      color.Color
	tab, activeTab                     paint
}

func newStyles(dark bool) styles {
	ld := lipgloss.LightDark(dark)
	accent := ld(lipgloss.Color("#5A3FD9"), lipgloss.Color("#A99BFF"))
	green := ld(lipgloss.Color("#1B7F3B"), lipgloss.Color("#6BD68A"))
	amber := ld(lipgloss.Color("#8A5A00"), lipgloss.Color("#F2C14E"))
	red := ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF8A80"))
	faint := ld(lipgloss.Color("#666666"), lipgloss.Color("#9A9A9A"))
	s := styles{dark: dark}
	s.title = newPaint(lipgloss.NewStyle().Bold(true).Foreground(accent))
	s.subtitle = newPaint(lipgloss.NewStyle().Foreground(faint))
	s.dim = newPaint(lipgloss.NewStyle().Foreground(faint))
	s.bold = newPaint(lipgloss.NewStyle().Bold(true))
	s.accent = newPaint(lipgloss.NewStyle().Foreground(accent))
	s.cursor = newPaint(lipgloss.NewStyle().Bold(true).Foreground(accent))
	s.selected = newPaint(lipgloss.NewStyle().Bold(true))
	s.ok = newPaint(lipgloss.NewStyle().Foreground(green))
	s.warn = newPaint(lipgloss.NewStyle().Foreground(amber))
	s.err = newPaint(lipgloss.NewStyle().Bold(true).Foreground(red))
	s.key = newPaint(lipgloss.NewStyle().Bold(true))
	s.rule = newPaint(lipgloss.NewStyle().Foreground(faint))
	s.score = accent
	s.target = amber
	s.tab = newPaint(lipgloss.NewStyle().Foreground(faint).Padding(0, 1))
	s.activeTab = newPaint(lipgloss.NewStyle().Bold(true).Foreground(accent).Padding(0, 1).Underline(true))
	return s
}
