// barebt is the floor for the wizard's first frame, key and memory: a bare
// Bubble Tea v2 program on the alternate screen that shows a short menu
// ("Pick one") and quits on q or ctrl+c. .ci/startup.sh runs it beside
// digint under tuilat.
package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
)

type menu struct{ keys int }

func (m menu) Init() tea.Cmd { return nil }

func (m menu) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if s := k.String(); s == "q" || s == "ctrl+c" {
			return m, tea.Quit
		}
		m.keys++
	}
	return m, nil
}

func (m menu) View() tea.View {
	v := tea.NewView(fmt.Sprintf("Pick one\n\n> a\n  b\n  c\n\nkeys pressed: %d", m.keys))
	v.AltScreen = true
	return v
}

func main() {
	if _, err := tea.NewProgram(menu{}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
