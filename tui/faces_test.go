package tui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/storage"
)

// resultsModel shows the results of the fixture's full assessment, which
// follows a quick scan.
func resultsModel(t *testing.T, w, h int) (*Model, *storage.Store, *assessment.Assessment) {
	t.Helper()
	store, a := fixture(t)
	m := newModel(t, store, "en")
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m.openWalk(a)
	m.showResults(loadResults(store, m.c.text, a))
	return m, store, a
}

// view shows m after a test changed it by hand (not through Update).
func view(m *Model) string {
	m.shownVer++
	return ansi.Strip(m.View().Content)
}

// The results screen renders the report model: what the model says is
// what every tab shows, and nothing is computed beside it.
func TestResultsShowTheReportModel(t *testing.T) {
	m, _, _ := resultsModel(t, 120, 40)
	rep := &m.results.rep
	rep.Competences[0].Title = "Title from the model"
	rep.Competences[0].LowEvidence = true
	for _, tab := range []resultsTab{tabRadar, tabCompetences} {
		m.results.tab = tab
		if v := view(m); !strings.Contains(v, "Title from the model") || !strings.Contains(v, "!") {
			t.Errorf("tab %d does not show the model's competence:\n%s", tab, v)
		}
	}
	rep.Matrix[0].Cells[0].Level.Name = "Level from the model"
	m.results.tab = tabMatrix
	if v := view(m); !strings.Contains(v, "Level from the model") {
		t.Errorf("the matrix computes its own level:\n%s", v)
	}
	// Progress names the earlier assessment and why the two differ.
	m.results.tab = tabProgress
	v := view(m)
	for _, want := range []string{"quick scan", "One was a quick scan and the other a full assessment"} {
		if !strings.Contains(v, want) {
			t.Errorf("progress does not say %q:\n%s", want, v)
		}
	}
	// The develop list carries its notes.
	rep.Develop = []report.Entry{{Item: report.Label{ID: "x", Title: "An item to develop"}, Status: assessment.StatusAnswered,
		Answer: []string{"Initial"}, Note: "ask the dean"}}
	m.results.tab = tabGuidelines
	m.results.scroll = 1000
	m.clampScroll()
	if v := view(m); !strings.Contains(v, "An item to develop") || !strings.Contains(v, "ask the dean") {
		t.Errorf("the develop list leaves out the item or its note:\n%s", v)
	}
}

// w writes the HTML report to the export folder and says where; a kiosk
// writes nothing.
func TestResultsWriteTheHTMLReport(t *testing.T) {
	m, _, _ := resultsModel(t, 80, 24)
	_, cmd := m.Update(keyPress("w"))
	if cmd == nil {
		t.Fatal("w does nothing")
	}
	msg := cmd()
	m.Update(msg)
	path := msg.(exportedMsg).path
	page, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(page, []byte("<html")) || !bytes.Contains(page, []byte("Giulia")) {
		t.Fatalf("no report at %s: %v", path, err)
	}
	if filepath.Dir(path) != m.c.opts.ExportDir || !strings.Contains(strings.ReplaceAll(view(m), "\n", ""), filepath.Base(path)) {
		t.Errorf("the screen does not say where: %s\n%s", path, view(m))
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("report is %v, not private", fi.Mode().Perm())
	}
	m.c.opts.Policy = Kiosk
	if _, cmd := m.Update(keyPress("w")); cmd != nil {
		t.Error("a kiosk writes the report to the shared laptop's disk")
	}
}

// Without colour the score and the target differ by glyph, and the grid
// leaves the cells the two lines pass through.
func TestRadarWithoutColour(t *testing.T) {
	half, full := 50.0, 100.0
	var score, target []*float64
	for range 7 {
		score, target = append(score, &half), append(target, &full)
	}
	lines := radar(40, 18, 7, []polygon{{target, seriesTarget, dashed}, {score, seriesScore, solid}}, nil)
	var buf bytes.Buffer
	w := &colorprofile.Writer{Forward: &buf, Profile: colorprofile.Ascii}
	w.WriteString(strings.Join(lines, "\n"))
	out := buf.String()
	if strings.Contains(out, "\x1b[") {
		t.Fatal("colour left at the ASCII profile")
	}
	if !strings.ContainsAny(out, "┄┆╱╲") {
		t.Errorf("the target is not drawn in dashes:\n%s", out)
	}
	if strings.Count(out, scoreGlyph) != 7 {
		t.Errorf("want a %s on each of the 7 scores:\n%s", scoreGlyph, out)
	}
	// A cell of a series shows that series' dots only.
	c := newCanvas(4, 2)
	c.set(0, 0, seriesGrid)
	c.set(1, 0, seriesScore)
	if got := c.render(nil, nil)[0]; []rune(got)[0] != rune(0x2800+int(brailleBit[0][1])) {
		t.Errorf("the grid shows through the score: %q", got)
	}
}

