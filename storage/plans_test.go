package storage

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
)

func TestPlanSavedReadAndErased(t *testing.T) {
	sqliteOnly(t)
	dir := t.TempDir()
	path := dir + "/digint.db"
	s := openAt(t, path)
	a := startAssessment(t, s, assessment.ModeQuick)
	answerAll(t, s, a, rand.New(rand.NewPCG(1, 2)))
	if _, made, err := s.Plan(ctx, a.ID); err != nil || made {
		t.Fatalf("before any plan: made %v, %v", made, err)
	}
	target := 25.0
	p := plan.Plan{Focus: []plan.Focus{{Kind: plan.FocusCompetence, Competence: "networking",
		Actions: []plan.Action{{What: "Join a sector network \x1b[31m", Lead: "Ana", Due: "2027-06", Indicator: "partners", Target: &target}}}}}
	saved, err := s.SavePlan(ctx, a.ID, p)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Focus[0].Actions[0].What != "Join a sector network" {
		t.Errorf("text not cleaned: %q", saved.Focus[0].Actions[0].What)
	}
	// A restart reads back what was saved.
	s.Close()
	s = openAt(t, path)
	got, made, err := s.Plan(ctx, a.ID)
	if err != nil || !made {
		t.Fatalf("after reopening: made %v, %v", made, err)
	}
	if act := got.Focus[0].Actions[0]; act.Lead != "Ana" || act.Due != "2027-06" || act.Target == nil || *act.Target != 25 || got.UpdatedAt.IsZero() {
		t.Errorf("read back %+v (updated %v)", act, got.UpdatedAt)
	}

	// A bad plan stores nothing and names what is wrong; the saved one stays.
	bad := got
	bad.Focus = append([]plan.Focus(nil), got.Focus...)
	bad.Focus[0].Actions = []plan.Action{{What: "", Due: "next spring"}}
	_, err = s.SavePlan(ctx, a.ID, bad)
	var fe *plan.FieldError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "due is not_month") {
		t.Errorf("bad plan: %v", err)
	}
	if again, _, _ := s.Plan(ctx, a.ID); len(again.Focus[0].Actions) != 1 || again.Focus[0].Actions[0].What != "Join a sector network" {
		t.Errorf("a refused plan changed the saved one: %+v", again.Focus[0].Actions)
	}

	if _, err := s.SavePlan(ctx, "00000000-0000-4000-8000-000000000000", p); !errors.Is(err, ErrNotFound) {
		t.Errorf("plan of an unknown assessment: %v", err)
	}
	if where := inFiles(t, path, "Join a sector network"); len(where) == 0 {
		t.Fatal("the plan's text is in no file before erasing: the check below proves nothing")
	}
	if err := s.EraseAssessment(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if where := inFiles(t, path, "Join a sector network"); len(where) > 0 {
		t.Errorf("after erasing, the plan's text is still in %v", where)
	}
	if _, _, err := s.Plan(ctx, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("after erase: %v", err)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM plans`).Scan(&n); err != nil || n != 0 {
		t.Errorf("plans left after erase: %d, %v", n, err)
	}
}

func TestWorkshopPlan(t *testing.T) {
	s := newStore(t)
	if _, err := s.CreateWorkshop(ctx, "ROME-26", "Rome"); err != nil {
		t.Fatal(err)
	}
	if _, made, err := s.WorkshopPlan(ctx, "ROME-26"); err != nil || made {
		t.Fatalf("before: %v %v", made, err)
	}
	p := plan.Plan{Focus: []plan.Focus{{Kind: plan.FocusCompetence, Competence: "funding",
		Actions: []plan.Action{{What: "An Erasmus+ clinic for all partners", Due: "2027-02"}}}}}
	if _, err := s.SaveWorkshopPlan(ctx, "ROME-26", p); err != nil {
		t.Fatal(err)
	}
	got, made, err := s.WorkshopPlan(ctx, "ROME-26")
	if err != nil || !made || got.Focus[0].Actions[0].What != "An Erasmus+ clinic for all partners" {
		t.Errorf("read back %+v %v", got, err)
	}
	p.Focus[0].Actions[0].Due = "soon"
	if _, err := s.SaveWorkshopPlan(ctx, "ROME-26", p); err == nil {
		t.Error("a bad month was stored")
	}
	if _, err := s.SaveWorkshopPlan(ctx, "NOPE-1", got); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown workshop: %v", err)
	}
}
