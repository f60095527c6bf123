package main

import (
	"context"
	"errors"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	reporthtml "github.com/digint/digint/assessment/report/html"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

func reportCmd(e *env, g *globals) *cobra.Command {
	var asJSON, asHTML bool
	var out string
	c := &cobra.Command{
		Use:   "report ID",
		Short: e.T("cli.report.short"),
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) != 1:
				return usagef("%s", e.T("cli.report.what"))
			case asHTML && asJSON:
				return usagef("%s", e.T("cli.report.htmljson"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withReader(e, func(store *storage.Store) error {
				rec, err := findRecord(e, store, args[0])
				if err != nil {
					return err
				}
				if asJSON {
					return writeOutput(e, out, func(w io.Writer) error { return writeJSON(w, rec.Results) })
				}
				lang, err := g.language(e)
				if err != nil {
					return err
				}
				if asHTML && g.lang == "" && i18n.Supported(rec.Language) {
					lang = rec.Language // the page is in the assessment's language
				}
				rep, err := buildReport(store, &rec.Assessment, lang)
				if err != nil {
					return err
				}
				if !asHTML {
					return writeOutput(e, out, func(w io.Writer) error { return writeReport(e, w, rep, textWidth) })
				}
				loc := i18n.MustNew(lang)
				return writeOutput(e, out, func(w io.Writer) error { return reporthtml.Individual(w, rep, loc) })
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.T("cli.flag.reportjson"))
	c.Flags().BoolVar(&asHTML, "html", false, e.T("cli.flag.reporthtml"))
	c.Flags().StringVarP(&out, "output", "o", "", e.T("cli.flag.output"))
	return c
}

func findRecord(e *env, store *storage.Store, id string) (assessment.Record, error) {
	c, err := assessmentID(e, store, id)
	if err != nil {
		return assessment.Record{}, err
	}
	doc, err := store.Export(context.Background(), storage.Selection{IDs: []string{c.ID}})
	if errors.Is(err, storage.ErrNotFound) {
		return assessment.Record{}, errors.New(e.T("cli.report.notfound", "ID", id))
	}
	if err != nil {
		return assessment.Record{}, err
	}
	return doc.Assessments[0], nil
}

// buildReport makes the report model with labels in lang (see
// storage.Store.Report).
func buildReport(store *storage.Store, a *assessment.Assessment, lang string) (report.Individual, error) {
	return store.Report(context.Background(), a, i18n.Banks(store.Catalog(), lang))
}

// textWidth is the width of the text report: it fits any terminal.
const textWidth = 80

// wrap breaks s into lines of at most width columns at spaces, the first
// after indent (a bullet, a number), the others under it; a word longer
// than a line is broken (numbers are short words, so they are never cut).
func wrap(s, indent string, width int) []string {
	room := width - ansi.StringWidth(indent)
	var lines []string
	line := ""
	flush := func() {
		lines = append(lines, indent+line)
		line, indent = "", strings.Repeat(" ", ansi.StringWidth(indent))
	}
	for _, w := range strings.FieldsFunc(s, breakable) {
		for ansi.StringWidth(w) > room {
			if line != "" {
				flush()
			}
			cut := ansi.Truncate(w, room, "")
			line = cut
			flush()
			w = w[len(cut):]
		}
		switch {
		case line == "":
			line = w
		case ansi.StringWidth(line)+1+ansi.StringWidth(w) <= room:
			line += " " + w
		default:
			flush()
			line = w
		}
	}
	if line != "" || len(lines) == 0 {
		flush()
	}
	return lines
}

func dateOf(t time.Time) string { return t.Local().Format(time.DateOnly) }

// writeGroupHTML writes a workshop's group report as a page.
func writeGroupHTML(e *env, store *storage.Store, lang string, st storage.WorkshopStatus, g assessment.GroupReport,
	earlier *assessment.GroupReport, earlierCode, path string) error {
	b, err := groupBank(store, g, lang)
	if err != nil {
		return err
	}
	code := st.Code
	rep := report.BuildGroup(b, code, st.Title, g, earlier, earlierCode)
	rep.Closed = st.Closed != nil
	if p, made, err := store.WorkshopPlan(context.Background(), code); err != nil {
		return err
	} else if made {
		gp := report.GroupPlanOf(b, rep, p)
		rep.Plan = &gp
	}
	loc := i18n.MustNew(lang)
	return writeOutput(e, path, func(w io.Writer) error { return reporthtml.Group(w, rep, loc) })
}

// breakable tells the spaces a line may break at: not the no-break ones
// French puts before a colon.
func breakable(r rune) bool { return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' }
