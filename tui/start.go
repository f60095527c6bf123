package tui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

func bg() context.Context { return context.Background() }

// startValues are what the start form asks before the questions.
type startValues struct {
	name, institution string
	role              string
	mode              assessment.Mode
}

// openStart shows the small form that starts a new assessment.
func (m *Model) openStart() tea.Cmd {
	m.start = newStartForm(m.c)
	m.screen = screenStart
	return nil
}

func (m *Model) updateStart(msg tea.Msg) tea.Cmd {
	if m.start == nil {
		return nil
	}
	step, cmd := m.start.update(msg)
	switch step {
	case formDone:
		v := m.start.values()
		m.start = nil
		return m.opens(m.begin(v))
	case formCancelled:
		m.start, m.screen = nil, screenWelcome
		return m.listUnfinished()
	}
	return cmd
}

// begin creates the assessment. Someone who gives the name (and the
// institution) they gave before continues as the same participant, so
// progress since their last assessment can be shown; the store's rule
// (storage.NewAssessment.SamePerson) decides who that is.
func (m *Model) begin(v startValues) tea.Cmd {
	store, lang, o, holder := m.c.store, m.c.loc.Lang(), m.c.opts, m.c.holds.holder
	return m.c.forTurn(func() tea.Msg {
		p := assessment.Participant{Name: strings.TrimSpace(v.name), Role: v.role, Institution: strings.TrimSpace(v.institution)}
		// On a shared laptop a name never links to someone else's history.
		a, err := store.Start(bg(), storage.NewAssessment{Participant: p, Language: lang, Mode: v.mode,
			Workshop: o.Workshop, SamePerson: o.Policy == Local, Key: o.Key})
		return opened(store, holder, a, false, err)
	})
}

func (m *Model) startView() string {
	c := m.c
	if m.start == nil { // submitted; the assessment is being created
		return fit([]string{c.styles.title.Render(c.T("start.title"))}, c.width, c.height)
	}
	lines, first, last := m.start.view()
	help := m.start.help[m.start.focus]
	if n := helpRoom(c.height); n > 0 && len(help) > n {
		help = help[:n]
	}
	foot := append(m.statusLines(c.width), help...)
	body := around(lines, first, last, c.height-len(foot))
	for len(body) < c.height-len(foot) { // the help stays at the foot
		body = append(body, "")
	}
	return fit(append(body, foot...), c.width, c.height)
}
