package i18n

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sync"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/i18n/internal/banktext"
	"github.com/digint/digint/i18n/internal/catalog"
)

// bank/<lang>.yaml translate the current bank; bank/<version>/<lang>.yaml
// are the translations of an earlier version, frozen with it. The YAML is
// the source; banktext_gen.go holds the same as Go literals, which a
// program builds in a fraction of the YAML's decoding time (2.5 ms a file).
//
//go:generate go run ./internal/banktextgen banktext_gen.go
//go:embed bank/*.yaml bank/*/*.yaml
var bankFiles embed.FS

// bankText is one language's texts of the bank (see banktext).
type bankText = banktext.Text

type titled = banktext.Titled

// generatedBankText is a translation file as banktextgen made it into Go,
// with the fingerprint of the file it was made from.
type generatedBankText struct {
	path string
	sum  uint32
	text func() *bankText
}

var (
	bankCacheMu sync.Mutex
	bankCache   = map[string]*assessment.Bank{}
)

// BankLanguages lists the languages the bank is translated into, English
// (the source) first.
func BankLanguages() []string {
	out := []string{Default}
	for _, l := range languages {
		if _, err := bankFiles.Open(path.Join("bank", l.Tag+".yaml")); err == nil {
			out = append(out, l.Tag)
		}
	}
	return out
}

// Bank gives the bank with its texts in lang: a copy with the same ids,
// kinds and weights, so results are the same in every language. English,
// an unknown language or a missing string give the English text.
func Bank(b *assessment.Bank, lang string) (*assessment.Bank, error) {
	if lang == Default {
		return b, nil
	}
	key := b.ID + "@" + b.Version + "/" + lang
	bankCacheMu.Lock()
	defer bankCacheMu.Unlock()
	if t, ok := bankCache[key]; ok {
		return t, nil
	}
	tr, err := findBankText(b, lang)
	if err != nil {
		return nil, err
	}
	if tr == nil || tr.Bank != b.ID {
		return b, nil // not translated, or texts of another bank: English
	}
	out, err := apply(b, tr)
	if err != nil {
		return nil, fmt.Errorf("i18n: bank texts %s: %w", lang, err)
	}
	bankCache[key] = out
	return out, nil
}

// findBankText finds the translation of b's version into lang: the current
// one, or the one frozen with an earlier version; nil when there is none.
func findBankText(b *assessment.Bank, lang string) (*bankText, error) {
	for _, p := range []string{path.Join("bank", lang+".yaml"), path.Join("bank", b.Version, lang+".yaml")} {
		tr, err := readBankText(p, lang)
		if err != nil {
			return nil, err
		}
		if tr != nil && tr.Version == b.Version {
			return tr, nil
		}
	}
	return nil, nil
}

// readBankText gives the texts of the file at p: built from the generated
// literals while the file is the one they were made from, else parsed from
// it; nil when there is no such file.
func readBankText(p, lang string) (*bankText, error) {
	if _, err := fs.Stat(bankFiles, p); err != nil {
		return nil, nil
	}
	sum, err := catalog.Sum(bankFiles, []string{p})
	if err != nil {
		return nil, err
	}
	for _, g := range generatedBankTexts {
		if g.path == p && g.sum == sum {
			return g.text(), nil
		}
	}
	data, err := bankFiles.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return banktext.Parse(data, lang)
}

// or gives the translation, or the original when there is none.
func or(tr, orig string) string {
	if tr == "" {
		return orig
	}
	return tr
}

func list(tr, orig []string) ([]string, error) {
	if tr == nil {
		return orig, nil
	}
	if len(tr) != len(orig) {
		return nil, fmt.Errorf("has %d entries where English has %d", len(tr), len(orig))
	}
	out := make([]string, len(orig))
	for i := range orig {
		out[i] = or(tr[i], orig[i])
	}
	return out, nil
}

