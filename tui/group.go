package tui

import (
	"fmt"
	"image/color"
	"io"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/i18n"
)

// groupPage is a workshop's group report laid out as sections of text,
// for the printed page and for the interactive screen alike.
type groupPage struct {
	b     *assessment.Bank // texts in the reader's language
	loc   *i18n.Localizer
	st    styles
	title string
	g     assessment.GroupReport
	p     *assessment.GroupProgress
}

func newGroupPage(b *assessment.Bank, lang, title string, g assessment.GroupReport, p *assessment.GroupProgress) (*groupPage, error) {
	loc, err := i18n.New(lang)
	if err != nil {
		return nil, err
	}
	return &groupPage{b: b, loc: loc, st: newStyles(true), title: title, g: g, p: p}, nil
}

func (gp *groupPage) compTitle(id string) string {
	for _, c := range gp.b.Competences {
		if c.ID == id {
			return c.Title
		}
	}
	return id
}

func (gp *groupPage) median(s *assessment.Stats) string {
	if s == nil {
		return "–"
	}
	return gp.loc.Number(s.Median)
}

// head: who took part, the overall median.
func (gp *groupPage) head() []string {
	T, g := gp.loc.T, gp.g
	var roles []string
	for _, r := range gp.b.Roles {
		if n := g.Roles[r.ID]; n > 0 {
			roles = append(roles, fmt.Sprintf("%s %d", r.Title, n))
		}
	}
	out := []string{gp.st.title.Render(T("kiosk.workshop", "Title", gp.title)),
		gp.loc.N("group.count", g.Assessments, "Complete", g.Complete, "Going", g.InProgress) + " · " + strings.Join(roles, " · ")}
	if g.Assessments < assessment.MinGroup {
		out = append(out, gp.st.warn.Render(T("group.few", "Min", assessment.MinGroup)))
	}
	return append(out, T("group.overall", "Median", gp.median(g.Overall)))
}

// radar: the median solid, the band from the lowest to the highest score
// sparse, each role's target dashed; the legend beside it.
func (gp *groupPage) radar(rows int) []string {
	T, g, st := gp.loc.T, gp.g, gp.st
	var median, lo, hi []*float64
	for _, c := range g.Competences {
		if c.Score == nil {
			median, lo, hi = append(median, nil), append(lo, nil), append(hi, nil)
			continue
		}
		m, l, h := c.Score.Median, c.Score.Min, c.Score.Max
		median, lo, hi = append(median, &m), append(lo, &l), append(hi, &h)
	}
	polys := []polygon{{lo, seriesBand, sparse}, {hi, seriesBand, sparse}}
	for _, r := range gp.b.Roles {
		if g.Roles[r.ID] == 0 {
			continue
		}
		var t []float64
		for _, c := range g.Competences {
			t = append(t, c.Targets[r.ID])
		}
		polys = append(polys, polygon{fixed(t), seriesTarget, dashed})
	}
	polys = append(polys, polygon{median, seriesScore, solid})
	cols := rows*2 + 2
	chart := radar(cols, rows, len(g.Competences), polys, []color.Color{st.dim.GetForeground(), st.dim.GetForeground(), st.target, st.score})
	var legend []string
	legend = append(legend, fmt.Sprintf("%-30s %8s %11s", truncate(T("group.competence"), 30), truncate(T("group.median"), 8), truncate(T("group.range"), 11)))
	for i, c := range g.Competences {
		band := "–"
		if c.Score != nil {
			band = gp.loc.Number(c.Score.Min) + "–" + gp.loc.Number(c.Score.Max)
		}
		legend = append(legend, fmt.Sprintf("%-30s %8s %11s", truncate(fmt.Sprintf("%d %s", i+1, gp.compTitle(c.ID)), 30), gp.median(c.Score), band))
	}
	legend = append(legend, "", "━━ "+T("group.median")+"   ⠂⠂ "+T("group.band"), "┄┄ "+T("group.targets"))
	var out []string
	for i := range max(len(chart), len(legend)) {
		l, r := strings.Repeat(" ", cols), ""
		if i < len(chart) {
			l = chart[i]
		}
		if i < len(legend) {
			r = legend[i]
		}
		out = append(out, l+"  "+r)
	}
	return out
}

// discuss: the questions the group answered most differently.
func (gp *groupPage) discuss() []string {
	T := gp.loc.T
	if len(gp.g.Discuss) == 0 {
		return []string{T("group.nodiscuss")}
	}
	items := map[string]assessment.ItemSpread{}
	for _, s := range gp.g.Items {
		items[s.Item] = s
	}
	out := []string{gp.st.bold.Render(T("group.discuss"))}
	for _, id := range gp.g.Discuss {
		it, _ := gp.b.Item(id)
		s := items[id]
		out = append(out, " • "+it.Text,
			"   "+T("group.spread", "Spread", gp.loc.Number(s.Spread), "Answers", distribution(gp.b, gp.loc, it, s)))
	}
	return out
}

