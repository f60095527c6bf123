package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// followUp starts the next assessment of the person whose results are
// shown, in one step: the same participant (so its results compare with
// these), the same mode, nothing to type again. Not on a shared laptop,
// where results are handed over instead.
func (m *Model) followUp() tea.Cmd {
	if !m.c.opts.ownList() || m.results == nil || m.results.a == nil {
		return nil
	}
	prev := m.results.a
	store, lang, workshop, key, holder := m.c.store, m.c.loc.Lang(), m.c.opts.Workshop, m.c.opts.Key, m.c.holds.holder
	p := assessment.Participant{ID: prev.Participant.ID} // the rest as stored
	mode := prev.Mode
	return m.c.forTurn(func() tea.Msg {
		a, err := store.Start(bg(), storage.NewAssessment{Participant: p, Language: lang, Mode: mode, Workshop: workshop, Key: key})
		return opened(store, holder, a, false, err)
	})
}
