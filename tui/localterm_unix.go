//go:build unix

package tui

import (
	"os"
	ossignal "os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
)

// localTerminal is the process's own terminal, set up for a program
// without Bubble Tea's renderer, which would otherwise do it: raw input,
// and a size message at start and on each resize.
type localTerminal struct {
	in, out       *os.File
	width, height int
}

// openLocalTerminal reads the size of the process's terminal; false when
// stdin or stdout is not one.
func openLocalTerminal() (*localTerminal, bool) {
	in, out := os.Stdin, os.Stdout
	if !term.IsTerminal(in.Fd()) {
		return nil, false
	}
	w, h, err := term.GetSize(out.Fd())
	if err != nil {
		return nil, false
	}
	return &localTerminal{in: in, out: out, width: w, height: h}, true
}

// start puts the terminal in raw mode and sends p the new size on each
// resize; the returned func undoes both.
func (l *localTerminal) start(p *tea.Program) (func(), error) {
	state, err := term.MakeRaw(l.in.Fd())
	if err != nil {
		return nil, err
	}
	resized := make(chan os.Signal, 1)
	ossignal.Notify(resized, syscall.SIGWINCH)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-resized:
				if w, h, err := term.GetSize(l.out.Fd()); err == nil {
					p.Send(tea.WindowSizeMsg{Width: w, Height: h})
				}
			}
		}
	}()
	return func() {
		ossignal.Stop(resized)
		close(done)
		_ = term.Restore(l.in.Fd(), state)
	}, nil
}
