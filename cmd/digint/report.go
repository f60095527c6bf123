package main

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/digint/digint/assessment"
)

func score(e *env, p *float64) string {
	if p == nil {
		return e.T("score.none")
	}
	return e.loc.Number(*p)
}

// printReport writes an assessment's results as plain text.
func printReport(e *env, b *assessment.Bank, rec assessment.Record) error {
	w := e.stdout
	r := rec.Results
	who := rec.Participant.Name
	if who == "" {
		who = e.T("welcome.anonymous")
	}
	role := rec.Participant.Role
	if ro, ok := b.Role(role); ok {
		role = ro.Title
	}
	state := e.T("cli.report.inprogress")
	if rec.CompletedAt != nil {
		state = e.T("cli.report.completed", "Date", rec.CompletedAt.Local().Format(time.DateOnly))
	}
	fmt.Fprintf(w, "%s\n%s, %s · %s · %s\n\n", e.T("cli.report.assessment", "ID", rec.ID), who, role, e.T("mode."+string(rec.Mode)), state)
	fmt.Fprintf(w, "%s\n\n", e.T("cli.report.overall", "Score", score(e, r.Overall)))

	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	head := []string{e.T("cli.report.section")}
	for _, d := range b.Dimensions {
		head = append(head, strings.ToUpper(d.Title))
	}
	fmt.Fprintln(tw, strings.Join(append(head, e.T("cli.report.index")), "\t"))
	for i, s := range r.Sections {
		row := []string{b.Sections[i].Title}
		for _, d := range b.Dimensions {
			if !s.Pursued {
				row = append(row, "–")
				continue
			}
			row = append(row, score(e, s.Dimensions[d.ID].Score))
		}
		idx := score(e, s.Index)
		if !s.Pursued {
			idx = e.T("overview.notpursued")
		}
		fmt.Fprintln(tw, strings.Join(append(row, idx), "\t"))
	}
	tw.Flush()

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, e.T("cli.report.competences"))
	for i, c := range r.Competences {
		gap := "–"
		if c.Gap != nil {
			gap = e.loc.Number(*c.Gap)
		}
		ev := fmt.Sprint(c.Evidence)
		if c.LowEvidence {
			ev += " (" + e.T("cli.report.low") + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", b.Competences[i].Title, score(e, c.Score), e.loc.Number(c.Target), gap, ev)
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
		fmt.Fprintln(w, "\n"+e.T("cli.report.modules"))
		mods := map[string]*assessment.Module{}
		for _, m := range b.Modules() {
			mods[m.ID] = m
		}
		for i, rec := range r.Recommendations {
			var reasons []string
			for _, rs := range rec.Reasons {
				reasons = append(reasons, e.T("modules.reason", "Competence", title(rs.Competence), "Gap", e.loc.Number(rs.Gap)))
			}
			role := rec.Role
			if ro, ok := b.Role(role); ok {
				role = ro.Title
			}
			fmt.Fprintf(w, "%2d. %s (%s, %s) – %s\n    %s\n", i+1, mods[rec.Module].Title, role,
				mods[rec.Module].Partner, e.T("cli.report.priority", "Priority", e.loc.Number(rec.Priority)), strings.Join(reasons, "; "))
		}
	}
	if len(r.Guidelines) > 0 {
		fmt.Fprintln(w, "\n"+e.T("guidelines.intro"))
		for _, g := range r.Guidelines {
			for _, gl := range b.Guidelines {
				if gl.ID == g.ID {
					fmt.Fprintf(w, "  %s (%s %s)\n", gl.Title, dimTitle(b, g.Dimension), e.loc.Number(g.Score))
					for _, a := range gl.Advice {
						fmt.Fprintf(w, "    - %s\n", a)
					}
				}
			}
		}
	}
	fmt.Fprintln(w, "\n"+e.T("cli.report.counts", "Answered", r.Counts.Answered, "Asked", r.Counts.Asked,
		"NA", r.Counts.NA, "Unknown", r.Counts.Unknown, "Open", r.Counts.Unanswered))
	return nil
}

func dimTitle(b *assessment.Bank, id string) string {
	for _, d := range b.Dimensions {
		if d.ID == id {
			return d.Title
		}
	}
	return id
}
