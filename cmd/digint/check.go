package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/digint/digint/storage"
)

// checkCmd reads the whole database for damage: what opening, to stay
// quick at any size, does not do.
func checkCmd(e *env, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: e.T("cli.check.short"),
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			store, err := g.openReader(e)
			var f *storage.Fault
			if errors.Is(err, storage.ErrCorrupt) && errors.As(err, &f) {
				// Damage seen on opening is this command's verdict, not
				// a failure to run it.
				return errors.New(e.T("check.damaged", "Path", f.Path, "Problem", errors.Unwrap(err).Error()))
			}
			if err != nil {
				return err
			}
			defer store.Close()
			problem, err := store.Check(context.Background())
			if err != nil {
				return explainStorage(e, err)
			}
			if problem != "" {
				return errors.New(e.T("check.damaged", "Path", store.Path(), "Problem", problem))
			}
			fmt.Fprintln(e.stdout, e.T("check.ok", "Path", store.Path()))
			return nil
		},
	}
}
