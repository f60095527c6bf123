package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

func groupFixture(t *testing.T, lang string) *groupModel {
	t.Helper()
	store, _ := fixture(t)
	doc, err := store.Export(bg(), storage.Selection{All: true})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := assessment.Default()
	tb, _ := i18n.Bank(b, lang)
	gp, err := newGroupPage(tb, lang, "Bologna", assessment.NewGroupReport(b, doc.Assessments), nil)
	if err != nil {
		t.Fatal(err)
	}
	return &groupModel{gp: gp, width: 80, height: 24}
}

// Every view of the group screen, in every language and at every size,
// fits the terminal; keys move between the views.
func TestGroupScreen(t *testing.T) {
	for _, l := range i18n.Languages() {
		gm := groupFixture(t, l.Tag)
		for tab := range gm.tabs() {
			gm.Update(keyPress(string(rune('1' + tab))))
			if gm.tab != tab {
				t.Fatalf("key %d shows view %d", tab+1, gm.tab)
			}
			for _, size := range [][2]int{{1, 1}, {39, 11}, {40, 12}, {59, 19}, {80, 24}, {120, 40}, {300, 100}} {
				gm.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				checkFits(t, ansi.Strip(gm.View().Content), size[0], size[1])
			}
		}
	}
	gm := groupFixture(t, "en")
	gm.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if v := ansi.Strip(gm.View().Content); !strings.Contains(v, "Workshop: Bologna") || !strings.Contains(v, "median") {
		t.Errorf("radar view:\n%s", v)
	}
	gm.Update(keyPress("right"))
	if v := ansi.Strip(gm.View().Content); gm.tab != 1 || !strings.Contains(v, "discuss") && !strings.Contains(v, "divides") {
		t.Errorf("discussion view:\n%s", v)
	}
	if _, cmd := gm.Update(keyPress("q")); cmd == nil {
		t.Error("q does not quit")
	}
}
