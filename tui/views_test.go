package tui

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
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
			m.showResults(loadResults(store, m.c.text, a))
			m.results.tab = tab
		}
	}
	return map[string]func(m *Model){
		"welcome": func(m *Model) { m.Update(m.listUnfinished()()) },
		"start": func(m *Model) {
			m.openStart()
		},
		// The last field, the mode, with its second option chosen.
		"start-mode": func(m *Model) {
			pump(m, m.openStart())
			for _, k := range []string{"enter", "enter", "enter", "down"} {
				_, cmd := m.Update(keyPress(k))
				pump(m, cmd)
			}
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
		// The Plan screen on the proposal, and its action form.
		"plan": func(m *Model) {
			m.openWalk(a)
			m.showResults(loadResults(store, m.c.text, a))
			run(m, m.openPlan())
		},
		"plan-action": func(m *Model) {
			m.openWalk(a)
			m.showResults(loadResults(store, m.c.text, a))
			run(m, m.openPlan())
			m.Update(keyPress("a"))
		},
		// A kiosk's results: its own keys, the hand-over asked to confirm.
		"results-kiosk": func(m *Model) {
			m.c.opts.Policy = Kiosk
			m.openWalk(a)
			m.showResults(resultsMsg{a: a, r: assessment.Score(m.c.text, a), rep: report.Build(m.c.text, a, nil, nil)})
			m.Update(keyPress("q"))
		},
	}
}

func render(m *Model, w, h int) string {
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return ansi.Strip(m.View().Content)
}

// goldenSizes are the sizes views are kept at: the usual terminal, the
// smallest the wizard works in, and a large one.
var goldenSizes = []struct{ w, h int }{{80, 24}, {40, 12}, {200, 60}}

func goldenPath(lang, name string, w, h int) string {
	if w == 80 && h == 24 {
		return filepath.Join("testdata", "TestGoldenViews", lang, name+".golden")
	}
	return filepath.Join("testdata", "TestGoldenViews", lang, fmt.Sprintf("%dx%d", w, h), name+".golden")
}

func TestGoldenViews(t *testing.T) {
	for _, lang := range []string{"en", "it"} {
		store, a := fixture(t)
		for name, setup := range screenStates(t, store, a) {
			for _, sz := range goldenSizes {
				t.Run(fmt.Sprintf("%s/%dx%d/%s", lang, sz.w, sz.h, name), func(t *testing.T) {
					m := newModel(t, store, lang)
					m.Update(tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
					setup(m)
					got := checkView(t, m, sz.w, sz.h)
					path := goldenPath(lang, name, sz.w, sz.h)
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
}

// watchClips starts hearing of the lines fit cuts (from now until the
// next call) and returns what it heard so far.
func watchClips() func() []string {
	var mu sync.Mutex
	var cut []string
	f := func(line string, width int) {
		mu.Lock()
		defer mu.Unlock()
		cut = append(cut, ansi.Strip(line))
	}
	clipped.Store(&f)
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), cut...)
	}
}

// checkView renders m at w×h and fails when the view does not fit: a line
// wider than the terminal, too many lines, or a line the view left for
// fit to cut (the check looks at the lines before they are clipped).
func checkView(t *testing.T, m *Model, w, h int) string {
	t.Helper()
	cut := watchClips()
	got := render(m, w, h)
	checkFits(t, got, w, h)
	for _, l := range cut()[:min(1, len(cut()))] {
		t.Errorf("%d×%d: a line of %d cells was cut to fit: %q", w, h, lipgloss.Width(l), l)
	}
	return got
}

// The size check can fail: a view that leaves a 400-cell line is caught,
// though fit cuts it before the terminal sees it.
func TestSizeCheckCatchesAWideLine(t *testing.T) {
	cut := watchClips()
	view := fit([]string{"short", strings.Repeat("x", 400)}, 80, 24)
	checkFits(t, view, 80, 24) // the clipped view fits: this alone would pass
	if got := cut(); len(got) != 1 || len(got[0]) != 400 {
		t.Errorf("the 400-cell line was not reported: %q", got)
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
			view := checkView(t, m, 80, 24)
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
					checkView(t, m, w, h)
				}
			}
		})
	}
}

// await runs a command; false when it gives no message within wait (a
// timer or another wait, which a test steps over).
func await(c tea.Cmd, wait time.Duration) (tea.Msg, bool) {
	done := make(chan tea.Msg, 1)
	go func() { done <- c() }()
	select {
	case msg := <-done:
		return msg, true
	case <-time.After(wait):
		return nil, false
	}
}

// pump runs a command and the commands its messages lead to, feeding every
// message back to m, as a program would (saves and starts answer so);
// ticks and other waits are left out.
func pump(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0 && n < 50; n++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg, ok := await(c, 50*time.Millisecond)
		if !ok {
			continue // a timer: not part of this step
		}
		switch msg := msg.(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case nil:
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}
