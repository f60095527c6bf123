package tui

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// updating reports -update (the flag teatest defines): rewrite goldens.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// fixture fills a store the same way every time: Giulia, a manager, with a
// completed quick scan and a full assessment under way.
func fixture(t *testing.T) (*storage.Store, *assessment.Assessment) {
	store := openStore(t)
	b, _ := assessment.Default()
	p := assessment.Participant{Name: "Giulia", Role: "manager", Institution: "ITS Lombardia"}
	first, err := store.Start(bg(), storage.NewAssessment{Participant: p, Language: "en", Mode: assessment.ModeQuick})
	if err != nil {
		t.Fatal(err)
	}
	for n, it := range b.Asked(assessment.ModeQuick) {
		want := planFor(it, n).want
		if it.Kind == assessment.KindMaturity && want.Status == assessment.StatusAnswered {
			want.Value = assessment.Number(n % 3) // a weaker start, so progress shows
		}
		if err := store.SaveAnswer(bg(), first.ID, want); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.Complete(bg(), first.ID); err != nil {
		t.Fatal(err)
	}
	p.ID = first.Participant.ID
	second, err := store.Start(bg(), storage.NewAssessment{Participant: p, Language: "en", Mode: assessment.ModeFull})
	if err != nil {
		t.Fatal(err)
	}
	for n, it := range b.Asked(assessment.ModeFull) {
		if n%4 == 3 {
			continue // some left open for the review
		}
		if err := store.SaveAnswer(bg(), second.ID, planFor(it, n+1).want); err != nil {
			t.Fatal(err)
		}
	}
	a, err := store.Assessment(bg(), second.ID)
	if err != nil {
		t.Fatal(err)
	}
	return store, a
}

// screenStates puts a model on each screen of the wizard.
func screenStates(t *testing.T, store *storage.Store, a *assessment.Assessment) map[string]func(m *Model) {
	question := func(item string, setup func(m *Model)) func(m *Model) {
		return func(m *Model) {
			m.openWalk(a)
			if !m.walk.jump(item) {
				t.Fatalf("item %s is not on the path", item)
			}
			m.focusItem()
			if setup != nil {
				setup(m)
			}
		}
	}
	results := func(tab resultsTab) func(m *Model) {
		return func(m *Model) {
			m.openWalk(a)
			m.showResults(loadResults(store, m.c.bank, a))
			m.results.tab = tab
		}
	}
	return map[string]func(m *Model){
		"welcome": func(m *Model) { m.Update(m.listUnfinished()()) },
		"start": func(m *Model) {
			m.openStart()
		},
		"question-maturity": question("cur-str-strategy", nil),
		"question-multi-help": question("cur-str-goals", func(m *Model) {
			m.Update(keyPress("?"))
		}),
		"question-count": question("cur-out-enrolled", nil),
		"question-note": question("net-str-longterm", func(m *Model) {
			m.Update(keyPress("ctrl+e"))
			for _, r := range "MoU with CIFP MEKA" {
				m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
		}),
		"question-text": question("net-text", nil),
		// The first answer of the page failed and is retried, the next
		// waits behind it: neither shows as saved.
		"question-saving": question("cur-str-goals", func(m *Model) {
			first, next := saveKey(a.ID, "cur-str-strategy"), saveKey(a.ID, "cur-str-goals")
			err := errors.New("another program has kept digint.db locked for too long")
			m.saves = saveState{pending: map[string]int{first: 1, next: 1}, failed: map[string]error{first: err},
				err: err, waiting: 2}
		}),
		"quitting": question("cur-str-goals", func(m *Model) {
			m.saves = saveState{pending: map[string]int{saveKey(a.ID, "cur-str-goals"): 3}, waiting: 3}
			m.quitting = true
		}),
		"overview": func(m *Model) {
			m.openWalk(a)
			m.openOverview()
		},
		"review": func(m *Model) {
			m.openWalk(a)
			m.openReview()
		},
		"results-radar":       results(tabRadar),
		"results-matrix":      results(tabMatrix),
		"results-competences": results(tabCompetences),
		"results-modules":     results(tabModules),
		"results-guidelines":  results(tabGuidelines),
		"results-progress":    results(tabProgress),
	}
}

func render(m *Model, w, h int) string {
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return ansi.Strip(m.View().Content)
}

func TestGoldenViews(t *testing.T) {
	for _, lang := range []string{"en", "it"} {
		store, a := fixture(t)
		for name, setup := range screenStates(t, store, a) {
			t.Run(lang+"/"+name, func(t *testing.T) {
				m := newModel(t, store, lang)
				m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
				setup(m)
				got := render(m, 80, 24)
				checkFits(t, got, 80, 24)
				path := filepath.Join("testdata", "TestGoldenViews", lang, name+".golden")
				if updating() {
					os.MkdirAll(filepath.Dir(path), 0o755)
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./tui -run TestGoldenViews -update)", err)
				}
				if got != string(want) {
					t.Errorf("view differs from %s:\n--- got\n%s\n--- want\n%s", path, got, want)
				}
			})
		}
	}
}

// checkFits fails when a view is taller or wider than the terminal.
func checkFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%d×%d: view has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%d×%d: line %d is %d wide: %q", w, h, i, lw, l)
			return
		}
	}
}

// Every screen in every language fits 80×24: no line wider than the
// terminal in display cells (accents, wide characters), none past its foot.
func TestEveryLanguageFits(t *testing.T) {
	store, a := fixture(t)
	for _, l := range i18n.Languages() {
		for name, setup := range screenStates(t, store, a) {
			m := newModel(t, store, l.Tag)
			m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
			setup(m)
			view := render(m, 80, 24)
			checkFits(t, view, 80, 24)
			// The key help is the last line: cut, it would hide a key.
			lines := strings.Split(view, "\n")
			if last := lines[len(lines)-1]; strings.HasSuffix(last, "…") {
				t.Errorf("%s/%s: the key help is cut: %q", l.Tag, name, last)
			}
		}
	}
}

// Every screen at every size from 1×1 to 300×100: no panic, nothing
// wider or taller than the terminal.
func TestSizeSweep(t *testing.T) {
	store, a := fixture(t)
	widths := []int{1, 2, 3, 5, 8, 13, 20, 39, 40, 41, 59, 60, 61, 79, 80, 81, 100, 120, 200, 300}
	heights := []int{1, 2, 3, 5, 8, 11, 12, 13, 19, 20, 21, 23, 24, 25, 40, 60, 100}
	for name, setup := range screenStates(t, store, a) {
		t.Run(name, func(t *testing.T) {
			m := newModel(t, store, "en")
			m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
			setup(m)
			for _, w := range widths {
				for _, h := range heights {
					checkFits(t, render(m, w, h), w, h)
				}
			}
		})
	}
}
