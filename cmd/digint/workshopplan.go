package main

import (
	"cmp"
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
	"github.com/digint/digint/tui"
)

// workshopPlan: the facilitator's group plan, made from the group report
// the same way a person's plan is made from their results.
func workshopPlan(e *env, g *globals) *cobra.Command {
	var asJSON, plain bool
	c := &cobra.Command{
		Use:   "plan CODE",
		Short: e.T("cli.workshop.plan.short"),
		Args:  oneCode(e, "plan"),
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := g.language(e)
			if err != nil {
				return err
			}
			code := strings.ToUpper(args[0])
			edit := !asJSON && !plain && isTerminal(e.stdin) && isTerminal(e.stdout)
			open := g.withReader
			if edit {
				open = g.withStore
			}
			return open(e, func(store *storage.Store) error {
				rep, err := groupReport(e, store, code, false)
				if err != nil {
					return err
				}
				p, made, err := store.WorkshopPlan(context.Background(), code)
				if err != nil {
					return err
				}
				b := store.Catalog().Current()
				if !made {
					p = plan.Plan{Focus: plan.ProposeGroup(b, rep)}
				}
				switch {
				case asJSON:
					return printJSON(e, struct {
						Workshop string    `json:"workshop"`
						Proposed bool      `json:"proposed"`
						Plan     plan.Plan `json:"plan"`
					}{code, !made, p})
				case edit:
					return tui.RunGroupPlan(tui.Options{Store: store, Lang: lang}, code, rep, p, made, g.colorless(e))
				}
				tb, err := i18n.Bank(b, lang)
				if err != nil {
					return err
				}
				st, _ := store.WorkshopStatus(context.Background(), code)
				gr := report.BuildGroup(tb, code, st.Title, rep, nil, "")
				t := textReport{e: e, w: e.stdout, width: textWidth}
				t.para("", e.T("plan.title")+" · "+safe.Line(cmp.Or(st.Title, code))+" ("+code+")")
				if !made {
					t.para("", e.T("plan.proposed.group"))
				} else {
					t.para("", e.T("plan.updated", "Date", dateOf(p.UpdatedAt)))
				}
				t.plan(report.GroupPlanOf(tb, gr, p))
				return nil
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.T("cli.flag.planjson"))
	c.Flags().BoolVar(&plain, "print", false, e.T("cli.flag.print"))
	return c
}