// modules: those that would close most of the group's gaps.
func (gp *groupPage) modules() []string {
	if len(gp.g.Modules) == 0 {
		return []string{gp.loc.T("modules.none")}
	}
	out := []string{gp.st.bold.Render(gp.loc.T("group.modules"))}
	mods := map[string]*assessment.Module{}
	for _, m := range gp.b.Modules() {
		mods[m.ID] = m
	}
	for i, gm := range gp.g.Modules[:min(6, len(gp.g.Modules))] {
		role := gm.Role
		if r, ok := gp.b.Role(role); ok {
			role = r.Title
		}
		out = append(out, fmt.Sprintf("%2d. %s (%s, %s) – %s", i+1, mods[gm.Module].Title, role, mods[gm.Module].Partner,
			gp.loc.T("group.module", "Priority", gp.loc.Number(gm.Priority), "For", gm.Participants, "Of", gp.g.Assessments)))
	}
	return out
}

// roles: the breakdown of roles with enough people, and what moved since
// an earlier workshop.
func (gp *groupPage) roles() []string {
	T, g := gp.loc.T, gp.g
	var out []string
	if len(g.ByRole) > 0 {
		out = append(out, gp.st.bold.Render(T("group.byrole")))
		for _, rg := range g.ByRole {
			r, _ := gp.b.Role(rg.Role)
			var parts []string
			for i, c := range rg.Competences {
				parts = append(parts, fmt.Sprintf("%d %s", i+1, gp.median(c.Score)))
			}
			out = append(out, fmt.Sprintf(" %s (%d): %s · %s", r.Title, rg.N, T("group.roleoverall", "Median", gp.median(rg.Overall)), strings.Join(parts, " · ")))
		}
	}
	if slices.ContainsFunc(gp.b.Roles, func(r assessment.Role) bool {
		return g.Roles[r.ID] > 0 && g.Roles[r.ID] < assessment.MinGroup
	}) {
		out = append(out, T("group.hidden", "Min", assessment.MinGroup))
	}
	if gp.p != nil {
		change := func(d *assessment.Delta) string {
			if d == nil {
				return T("progress.nocompare")
			}
			sign := ""
			if d.Change > 0 {
				sign = "+"
			}
			return fmt.Sprintf("%s → %s (%s%s)", gp.loc.Number(d.Before), gp.loc.Number(d.After), sign, gp.loc.Number(d.Change))
		}
		out = append(out, "", gp.st.bold.Render(T("group.since")), fmt.Sprintf(" %s: %s", T("progress.overall"), change(gp.p.Overall)))
		for _, c := range gp.p.Competences {
			out = append(out, fmt.Sprintf(" %s: %s", gp.compTitle(c.ID), change(c.Score)))
		}
	}
	return out
}

// PrintGroup writes a workshop's group report as a page of text: the group
// radar (median, with the min–max band and the targets of the roles
// present), the items to discuss, the modules for the group and the role
// breakdown. b gives the texts, in the reader's language.
func PrintGroup(w io.Writer, b *assessment.Bank, lang, title string, g assessment.GroupReport, p *assessment.GroupProgress, colour bool) error {
	gp, err := newGroupPage(b, lang, title, g, p)
	if err != nil {
		return err
	}
	var out []string
	for _, part := range [][]string{gp.head(), gp.radar(17), gp.discuss(), gp.modules(), gp.roles()} {
		out = append(append(out, part...), "")
	}
	text := strings.Join(out, "\n")
	if !colour {
		text = ansi.Strip(text)
	}
	_, err = io.WriteString(w, text)
	return err
}

// distribution says how many gave each answer, in the item's own words.
func distribution(b *assessment.Bank, loc *i18n.Localizer, it *assessment.Item, s assessment.ItemSpread) string {
	label := func(key string) string {
		switch it.Kind {
		case assessment.KindMaturity:
			var v int
			fmt.Sscan(key, &v)
			if v >= 0 && v < len(b.Scales.Maturity) {
				return b.Scales.Maturity[v]
			}
		case assessment.KindBand, assessment.KindMulti, assessment.KindYesNo:
			opts := it.Options
			if opts == nil {
				opts = b.Scales.YesNo
			}
			for _, o := range opts {
				if o.ID == key {
					return o.Text
				}
			}
		}
		return key
	}
	// In the item's own order: levels up, options as listed.
	var keys []string
	switch it.Kind {
	case assessment.KindMaturity, assessment.KindSelfRating:
		for v := 0; v <= assessment.SelfRatingMax; v++ {
			keys = append(keys, fmt.Sprint(v))
		}
	default:
		opts := it.Options
		if opts == nil {
			opts = b.Scales.YesNo
		}
		for _, o := range opts {
			keys = append(keys, o.ID)
		}
	}
	keys = slices.DeleteFunc(keys, func(k string) bool { return s.Values[k] == 0 })
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", label(k), s.Values[k]))
	}
	if s.NA > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", loc.T("choice.na"), s.NA))
	}
	if s.Unknown > 0 {
		parts = append(parts, fmt.Sprintf("%s %d", loc.T("choice.unknown"), s.Unknown))
	}
	return strings.Join(parts, ", ")
}
