package assessment

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"strconv"
)

// MinGroup is the fewest people a breakdown may show: smaller groups could
// be told apart.
const MinGroup = 3

// Disagreement: items whose scores spread at least this much (standard
// deviation, on the 0–1 scale) are flagged for discussion, at most
// MaxDiscuss of them, widest first.
const (
	Disagreement = 0.25
	MaxDiscuss   = 5
)

// GroupReport is what a workshop's assessments come to together.
type GroupReport struct {
	Assessments int            `json:"assessments"`
	Complete    int            `json:"complete"`
	InProgress  int            `json:"in_progress"`
	Roles       map[string]int `json:"roles"`
	Overall     *Stats         `json:"overall"`
	Competences []GroupTarget  `json:"competences"`
	Sections    []GroupSection `json:"sections"`
	Items       []ItemSpread   `json:"items"`
	Discuss     []string       `json:"discuss"`
	Modules     []GroupModule  `json:"modules"`
	ByRole      []RoleGroup    `json:"by_role"`
}

// GroupTarget is a competence across the group, with the target of each
// role present.
type GroupTarget struct {
	GroupCompetence
	Targets map[string]float64 `json:"targets"`
}

// ItemSpread is how the group answered one item.
type ItemSpread struct {
	Item     string         `json:"item"`
	Answered int            `json:"answered"`
	NA       int            `json:"na"`
	Unknown  int            `json:"unknown"`
	Values   map[string]int `json:"values,omitempty"` // answers by value: level, option id…
	Score    *Stats         `json:"score"`            // 0–100
	Spread   float64        `json:"spread"`           // standard deviation of the scores, 0–100
}

// GroupModule is a training module and how much it would close the
// group's gaps: the mean of its priority over everyone.
type GroupModule struct {
	Module       string  `json:"module"`
	Course       string  `json:"course"`
	Role         string  `json:"role"`
	Priority     float64 `json:"priority"`
	Participants int     `json:"participants"` // to whom it is recommended
}

// RoleGroup is the breakdown of one role; only roles with MinGroup people
// or more have one.
type RoleGroup struct {
	Role        string            `json:"role"`
	N           int               `json:"n"`
	Overall     *Stats            `json:"overall"`
	Competences []GroupCompetence `json:"competences"`
}

// NewGroupReport computes the group report of records answered on bank b (records of
// another bank are left out). Free text and notes never enter it.
func NewGroupReport(b *Bank, records []Record) GroupReport {
	gb := NewGroupBuilder(b)
	for i := range records {
		gb.AddScored(&records[i].Assessment, records[i].Results)
	}
	return gb.Report()
}

// GroupBuilder computes a group report one assessment at a time, keeping
// only what the report needs: the score columns medians are taken of, and
// each item's answers and scores as counts.
type GroupBuilder struct {
	b       *Bank
	g       GroupReport
	all     *columns
	byRole  map[string]*columns
	items   []itemTally // by item, in bank order; text items left out
	mods    []*Module
	modules []moduleTally // by module, as mods
}

type itemTally struct {
	item   *Item
	spread ItemSpread
	scores map[float64]int // score (0–100, one decimal) → how many
}

type moduleTally struct {
	sum          float64
	participants int
}

// NewGroupBuilder starts the group report of assessments answered on b.
func NewGroupBuilder(b *Bank) *GroupBuilder {
	gb := &GroupBuilder{b: b, all: newColumns(b), byRole: map[string]*columns{}, mods: b.Modules(), modules: make([]moduleTally, len(b.Modules())),
		g: GroupReport{Roles: map[string]int{}, Discuss: []string{}, ByRole: []RoleGroup{}}}
	for i := range b.Items {
		if it := &b.Items[i]; it.Kind != KindText { // free text stays with its author
			gb.items = append(gb.items, itemTally{item: it, spread: ItemSpread{Item: it.ID, Values: map[string]int{}}, scores: map[float64]int{}})
		}
	}
	return gb
}

