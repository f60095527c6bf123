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
	Bank        BankRef `json:"bank"` // the version of the questionnaire reported on
	Assessments int     `json:"assessments"`
	// OtherVersions is how many of the workshop's assessments were
	// answered on other versions of the bank, so are not counted.
	OtherVersions int `json:"other_versions,omitempty"`
	// UnfinishedLeftOut is how many assessments not finished yet were left
	// out, in a report of the completed ones only.
	UnfinishedLeftOut int            `json:"unfinished_left_out,omitempty"`
	Complete          int            `json:"complete"`
	InProgress        int            `json:"in_progress"`
	Roles             map[string]int `json:"roles"`
	Overall           *Stats         `json:"overall"`
	Competences       []GroupTarget  `json:"competences"`
	Sections          []GroupSection `json:"sections"`
	Items             []ItemSpread   `json:"items"`
	Discuss           []string       `json:"discuss"`
	Modules           []GroupModule  `json:"modules"`
	ByRole            []RoleGroup    `json:"by_role"`
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
// or more have one. It gives medians only: a role's mean, lowest or
// highest score beside the whole group's would single out the one person
// of a role too small to be shown (the group's mean less the role's is
// theirs).
type RoleGroup struct {
	Role        string           `json:"role"`
	N           int              `json:"n"`
	Overall     *Median          `json:"overall"`
	Competences []RoleCompetence `json:"competences"`
}

// Median is a score's median over the N members who have one.
type Median struct {
	N      int     `json:"n"`
	Median float64 `json:"median"`
}

// RoleCompetence is one competence's median score and gap in a role.
type RoleCompetence struct {
	ID    string  `json:"id"`
	Score *Median `json:"score"`
	Gap   *Median `json:"gap"`
}