// Key help is made from the bindings: keys that work are shown.
func TestKeyHelpShowsTheKeysThatWork(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.openWalk(a)
	m.walk.jump("cur-str-goals") // a checklist: its options' keys tick, o opens Other
	m.focusItem()
	v := view(m)
	for _, want := range []string{"pgup/pgdown", "esc/ctrl+o", "1-8/space tick", "o Other"} {
		if !strings.Contains(v, want) {
			t.Errorf("question help leaves out %q:\n%s", want, v)
		}
	}
	m.showResults(loadResults(store, m.c.text, a))
	if v := view(m); !strings.Contains(v, "esc/b") || !strings.Contains(v, "w HTML report") {
		t.Errorf("results help leaves out esc/b or w:\n%s", v)
	}
}

// On kiosk results d is not "hand over" (it is "don't know" on the
// questions): q hands over, after a confirmation.
func TestKioskResultsKeysDoNotCollide(t *testing.T) {
	m, _, _ := resultsModel(t, 80, 24)
	m.c.opts.Policy = Kiosk
	m.Update(keyPress("d"))
	if m.kiosk.confirm || strings.Contains(view(m), "hand over:") {
		t.Error("d still hands over on kiosk results")
	}
	m.Update(keyPress("q"))
	if !m.kiosk.confirm || !strings.Contains(view(m), "Press q again") {
		t.Errorf("q does not ask to confirm the hand-over:\n%s", view(m))
	}
}

// View changes nothing: a scroll past the end is clamped by Update.
func TestViewChangesNoState(t *testing.T) {
	m, _, _ := resultsModel(t, 80, 24)
	m.results.tab = tabModules
	m.results.scroll = 1000
	m.View()
	if m.results.scroll != 1000 {
		t.Errorf("View moved the scroll to %d", m.results.scroll)
	}
	m.Update(keyPress("down"))
	if m.results.scroll >= 1000 {
		t.Errorf("Update left the scroll at %d", m.results.scroll)
	}
	// Nor does it resize a text field.
	store, a := fixture(t)
	q := newModel(t, store, "en")
	q.openWalk(a)
	q.walk.jump("net-text")
	q.focusItem()
	before := q.ed.input.Width()
	q.c.width = 200
	q.View()
	if q.ed.input.Width() != before {
		t.Error("View resized the text field")
	}
}

// Small and large screens: the question shows at 40×12, the matrix has
// its row names, the mode's second option and the cursor show at 50×16,
// names are whole at 120 columns.
func TestScreenSizes(t *testing.T) {
	store, a := fixture(t)
	states := screenStates(t, store, a)
	at := func(name string, w, h int) string {
		m := newModel(t, store, "en")
		m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		states[name](m)
		return render(m, w, h)
	}
	if v := at("question-maturity", 40, 12); !strings.Contains(v, "Does your institution have a") {
		t.Errorf("40×12: no question text:\n%s", v)
	}
	// A low-evidence mark keeps its room in the narrow table.
	m := newModel(t, store, "en")
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 12})
	states["results-competences"](m)
	m.results.rep.Competences[0].LowEvidence = true
	if v := checkView(t, m, 40, 12); !regexp.MustCompile(`(?m)^Global .*\d !$`).MatchString(v) {
		t.Errorf("40×12: the low-evidence mark is cut:\n%s", v)
	}
	if v := at("results-matrix", 40, 12); !strings.Contains(v, "Curricul") {
		t.Errorf("40×12: the matrix has no row names:\n%s", v)
	}
	if v := at("start-mode", 50, 16); !strings.Contains(v, "› (•) Full assessment") {
		t.Errorf("50×16: the second mode and the cursor are off screen:\n%s", v)
	}
	if v := at("welcome", 120, 40); !strings.Contains(v, "Manager or staff of a training provider") {
		t.Errorf("120 columns: the role is cut:\n%s", v)
	}
	for _, w := range []int{120, 200} {
		for _, name := range []string{"results-radar", "results-competences", "results-progress"} {
			if v := at(name, w, 40); strings.Contains(v, "…") || !strings.Contains(v, "International dimension in a technical/vocational area") {
				t.Errorf("%d columns: a name is cut on %s:\n%s", w, name, v)
			}
		}
	}
}

// A "✓ saved" or an old error does not follow the user to another screen.
func TestStatusDoesNotOutstayItsScreen(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.openWalk(a)
	m.status = m.c.T("status.saved")
	m.Update(keyPress("esc"))
	if v := view(m); m.screen != screenOverview || strings.Contains(v, "✓ saved") {
		t.Errorf("the overview still says saved:\n%s", v)
	}
	m.showResults(loadResults(store, m.c.text, a))
	m.setError(os.ErrPermission)
	m.Update(keyPress("esc"))
	if v := view(m); strings.Contains(v, "✗") {
		t.Errorf("the review still shows the results' error:\n%s", v)
	}
}

var _ = time.Second

// "✓ saved" is not shown while the saver holds a write not stored.
func TestSavedIsNotShownWhileAWriteWaits(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.openWalk(a)
	m.status = m.c.T("status.saved")
	m.saves = saveState{pending: map[string]int{completionKey(a.ID): 1}, waiting: 1}
	if v := view(m); strings.Contains(v, "✓ saved") {
		t.Errorf("saved and waiting at once:\n%s", v)
	}
}