// apply copies the bank with translated texts. Ids unknown to the bank are
// errors: they mean the translation is stale.
func apply(b *assessment.Bank, t *bankText) (*assessment.Bank, error) {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	n := b.Clone()
	n.Title = or(t.Title, b.Title)
	var err error
	if n.Scales.Maturity, err = list(t.Scales.Maturity, b.Scales.Maturity); err != nil {
		fail("scales.maturity %v", err)
	}
	if n.Scales.Proficiency, err = list(t.Scales.Proficiency, b.Scales.Proficiency); err != nil {
		fail("scales.proficiency %v", err)
	}
	n.Scales.YesNo = options(b.Scales.YesNo, t.Scales.YesNo, "scales.yesno", fail)

	known := func(kind string, m map[string]titled, has func(string) bool) {
		for id := range m {
			if !has(id) {
				fail("%s %q is not in the bank", kind, id)
			}
		}
	}
	for i := range n.Sections {
		s := &n.Sections[i]
		s.Title, s.Purpose = or(t.Sections[s.ID].Title, s.Title), or(t.Sections[s.ID].Purpose, s.Purpose)
	}
	known("section", t.Sections, func(id string) bool { _, ok := b.Section(id); return ok })
	for i := range n.Dimensions {
		d := &n.Dimensions[i]
		d.Title, d.Description = or(t.Dimensions[d.ID].Title, d.Title), or(t.Dimensions[d.ID].Description, d.Description)
	}
	known("dimension", t.Dimensions, func(id string) bool {
		return slices.ContainsFunc(b.Dimensions, func(d assessment.Dimension) bool { return d.ID == id })
	})
	for i := range n.Competences {
		c := &n.Competences[i]
		c.Title, c.Description = or(t.Competences[c.ID].Title, c.Title), or(t.Competences[c.ID].Description, c.Description)
	}
	known("competence", t.Competences, func(id string) bool {
		return slices.ContainsFunc(b.Competences, func(c assessment.Competence) bool { return c.ID == id })
	})
	for i := range n.Roles {
		r := &n.Roles[i]
		r.Title, r.Description = or(t.Roles[r.ID].Title, r.Title), or(t.Roles[r.ID].Description, r.Description)
	}
	known("role", t.Roles, func(id string) bool { _, ok := b.Role(id); return ok })

	modules := map[string]bool{}
	for i := range n.Courses {
		c := &n.Courses[i]
		c.Title = or(t.Courses[c.ID].Title, c.Title)
		for j := range c.Modules {
			m := &c.Modules[j]
			modules[m.ID] = true
			m.Title, m.Summary = or(t.Modules[m.ID].Title, m.Title), or(t.Modules[m.ID].Summary, m.Summary)
		}
	}
	known("course", t.Courses, func(id string) bool {
		return slices.ContainsFunc(b.Courses, func(c assessment.Course) bool { return c.ID == id })
	})
	known("module", t.Modules, func(id string) bool { return modules[id] })

	for i := range n.Guidelines {
		g := &n.Guidelines[i]
		tg, ok := t.Guidelines[g.ID]
		if !ok {
			continue
		}
		g.Title = or(tg.Title, g.Title)
		if g.Advice, err = list(tg.Advice, g.Advice); err != nil {
			fail("guideline %q advice %v", g.ID, err)
		}
	}
	for id := range t.Guidelines {
		if !slices.ContainsFunc(b.Guidelines, func(g assessment.Guideline) bool { return g.ID == id }) {
			fail("guideline %q is not in the bank", id)
		}
	}

	for i := range n.Items {
		it := &n.Items[i]
		ti, ok := t.Items[it.ID]
		if !ok {
			continue
		}
		it.Text, it.Help = or(ti.Text, it.Text), or(ti.Help, it.Help)
		if it.Levels, err = list(ti.Levels, it.Levels); err != nil {
			fail("item %q levels %v", it.ID, err)
		}
		it.Options = options(it.Options, ti.Options, fmt.Sprintf("item %q", it.ID), fail)
	}
	for id := range t.Items {
		if _, ok := b.Item(id); !ok {
			fail("item %q is not in the bank", id)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return n, nil
}

func options(orig []assessment.Option, tr map[string]string, where string, fail func(string, ...any)) []assessment.Option {
	if orig == nil {
		return nil
	}
	out := slices.Clone(orig)
	for i := range out {
		out[i].Text = or(tr[out[i].ID], out[i].Text)
	}
	for id := range tr {
		if !slices.ContainsFunc(orig, func(o assessment.Option) bool { return o.ID == id }) {
			fail("%s option %q is not in the bank", where, id)
		}
	}
	return out
}

// Banks looks banks up in cat with their texts in lang: what a report of
// any bank version needs.
func Banks(cat *assessment.Catalog, lang string) func(assessment.BankRef) (*assessment.Bank, error) {
	return func(ref assessment.BankRef) (*assessment.Bank, error) {
		b, err := cat.Lookup(ref)
		if err != nil {
			return nil, err
		}
		return Bank(b, lang)
	}
}
