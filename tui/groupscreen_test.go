package tui

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/assessment/sample"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// groupStore is a store with workshop K7PQ2X ("Bologna"): 12 assessments
// the same every run, 6 trainers, 4 managers and 2 policy officers (too
// few to be broken down).
func groupStore(t testing.TB) *storage.Store {
	t.Helper()
	store := openStore(t)
	b := store.Catalog().Current()
	if _, err := store.NewWorkshop(bg(), "K7PQ2X", "Bologna", "246810"); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(12, 12))
	var as []*assessment.Assessment
	for i := range 12 {
		a := sample.Assessment(b, rng, []assessment.Mode{assessment.ModeFull, assessment.ModeQuick}[i%2])
		if i%4 == 3 {
			a = sample.Partial(b, rng)
		}
		a.Participant.Role = []string{"trainer", "manager", "trainer", "manager", "trainer", "policy"}[i%6]
		a.Workshop = "K7PQ2X"
		as = append(as, a)
	}
	doc, err := assessment.NewDocument(store.Catalog(), as, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := doc.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Import(bg(), "room.json", &buf); err != nil {
		t.Fatal(err)
	}
	return store
}

// groupReportOf builds the report model of the workshop, in lang.
func groupReportOf(t testing.TB, store *storage.Store, lang string) report.Group {
	t.Helper()
	g, err := store.GroupReport(bg(), "K7PQ2X")
	if err != nil {
		t.Fatal(err)
	}
	tb, err := i18n.Bank(store.Catalog().Current(), lang)
	if err != nil {
		t.Fatal(err)
	}
	return report.BuildGroup(tb, "K7PQ2X", "Bologna", g, nil, "")
}

func groupModelOf(t testing.TB, r report.Group, lang string) *groupModel {
	t.Helper()
	gp, err := newGroupPage(lang, r)
	if err != nil {
		t.Fatal(err)
	}
	gm := newGroupModel(gp)
	return &gm
}

func groupView(gm *groupModel, w, h int) string {
	gm.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return ansi.Strip(gm.View().Content)
}

// Every view of the group screen, in every language and at every size,
// fits the terminal; keys move between the views.
func TestGroupScreen(t *testing.T) {
	store := groupStore(t)
	for _, l := range i18n.Languages() {
		gm := groupModelOf(t, groupReportOf(t, store, l.Tag), l.Tag)
		for tab := range gm.tabs() {
			gm.Update(keyPress(string(rune('1' + tab))))
			if gm.tab != tab {
				t.Fatalf("key %d shows view %d", tab+1, gm.tab)
			}
			for _, size := range [][2]int{{1, 1}, {39, 11}, {40, 12}, {59, 19}, {80, 24}, {120, 40}, {200, 60}, {300, 100}} {
				checkFits(t, groupView(gm, size[0], size[1]), size[0], size[1])
			}
		}
	}
	gm := groupModelOf(t, groupReportOf(t, store, "en"), "en")
	if _, cmd := gm.Update(keyPress("q")); cmd == nil {
		t.Error("q does not quit")
	}
}

// TestGroupScreenNamesWhatItShows: the screen shows the model's labels:
// option labels, not raw values, in the first question's answers;
// competence names in the role breakdown; what spread and priority mean;
// and the radar at 80×24 gets half the width, not a corner.
func TestGroupScreenNamesWhatItShows(t *testing.T) {
	store := groupStore(t)
	r := groupReportOf(t, store, "en")
	if len(r.Discuss) == 0 || len(r.ByRole) == 0 || r.OtherRoles != 2 {
		t.Fatalf("the fixture has %d to discuss, %d roles broken down, %d in other roles", len(r.Discuss), len(r.ByRole), r.OtherRoles)
	}
	gm := groupModelOf(t, r, "en")
	radar := groupView(gm, 80, 24)
	if w := brailleWidth(radar); w < 30 {
		t.Errorf("the radar at 80×24 is %d columns wide:\n%s", w, radar)
	}
	gm.Update(keyPress("2"))
	discuss := groupView(gm, 200, 60)
	first := r.Discuss[0]
	if !strings.Contains(discuss, "Spread: how far apart") {
		t.Errorf("spread is not explained:\n%s", discuss)
	}
	for _, c := range first.Distribution {
		if !strings.Contains(discuss, c.Label) {
			t.Errorf("the first question's answer %q is missing:\n%s", c.Label, discuss)
		}
	}
	gm.Update(keyPress("3"))
	if v := groupView(gm, 200, 60); !strings.Contains(v, "Priority: how much") {
		t.Errorf("priority is not explained:\n%s", v)
	}
	gm.Update(keyPress("4"))
	roles := groupView(gm, 200, 60)
	for _, c := range r.Competences {
		if !strings.Contains(roles, c.Title) {
			t.Errorf("the role breakdown does not name %q:\n%s", c.Title, roles)
		}
	}
	if strings.Contains(roles, "Policy officer (") {
		t.Errorf("a role of 2 is broken down:\n%s", roles)
	}
}

