package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// textWidth is the width of every text page: it fits an 80-column terminal.
const textWidth = 78

func planCmd(e *env, g *globals) *cobra.Command {
	var asJSON bool
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
			return g.withStore(e, func(store *storage.Store) error {
				return showPlan(e, store, args[0], lang, asJSON)
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.T("cli.flag.planjson"))
	return c
}

// planView is what `digint plan --json` prints: the plan, or the proposal
// when none was made.
type planView struct {
	Assessment string    `json:"assessment"`
	Proposed   bool      `json:"proposed"`
	Plan       plan.Plan `json:"plan"`
}

func showPlan(e *env, store *storage.Store, id, lang string, asJSON bool) error {
	ctx := context.Background()
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
		return printJSON(e, planView{Assessment: a.ID, Proposed: !made, Plan: p})
	}
	if b, err = i18n.Bank(b, lang); err != nil {
		return err
	}
	printPlan(e, b, a, r, p, made)
	return nil
}

// printPlan writes a plan as a text page.
func printPlan(e *env, b *assessment.Bank, a *assessment.Assessment, r assessment.Result, p plan.Plan, made bool) {
	w := e.stdout
	who := safe.Line(a.Participant.Name)
	if who == "" {
		who = e.T("welcome.anonymous")
	}
	if ro, ok := b.Role(a.Participant.Role); ok {
		who += ", " + ro.Title
	}
	para(w, "", e.T("plan.title")+" · "+who+" · "+e.T("mode."+string(a.Mode))+" · "+a.StartedAt.Local().Format(time.DateOnly))
	if !made {
		para(w, "", e.T("plan.proposed"))
	} else {
		para(w, "", e.T("plan.updated", "Date", p.UpdatedAt.Local().Format(time.DateOnly)))
	}
	if len(p.Focus) == 0 {
		para(w, "", e.T("plan.nothing"))
	}
	for i, f := range p.Focus {
		fmt.Fprintln(w)
		para(w, fmt.Sprintf("%d. ", i+1), focusTitle(e, b, f)+" · "+focusScore(e, r, f))
		if g := guidelineTitle(b, f.Guideline); g != "" {
			para(w, "   ", e.T("plan.guideline", "Title", g))
		}
		if len(f.Modules) > 0 {
			para(w, "   ", e.T("plan.modules", "List", moduleTitles(b, f.Modules)))
		}
		if len(f.Actions) == 0 {
			para(w, "   ", e.T("plan.noactions"))
		}
		for _, act := range f.Actions {
			para(w, "   - ", actionLine(e, b, act))
		}
	}
}

// para writes text word-wrapped to the page, the first line after prefix,
// the next ones indented under it.
func para(w io.Writer, prefix, text string) {
	indent := strings.Repeat(" ", ansi.StringWidth(prefix))
	lines := strings.Split(ansi.Wordwrap(text, textWidth-len(indent), " "), "\n")
	for i, l := range lines {
		if i == 0 {
			fmt.Fprintln(w, prefix+l)
		} else {
			fmt.Fprintln(w, indent+l)
		}
	}
}

func focusTitle(e *env, b *assessment.Bank, f plan.Focus) string {
	switch f.Kind {
	case plan.FocusCompetence:
		for _, c := range b.Competences {
			if c.ID == f.Competence {
				return e.T("plan.focus.competence", "Name", c.Title)
			}
		}
	case plan.FocusCell:
		sec, dim := f.Section, f.Dimension
		if s, ok := b.Section(f.Section); ok {
			sec = s.Title
		}
		for _, d := range b.Dimensions {
			if d.ID == f.Dimension {
				dim = d.Title
			}
		}
		return e.T("plan.focus.cell", "Section", sec, "Dimension", dim)
	case plan.FocusItem:
		if it, ok := b.Item(f.Item); ok {
			return e.T("plan.focus.item", "Text", it.Text)
		}
	}
	return f.Key()
}

func focusScore(e *env, r assessment.Result, f plan.Focus) string {
	s := score(e, f.Score)
	if f.Kind == plan.FocusCompetence {
		for _, c := range r.Competences {
			if c.ID == f.Competence {
				return e.T("plan.scoretarget", "Score", s, "Target", e.loc.Number(c.Target))
			}
		}
	}
	return e.T("plan.score", "Score", s)
}

func guidelineTitle(b *assessment.Bank, id string) string {
	for _, g := range b.Guidelines {
		if g.ID == id {
			return g.Title
		}
	}
	return ""
}

func moduleTitles(b *assessment.Bank, ids []string) string {
	var out []string
	for _, id := range ids {
		for _, m := range b.Modules() {
			if m.ID == id {
				out = append(out, m.Title+" ("+m.Partner+")")
			}
		}
	}
	return strings.Join(out, "; ")
}

// actionLine is one action on one line: what, who, when, how it is seen.
func actionLine(e *env, b *assessment.Bank, a plan.Action) string {
	parts := []string{safe.Line(a.What)}
	if a.Lead != "" {
		parts = append(parts, e.T("plan.action.lead", "Who", safe.Line(a.Lead)))
	}
	if a.Due != "" {
		parts = append(parts, e.T("plan.action.due", "Month", safe.Line(a.Due)))
	}
	if a.Indicator != "" || a.Target != nil {
		ind := safe.Line(a.Indicator)
		if a.Target != nil {
			from := "?"
			if a.Baseline != nil {
				from = e.loc.Number(*a.Baseline)
			}
			ind = strings.TrimSpace(ind + " " + from + " → " + e.loc.Number(*a.Target))
		}
		parts = append(parts, ind)
	}
	if a.DrawsOn != "" {
		if t := guidelineTitle(b, a.DrawsOn); t != "" {
			parts = append(parts, t)
		} else if t := moduleTitles(b, []string{a.DrawsOn}); t != "" {
			parts = append(parts, t)
		}
	}
	if a.Done {
		parts = append(parts, e.T("plan.action.done"))
	}
	return strings.Join(parts, " · ")
}
