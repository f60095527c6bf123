package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// The overview lists the sections with their progress; any can be opened,
// and the review is the last entry.

func (m *Model) openOverview() {
	m.screen = screenOverview
	for i, s := range m.c.text.Sections {
		if s.ID == m.walk.item().Section {
			m.overview = i
		}
	}
}

func (m *Model) updateOverview(msg tea.Msg) tea.Cmd {
	key, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	key = unshiftedDigit(key)
	n := len(m.c.text.Sections) + 1
	k := newOverviewKeys(m.c)
	switch {
	case matches(key, k.Up):
		m.overview = (m.overview + n - 1) % n
	case matches(key, k.Down):
		m.overview = (m.overview + 1) % n
	case matches(key, k.Back):
		m.screen = screenQuestions
	case matches(key, k.Quit):
		return m.quitAnswering()
	case matches(key, k.Review):
		m.openReview()
	case matches(key, k.Open):
		if m.overview == n-1 {
			m.openReview()
			return nil
		}
		m.walk.firstOpen(m.c.text.Sections[m.overview].ID)
		m.focusItem()
		m.screen = screenQuestions
	case matches(key, k.Jump):
		if i := int(key.String()[0] - '1'); i < n-1 {
			m.overview = i
			return m.updateOverview(tea.KeyPressMsg{Code: tea.KeyEnter})
		}
	}
	return nil
}

func (m *Model) overviewView() string {
	c, s, w := m.c, m.c.styles, m.c.width
	done, total := m.walk.progress("")
	lines := []string{s.title.Render(c.T("overview.title")), progressBar(s, done, total, w), ""}
	for i, sec := range c.text.Sections {
		mark := "  "
		if i == m.overview {
			mark = s.cursor.Render("› ")
		}
		var state string
		if !m.walk.pursued(sec.ID) {
			state = s.dim.Render(c.T("overview.notpursued"))
		} else {
			d, t := m.walk.progress(sec.ID)
			state = c.T("overview.progress", "Done", d, "Total", t)
			if d == t {
				state = s.ok.Render("✓ " + state)
			}
		}
		title := fmt.Sprintf("%d  %s", i+1, sec.Title)
		if i == m.overview {
			title = s.selected.Render(title)
		}
		lines = append(lines, spread(mark+title, state, w))
	}
	mark, label := "  ", c.T("overview.review")
	if m.overview == len(c.text.Sections) {
		mark, label = s.cursor.Render("› "), s.selected.Render(label)
	}
	lines = append(lines, "", mark+label)
	help := m.helpLines(w, helpRoom(c.height), newOverviewKeys(c).help()...)
	return m.page(lines, m.overview+3, help)
}
