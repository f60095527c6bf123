package tui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Run shows the wizard until the user quits and returns the note to print
// afterwards (how to resume).
func Run(o Options, noColor bool) (string, error) {
	m, err := New(o)
	if err != nil {
		return "", err
	}
	var opts []tea.ProgramOption
	if noColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	_, err = tea.NewProgram(m, opts...).Run()
	m.Close()
	return m.ExitNote(), err
}