// medianOf is the median part of st; nil for nil.
func medianOf(st *Stats) *Median {
	if st == nil {
		return nil
	}
	return &Median{N: st.N, Median: st.Median}
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
// only what the report needs: every score and answer as counts of each
// value. Counts make the report the same in whatever order assessments come,
// and let one be taken out again: Put keeps what each assessment added, so
// a live view replaces only the assessments that changed.
type GroupBuilder struct {
	b       *Bank
	g       GroupReport
	all     *columns
	byRole  map[string]*columns
	items   []itemTally // by item, in bank order; text items left out
	mods    []*Module
	modAt   map[string]int // positions in mods by id
	modules []moduleTally  // by module, as mods
	kept    map[string]*contribution
	others  map[string]bool // keys put of another bank: counted, not added
	scratch contribution    // reused by Add: apply keeps nothing of it
	pursued []bool          // reused by contribution
}

type itemTally struct {
	item   *Item
	pos    int // the item's position in the bank
	spread ItemSpread
	scores *column // scores, 0–100 with one decimal
	keys   []string
	keyID  map[string]uint16
}

type moduleTally struct {
	priorities   *column
	participants int
}

// contribution is what one assessment adds to the report, kept small so
// that it can be taken out again.
type contribution struct {
	complete bool
	role     string
	values   []float64 // as resultValues lays them out
	pursued  []bool
	items    []itemMark
	keys     []uint16 // value keys of the marks, in order
	mods     []modMark
}

// itemMark is one member's answer to an item: its status, how many value
// keys it has, and its score in tenths (-1: none).
type itemMark struct {
	tally  uint16
	status uint8
	nkeys  uint16
	score  int16
}

const (
	markAnswered uint8 = iota
	markNA
	markUnknown
)

type modMark struct {
	mod      uint16
	priority float64
}

// NewGroupBuilder starts the group report of assessments answered on b.
func NewGroupBuilder(b *Bank) *GroupBuilder {
	gb := &GroupBuilder{b: b, all: newColumns(b), byRole: map[string]*columns{}, mods: b.Modules(), modules: make([]moduleTally, len(b.Modules())),
		g: GroupReport{Roles: map[string]int{}, Discuss: []string{}, ByRole: []RoleGroup{}}}
	gb.modAt = make(map[string]int, len(gb.mods))
	for i := range gb.modules {
		gb.modules[i].priorities = newColumn()
		gb.modAt[gb.mods[i].ID] = i
	}
	for i := range b.Items {
		if it := &b.Items[i]; it.Kind != KindText { // free text stays with its author
			gb.items = append(gb.items, itemTally{item: it, pos: i, spread: ItemSpread{Item: it.ID, Values: map[string]int{}}, scores: newColumn(),
				keyID: map[string]uint16{}})
		}
	}
	return gb
}

// Add scores an assessment and adds it; one of another bank is left out.
// It works out only the scores the report keeps: each module's priority,
// not the recommendations with their reasons.
func (gb *GroupBuilder) Add(a *Assessment) {
	if !gb.own(a) {
		gb.g.OtherVersions++
		return
	}
	c := gb.scored(&gb.scratch, a)
	gb.apply(c, 1)
}

// AddScored adds an assessment whose results r are already computed; one
// of another bank is left out.
func (gb *GroupBuilder) AddScored(a *Assessment, r Result) {
	if !gb.own(a) {
		gb.g.OtherVersions++
		return
	}
	c := gb.contribution(&gb.scratch, a, r, gb.b.AnswersOf(a))
	// Module ids are unique in a bank; the order of the marks is not used.
	for _, rec := range r.Recommendations {
		if i, ok := gb.modAt[rec.Module]; ok {
			c.mods = append(c.mods, modMark{uint16(i), rec.Priority})
		}
	}
	gb.apply(c, 1)
}

// Put adds an assessment under key, taking out what an earlier one under
// the same key added (an assessment answered further). One of another bank
// only takes the earlier out.
func (gb *GroupBuilder) Put(key string, a *Assessment) {
	gb.Remove(key)
	if !gb.own(a) {
		if gb.others == nil {
			gb.others = map[string]bool{}
		}
		gb.others[key] = true
		return
	}
	c := gb.scored(new(contribution), a)
	gb.apply(c, 1)
	// Kept: no room left over from growing the lists.
	c.items, c.keys, c.mods = slices.Clone(c.items), slices.Clone(c.keys), slices.Clone(c.mods)
	if gb.kept == nil {
		gb.kept = map[string]*contribution{}
	}
	gb.kept[key] = c
}

// Remove takes out the assessment put under key, if any.
func (gb *GroupBuilder) Remove(key string) {
	delete(gb.others, key)
	if c, ok := gb.kept[key]; ok {
		gb.apply(c, -1)
		delete(gb.kept, key)
	}
}

func (gb *GroupBuilder) own(a *Assessment) bool {
	return a.Bank.ID == gb.b.ID && a.Bank.Version == gb.b.Version
}

// scored scores a into c: the recommendations are the modules of priority
// above 0.
func (gb *GroupBuilder) scored(c *contribution, a *Assessment) *contribution {
	r, answers := scoreMatrix(gb.b, a)
	c = gb.contribution(c, a, r, answers)
	for i, m := range gb.mods {
		if p := m.priority(r.Competences); p > 0 {
			c.mods = append(c.mods, modMark{uint16(i), p})
		}
	}
	return c
}

// contribution works out in c, emptied first, what an assessment with
// results r and answers adds, but for its modules.
func (gb *GroupBuilder) contribution(c *contribution, a *Assessment, r Result, answers Answers) *contribution {
	b := gb.b
	*c = contribution{complete: a.CompletedAt != nil, role: a.Participant.Role,
		values: c.values, pursued: c.pursued, items: c.items[:0], keys: c.keys[:0], mods: c.mods[:0]}
	c.values, c.pursued = resultValues(b, r, c.values, c.pursued)
	// The sections pursued by the answers themselves, as results given
	// with them may be empty.
	pursued := gb.pursued[:0]
	for _, s := range b.Sections {
		pursued = append(pursued, answers.Pursued(s.ID))
	}
	gb.pursued = pursued
	for i := range gb.items {
		gb.items[i].mark(c, uint16(i), answers, pursued)
	}
	return c
}

// mark notes one member's answer to the item in c; pursued tells which
// sections they pursue, by index.
func (t *itemTally) mark(c *contribution, tally uint16, answers Answers, pursued []bool) {
	it := t.item
	if !it.gate && !pursued[it.si] {
		return // a section not pursued says nothing about its items
	}
	m := itemMark{tally: tally, status: markAnswered, score: -1}
	if it.Kind != KindRatio {
		a := answers.At(t.pos)
		if a == nil {
			return
		}
		switch a.Status {
		case StatusNA:
			m.status = markNA
		case StatusUnknown:
			m.status = markUnknown
		}
		if m.status != markAnswered {
			c.items = append(c.items, m)
			return
		}
		if v := a.Value; v.shape == shapeList {
			for _, id := range v.list {
				c.keys = append(c.keys, t.key(id))
			}
			m.nkeys = uint16(len(v.list))
		} else if k, ok := valueKey(v); ok {
			c.keys = append(c.keys, t.key(k))
			m.nkeys = 1
		}
	}
	if sc, ok := answers.ScoreAt(t.pos); ok {
		m.score = int16(math.Round(10 * round1(float64(100*sc))))
	} else if it.Kind == KindRatio {
		return // a ratio counts only with its score
	}
	c.items = append(c.items, m)
}

// key is the id of a value key, the same string kept once.
func (t *itemTally) key(v string) uint16 {
	id, ok := t.keyID[v]
	if !ok {
		id = uint16(len(t.keys))
		t.keyID[v] = id
		t.keys = append(t.keys, v)
	}
	return id
}

// apply adds (k = 1) or takes out (k = -1) a contribution.
func (gb *GroupBuilder) apply(c *contribution, k int) {
	gb.g.Assessments += k
	if c.complete {
		gb.g.Complete += k
	} else {
		gb.g.InProgress += k
	}
	if gb.g.Roles[c.role] += k; gb.g.Roles[c.role] == 0 {
		delete(gb.g.Roles, c.role)
	}
	gb.all.put(c.values, c.pursued, k)
	if gb.byRole[c.role] == nil {
		gb.byRole[c.role] = newColumns(gb.b)
	}
	gb.byRole[c.role].put(c.values, c.pursued, k)
	keys := c.keys
	for _, m := range c.items {
		t := &gb.items[m.tally]
		s := &t.spread
		switch m.status {
		case markNA:
			s.NA += k
			continue
		case markUnknown:
			s.Unknown += k
			continue
		}
		s.Answered += k
		for _, id := range keys[:m.nkeys] {
			v := t.keys[id]
			if s.Values[v] += k; s.Values[v] == 0 {
				delete(s.Values, v)
			}
		}
		keys = keys[m.nkeys:]
		if m.score >= 0 {
			t.scores.put(float64(m.score)/10, k)
		}
	}
	for _, m := range c.mods {
		gb.modules[m.mod].priorities.put(m.priority, k)
		gb.modules[m.mod].participants += k
	}
}

// Report is the group report of the assessments added so far.
func (gb *GroupBuilder) Report() GroupReport {
	b, g := gb.b, gb.g
	g.Bank = BankRef{ID: b.ID, Version: b.Version}
	g.OtherVersions += len(gb.others)
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
		if len(s.Values) == 0 || s.Answered < MinGroup { // one or two answers would be theirs
			s.Values = nil
		}
		s.Score, s.Spread = t.scores.stats(), t.scores.spread()
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
		rg := RoleGroup{Role: role.ID, N: c.n, Overall: medianOf(a.Overall), Competences: make([]RoleCompetence, len(a.Competences))}
		for i, co := range a.Competences {
			rg.Competences[i] = RoleCompetence{ID: co.ID, Score: medianOf(co.Score), Gap: medianOf(co.Gap)}
		}
		g.ByRole = append(g.ByRole, rg)
	}
	return g
}

// valueKeys names a value for a distribution: one key, or one per ticked
// option.
func valueKeys(v Value) []string {
	if v.shape == shapeList {
		return v.list
	}
	if k, ok := valueKey(v); ok {
		return []string{k}
	}
	return nil
}

// valueKey is the key of a value that is not a list.
func valueKey(v Value) (string, bool) {
	switch v.shape {
	case shapeNumber:
		return strconv.Itoa(v.num), true
	case shapeString:
		return v.str, true
	}
	return "", false
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
		_, sum := gb.modules[i].priorities.summary()
		gm := GroupModule{Module: m.ID, Course: m.Course, Role: m.Role, Participants: gb.modules[i].participants,
			Priority: round1(sum / float64(n))}
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
