package tui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
)

// Run shows the wizard until the user quits and returns the note to print
// afterwards (what is saved, how to resume), and an error naming the
// answers not saved, if any.
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
	if err == nil {
		err = m.Err()
	}
	return m.ExitNote(), err
}
