package main

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/digint/digint/assessment"
)

func score(p *float64) string {
	if p == nil {
		return "no answer yet"
	}
	return fmt.Sprintf("%.1f", *p)
}

// printReport writes an assessment's results as plain text.
func printReport(e *env, b *assessment.Bank, rec assessment.Record) error {
	w := e.stdout
	r := rec.Results
	who := rec.Participant.Name
	if who == "" {
		who = "anonymous"
	}
	role := rec.Participant.Role
	if ro, ok := b.Role(role); ok {
		role = ro.Title
	}
	state := "in progress"
	if rec.CompletedAt != nil {
		state = "completed " + rec.CompletedAt.Local().Format(time.DateOnly)
	}
	fmt.Fprintf(w, "Assessment %s\n%s, %s · %s · %s\n\n", rec.ID, who, role, rec.Mode, state)
	fmt.Fprintf(w, "Overall: %s\n\n", score(r.Overall))

	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	head := []string{"SECTION"}
	for _, d := range b.Dimensions {
		head = append(head, strings.ToUpper(d.ID))
	}
	fmt.Fprintln(tw, strings.Join(append(head, "INDEX"), "\t"))
	for i, s := range r.Sections {
		row := []string{b.Sections[i].Title}
		for _, d := range b.Dimensions {
			if !s.Pursued {
				row = append(row, "–")
				continue
			}
			row = append(row, score(s.Dimensions[d.ID].Score))
		}
		idx := score(s.Index)
		if !s.Pursued {
			idx = "not pursued"
		}
		fmt.Fprintln(tw, strings.Join(append(row, idx), "\t"))
	}
	tw.Flush()

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "COMPETENCE\tSCORE\tTARGET\tGAP\tANSWERS")
	for i, c := range r.Competences {
		gap := "–"
		if c.Gap != nil {
			gap = fmt.Sprintf("%.1f", *c.Gap)
		}
		ev := fmt.Sprint(c.Evidence)
		if c.LowEvidence {
			ev += " (low evidence)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%.0f\t%s\t%s\n", b.Competences[i].Title, score(c.Score), c.Target, gap, ev)
	}
	tw.Flush()

	title := func(id string) string {
		for _, c := range b.Competences {
			if c.ID == id {
				return c.Title
			}
		}
		return id
	}
	if len(r.Recommendations) > 0 {
		fmt.Fprintln(w, "\nRecommended training modules:")
		mods := map[string]*assessment.Module{}
		for _, m := range b.Modules() {
			mods[m.ID] = m
		}
		for i, rec := range r.Recommendations {
			var reasons []string
			for _, rs := range rec.Reasons {
				reasons = append(reasons, fmt.Sprintf("closes your %s gap of %.1f points", title(rs.Competence), rs.Gap))
			}
			fmt.Fprintf(w, "%2d. %s (%s, %s) – priority %.1f\n    %s\n", i+1, mods[rec.Module].Title, rec.Role,
				mods[rec.Module].Partner, rec.Priority, strings.Join(reasons, "; "))
		}
	}
	if len(r.Guidelines) > 0 {
		fmt.Fprintln(w, "\nPlanning guidelines for the weakest dimensions:")
		for _, g := range r.Guidelines {
			for _, gl := range b.Guidelines {
				if gl.ID == g.ID {
					fmt.Fprintf(w, "  %s (%s %.1f)\n", gl.Title, g.Dimension, g.Score)
					for _, a := range gl.Advice {
						fmt.Fprintf(w, "    - %s\n", a)
					}
				}
			}
		}
	}
	fmt.Fprintf(w, "\nAnswered %d of %d asked (%d not applicable, %d don't know, %d open).\n",
		r.Counts.Answered, r.Counts.Asked, r.Counts.NA, r.Counts.Unknown, r.Counts.Unanswered)
	return nil
}
