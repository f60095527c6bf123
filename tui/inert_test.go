package tui

import (
	"database/sql"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	_ "modernc.org/sqlite"
)

// hostile is what another program could leave in the database: a CSI that
// clears the screen, an OSC 52 that writes the clipboard, a C1 CSI, a
// right-to-left override and a BEL. No style the views draw holds any of
// them.
var hostile = []string{"\x1b[2J", "\x1b]52;c;aGk=\x07", "\u009b", "\u202e", "\x07"}

// poison writes the hostile text into the stored people's names and
// institutions and the answers' notes and others, as another program
// sharing the file could, with raw SQL.
func poison(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h := strings.Join(hostile, "")
	for _, q := range []string{
		`UPDATE participants SET name = name || ?, institution = institution || ?1`,
		`UPDATE answers SET note = 'see' || ?, other = CASE WHEN other = '' THEN '' ELSE other || ?1 END`,
	} {
		if _, err := db.Exec(q, h); err != nil {
			t.Fatal(err)
		}
	}
}

func assertViewInert(t *testing.T, what, content string) {
	t.Helper()
	for _, h := range hostile {
		if strings.Contains(content, h) {
			t.Errorf("%s carries %q from the database:\n%s", what, h, content)
		}
	}
}

// The welcome screen lists stored people by name: a name another program
// wrote reaches the terminal inert.
func TestWelcomeListShowsStoredNamesInert(t *testing.T) {
	store, _ := fixture(t)
	poison(t, store.Path())
	list, err := recent(store)
	if err != nil {
		t.Fatal(err)
	}
	m := newModel(t, store, "en")
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Update(listedMsg{list: list})
	content := m.View().Content
	if !strings.Contains(view(m), "Giulia") {
		t.Fatalf("the welcome list does not show the stored name:\n%s", view(m))
	}
	assertViewInert(t, "the welcome list", content)
}

// The results screen of an assessment whose stored name, institution,
// notes and others hold escapes shows every tab inert.
func TestResultsShowStoredTextInert(t *testing.T) {
	store, a := fixture(t)
	poison(t, store.Path())
	a, err := store.Assessment(bg(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	m := newModel(t, store, "en")
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.openWalk(a)
	m.showResults(loadResults(store, m.c.text, a))
	for _, tab := range m.tabs() {
		m.results.tab = tab
		for _, scroll := range []int{0, 1000} {
			m.results.scroll = scroll
			m.clampScroll()
			assertViewInert(t, "results tab "+m.tabName(tab), m.View().Content)
		}
	}
}
