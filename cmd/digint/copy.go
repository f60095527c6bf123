package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/storage"
)

// copyCmd moves a whole database to another (SQLite ↔ PostgreSQL).
func copyCmd(e *env, g *globals) *cobra.Command {
	var from, to string
	c := &cobra.Command{
		Use:   "copy --from SRC --to DST",
		Short: e.T("cli.copy.short"),
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from == "" || to == "" {
				return usagef("%s", e.T("cli.copy.what"))
			}
			if sameFile(from, to) {
				return usagef("%s", e.T("cli.copy.same"))
			}
			for _, db := range []string{from, to} { // both, before either is opened
				if err := storage.CheckName(db); err != nil {
					return explainStorage(e, err)
				}
			}
			cat, err := assessment.DefaultCatalog()
			if err != nil {
				return err
			}
			src, err := storage.OpenWith(from, cat, storage.Options{ReadOnly: true, Pool: g.pool})
			if errors.Is(err, fs.ErrNotExist) {
				return &explained{text: e.T("open.missing", "Path", shellWord(from)), err: err}
			}
			if err != nil {
				return explainStorage(e, err)
			}
			defer src.Close()
			dst, err := storage.OpenWith(to, cat, storage.Options{Pool: g.pool})
			if err != nil {
				return explainStorage(e, err)
			}
			defer dst.Close()
			rep, err := storage.Copy(context.Background(), src, dst)
			if errors.Is(err, storage.ErrNotEmpty) {
				return &explained{text: e.T("cli.copy.notempty", "Path", safe.Line(storage.Redacted(to))), err: err}
			}
			if err != nil {
				return explainStorage(e, err)
			}
			fmt.Fprintln(e.stdout, e.T("cli.copy.done", "Assessments", rep.Assessments, "Participants", rep.Participants,
				"Workshops", rep.Workshops, "Plans", rep.Plans, "Sum", safe.Line(rep.Checksum)))
			return nil
		},
	}
	c.Flags().StringVar(&from, "from", "", e.T("cli.flag.copyfrom"))
	c.Flags().StringVar(&to, "to", "", e.T("cli.flag.copyto"))
	addPoolFlags(e, c, g)
	return c
}

// sameFile tells whether two database names are one: the same URL, or
// paths to the same file.
func sameFile(a, b string) bool {
	if a == b {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}
