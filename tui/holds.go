package tui

import (
	"crypto/rand"
	"encoding/hex"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// An assessment is open in one place at a time, whichever program or
// server opens it: the store keeps who holds it (storage.Hold). A walk
// opens once held; the hold is renewed while the walk is on screen and
// let go of when it is not, or when the program ends.

// holds is a session's side of it: its own id, and what it holds.
type holds struct {
	holder  string // random, one per session
	held    string // the assessment held, "" for none
	ticking bool   // a renewal is on its way
}

// holdRenew: well within storage.HoldFor, so a live session never loses
// its hold.
const holdRenew = storage.HoldFor / 3

func newHolder() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// openElsewhereMsg: the assessment asked for is open in another session
// (another terminal, server or kiosk), so it does not open here.
type openElsewhereMsg struct{}

// opened is the message of an assessment opened by a command of this
// session (started, continued, by code): held in the same command, so
// its questions open in one step, with no moment when keys go astray. A
// store that cannot say (away, read only) refuses nothing: its writes
// say what is wrong.
func opened(store *storage.Store, holder string, a *assessment.Assessment, results bool, err error) tea.Msg {
	if err == nil && a != nil {
		if ok, herr := store.Hold(bg(), a.ID, holder); herr == nil && !ok {
			return openElsewhereMsg{}
		}
		a = heldCopy(store, a)
	}
	return startedMsg{a: a, results: results, err: err}
}

// heldCopy is the assessment as stored once held: an import may have
// replaced it between its reading and the hold (an import leaves alone
// only what is held), and the screen must show what later saves build on.
func heldCopy(store *storage.Store, a *assessment.Assessment) *assessment.Assessment {
	if now, err := store.Assessment(bg(), a.ID); err == nil && !now.UpdatedAt.Equal(a.UpdatedAt) {
		return now
	}
	return a
}

type holdTickMsg struct{}

// took records a hold granted, letting go of the one held before, and
// keeps it renewed.
func (m *Model) took(id string) tea.Cmd {
	h := &m.c.holds
	var cmds []tea.Cmd
	if h.held != "" && h.held != id {
		cmds = append(cmds, m.release(h.held))
	}
	h.held = id
	if !h.ticking {
		h.ticking = true
		cmds = append(cmds, holdTick())
	}
	return tea.Batch(cmds...)
}

// renewHold renews the hold while its walk is on screen, else lets go.
func (m *Model) renewHold() tea.Cmd {
	h := &m.c.holds
	h.ticking = false
	if h.held == "" {
		return nil
	}
	if m.walk == nil || m.walk.a.ID != h.held || m.screen == screenWelcome {
		cmd := m.release(h.held)
		h.held = ""
		return cmd
	}
	store, holder, id := m.c.store, h.holder, h.held
	h.ticking = true
	return tea.Batch(func() tea.Msg {
		store.Renew(bg(), id, holder) // lost only after a sleep longer than HoldFor; the store then tells the other
		return nil
	}, holdTick())
}

func holdTick() tea.Cmd { return tea.Tick(holdRenew, func(time.Time) tea.Msg { return holdTickMsg{} }) }

func (m *Model) release(id string) tea.Cmd {
	store, holder := m.c.store, m.c.holds.holder
	return func() tea.Msg {
		store.Release(bg(), id, holder)
		return nil
	}
}

// letGo lets go of the hold as the program ends.
func (c *common) letGo() {
	if c.holds.held != "" {
		c.store.Release(bg(), c.holds.held, c.holds.holder)
		c.holds.held = ""
	}
}

// opens marks an assessment being opened by cmd: keys typed before it
// opens are kept for its questions (replayTypeahead).
func (m *Model) opens(cmd tea.Cmd) tea.Cmd {
	if cmd != nil {
		m.opening, m.typeahead = true, nil
	}
	return cmd
}

// replayTypeahead gives the opened assessment the keys typed while it
// opened, in the order typed, here and now: a key typed after it opened
// must not overtake them.
func (m *Model) replayTypeahead() tea.Cmd {
	keys := m.typeahead
	m.opening, m.typeahead = false, nil
	var cmds []tea.Cmd
	for _, k := range keys {
		_, cmd := m.Update(k)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}
