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

// PrintGroup writes a workshop's group report as a page of text: the group
// radar (median, with the min–max band and the targets of the roles
// present), the items to discuss, the modules for the group and the role
// breakdown. b gives the texts, in the reader's language.
func PrintGroup(w io.Writer, b *assessment.Bank, lang, title string, g assessment.GroupReport, p *assessment.GroupProgress, colour bool) error {
	st := newStyles(true)
	loc, err := i18n.New(lang)
	if err != nil {
		return err
	}
	T := loc.T
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	compTitle := func(id string) string {
		for _, c := range b.Competences {
			if c.ID == id {
				return c.Title
			}
		}
		return id
	}
	num := func(s *assessment.Stats) string {
		if s == nil {
			return "–"
		}
		return loc.Number(s.Median)
	}
	var roles []string
	for _, r := range b.Roles {
		if n := g.Roles[r.ID]; n > 0 {
			roles = append(roles, fmt.Sprintf("%s %d", r.Title, n))
		}
	}
	add("%s", st.title.Render(T("kiosk.workshop", "Title", title)))
	add("%s · %s", loc.N("group.count", g.Assessments, "Complete", g.Complete, "Going", g.InProgress), strings.Join(roles, " · "))
	if g.Assessments < assessment.MinGroup {
		add("%s", st.warn.Render(T("group.few", "Min", assessment.MinGroup)))
	}
	add("%s", T("group.overall", "Median", num(g.Overall)))
	add("")

	// The radar: median solid, the band from the lowest to the highest score
	// sparse, each role's target dashed.
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
	for _, r := range b.Roles {
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
	chart := radar(36, 17, len(g.Competences), polys, []color.Color{st.dim.GetForeground(), st.dim.GetForeground(), st.target, st.score})
	var legend []string
	legend = append(legend, fmt.Sprintf("%-30s %8s %11s", truncate(T("group.competence"), 30), truncate(T("group.median"), 8), truncate(T("group.range"), 11)))
	for i, c := range g.Competences {
		band := "–"
		if c.Score != nil {
			band = loc.Number(c.Score.Min) + "–" + loc.Number(c.Score.Max)
		}
		legend = append(legend, fmt.Sprintf("%-30s %8s %11s", truncate(fmt.Sprintf("%d %s", i+1, compTitle(c.ID)), 30), num(c.Score), band))
	}
	legend = append(legend, "", "━━ "+T("group.median")+"   ⠂⠂ "+T("group.band"), "┄┄ "+T("group.targets"))
	for i := range max(len(chart), len(legend)) {
		l, r := strings.Repeat(" ", 36), ""
		if i < len(chart) {
			l = chart[i]
		}
		if i < len(legend) {
			r = legend[i]
		}
		add("%s  %s", l, r)
	}

	items := map[string]assessment.ItemSpread{}
	for _, s := range g.Items {
		items[s.Item] = s
	}
	add("")
	if len(g.Discuss) == 0 {
		add("%s", T("group.nodiscuss"))
	} else {
		add("%s", st.bold.Render(T("group.discuss")))
		for _, id := range g.Discuss {
			it, _ := b.Item(id)
			s := items[id]
			add(" • %s", it.Text)
			add("   %s", T("group.spread", "Spread", loc.Number(s.Spread), "Answers", distribution(b, loc, it, s)))
		}
	}
	add("")
	if len(g.Modules) > 0 {
		add("%s", st.bold.Render(T("group.modules")))
		mods := map[string]*assessment.Module{}
		for _, m := range b.Modules() {
			mods[m.ID] = m
		}
		for i, gm := range g.Modules[:min(6, len(g.Modules))] {
			role := gm.Role
			if r, ok := b.Role(role); ok {
				role = r.Title
			}
			add("%2d. %s (%s, %s) – %s", i+1, mods[gm.Module].Title, role, mods[gm.Module].Partner,
				T("group.module", "Priority", loc.Number(gm.Priority), "For", gm.Participants, "Of", g.Assessments))
		}
		add("")
	}
	if len(g.ByRole) > 0 {
		add("%s", st.bold.Render(T("group.byrole")))
		for _, rg := range g.ByRole {
			r, _ := b.Role(rg.Role)
			var parts []string
			for i, c := range rg.Competences {
				parts = append(parts, fmt.Sprintf("%d %s", i+1, num(c.Score)))
			}
			add(" %s (%d): %s · %s", r.Title, rg.N, T("group.roleoverall", "Median", num(rg.Overall)), strings.Join(parts, " · "))
		}
	}
	if hidden := slices.ContainsFunc(b.Roles, func(r assessment.Role) bool {
		return g.Roles[r.ID] > 0 && g.Roles[r.ID] < assessment.MinGroup
	}); hidden {
		add("%s", T("group.hidden", "Min", assessment.MinGroup))
	}
	if p != nil {
		add("")
		add("%s", st.bold.Render(T("group.since")))
		change := func(d *assessment.Delta) string {
			if d == nil {
				return T("progress.nocompare")
			}
			sign := ""
			if d.Change > 0 {
				sign = "+"
			}
			return fmt.Sprintf("%s → %s (%s%s)", loc.Number(d.Before), loc.Number(d.After), sign, loc.Number(d.Change))
		}
		add(" %s: %s", T("progress.overall"), change(p.Overall))
		for _, c := range p.Competences {
			add(" %s: %s", compTitle(c.ID), change(c.Score))
		}
	}
	text := strings.Join(out, "\n") + "\n"
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
