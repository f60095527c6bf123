package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// The results help offers ↑↓ only where a tab has more lines than room:
// there the keys scroll, elsewhere they are neither shown nor taken.
func TestResultsScrollKeysOnlyWhereThereIsMore(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.openWalk(a)
	m.showResults(loadResults(store, m.c.text, a))
	for _, tab := range []resultsTab{tabCompetences, tabModules} {
		m.toTab(tab)
		m.clampScroll()
		_, body, room := m.resultsParts()
		more := len(body) > room
		if got := strings.Contains(view(m), "scroll"); got != more {
			t.Errorf("%s: %d lines in %d rows, scroll in the help: %v\n%s", m.tabName(tab), len(body), room, got, view(m))
		}
		m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
		if moved := m.results.scroll > 0; moved != more {
			t.Errorf("%s: %d lines in %d rows, ↓ scrolled: %v", m.tabName(tab), len(body), room, moved)
		}
	}
}
