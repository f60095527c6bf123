package html

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/assessment/sample"
	"github.com/digint/digint/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func bank(t testing.TB, lang string) *assessment.Bank {
	t.Helper()
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	b, err := i18n.Bank(cat.Current(), lang)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// person is a fixed assessment with a previous one, so every part of the
// report has something to show.
func person(t testing.TB, lang string) report.Individual {
	b := bank(t, lang)
	rng := rand.New(rand.NewPCG(11, 12))
	before := sample.Assessment(b, rng, assessment.ModeQuick)
	a := sample.Assessment(b, rng, assessment.ModeFull)
	a.Participant = assessment.Participant{ID: before.Participant.ID, Name: "Ana Pérez", Role: "trainer", Institution: "CIFP Easo"}
	before.Participant = a.Participant
	a.Language = lang
	realistic(a)
	a.StartedAt = time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	done := a.StartedAt.Add(40 * time.Minute)
	a.CompletedAt = &done
	return report.Build(b, a, &report.Previous{Assessment: before, Bank: b}, nil)
}

// realistic keeps the first few develop marks and notes, as a person would
// leave them (the random sample marks a third of all items).
func realistic(a *assessment.Assessment) {
	develop, notes := 0, 0
	for i := range a.Answers {
		ans := &a.Answers[i]
		if ans.Develop {
			develop++
			ans.Develop = develop <= 4
		}
		if ans.Note != "" {
			notes++
			if notes > 4 {
				ans.Note = ""
			} else if notes == 1 {
				ans.Note = "Our partnership agreement with a school in Ghent, signed in 2025.\nReviewed every year by the board."
			}
		}
	}
}

func render(t testing.TB, rep report.Individual, lang string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Individual(&buf, rep, i18n.MustNew(lang)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGoldenPages keeps each page, and the competences it shows (which
// .ci/browser looks for in the printed PDF), in testdata.
func TestGoldenPages(t *testing.T) {
	for _, lang := range []string{"en", "it"} {
		t.Run(lang, func(t *testing.T) {
			rep := person(t, lang)
			golden(t, "individual-"+lang+".html", render(t, rep, lang))
			type comp struct {
				ID     string   `json:"id"`
				Score  *float64 `json:"score"`
				Target float64  `json:"target"`
			}
			var comps []comp
			for _, c := range rep.Competences {
				comps = append(comps, comp{c.ID, c.Score, c.Target})
			}
			golden(t, "individual-"+lang+".json", jsonOf(t, map[string]any{"competences": comps}))
		})
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what is rendered now (run with -update and look at the diff)", path)
	}
}

func jsonOf(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(data, '\n')
}

// Every language, and assessments half done, empty or without a role: the
// page renders, whole.
func TestEveryLanguageAndPartialAssessments(t *testing.T) {
	for _, l := range i18n.Languages() {
		b := bank(t, l.Tag)
		rng := rand.New(rand.NewPCG(41, 42))
		for i := range 8 {
			a := sample.Partial(b, rng)
			switch i {
			case 0:
				a.Answers = nil
			case 1:
				a.Participant.Role = "gone"
			}
			var prev *report.Previous
			if i%2 == 0 {
				prev = &report.Previous{Assessment: sample.Assessment(b, rng, assessment.ModeQuick), Bank: b}
			}
			page := render(t, report.Build(b, a, prev, nil), l.Tag)
			if !bytes.HasSuffix(page, []byte("</html>\n")) || !bytes.Contains(page, []byte(`lang="`+l.Tag+`"`)) {
				t.Errorf("%s #%d: the page is cut or in the wrong language", l.Tag, i)
			}
		}
	}
}

// withPlan is the person's report with an action plan, and the earlier
// plan's moves, so every part of the page shows.
func withPlan(t testing.TB) report.Individual {
	rep := person(t, "en")
	f := func(x float64) *float64 { return &x }
	first := rep.Focus[0]
	rep.Plan = &report.Plan{UpdatedAt: time.Date(2026, 11, 4, 0, 0, 0, 0, time.UTC), Areas: []report.PlanArea{
		{Focus: first, Actions: []report.Action{
			{What: "Run a workshop on <intercultural> skills", Lead: "Ana", Due: "2027-03", Indicator: "teachers trained", Baseline: f(2), Target: f(10), DrawsOn: "Intercultural competence", Done: true},
			{What: "Join the \"Erasmus+\" network", Indicator: "partners", Target: f(3)},
		}},
		{Focus: rep.Focus[1]},
	}}
	rep.Progress.EarlierPlan = []report.PlanMove{
		{Focus: first, Then: f(30), Now: f(45.9), Change: f(15.9), Open: rep.Plan.Areas[0].Actions[1:]},
		{Focus: rep.Focus[2], Then: f(75)},
	}
	rep.Focus = nil // a plan kept replaces the proposal, as Build makes it
	return rep
}

func TestGoldenPlanAndEarlierPlan(t *testing.T) {
	golden(t, "individual-plan-en.html", render(t, withPlan(t), "en"))
}

// The line that closes the report ("Assessment <id>") is printed with the
// paragraph above it: on its own it took a whole last page when the
// annex ended at a page's foot (an Italian quick scan with notes).
func TestSignOffIsNotPrintedAlone(t *testing.T) {
	page := string(render(t, person(t, "it"), "it"))
	main := page[:strings.LastIndex(page, "</main>")]
	last := main[strings.LastIndex(main, "<p"):]
	if !strings.HasPrefix(last, `<p class="small signoff">`) || !strings.Contains(last, "Valutazione ") {
		t.Fatalf("the report does not end on its sign-off paragraph: %q", last)
	}
	print := css[strings.Index(css, "@media print"):]
	rule := regexp.MustCompile(`(?m)^\s*\.signoff\s*\{[^}]*\bbreak-before:\s*avoid;[^}]*\}`)
	if !rule.MatchString(print) {
		t.Errorf("no print rule keeps .signoff from starting a page:\n%s", print)
	}
}
