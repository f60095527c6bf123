package tui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// The review lists what is left unanswered before the results; any item
// can be opened, or the results shown as they are.

func (m *Model) openReview() {
	m.clearStatus() // about the screen left
	m.screen = screenReview
	m.review = 0
}

func (m *Model) updateReview(msg tea.Msg) tea.Cmd {
	key, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	open := m.walk.unanswered()
	n := len(open) + 1 // the last entry shows the results
	k := newReviewKeys(m.c)
	switch {
	case matches(key, k.Up):
		m.review = (m.review + n - 1) % n
	case matches(key, k.Down):
		m.review = (m.review + 1) % n
	case matches(key, k.Back):
		m.openOverview()
	case matches(key, k.Quit):
		return m.quitAnswering()
	case matches(key, k.Review):
		return m.finish()
	case matches(key, k.Open):
		if m.review == len(open) {
			return m.finish()
		}
		m.walk.jump(open[m.review].ID)
		m.walk.fromReview = true
		m.focusItem()
		m.screen = screenQuestions
	}
	return nil
}

func (m *Model) reviewView() string {
	c, s, w := m.c, m.c.styles, m.c.width
	open := m.walk.unanswered()
	lines := []string{s.title.Render(c.T("review.title")), ""}
	if len(open) == 0 {
		lines = append(lines, s.ok.Render("✓ "+c.T("review.complete")))
	} else {
		lines = append(lines, wrap(c.N("review.open", len(open)), w)...)
	}
	lines = append(lines, "")
	focus := 0
	section := ""
	for i, it := range open {
		if it.Section != section { // one heading per section
			section = it.Section
			sec, _ := c.text.Section(section)
			lines = append(lines, s.accent.Render(truncate(sec.Title, w)))
		}
		mark := "  "
		if i == m.review {
			mark = s.cursor.Render("› ")
			focus = len(lines)
		}
		tag := s.dim.Render(m.sectionNumber(it) + " ")
		text := it.Text
		if i == m.review {
			text = s.selected.Render(text)
		}
		lines = append(lines, mark+tag+truncate(text, max(10, w-2-lipgloss.Width(tag))))
	}
	mark, label := "  ", c.T("review.results")
	if m.review == len(open) {
		mark, label = s.cursor.Render("› "), s.selected.Render(label)
	}
	lines = append(lines, "", mark+label)
	help := m.helpLines(w, helpRoom(c.height), newReviewKeys(c).help()...)
	if m.review == len(open) {
		focus = len(lines) - 1
	}
	return m.page(lines, focus, help)
}

// backFromReview ends an item opened from the review: back to the review
// while questions are open, else on to the results.
func (m *Model) backFromReview() tea.Cmd {
	m.walk.fromReview = false
	if len(m.walk.unanswered()) == 0 {
		return m.finish()
	}
	m.openReview()
	return nil
}
