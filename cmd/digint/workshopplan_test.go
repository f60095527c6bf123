package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/storage"
)

func TestWorkshopPlanCommand(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "PLAN-1", 9, 5)

	// No plan yet: the group proposal, the same as the engine's.
	out, stderr, code := run(t, dir, "workshop", "plan", "plan-1", "--json")
	var v struct {
		Proposed bool      `json:"proposed"`
		Plan     plan.Plan `json:"plan"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
		t.Fatalf("--json: %d %s %s", code, out, stderr)
	}
	store, err := storage.Open(filepath.Join(dir, "digint.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	g, err := store.GroupReport(context.Background(), "PLAN-1")
	if err != nil {
		t.Fatal(err)
	}
	want := plan.ProposeGroup(store.Catalog().Current(), g)
	if !v.Proposed || len(want) == 0 || len(v.Plan.Focus) != len(want) || v.Plan.Focus[0].Key() != want[0].Key() {
		t.Fatalf("proposal %+v, want %d areas from %s", v, len(want), want[0].Key())
	}
	if strings.Contains(out, `"name"`) || strings.Contains(out, `"participant`) {
		t.Error("a group plan names no participant")
	}
	// A room of several roles: a competence area shows its median gap, the
	// figure the group report ranks it by, not one role's target.
	printed, _, _ := run(t, dir, "workshop", "plan", "PLAN-1", "--print")
	for _, f := range want {
		for _, c := range g.Competences {
			if f.Kind == plan.FocusCompetence && c.ID == f.Competence {
				gap := "median gap " + strconv.FormatFloat(c.Gap.Median, 'f', -1, 64)
				if !strings.Contains(printed, gap) {
					t.Errorf("the proposal does not show %q for %s:\n%s", gap, c.ID, printed)
				}
			}
		}
	}
	if !strings.Contains(printed, "median gap") || strings.Contains(printed, ", target ") {
		t.Errorf("the proposal shows a single role's target:\n%s", printed)
	}

	// A saved plan shows in the plan, the group report's JSON, page and text.
	p := plan.Plan{Focus: want[:1]}
	p.Focus[0].Actions = []assessment.Action{{What: "A shared Erasmus+ clinic", Lead: "MEKA", Due: "2027-03"}}
	if _, err := store.SaveWorkshopPlan(context.Background(), "PLAN-1", p); err != nil {
		t.Fatal(err)
	}
	if out, _, _ := run(t, dir, "workshop", "plan", "PLAN-1", "--print"); !strings.Contains(out, "[ ] A shared Erasmus+ clinic · led by MEKA · by 2027-03") {
		t.Errorf("--print:\n%s", out)
	}
	if out, _, _ := run(t, dir, "workshop", "report", "PLAN-1", "--json"); !strings.Contains(out, `"plan"`) || !strings.Contains(out, "A shared Erasmus+ clinic") {
		t.Errorf("the group report's JSON lacks the plan")
	}
	if out, _, _ := run(t, dir, "workshop", "report", "PLAN-1", "--html"); !strings.Contains(out, `<table class="plan">`) || !strings.Contains(out, "<td>MEKA</td>") {
		t.Errorf("the group report's page lacks the plan")
	}
	if out, _, _ := run(t, dir, "workshop", "report", "PLAN-1", "--print"); !strings.Contains(out, "A shared Erasmus+ clinic") {
		t.Errorf("the printed group report lacks the plan")
	}
	if _, stderr, code := run(t, dir, "workshop", "plan", "NOPE-9"); code != 1 || stderr == "" {
		t.Errorf("unknown workshop: %d %q", code, stderr)
	}
}
