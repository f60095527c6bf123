//go:build !unix

package tui

import tea "charm.land/bubbletea/v2"

// localTerminal: elsewhere (the Windows console) Bubble Tea's renderer
// sets the terminal up and draws it.
type localTerminal struct{ width, height int }

func openLocalTerminal() (*localTerminal, bool) { return nil, false }

func (l *localTerminal) start(*tea.Program) (func(), error) { return func() {}, nil }
