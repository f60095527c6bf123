package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// styles are every look of the interface, made for a dark or a light
// background. Meaning never rests on colour alone: marks and words carry it.
type styles struct {
	dark bool

	title, subtitle, dim, bold, accent lipgloss.Style
	cursor, selected, ok, warn, err    lipgloss.Style
	key, rule                          lipgloss.Style
	score, target                      color.Color
	tab, activeTab                     lipgloss.Style
}

func newStyles(dark bool) styles {
	ld := lipgloss.LightDark(dark)
	accent := ld(lipgloss.Color("#5A3FD9"), lipgloss.Color("#A99BFF"))
	green := ld(lipgloss.Color("#1B7F3B"), lipgloss.Color("#6BD68A"))
	amber := ld(lipgloss.Color("#8A5A00"), lipgloss.Color("#F2C14E"))
	red := ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF8A80"))
	faint := ld(lipgloss.Color("#666666"), lipgloss.Color("#9A9A9A"))
	s := styles{dark: dark}
	s.title = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.subtitle = lipgloss.NewStyle().Foreground(faint)
	s.dim = lipgloss.NewStyle().Foreground(faint)
	s.bold = lipgloss.NewStyle().Bold(true)
	s.accent = lipgloss.NewStyle().Foreground(accent)
	s.cursor = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.selected = lipgloss.NewStyle().Bold(true)
	s.ok = lipgloss.NewStyle().Foreground(green)
	s.warn = lipgloss.NewStyle().Foreground(amber)
	s.err = lipgloss.NewStyle().Bold(true).Foreground(red)
	s.key = lipgloss.NewStyle().Bold(true)
	s.rule = lipgloss.NewStyle().Foreground(faint)
	s.score = accent
	s.target = amber
	s.tab = lipgloss.NewStyle().Foreground(faint).Padding(0, 1)
	s.activeTab = lipgloss.NewStyle().Bold(true).Foreground(accent).Padding(0, 1).Underline(true)
	return s
}