// brailleWidth is the widest run of columns holding radar dots on a line.
func brailleWidth(view string) int {
	widest := 0
	for _, l := range strings.Split(view, "\n") {
		first, last := -1, -1
		for i, r := range []rune(l) {
			if r >= 0x2800 && r <= 0x28ff {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first >= 0 {
			widest = max(widest, last-first+1)
		}
	}
	return widest
}

// TestGroupGolden: the group screen's views at 80×24, 40×12 and 200×60,
// in English and Italian (go test ./tui -run TestGroupGolden -update).
func TestGroupGolden(t *testing.T) {
	store := groupStore(t)
	for _, lang := range []string{"en", "it"} {
		gm := groupModelOf(t, groupReportOf(t, store, lang), lang)
		for tab, name := range []string{"radar", "discuss", "modules", "roles"} {
			for _, size := range [][2]int{{80, 24}, {40, 12}, {200, 60}} {
				gm.Update(keyPress(string(rune('1' + tab))))
				got := groupView(gm, size[0], size[1])
				checkFits(t, got, size[0], size[1])
				golden(t, filepath.Join("testdata", "TestGroupGolden", lang, name+"-"+sizeName(size)+".golden"), got)
			}
		}
	}
}

func sizeName(s [2]int) string { return fmt.Sprintf("%dx%d", s[0], s[1]) }

// golden compares got with the file at path, or writes it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if updating() {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui -run %s -update)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("view differs from %s:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestGroupScreenTitleInert: a workshop title from the database reaches
// the screen and the page as text: no escape, no bidi override.
func TestGroupScreenTitleInert(t *testing.T) {
	r := report.Group{Code: "K7PQ2X", Title: "Bologna\x1b[2J\x1b]0;pwned\a\u202eevil", Assessments: 1, TooSmall: true}
	gm := groupModelOf(t, r, "en")
	gm.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	var page bytes.Buffer
	if err := PrintGroup(&page, "en", r, false); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{gm.View().Content, page.String()} {
		if strings.Contains(out, "\x1b[2J") || strings.Contains(out, "\x1b]0;") || strings.ContainsRune(out, '\u202e') {
			t.Errorf("the title came through active: %q", out)
		}
		if !strings.Contains(ansi.Strip(out), "Bologna") {
			t.Errorf("the title is missing: %q", out)
		}
	}
}

// Scrolling stops at a view's end, so one key up always moves it back;
// drawing changes nothing.
func TestGroupScrollStopsAtTheEnd(t *testing.T) {
	store := groupStore(t)
	gm := groupModelOf(t, groupReportOf(t, store, "en"), "en")
	gm.Update(keyPress("2")) // to discuss: longer than a screen
	groupView(gm, 80, 24)
	for range 1000 {
		gm.Update(keyPress("down"))
	}
	end := gm.scroll
	if end == 0 || end != gm.lastScroll() {
		t.Fatalf("scrolled to %d, the end is %d", end, gm.lastScroll())
	}
	bottom := gm.View().Content
	if gm.View().Content != bottom || gm.scroll != end {
		t.Fatal("drawing the view changed it")
	}
	gm.Update(keyPress("up"))
	if gm.View().Content == bottom {
		t.Error("one key up after the end did not move the view")
	}
}

// Who took part keeps every role and its count in the header, however
// narrow the screen: long names are cut, the counts never, and a line
// never starts with the separator.
func TestGroupHeaderKeepsEveryRole(t *testing.T) {
	store := groupStore(t)
	for _, lang := range []string{"it", "ro"} {
		r := groupReportOf(t, store, lang)
		gp, err := newGroupPage(lang, r)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []int{40, 50, 60, 80, 200} {
			head := ansi.Strip(strings.Join(gp.head(w, false), "\n"))
			for _, rc := range r.Roles {
				if want := "(" + gp.loc.Count(rc.N) + ")"; !strings.Contains(head, want) {
					t.Errorf("%s at %d: no %s for %q in\n%s", lang, w, want, rc.Title, head)
				}
			}
			for _, l := range strings.Split(head, "\n") {
				if strings.HasPrefix(l, "·") || lipgloss.Width(l) > w {
					t.Errorf("%s at %d: line %q", lang, w, l)
				}
			}
			if w >= 200 && !strings.Contains(head, r.Roles[len(r.Roles)-1].Title) {
				t.Errorf("%s at %d: a role's name is cut with room for it:\n%s", lang, w, head)
			}
		}
	}
}
