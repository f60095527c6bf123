package tui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
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

// resultsIn is the results screen of a, at 80×24, in lang.
func resultsIn(t *testing.T, store *storage.Store, a *assessment.Assessment, lang string) *Model {
	t.Helper()
	m := newModel(t, store, lang)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.openWalk(a)
	m.showResults(loadResults(store, m.c.text, a))
	return m
}

// Every word of every module title is on the Modules tab, at any width:
// the title wraps beside its priority in the room spread leaves it, so
// spread never has to cut its first line ("…obiettivo… priorità 35,3"
// over "apprendimento" lost the "di" between them).
func TestModuleTitlesKeepEveryWord(t *testing.T) {
	store, a := fixture(t)
	for _, lang := range i18n.BankLanguages() {
		m := resultsIn(t, store, a, lang)
		mods := m.results.rep.Modules
		if len(mods) < 2 {
			t.Fatalf("%s: %d modules, the test needs several", lang, len(mods))
		}
		var prios []string
		for _, mod := range mods {
			prios = append(prios, m.c.T("cli.report.priority", "Priority", m.c.loc.Number(mod.Priority)))
		}
		// The longest first: "priority 46,6" goes before "priority 46".
		slices.SortFunc(prios, func(a, b string) int { return len(b) - len(a) })
		for width := 40; width <= 200; width++ {
			text := ansi.Strip(strings.Join(m.modulesView(width), "\n"))
			// Without the priorities and without spaces, which wrapping
			// moves: a title broken after a hyphen ("ikaskuntza-" over
			// "helburu") is still whole, one that lost a word is not.
			for _, p := range prios {
				text = strings.ReplaceAll(text, p, "")
			}
			flat := strings.Join(strings.Fields(text), "")
			for _, mod := range mods {
				if title := strings.Join(strings.Fields(mod.Title), ""); !strings.Contains(flat, title) {
					t.Errorf("%s, %d columns: the Modules tab lost words of %q:\n%s", lang, width, mod.Title, text)
				}
			}
		}
	}
}

// The competences table gives the names the room the figures leave: a
// name is cut or wrapped only when the table takes the whole width; a
// competence nothing scored shows "–" as its score, not a cut phrase
// ("Mobilità virtuale  ancora…  65  –  0 !").
func TestCompetenceTableGivesNamesTheRoom(t *testing.T) {
	store, a := fixture(t)
	for _, lang := range i18n.BankLanguages() {
		m := resultsIn(t, store, a, lang)
		comps := m.results.rep.Competences
		none := &comps[0] // nothing scored it, as a quick scan can leave one
		none.Score, none.Gap, none.Evidence, none.LowEvidence = nil, nil, 0, true
		m.results.rep.LowEvidence = true
		for width := 40; width <= 200; width++ {
			lines := m.competenceTable(width)
			table := ansi.Strip(strings.Join(lines, "\n"))
			full := 0
			for _, l := range lines {
				w := lipgloss.Width(l)
				if w > width {
					t.Fatalf("%s, %d columns: a line of %d cells:\n%s", lang, width, w, table)
				}
				full = max(full, w)
			}
			for _, co := range comps {
				if !strings.Contains(table, co.Title+" ") && full < width {
					t.Errorf("%s, %d columns: %q is not whole on its line, and the table leaves %d columns:\n%s",
						lang, width, co.Title, width-full, table)
				}
			}
			row := ansi.Strip(lines[1]) // the first competence's
			if !strings.Contains(row, " – ") || strings.Contains(row, "…  ") || strings.Contains(row, m.c.T("score.none")[:4]) {
				t.Errorf("%s, %d columns: the competence nothing scored reads %q", lang, width, row)
			}
		}
	}
}

// The matrix's name column is as wide as the longest section name needs
// (and a gap), however wide the screen: at 200 columns it took 124 cells
// and left the scores at the far right.
func TestMatrixNameColumnFitsTheLongestName(t *testing.T) {
	store, a := fixture(t)
	for _, lang := range i18n.BankLanguages() {
		m := resultsIn(t, store, a, lang)
		longest := 0
		for _, row := range m.results.rep.Matrix {
			longest = max(longest, lipgloss.Width(row.Section.Title))
		}
		for _, width := range []int{160, 200, 250} {
			lines := m.matrixView(width)
			for i, row := range m.results.rep.Matrix {
				l := ansi.Strip(lines[1+i])
				rest, ok := strings.CutPrefix(l, row.Section.Title)
				if !ok {
					t.Fatalf("%s, %d columns: %q is cut: %q", lang, width, row.Section.Title, l)
				}
				if at := lipgloss.Width(row.Section.Title) + len(rest) - len(strings.TrimLeft(rest, " ")); at > longest+2 {
					t.Errorf("%s, %d columns: the scores start at column %d, the longest name needs %d:\n%s",
						lang, width, at, longest, strings.Join(lines, "\n"))
				}
			}
		}
	}
}

// A section nothing scored has "–" as its index, as its cells do, not
// "no answer yet" cut to the column ("ancora nes…").
func TestMatrixIndexWithoutScoreIsADash(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "it")
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.openWalk(a)
	m.showResults(loadResults(store, m.c.text, a))
	m.results.rep.Matrix[0].Index = nil
	for _, width := range []int{40, 80, 200} {
		line := strings.TrimSpace(ansi.Strip(m.matrixView(width)[1]))
		if !strings.HasSuffix(line, " –") {
			t.Errorf("%d columns: a section without an index reads %q", width, line)
		}
	}
}
