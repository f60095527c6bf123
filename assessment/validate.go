package assessment

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sync"
)

// Patterns compile on first use, not at every command's start (see TestInitsAreLight).
var idPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`) })

// BankError is one broken rule, naming where it is broken.
type BankError struct {
	Where string // e.g. `item "cur-str-1"`
	Rule  string
}

func (e *BankError) Error() string { return "bank: " + e.Where + ": " + e.Rule }

type checker struct{ errs []error }

func (c *checker) fail(where, format string, args ...any) {
	c.errs = append(c.errs, &BankError{Where: where, Rule: fmt.Sprintf(format, args...)})
}

// validate checks every rule of the bank and builds its indexes. All broken
// rules are reported at once, so an editor can fix a file in one pass.
func (b *Bank) validate() error {
	c := &checker{}
	if b.ID == "" {
		c.fail("bank", "missing id")
	}
	if b.Version == "" {
		c.fail("bank", "missing version")
	}
	if len(b.Scales.Maturity) != MaturityMax+1 {
		c.fail("scales.maturity", "needs %d level names, has %d", MaturityMax+1, len(b.Scales.Maturity))
	}
	if len(b.Scales.Proficiency) != SelfRatingMax-SelfRatingMin+1 {
		c.fail("scales.proficiency", "needs %d labels, has %d", SelfRatingMax-SelfRatingMin+1, len(b.Scales.Proficiency))
	}
	checkYesNoOptions(c, "scales.yesno", b.Scales.YesNo, false)

	ids := map[string]string{} // every id in the bank, to catch duplicates
	claim := func(kind, id string) {
		where := fmt.Sprintf("%s %q", kind, id)
		if !idPattern().MatchString(id) {
			c.fail(where, "id must be lowercase letters, digits and hyphens")
		}
		if prev, dup := ids[id]; dup {
			c.fail(where, "duplicate id (also a %s)", prev)
		}
		ids[id] = kind
	}
	for _, s := range b.Sections {
		claim("section", s.ID)
	}
	for _, d := range b.Dimensions {
		claim("dimension", d.ID)
	}
	compIndex := map[string]int{}
	for i, co := range b.Competences {
		claim("competence", co.ID)
		compIndex[co.ID] = i
	}
	for _, r := range b.Roles {
		claim("role", r.ID)
	}
	for _, co := range b.Courses {
		claim("course", co.ID)
		for _, m := range co.Modules {
			claim("module", m.ID)
		}
	}
	for _, g := range b.Guidelines {
		claim("guideline", g.ID)
	}
	b.itemIndex = map[string]int{}
	for i, it := range b.Items {
		claim("item", it.ID)
		if _, dup := b.itemIndex[it.ID]; !dup {
			b.itemIndex[it.ID] = i
		}
	}
	if len(b.Sections) == 0 || len(b.Dimensions) == 0 || len(b.Competences) == 0 || len(b.Roles) == 0 {
		c.fail("bank", "needs sections, dimensions, competences and roles")
	}

	sectionOK := func(id string) bool { _, ok := b.Section(id); return ok }
	dimensionOK := func(id string) bool {
		return slices.ContainsFunc(b.Dimensions, func(d Dimension) bool { return d.ID == id })
	}

	for _, r := range b.Roles {
		where := fmt.Sprintf("role %q", r.ID)
		for _, co := range b.Competences {
			if _, ok := r.Targets[co.ID]; !ok {
				c.fail(where, "no target for competence %q", co.ID)
			}
		}
		for _, id := range sortedKeys(r.Targets) {
			if _, ok := compIndex[id]; !ok {
				c.fail(where, "target for unknown competence %q", id)
			}
			if t := r.Targets[id]; t < 0 || t > 100 {
				c.fail(where, "target %v for %q is outside 0–100", t, id)
			}
		}
	}

	for ci := range b.Courses {
		co := &b.Courses[ci]
		if _, ok := b.Role(co.Role); !ok {
			c.fail(fmt.Sprintf("course %q", co.ID), "unknown role %q", co.Role)
		}
		if len(co.Modules) == 0 {
			c.fail(fmt.Sprintf("course %q", co.ID), "has no modules")
		}
		for mi := range co.Modules {
			m := &co.Modules[mi]
			m.Role, m.Course = co.Role, co.ID
			where := fmt.Sprintf("module %q", m.ID)
			if len(m.Competences) == 0 {
				c.fail(where, "maps to no competence")
			}
			m.relevance = weights(c, where, "relevance", m.Competences, compIndex, 1)
		}
	}

	for _, g := range b.Guidelines {
		if !dimensionOK(g.Dimension) {
			c.fail(fmt.Sprintf("guideline %q", g.ID), "unknown dimension %q", g.Dimension)
		}
	}

	gates := map[string]string{} // gate item id → section id
	for _, s := range b.Sections {
		if s.Gate != "" {
			gates[s.Gate] = s.ID
		}
	}
	for i := range b.Items {
		validateItem(c, b, &b.Items[i], gates, compIndex, sectionOK, dimensionOK)
	}
	for gate, section := range gates {
		if _, ok := b.Item(gate); !ok {
			c.fail(fmt.Sprintf("section %q", section), "gate %q is not an item", gate)
		}
	}

	// Every section needs a scored item in every dimension, or its matrix row
	// would have a permanent hole.
	for _, s := range b.Sections {
		for _, d := range b.Dimensions {
			found := slices.ContainsFunc(b.Items, func(it Item) bool {
				return it.Section == s.ID && it.Dimension == d.ID && it.Scored()
			})
			if !found {
				c.fail(fmt.Sprintf("section %q", s.ID), "no scored item in dimension %q", d.ID)
			}
		}
	}

	validateQuick(c, b)
	if len(c.errs) > 0 {
		return errors.Join(c.errs...)
	}
	// Indexes that scoring uses on every call, built once.
	for i := range b.Items {
		it := &b.Items[i]
		it.pos = i
		it.si = slices.IndexFunc(b.Sections, func(s Section) bool { return s.ID == it.Section })
		it.di = slices.IndexFunc(b.Dimensions, func(d Dimension) bool { return d.ID == it.Dimension })
	}
	b.asked = map[Mode][]*Item{ModeFull: b.computeAsked(ModeFull), ModeQuick: b.computeAsked(ModeQuick)}
	return nil
}

func validateItem(c *checker, b *Bank, it *Item, gates map[string]string, compIndex map[string]int,
	sectionOK, dimensionOK func(string) bool) {
	where := fmt.Sprintf("item %q", it.ID)
	if !sectionOK(it.Section) {
		c.fail(where, "unknown section %q", it.Section)
	}
	if !dimensionOK(it.Dimension) {
		c.fail(where, "unknown dimension %q", it.Dimension)
	}
	if it.Text == "" {
		c.fail(where, "missing text")
	}
	if it.Help == "" {
		c.fail(where, "missing help")
	}
	if section, ok := gates[it.ID]; ok {
		it.gate = true
		if it.Kind != KindYesNo {
			c.fail(where, "gate of section %q must be a yesno item, is %q", section, it.Kind)
		}
		if it.Section != section {
			c.fail(where, "gate of section %q belongs to section %q", section, it.Section)
		}
		if it.Quick {
			c.fail(where, "a gate is always asked; do not flag it quick")
		}
	}

	switch it.Kind {
	case KindMaturity:
		if len(it.Levels) != MaturityMax+1 {
			c.fail(where, "maturity item needs %d level descriptors, has %d", MaturityMax+1, len(it.Levels))
		}
		for i, l := range it.Levels {
			if l == "" {
				c.fail(where, "level %d has no descriptor", i)
			}
		}
	case KindBand:
		if len(it.Options) < 2 {
			c.fail(where, "band item needs at least 2 options")
		}
		checkOptions(c, where, it.Options)
	case KindMulti:
		if len(it.Options) < 1 {
			c.fail(where, "multi item needs options")
		}
		checkOptions(c, where, it.Options)
		most := len(it.Options)
		if it.Other {
			most++
		}
		if n := it.noneIndex(); n >= 0 {
			most-- // "none of these" never counts as ticked
			if slices.ContainsFunc(it.Options[n+1:], func(o Option) bool { return o.None }) {
				c.fail(where, "more than one \"none of these\" option")
			}
		}
		if it.Saturation < 1 {
			c.fail(where, "multi item needs a saturation of at least 1")
		} else if it.Saturation > most {
			c.fail(where, "saturation %d exceeds its %d options", it.Saturation, most)
		}
	case KindYesNo:
		if it.Options != nil {
			checkYesNoOptions(c, where, it.Options, it.gate)
		}
	case KindRatio:
		for _, ref := range []string{it.Numerator, it.Denominator} {
			if ref == "" {
				c.fail(where, "ratio needs a numerator and a denominator")
				continue
			}
			other, ok := b.Item(ref)
			if !ok {
				c.fail(where, "ratio points at unknown item %q", ref)
			} else if other.Kind != KindCount {
				c.fail(where, "ratio points at %q, a %s item, not a count", ref, other.Kind)
			}
		}
		if it.Numerator != "" && it.Numerator == it.Denominator {
			c.fail(where, "ratio divides an item by itself")
		}
		if it.Target <= 0 || it.Target > 1 {
			c.fail(where, "ratio target %v must be a share above 0 and at most 1", it.Target)
		}
	case KindSelfRating, KindCount, KindText:
	default:
		c.fail(where, "unknown kind %q", it.Kind)
	}
	if it.Kind != KindMulti && (it.Saturation != 0 || it.Other) {
		c.fail(where, "saturation and other belong to multi items only")
	}
	if it.Kind != KindMaturity && it.Levels != nil {
		c.fail(where, "levels belong to maturity items only")
	}
	for _, o := range it.Options {
		for _, old := range o.Replaces {
			if it.optionIndex(old) >= 0 {
				c.fail(where, "option %q replaces %q, which is still an option", o.ID, old)
			}
		}
	}
	if it.Kind != KindMulti && slices.ContainsFunc(it.Options, func(o Option) bool { return o.None }) {
		c.fail(where, "only a multi item has a \"none of these\" option")
	}
	if it.Kind != KindBand && it.Kind != KindMulti && it.Kind != KindYesNo && it.Options != nil {
		c.fail(where, "options do not belong to a %s item", it.Kind)
	}
	if it.Kind != KindRatio && (it.Numerator != "" || it.Denominator != "" || it.Target != 0) {
		c.fail(where, "numerator, denominator and target belong to ratio items only")
	}

	if it.Scored() {
		if len(it.Competences) == 0 {
			c.fail(where, "a scored item must map to at least one competence")
		}
		it.weights = weights(c, where, "weight", it.Competences, compIndex, 0)
	} else if len(it.Competences) > 0 {
		c.fail(where, "a %s item is not scored and must not map to competences", describeUnscored(it))
	}
}

func describeUnscored(it *Item) string {
	if it.gate {
		return "gate"
	}
	return string(it.Kind)
}

// weights checks a competence map and returns it in competence order. Every
// value must be above 0 and, when max > 0, at most max.
func weights(c *checker, where, what string, m map[string]float64, compIndex map[string]int, max float64) []weight {
	var ws []weight
	for _, id := range sortedKeys(m) {
		ci, ok := compIndex[id]
		if !ok {
			c.fail(where, "unknown competence %q", id)
			continue
		}
		v := m[id]
		if v <= 0 || (max > 0 && v > max) {
			if max > 0 {
				c.fail(where, "%s %v for %q must be above 0 and at most %v", what, v, id, max)
			} else {
				c.fail(where, "%s %v for %q must be above 0", what, v, id)
			}
			continue
		}
		ws = append(ws, weight{competence: ci, value: v})
	}
	slices.SortFunc(ws, func(a, b weight) int { return a.competence - b.competence })
	return ws
}

func checkOptions(c *checker, where string, opts []Option) {
	seen := map[string]bool{}
	for _, o := range opts {
		if !idPattern().MatchString(o.ID) {
			c.fail(where, "option id %q must be lowercase letters, digits and hyphens", o.ID)
		}
		if seen[o.ID] {
			c.fail(where, "duplicate option id %q", o.ID)
		}
		seen[o.ID] = true
		if o.Text == "" {
			c.fail(where, "option %q has no text", o.ID)
		}
	}
}

// The answers of a yes/no item, and what each scores. A gate may say
// "planned" (not yet, but we plan to) where other items say "partly": an
// export then says what the person chose. Both score as a half.
var (
	yesNoIDs    = []string{"yes", "partly", "no"}
	gateIDs     = []string{"yes", "planned", "no"}
	yesNoScores = map[string]float64{"yes": 1, "partly": 0.5, "planned": 0.5, "no": 0}
)

func checkYesNoOptions(c *checker, where string, opts []Option, gate bool) {
	got := make([]string, len(opts))
	for i, o := range opts {
		got[i] = o.ID
		if o.Text == "" {
			c.fail(where, "option %q has no text", o.ID)
		}
	}
	if !slices.Equal(got, yesNoIDs) && !(gate && slices.Equal(got, gateIDs)) {
		want := fmt.Sprint(yesNoIDs)
		if gate {
			want += " or " + fmt.Sprint(gateIDs)
		}
		c.fail(where, "yes/no options must be exactly %s in that order, are %v", want, got)
	}
}

func validateQuick(c *checker, b *Bank) {
	sections := map[string]bool{}
	competences := map[string]bool{}
	for _, it := range b.Items {
		if !it.Quick {
			continue
		}
		if !it.Scored() {
			c.fail(fmt.Sprintf("item %q", it.ID), "only scored items can be flagged quick")
			continue
		}
		sections[it.Section] = true
		for id := range it.Competences {
			competences[id] = true
		}
	}
	for _, s := range b.Sections {
		if !sections[s.ID] {
			c.fail("quick scan", "misses section %q", s.ID)
		}
	}
	for _, co := range b.Competences {
		if !competences[co.ID] {
			c.fail("quick scan", "misses competence %q", co.ID)
		}
	}
}