// "✓ saved" is said once a write commits, also when it commits before the
// queue has read the saver's state (a fast disk, a quick store).
func TestSavedIsSaidWhenTheWriteBeatsItsQueue(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.openWalk(a)
	m.queue("any", func(context.Context) error { return nil })
	deadline := time.Now().Add(5 * time.Second)
	for m.c.saver.state().waiting > 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	m.saves = m.c.saver.state() // what queue reads when the commit came first
	m.Update(saveStateMsg{})
	if v := view(m); m.screen != screenQuestions || !strings.Contains(v, "✓ saved") {
		t.Errorf("a write committed before its queue read the state is not said saved:\n%s", v)
	}
}

// The questions not saved are named in the user's language: its quotation
// marks, and one question as one.
func TestUnsavedQuestionsNamedInFrench(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "fr")
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.openWalk(a)
	item := m.c.bank.Items[0].ID
	m.left(leftMsg{unsaved: []string{saveKey(a.ID, item)}})
	if err := m.Err(); err == nil || !strings.Contains(err.Error(), "Question\u00a0: «\u00a0") || strings.Contains(err.Error(), "“") {
		t.Errorf("the question not saved, in French: %v", err)
	}
}

// The options ticked in a multiple choice are listed with the language's
// own punctuation: a no-break space before the French semicolon.
func TestTickedOptionsListedInTheLanguage(t *testing.T) {
	store, _ := fixture(t)
	for lang, want := range map[string]string{"en": "Answer: A; B", "fr": "Réponse\u00a0: A\u00a0; B"} {
		m := newModel(t, store, lang)
		lines := entryLines(m.c, report.Entry{Status: assessment.StatusAnswered, Answer: []string{"A", "B"}})
		if len(lines) != 1 || lines[0] != want {
			t.Errorf("%s: %q, want %q", lang, lines, want)
		}
	}
}

// walking is a wizard of size w×h in lang with a open: its questions, or
// with tab set, its results on that tab.
func walking(t *testing.T, store *storage.Store, a *assessment.Assessment, lang string, w, h int, tab ...resultsTab) *Model {
	t.Helper()
	m := newModel(t, store, lang)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m.openWalk(a)
	if len(tab) > 0 {
		m.showResults(loadResults(store, m.c.text, a))
		m.results.tab = tab[0]
	}
	return m
}

// A number typed but not given yet (no enter) is not said to be saved:
// the last answer's "✓ saved" goes as the first digit comes.
func TestSavedGoesWhileANumberIsTyped(t *testing.T) {
	store, a := fixture(t)
	m := walking(t, store, a, "en", 80, 24)
	var count string
	for it := range m.walk.onPath() {
		if it.Kind == assessment.KindCount {
			count = it.ID
			break
		}
	}
	if count == "" || !m.walk.jump(count) {
		t.Fatal("no count question on the path")
	}
	m.focusItem()
	m.status = m.c.T("status.saved")
	press(m, "7")
	if v := view(m); strings.Contains(v, "✓ saved") {
		t.Errorf("a typed number not given is shown beside \"✓ saved\":\n%s", v)
	}
}

// A matrix cell the quick scan asks nothing of says so, not "no answer
// yet".
func TestMatrixCellNotAsked(t *testing.T) {
	store, _ := fixture(t)
	a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Mode: assessment.ModeQuick, Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	m := walking(t, store, a, "en", 80, 24, tabMatrix)
	nd := len(m.results.rep.Dimensions)
	found := false
	for si, row := range m.results.rep.Matrix {
		for di, cell := range row.Cells {
			if row.Pursued && cell.Score == nil && len(cell.Items) == 0 && !found {
				m.results.cell, found = si*nd+di, true
			}
		}
	}
	if !found {
		t.Fatal("the fixture has no cell without questions")
	}
	si, di := m.results.cell/nd, m.results.cell%nd
	title := m.results.rep.Matrix[si].Section.Title + " × " + m.results.rep.Dimensions[di].Title
	if v := view(m); !strings.Contains(v, title+"\nThis assessment asked no question here.") {
		t.Errorf("a cell without questions:\n%s", v)
	}
}

// At 120 columns the matrix shows every dimension's name whole, in the
// language with the longest ones: the section names need less room.
func TestMatrixUsesTheRoomForDimensionNames(t *testing.T) {
	store, a := fixture(t)
	m := walking(t, store, a, "eu", 120, 40, tabMatrix)
	v := view(m)
	for _, d := range m.results.rep.Dimensions {
		if !strings.Contains(v, d.Title) {
			t.Errorf("%q is cut:\n%s", d.Title, v)
		}
	}
}

// A competence's name too long for its column goes on under itself, not
// cut (Romanian at 80 columns).
func TestCompetenceNamesWrapInTheTable(t *testing.T) {
	store, a := fixture(t)
	m := walking(t, store, a, "ro", 80, 40, tabCompetences)
	v := view(m)
	for _, co := range m.results.rep.Competences {
		for _, word := range strings.Fields(co.Title) {
			if !strings.Contains(v, word) {
				t.Errorf("%q of %q is cut:\n%s", word, co.Title, v)
			}
		}
	}
}
