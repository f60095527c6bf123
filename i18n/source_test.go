package i18n

import (
	"testing"

	"github.com/digint/digint/assessment"
)

// englishBankText gives the English bank in the shape of a translation
// file, so translations can be checked against it key by key.
func englishBankText(t *testing.T) map[string]any {
	t.Helper()
	b, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	titled := func(title, long, key string) map[string]any {
		m := map[string]any{"title": title}
		if key != "" {
			m[key] = long
		}
		return m
	}
	anyList := func(l []string) []any {
		out := make([]any, len(l))
		for i, s := range l {
			out[i] = s
		}
		return out
	}
	opts := func(o []assessment.Option) map[string]any {
		m := map[string]any{}
		for _, x := range o {
			m[x.ID] = x.Text
		}
		return m
	}
	out := map[string]any{"language": "en", "bank": b.ID, "version": b.Version, "title": b.Title}
	out["scales"] = map[string]any{"maturity": anyList(b.Scales.Maturity), "proficiency": anyList(b.Scales.Proficiency), "yesno": opts(b.Scales.YesNo)}
	sec, dim, comp, role, course, mod, gl, items := map[string]any{}, map[string]any{}, map[string]any{}, map[string]any{}, map[string]any{}, map[string]any{}, map[string]any{}, map[string]any{}
	for _, s := range b.Sections {
		sec[s.ID] = titled(s.Title, s.Purpose, "purpose")
	}
	for _, d := range b.Dimensions {
		dim[d.ID] = titled(d.Title, d.Description, "description")
	}
	for _, c := range b.Competences {
		comp[c.ID] = titled(c.Title, c.Description, "description")
	}
	for _, r := range b.Roles {
		role[r.ID] = titled(r.Title, r.Description, "description")
	}
	for _, c := range b.Courses {
		course[c.ID] = titled(c.Title, "", "")
		for _, m := range c.Modules {
			mod[m.ID] = titled(m.Title, m.Summary, "summary")
		}
	}
	for _, g := range b.Guidelines {
		gl[g.ID] = map[string]any{"title": g.Title, "advice": anyList(g.Advice)}
	}
	for _, it := range b.Items {
		m := map[string]any{"text": it.Text, "help": it.Help}
		if it.Levels != nil {
			m["levels"] = anyList(it.Levels)
		}
		if it.Options != nil {
			m["options"] = opts(it.Options)
		}
		items[it.ID] = m
	}
	out["sections"], out["dimensions"], out["competences"], out["roles"] = sec, dim, comp, role
	out["courses"], out["modules"], out["guidelines"], out["items"] = course, mod, gl, items
	return out
}
