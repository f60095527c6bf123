package main

import (
	"context"
	"errors"
	"io"

	"github.com/spf13/cobra"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

func planCmd(e *env, g *globals) *cobra.Command {
	var asJSON bool
	var out string
	c := &cobra.Command{
		Use:   "plan ID",
		Short: e.T("cli.plan.short"),
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("%s", e.T("cli.plan.what"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := g.language(e)
			if err != nil {
				return err
			}
			return g.withReader(e, func(store *storage.Store) error {
				return showPlan(e, store, args[0], lang, asJSON, out)
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.T("cli.flag.planjson"))
	c.Flags().StringVarP(&out, "output", "o", "", e.T("cli.flag.output"))
	return c
}

// planView is what `digint plan --json` prints: the plan, or the proposal
// when none was made.
type planView struct {
	Assessment string    `json:"assessment"`
	Proposed   bool      `json:"proposed"`
	Plan       plan.Plan `json:"plan"`
}

func showPlan(e *env, store *storage.Store, id, lang string, asJSON bool, out string) error {
	ctx := context.Background()
	c, err := assessmentID(e, store, id)
	if err != nil {
		return err
	}
	id = c.ID
	a, err := store.Assessment(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return errors.New(e.T("cli.report.notfound", "ID", id))
	}
	if err != nil {
		return err
	}
	b, err := store.Catalog().Lookup(a.Bank)
	if err != nil {
		return err
	}
	p, made, err := store.Plan(ctx, id)
	if err != nil {
		return err
	}
	r := assessment.Score(b, a)
	if !made {
		p = plan.Plan{Focus: plan.Propose(b, a, r)}
	}
	if asJSON {
		return writeOutput(e, out, func(w io.Writer) error {
			return writeJSON(w, planView{Assessment: a.ID, Proposed: !made, Plan: p})
		})
	}
	if b, err = i18n.Bank(b, lang); err != nil {
		return err
	}
	return writeOutput(e, out, func(w io.Writer) error { return writePlan(e, w, b, a, r, p, made) })
}

// writePlan writes a plan as a text page, through the report's face.
func writePlan(e *env, w io.Writer, b *assessment.Bank, a *assessment.Assessment, r assessment.Result, p plan.Plan, made bool) error {
	sw := &firstError{w: w}
	t := textReport{e: e, w: sw, width: textWidth}
	who := safe.Line(a.Participant.Name)
	if who == "" {
		who = e.T("welcome.anonymous")
	}
	if ro, ok := b.Role(a.Participant.Role); ok {
		who += ", " + ro.Title
	}
	t.para("", e.T("plan.title")+" · "+who+" · "+e.T("mode."+string(a.Mode))+" · "+dateOf(a.StartedAt))
	if !made {
		t.para("", e.T("plan.proposed"))
	} else {
		t.para("", e.T("plan.updated", "Date", dateOf(p.UpdatedAt)))
	}
	t.plan(report.PlanOf(b, r, p))
	return sw.err
}
