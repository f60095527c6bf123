package html

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/assessment/sample"
	"github.com/digint/digint/i18n"
)

func workshop(t testing.TB, lang string, n int) report.Group {
	b := bank(t, lang)
	rng := rand.New(rand.NewPCG(31, 32))
	var recs []assessment.Record
	roles := []string{"trainer", "trainer", "manager", "policy"}
	for i := range n {
		a := sample.Assessment(b, rng, assessment.ModeFull)
		a.Participant.Role = roles[i%len(roles)]
		a.Participant.Name = "<script>alert(1)</script>"
		recs = append(recs, assessment.Record{Assessment: *a, Results: assessment.Score(b, a)})
	}
	g := assessment.NewGroupReport(b, recs)
	return report.BuildGroup(b, "K7Q2", "Ghent <b>autumn</b>", g, nil, "")
}

func renderGroup(t testing.TB, g report.Group, lang string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Group(&buf, g, i18n.MustNew(lang)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGroupGolden(t *testing.T) {
	g := workshop(t, "en", 12)
	golden(t, "group-en.html", renderGroup(t, g, "en"))
	// The competence table's row after each name: median and range.
	type comp struct {
		ID    string   `json:"id"`
		Cells []string `json:"cells"`
	}
	loc := i18n.MustNew("en")
	var comps []comp
	for _, c := range g.Competences {
		comps = append(comps, comp{c.ID, []string{loc.Number(c.Score.Median), loc.Number(c.Score.Min) + "–" + loc.Number(c.Score.Max)}})
	}
	golden(t, "group-en.json", jsonOf(t, map[string]any{"competences": comps}))
}

// The group radar's median polygon: vertices where the medians put them.
func TestGroupRadarVertices(t *testing.T) {
	g := workshop(t, "it", 9)
	doc := parse(t, renderGroup(t, g, "it"))
	svg := find(doc, "svg", "")[0]
	spokes := find(svg, "line", "spoke")
	pts := strings.Fields(attr(find(svg, "polygon", "score")[0], "points"))
	if len(pts) != len(g.Competences) || len(spokes) != len(g.Competences) {
		t.Fatalf("%d vertices, %d spokes", len(pts), len(spokes))
	}
	for i, c := range g.Competences {
		s := spokes[i]
		ox, oy := num(t, attr(s, "x1")), num(t, attr(s, "y1"))
		ex, ey := num(t, attr(s, "x2")), num(t, attr(s, "y2"))
		p := parsePoint(t, pts[i])
		wx, wy := ox+(ex-ox)*c.Score.Median/100, oy+(ey-oy)*c.Score.Median/100
		if d := (p.x-wx)*(p.x-wx) + (p.y-wy)*(p.y-wy); d > 0.05 {
			t.Errorf("median vertex %d at %v, want (%.1f, %.1f)", i, p, wx, wy)
		}
	}
	if bytes.Contains(renderGroup(t, g, "it"), []byte("<b>autumn")) {
		t.Error("the workshop title was not escaped")
	}
}

// Below three people the page shows counts and says why, nothing else.
func TestGroupTooSmallShowsNoFigures(t *testing.T) {
	g := workshop(t, "en", 2)
	page := renderGroup(t, g, "en")
	doc := parse(t, page)
	if len(find(doc, "svg", "")) != 0 || len(find(doc, "table", "")) != 0 {
		t.Error("figures for a group of 2")
	}
	if !bytes.Contains(page, []byte("Fewer than 3 assessments")) {
		t.Error("no word on why nothing is shown")
	}
}

// A workshop compared with an earlier one, with a group plan.
func TestGroupGoldenProgressAndPlan(t *testing.T) {
	b := bank(t, "en")
	rng := rand.New(rand.NewPCG(51, 52))
	var now, before []assessment.Record
	for i := range 9 {
		for _, recs := range []*[]assessment.Record{&now, &before} {
			a := sample.Assessment(b, rng, assessment.ModeFull)
			a.Participant.Role = []string{"trainer", "manager", "policy"}[i%3]
			*recs = append(*recs, assessment.Record{Assessment: *a, Results: assessment.Score(b, a)})
		}
	}
	earlier := assessment.NewGroupReport(b, before)
	gr := assessment.NewGroupReport(b, now)
	g := report.BuildGroup(b, "K7Q3", "Ghent spring", gr, &earlier, "K7Q2")
	area := plan.DescribeGroup(b, gr, plan.Focus{Kind: plan.FocusCompetence, Competence: g.Competences[0].ID})
	area.Actions = []plan.Action{{What: "Share <one> good practice", Lead: "the board", Indicator: "practices shared"}}
	p := report.GroupPlanOf(b, g, plan.Plan{UpdatedAt: time.Date(2026, 11, 5, 0, 0, 0, 0, time.UTC), Focus: []plan.Focus{area}})
	g.Plan = &p
	golden(t, "group-progress-en.html", renderGroup(t, g, "en"))
}

// Every module the group report holds is on the page: the first in full,
// the rest named with their priority, as the text and terminal faces list
// them.
func TestGroupNamesEveryModule(t *testing.T) {
	g := workshop(t, "en", 12)
	if len(g.Modules) <= report.MaxGroupModules {
		t.Fatalf("%d modules: the sample shows none past the first %d", len(g.Modules), report.MaxGroupModules)
	}
	doc := parse(t, renderGroup(t, g, "en"))
	full := find(find(doc, "ol", "modules")[0], "li", "")
	more := find(doc, "p", "more")
	if len(full) != report.MaxGroupModules || len(more) != 1 {
		t.Fatalf("%d modules in full, %d lines of more", len(full), len(more))
	}
	for _, m := range g.MoreModules() {
		if !strings.Contains(text(more[0]), m.Title) {
			t.Errorf("%q is not named", m.Title)
		}
	}
}

// The matrix says in how many people's results a section is, as each
// person's report counts it: a gate answered "don't know" or not yet
// reached keeps the section; "no" leaves it out. It never says they all
// pursue it.
func TestGroupMatrixSaysWhoseResultsHoldASection(t *testing.T) {
	b := bank(t, "en")
	rng := rand.New(rand.NewPCG(5, 6))
	gates := []assessment.Answer{
		{Item: "off-gate", Status: assessment.StatusAnswered, Value: assessment.String("yes")},
		{Item: "off-gate", Status: assessment.StatusAnswered, Value: assessment.String("planned")},
		{Item: "off-gate", Status: assessment.StatusUnknown},
		{Item: "off-gate", Status: assessment.StatusAnswered, Value: assessment.String("no")},
		{}, // never reached
	}
	var recs []assessment.Record
	for _, gate := range gates {
		a := sample.Assessment(b, rng, assessment.ModeFull)
		kept := a.Answers[:0]
		for _, ans := range a.Answers {
			switch {
			case ans.Item != "off-gate":
				kept = append(kept, ans)
			case gate.Item != "":
				kept = append(kept, gate)
			}
		}
		a.Answers = kept
		recs = append(recs, assessment.Record{Assessment: *a, Results: assessment.Score(b, a)})
	}
	g := report.BuildGroup(b, "K7Q2", "Room", assessment.NewGroupReport(b, recs), nil, "")
	page := string(renderGroup(t, g, "en"))
	if !strings.Contains(page, "VET offshore campuses<br><span class=\"meta\">in the results of 4</span>") || strings.Contains(page, "pursued by") {
		t.Errorf("the offshore row does not say it is in 4 people's results:\n%s", page[strings.Index(page, "VET offshore"):][:200])
	}
}
