package tui

import (
	"github.com/digint/digint/assessment"
	actionplan "github.com/digint/digint/assessment/plan"
)

// RunGroupPlan shows the Plan screen for a workshop's group plan: p is the
// plan made before, or the proposal when made is false. Every change is
// saved as it is made; esc leaves.
func RunGroupPlan(o Options, code string, g assessment.GroupReport, p actionplan.Plan, made bool, noColor bool) error {
	m, err := newGroupPlan(o, code, g, p, made)
	if err != nil {
		return err
	}
	_, err = NewProgram(m, processTerminal(noColor)).Run()
	m.Close()
	if err == nil {
		err = m.Err()
	}
	return err
}

func newGroupPlan(o Options, code string, g assessment.GroupReport, p actionplan.Plan, made bool) (*Model, error) {
	m, err := New(o)
	if err != nil {
		return nil, err
	}
	m.plan = &planScreen{subject: groupPlan{code: code, g: g}, standalone: true, plan: p, made: made}
	m.screen = screenPlan
	return m, nil
}
