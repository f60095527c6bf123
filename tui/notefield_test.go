package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/i18n"
)

// The empty note field shows its example whole, or cut on an ellipsis,
// and never up to its counter: "…con una scuola part 0/500" read as one.
func TestNotePlaceholderEndsBeforeItsCounter(t *testing.T) {
	store, a := fixture(t)
	count := fmt.Sprintf(" 0/%d", assessment.MaxNoteLen)
	for _, lang := range i18n.BankLanguages() {
		for _, width := range []int{40, 50, 60, 70, 80, 90, 100, 120} {
			m := newModel(t, store, lang)
			m.Update(tea.WindowSizeMsg{Width: width, Height: 24})
			m.openWalk(a)
			if !m.walk.jump("net-str-longterm") {
				t.Fatal("net-str-longterm is not on the path")
			}
			m.focusItem()
			m.Update(keyPress("ctrl+e"))
			view := render(m, width, 24)
			example := m.c.T("note.placeholder")
			var line string
			for _, l := range strings.Split(view, "\n") {
				if strings.Contains(l, count) {
					line = l
				}
			}
			field, _, ok := strings.Cut(line, count)
			if !ok {
				t.Fatalf("%s, %d columns: no empty note field:\n%s", lang, width, view)
			}
			shown := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(field), strings.TrimSpace(m.c.T("note.label"))))
			if !strings.HasSuffix(field, " ") {
				t.Errorf("%s, %d columns: the example runs into its counter: %q", lang, width, line)
			}
			if shown != example && (!strings.HasSuffix(shown, "…") || !strings.HasPrefix(example, strings.TrimSuffix(shown, "…"))) {
				t.Errorf("%s, %d columns: the example is cut bare: %q (of %q)", lang, width, shown, example)
			}
		}
	}
}
