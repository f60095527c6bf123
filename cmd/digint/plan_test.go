package main

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/assessment/sample"
	"github.com/digint/digint/storage"
)

// planFixture is a database in dir with one answered quick scan.
func planFixture(t *testing.T, dir string) (*storage.Store, *assessment.Assessment) {
	t.Helper()
	store, err := storage.Open(filepath.Join(dir, "digint.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	a, err := store.Start(t.Context(), storage.NewAssessment{
		Participant: assessment.Participant{Name: "Giulia", Role: "manager"}, Language: "it", Mode: assessment.ModeQuick})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(4, 5))
	for _, it := range store.Catalog().Current().Asked(a.Mode) {
		if err := store.SaveAnswer(t.Context(), a.ID, sample.Answer(it, rng)); err != nil {
			t.Fatal(err)
		}
	}
	return store, a
}

func TestPlanCommand(t *testing.T) {
	dir := t.TempDir()
	store, a := planFixture(t, dir)

	// No plan yet: the proposal, the same as the engine's.
	out, stderr, code := run(t, dir, "plan", a.ID, "--json")
	var v planView
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
		t.Fatalf("plan --json: %d %s %s", code, out, stderr)
	}
	full, _ := store.Assessment(t.Context(), a.ID)
	b := store.Catalog().Current()
	want := plan.Propose(b, full, assessment.Score(b, full))
	if !v.Proposed || len(v.Plan.Focus) != len(want) || len(want) == 0 || v.Plan.Focus[0].Key() != want[0].Key() {
		t.Fatalf("proposal %+v, want %d areas starting %s", v, len(want), want[0].Key())
	}

	// A saved plan is printed with its actions, within 80 columns.
	p := plan.Plan{Focus: want[:1]}
	p.Focus[0].Actions = []plan.Action{{What: strings.Repeat("Partner visits abroad ", 8), Lead: "Marco", Due: "2027-05"}}
	if _, err := store.SavePlan(t.Context(), a.ID, p); err != nil {
		t.Fatal(err)
	}
	out, _, code = run(t, dir, "plan", a.ID, "--lang", "it")
	if code != 0 || !strings.Contains(out, "Piano d'azione") || !strings.Contains(out, "guida: Marco") || !strings.Contains(out, "entro 2027-05") {
		t.Errorf("plan in Italian: %d\n%s", code, out)
	}
	for _, l := range strings.Split(out, "\n") {
		if utf8.RuneCountInString(l) > 80 {
			t.Errorf("line of %d characters: %q", utf8.RuneCountInString(l), l)
		}
	}
	// The reports show the plan as a part of their own.
	if out, _, _ := run(t, dir, "report", a.ID); !strings.Contains(out, "Action plan") || !strings.Contains(out, "[ ] Partner visits abroad") {
		t.Errorf("the text report lacks the plan:\n%s", out)
	}
	if out, _, _ := run(t, dir, "report", a.ID, "--html"); !strings.Contains(out, `<table class="plan">`) || !strings.Contains(out, "<td>Marco</td>") {
		t.Errorf("the HTML report lacks the plan")
	}
	if out, _, _ := run(t, dir, "plan", a.ID, "--json"); !strings.Contains(out, `"proposed": false`) {
		t.Errorf("a saved plan is not proposed: %s", out)
	}
	// -o writes the plan's page to a file (a sheet to hand round).
	file := filepath.Join(dir, "plan.txt")
	if out, stderr, code := run(t, dir, "plan", a.ID, "-o", file); code != 0 || !strings.Contains(out, "written to "+file) {
		t.Errorf("plan -o: exit %d %q %q", code, out, stderr)
	}
	if data, _ := os.ReadFile(file); !strings.Contains(string(data), "Partner visits abroad") {
		t.Errorf("the plan's file holds %.80q", data)
	}

	if _, stderr, code := run(t, dir, "plan"); code != 2 || !strings.Contains(stderr, "one assessment id") {
		t.Errorf("no id: %d %s", code, stderr)
	}
	if _, stderr, code := run(t, dir, "plan", "00000000-0000-4000-8000-000000000000"); code != 1 || !strings.Contains(stderr, "no assessment") {
		t.Errorf("unknown id: %d %s", code, stderr)
	}
}
