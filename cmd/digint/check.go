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
			return g.withReader(e, func(store *storage.Store) error {
				problem, err := store.Check(context.Background())
				if err != nil {
					return err
				}
				if problem != "" {
					return errors.New(e.T("check.damaged", "Path", store.Path(), "Problem", problem))
				}
				fmt.Fprintln(e.stdout, e.T("check.ok", "Path", store.Path()))
				return nil
			})
		},
	}
}
