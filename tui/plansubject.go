package tui

import (
	"github.com/digint/digint/assessment"
	actionplan "github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/storage"
)

// planSubject is what a plan is made for: one person's assessment, or a
// workshop's group. The Plan screen is the same for both.
type planSubject interface {
	// describe fills in a focus area's score and what serves it.
	describe(b *assessment.Bank, f actionplan.Focus) actionplan.Focus
	// areas are every focus area one may add, in the order offered.
	areas(b *assessment.Bank) []actionplan.Focus
	// save stores the plan; it runs in the saver, off the screen's loop.
	save(store *storage.Store, p actionplan.Plan) error
	// proposedKey is the message that says where a proposal comes from.
	proposedKey() string
}

// personPlan is the plan of one assessment, with its results.
type personPlan struct {
	a *assessment.Assessment
	r assessment.Result
}

func (s personPlan) describe(b *assessment.Bank, f actionplan.Focus) actionplan.Focus {
	return actionplan.Describe(b, s.a, s.r, f, s.a.Participant.Role)
}

func (s personPlan) areas(b *assessment.Bank) []actionplan.Focus {
	pursued := map[string]bool{}
	for _, sr := range s.r.Sections {
		pursued[sr.ID] = sr.Pursued
	}
	var items []string
	for _, it := range b.Asked(s.a.Mode) {
		if it.Scored() {
			items = append(items, it.ID)
		}
	}
	return allAreas(b, pursued, items)
}

func (personPlan) proposedKey() string { return "plan.proposed.tui" }

func (s personPlan) save(store *storage.Store, p actionplan.Plan) error {
	_, err := store.SavePlan(bg(), s.a.ID, p)
	return err
}

// groupPlan is a workshop's group plan, from its group report.
type groupPlan struct {
	code string
	g    assessment.GroupReport
}

func (s groupPlan) describe(b *assessment.Bank, f actionplan.Focus) actionplan.Focus {
	return actionplan.DescribeGroup(b, s.g, f)
}

func (s groupPlan) areas(b *assessment.Bank) []actionplan.Focus {
	pursued := map[string]bool{}
	for _, sr := range s.g.Sections {
		pursued[sr.ID] = sr.Pursued > 0
	}
	var items []string
	for _, it := range s.g.Items {
		if bi, ok := b.Item(it.Item); ok && bi.Scored() {
			items = append(items, it.Item)
		}
	}
	return allAreas(b, pursued, items)
}

func (groupPlan) proposedKey() string { return "plan.proposed.tui.group" }

func (s groupPlan) save(store *storage.Store, p actionplan.Plan) error {
	_, err := store.SaveWorkshopPlan(bg(), s.code, p)
	return err
}

// allAreas: every competence, the cells of the pursued sections, the items.
func allAreas(b *assessment.Bank, pursued map[string]bool, items []string) []actionplan.Focus {
	var out []actionplan.Focus
	for _, co := range b.Competences {
		out = append(out, actionplan.Focus{Kind: actionplan.FocusCompetence, Competence: co.ID})
	}
	for _, sec := range b.Sections {
		if pursued[sec.ID] {
			for _, d := range b.Dimensions {
				out = append(out, actionplan.Focus{Kind: actionplan.FocusCell, Section: sec.ID, Dimension: d.ID})
			}
		}
	}
	for _, id := range items {
		out = append(out, actionplan.Focus{Kind: actionplan.FocusItem, Item: id})
	}
	return out
}
