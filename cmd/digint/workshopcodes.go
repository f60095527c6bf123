package main

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/storage"
)

// workshopCodes lists a workshop's unfinished assessments with the
// personal code each continues with: a participant who walked away from a
// kiosk (its idle hand-over shows no code to whoever comes next) gets
// theirs from the facilitator, who can export their answers anyway.
func workshopCodes(e *env, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "codes CODE",
		Short: e.T("cli.workshop.codes.short"),
		Args:  oneCode(e, "codes"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withStore(e, func(store *storage.Store) error {
				code, err := knownWorkshop(e, store, args[0])
				if err != nil {
					return err
				}
				return printCodes(e, store, code)
			})
		},
	}
}

func printCodes(e *env, store *storage.Store, code string) error {
	ctx := context.Background()
	var open []storage.Summary // the workshop's unfinished: a room's worth
	err := store.Each(ctx, storage.Filter{Workshop: code, Unfinished: true}, func(s storage.Summary) error {
		open = append(open, s)
		return nil
	})
	if err != nil {
		return err
	}
	if len(open) == 0 {
		e.say(e.T("cli.workshop.codes.none", "Code", code))
		return nil
	}
	e.say(e.T("cli.workshop.codes.head", "Code", code, "Continue", e.T("kiosk.continue")))
	for _, s := range open {
		personal, err := store.ResumeCode(ctx, s.ID)
		if err != nil {
			return err
		}
		who := cmp.Or(safe.Line(s.Participant.Name), e.T("welcome.anonymous"))
		fmt.Fprintln(e.stdout, wrapLines("  "+e.T("cli.workshop.codes.row", "Who", who, "Done", s.Answered, "Total", s.Asked,
			"When", s.UpdatedAt.Local().Format(time.DateOnly+" 15:04"), "Code", personal), terminalWidth(e.stdout)))
	}
	return nil
}