// Add scores an assessment and adds it; one of another bank is left out.
func (gb *GroupBuilder) Add(a *Assessment) {
	if a.Bank.ID == gb.b.ID && a.Bank.Version == gb.b.Version {
		gb.AddScored(a, Score(gb.b, a))
	}
}

// AddScored adds an assessment whose results r are already computed; one
// of another bank is left out.
func (gb *GroupBuilder) AddScored(a *Assessment, r Result) {
	b := gb.b
	if a.Bank.ID != b.ID || a.Bank.Version != b.Version {
		return
	}
	gb.g.Assessments++
	if a.CompletedAt != nil {
		gb.g.Complete++
	} else {
		gb.g.InProgress++
	}
	role := a.Participant.Role
	gb.g.Roles[role]++
	gb.all.add(b, r)
	if gb.byRole[role] == nil {
		gb.byRole[role] = newColumns(b)
	}
	gb.byRole[role].add(b, r)
	answers := Index(a.Answers)
	pursued := make([]bool, len(b.Sections))
	for si, s := range b.Sections {
		pursued[si] = b.Pursued(s.ID, answers)
	}
	for i := range gb.items {
		gb.items[i].add(answers, pursued)
	}
	for i, m := range gb.mods {
		for _, rec := range r.Recommendations {
			if rec.Module == m.ID {
				gb.modules[i].sum += rec.Priority
				gb.modules[i].participants++
			}
		}
	}
}

// add counts one member's answer to the item; pursued tells which
// sections they pursue, by index.
func (t *itemTally) add(answers map[string]Answer, pursued []bool) {
	it, s := t.item, &t.spread
	if !it.gate && !pursued[it.si] {
		return // a section not pursued says nothing about its items
	}
	if it.Kind != KindRatio {
		a, ok := answers[it.ID]
		if !ok {
			return
		}
		switch a.Status {
		case StatusNA:
			s.NA++
			return
		case StatusUnknown:
			s.Unknown++
			return
		}
		s.Answered++
		for _, v := range valueKeys(a.Value) {
			s.Values[v]++
		}
	}
	if sc, ok := it.ItemScore(answers); ok {
		if it.Kind == KindRatio {
			s.Answered++
		}
		t.scores[round1(float64(100*sc))]++
	}
}

// Report is the group report of the assessments added so far.
func (gb *GroupBuilder) Report() GroupReport {
	b, g := gb.b, gb.g
	g.Roles = maps.Clone(g.Roles)
	agg := gb.all.group(b)
	g.Overall, g.Sections = agg.Overall, agg.Sections
	for _, c := range agg.Competences {
		t := GroupTarget{GroupCompetence: c, Targets: map[string]float64{}}
		for role := range g.Roles {
			if r, ok := b.Role(role); ok {
				t.Targets[role] = r.Targets[c.ID]
			}
		}
		g.Competences = append(g.Competences, t)
	}
	for _, t := range gb.items {
		s := t.spread
		s.Values = maps.Clone(s.Values)
		if len(s.Values) == 0 {
			s.Values = nil
		}
		s.Score, s.Spread = summariseCounts(t.scores)
		g.Items = append(g.Items, s)
	}
	g.Discuss = discuss(g.Items)
	g.Modules = gb.groupModules()
	g.ByRole = []RoleGroup{}
	for _, role := range b.Roles {
		c := gb.byRole[role.ID]
		if c == nil || c.n < MinGroup {
			continue
		}
		a := c.group(b)
		g.ByRole = append(g.ByRole, RoleGroup{Role: role.ID, N: c.n, Overall: a.Overall, Competences: a.Competences})
	}
	return g
}

