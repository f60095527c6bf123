package tui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
	actionplan "github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/assessment/sample"
	"github.com/digint/digint/storage"
)

// The facilitator's group plan is made on the same screen, from the group
// report, and saved to the workshop.
func TestGroupPlanMadeByKeys(t *testing.T) {
	store := openStore(t)
	if _, err := store.CreateWorkshop(bg(), "ROOM-7", "Room 7"); err != nil {
		t.Fatal(err)
	}
	b := store.Catalog().Current()
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 6 {
		a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Role: b.Roles[i%3].ID},
			Language: "en", Mode: assessment.ModeQuick, Workshop: "ROOM-7"})
		if err != nil {
			t.Fatal(err)
		}
		for _, ans := range sample.Answers(b, rng, assessment.ModeQuick) {
			if err := store.SaveAnswer(bg(), a.ID, ans); err != nil {
				t.Fatal(err)
			}
		}
	}
	g, err := store.GroupReport(bg(), "ROOM-7")
	if err != nil {
		t.Fatal(err)
	}
	proposal := actionplan.Plan{Focus: actionplan.ProposeGroup(b, g)}
	m, err := newGroupPlan(Options{Store: store, Lang: "en"}, "ROOM-7", g, proposal, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	if v := render(m, 80, 24); !strings.Contains(v, "proposed, not saved yet") ||
		!strings.Contains(v, "from the group's results") || strings.Contains(v, "your results") {
		t.Fatalf("the proposal (the group's, not one person's):\n%s", v)
	}
	if v := render(m, 80, 24); !strings.Contains(v, "esc quit") || strings.Contains(v, "back to the results") {
		t.Errorf("esc leaves a workshop's plan (no results behind it); its help:\n%s", v)
	}
	press(m, "a")
	typeInto(m, "Peer visits between the partners")
	press(m, "enter")
	stored, made, err := store.WorkshopPlan(bg(), "ROOM-7")
	if err != nil || !made || stored.Focus[0].Actions[0].What != "Peer visits between the partners" {
		t.Fatalf("stored %+v, %v", stored, err)
	}
	// An action typed and left before enter is said to be lost.
	press(m, "a")
	typeInto(m, "Study visit to Lyon")
	m.left(leftMsg{})
	if err := m.Err(); err == nil || !strings.Contains(err.Error(), "action you were typing was not added") {
		t.Errorf("leaving with an action typed: %v", err)
	}
	press(m, "esc")
	// Areas offered to add come from the group's figures.
	press(m, "f")
	if m.plan.choose == nil || len(m.plan.choose.options) == 0 {
		t.Fatal("no area offered")
	}
	press(m, "esc", "esc")
	if !m.quitting {
		t.Error("esc on a workshop's plan leaves the program")
	}
}