// summariseCounts describes scores given as counts, as summarise and stddev
// do the list of them; nil and 0 when there are none.
func summariseCounts(counts map[float64]int) (*Stats, float64) {
	values := slices.Sorted(maps.Keys(counts))
	n := 0
	for _, v := range values {
		n += counts[v]
	}
	if n == 0 {
		return nil, 0
	}
	// The k-th smallest score, from 0.
	nth := func(k int) float64 {
		for _, v := range values {
			if k < counts[v] {
				return v
			}
			k -= counts[v]
		}
		return values[len(values)-1]
	}
	var sum float64
	for _, v := range values {
		for range counts[v] {
			sum += v // one by one, in order, as summarise adds them
		}
	}
	median := nth(n / 2)
	if n%2 == 0 {
		median = (nth(n/2-1) + median) / 2
	}
	st := &Stats{N: n, Mean: round1(sum / float64(n)), Median: round1(median), Min: values[0], Max: values[len(values)-1]}
	if n < 2 {
		return st, 0
	}
	mean := sum / float64(n)
	var sq float64
	for _, v := range values {
		for range counts[v] {
			sq += float64((v - mean) * (v - mean))
		}
	}
	return st, round1(math.Sqrt(sq / float64(n)))
}

// valueKeys names a value for a distribution: one key, or one per ticked
// option.
func valueKeys(v Value) []string {
	switch v.shape {
	case shapeNumber:
		return []string{strconv.Itoa(v.num)}
	case shapeString:
		return []string{v.str}
	case shapeList:
		return v.list
	}
	return nil
}

// discuss picks the items where the group disagrees most.
func discuss(items []ItemSpread) []string {
	var wide []ItemSpread
	for _, s := range items {
		if s.Score != nil && s.Score.N >= MinGroup && s.Spread >= 100*Disagreement {
			wide = append(wide, s)
		}
	}
	slices.SortStableFunc(wide, func(x, y ItemSpread) int { return cmp.Compare(y.Spread, x.Spread) })
	out := []string{}
	for _, s := range wide[:min(MaxDiscuss, len(wide))] {
		out = append(out, s.Item)
	}
	return out
}

// groupModules ranks modules by their mean priority over the group.
func (gb *GroupBuilder) groupModules() []GroupModule {
	out := []GroupModule{}
	n := gb.g.Assessments
	if n == 0 {
		return out
	}
	for i, m := range gb.mods {
		gm := GroupModule{Module: m.ID, Course: m.Course, Role: m.Role, Participants: gb.modules[i].participants,
			Priority: round1(gb.modules[i].sum / float64(n))}
		if gm.Priority > 0 {
			out = append(out, gm)
		}
	}
	slices.SortStableFunc(out, func(x, y GroupModule) int {
		if c := cmp.Compare(y.Priority, x.Priority); c != 0 {
			return c
		}
		return cmp.Compare(x.Module, y.Module)
	})
	return out
}

// GroupProgress compares two group reports: the medians that moved.
type GroupProgress struct {
	Overall     *Delta            `json:"overall"`
	Competences []CompetenceDelta `json:"competences"`
	Sections    []SectionDelta    `json:"sections"`
}

func median(s *Stats) *float64 {
	if s == nil {
		return nil
	}
	return &s.Median
}

// CompareGroups reports how the group medians moved from earlier to later.
func CompareGroups(earlier, later GroupReport) GroupProgress {
	p := GroupProgress{Overall: delta(median(earlier.Overall), median(later.Overall))}
	for _, lc := range later.Competences {
		cd := CompetenceDelta{ID: lc.ID}
		for _, ec := range earlier.Competences {
			if ec.ID == lc.ID {
				cd.Score, cd.Gap = delta(median(ec.Score), median(lc.Score)), delta(median(ec.Gap), median(lc.Gap))
			}
		}
		p.Competences = append(p.Competences, cd)
	}
	for _, ls := range later.Sections {
		sd := SectionDelta{ID: ls.ID, Dimensions: map[string]*Delta{}}
		for _, es := range earlier.Sections {
			if es.ID == ls.ID {
				sd.Index = delta(median(es.Index), median(ls.Index))
				for d, lv := range ls.Dimensions {
					sd.Dimensions[d] = delta(median(es.Dimensions[d]), median(lv))
				}
			}
		}
		p.Sections = append(p.Sections, sd)
	}
	return p
}
