// Package assessment holds the DIG.INT benchmark: the question bank and its
// validation, answers, scoring, recommendations, group aggregates and the
// JSON document people export. It is pure: no SQL, no terminal.
package assessment

import "slices"

// Kind is the type of an item; it decides the answer's value and its score.
type Kind string

const (
	KindMaturity   Kind = "maturity"
	KindBand       Kind = "band"
	KindMulti      Kind = "multi"
	KindYesNo      Kind = "yesno"
	KindSelfRating Kind = "selfrating"
	KindCount      Kind = "count"
	KindRatio      Kind = "ratio"
	KindText       Kind = "text"
)

// The value ranges of the numeric kinds.
const (
	MaturityMax   = 4
	SelfRatingMin = 1
	SelfRatingMax = 5
)

// Bank is the whole benchmark as loaded from its data file. The JSON tags
// are the keys `digint bank --json` prints.
type Bank struct {
	ID          string       `yaml:"id" json:"id"`
	Version     string       `yaml:"version" json:"version"`
	Title       string       `yaml:"title" json:"title"`
	Scales      Scales       `yaml:"scales" json:"scales"`
	Sections    []Section    `yaml:"sections" json:"sections"`
	Dimensions  []Dimension  `yaml:"dimensions" json:"dimensions"`
	Competences []Competence `yaml:"competences" json:"competences"`
	Roles       []Role       `yaml:"roles" json:"roles"`
	Courses     []Course     `yaml:"courses" json:"courses"`
	Guidelines  []Guideline  `yaml:"guidelines" json:"guidelines"`
	Items       []Item       `yaml:"items" json:"items"`

	itemIndex map[string]int
	asked     map[Mode][]*Item // Asked, computed once
}

// Scales are the answer labels shared by every item of a kind.
type Scales struct {
	Maturity    []string `yaml:"maturity" json:"maturity"`
	Proficiency []string `yaml:"proficiency" json:"proficiency"`
	YesNo       []Option `yaml:"yesno" json:"yesno"`
}

type Section struct {
	ID      string `yaml:"id" json:"id"`
	Title   string `yaml:"title" json:"title"`
	Purpose string `yaml:"purpose" json:"purpose"`
	// Gate names the yes/no item that decides whether the section is pursued.
	Gate string `yaml:"gate,omitempty" json:"gate,omitempty"`
}

type Dimension struct {
	ID          string `yaml:"id" json:"id"`
	Title       string `yaml:"title" json:"title"`
	Description string `yaml:"description" json:"description"`
}

type Competence struct {
	ID          string `yaml:"id" json:"id"`
	Title       string `yaml:"title" json:"title"`
	Description string `yaml:"description" json:"description"`
}

// Role is a target group with its target level (0–100) per competence.
type Role struct {
	ID          string             `yaml:"id" json:"id"`
	Title       string             `yaml:"title" json:"title"`
	Description string             `yaml:"description" json:"description"`
	Targets     map[string]float64 `yaml:"targets" json:"targets"`
}

type Course struct {
	ID      string   `yaml:"id" json:"id"`
	Title   string   `yaml:"title" json:"title"`
	Role    string   `yaml:"role" json:"role"`
	Modules []Module `yaml:"modules" json:"modules"`
}

// Module is one training module; Competences is its relevance (0–1) to each
// competence it helps with.
type Module struct {
	ID          string             `yaml:"id" json:"id"`
	Title       string             `yaml:"title" json:"title"`
	Partner     string             `yaml:"partner" json:"partner"`
	Summary     string             `yaml:"summary" json:"summary"`
	Competences map[string]float64 `yaml:"competences" json:"competences"`
	// Role and Course are copied from the course when the bank loads.
	Role   string `yaml:"-" json:"role"`
	Course string `yaml:"-" json:"course"`

	relevance []weight
}

// Guideline is a planning-guideline area, tied to the dimension it strengthens.
type Guideline struct {
	ID        string   `yaml:"id" json:"id"`
	Title     string   `yaml:"title" json:"title"`
	Dimension string   `yaml:"dimension" json:"dimension"`
	Advice    []string `yaml:"advice" json:"advice"`
}

type Option struct {
	ID   string `yaml:"id" json:"id"`
	Text string `yaml:"text" json:"text"`
	// None marks a checklist's "none of these": ticked alone, it answers
	// the item with nothing that applies (a score of zero), explicitly.
	None bool `yaml:"none,omitempty" json:"none,omitempty"`
	// Replaces lists the ids this option had in earlier bank versions, so
	// an unfinished assessment carried to this version keeps its answer.
	Replaces []string `yaml:"replaces,omitempty" json:"replaces,omitempty"`
}

type Item struct {
	ID          string             `yaml:"id" json:"id"`
	Section     string             `yaml:"section" json:"section"`
	Dimension   string             `yaml:"dimension" json:"dimension"`
	Kind        Kind               `yaml:"kind" json:"kind"`
	Quick       bool               `yaml:"quick,omitempty" json:"quick"`
	Text        string             `yaml:"text" json:"text"`
	Help        string             `yaml:"help" json:"help"`
	Competences map[string]float64 `yaml:"competences,omitempty" json:"competences"`
	Levels      []string           `yaml:"levels,omitempty" json:"levels,omitempty"`
	Options     []Option           `yaml:"options,omitempty" json:"options,omitempty"`
	Other       bool               `yaml:"other,omitempty" json:"other,omitempty"`
	Saturation  int                `yaml:"saturation,omitempty" json:"saturation,omitempty"`
	Numerator   string             `yaml:"numerator,omitempty" json:"numerator,omitempty"`
	Denominator string             `yaml:"denominator,omitempty" json:"denominator,omitempty"`
	Target      float64            `yaml:"target,omitempty" json:"target,omitempty"`

	// weights is Competences in the bank's competence order, so sums are
	// taken in the same order on every run (map order is random).
	weights []weight
	gate    bool
	si, di  int // indexes of its section and dimension
	pos     int // its index in Bank.Items
}

type weight struct {
	competence int // index into Bank.Competences
	value      float64
}

// Scored reports whether the item's answers count towards results.
func (it *Item) Scored() bool {
	switch it.Kind {
	case KindCount, KindText:
		return false
	}
	return !it.gate
}

// Optional reports whether the item may be left empty: a comment box
// (text item) is never "open", so it counts neither as asked nor as still
// to answer anywhere (results, the list of assessments, the wizard).
func (it *Item) Optional() bool { return it.Kind == KindText }

// IsGate reports whether the item decides if its section is pursued.
func (it *Item) IsGate() bool { return it.gate }

// Item returns the item with the given id.
func (b *Bank) Item(id string) (*Item, bool) {
	i, ok := b.itemIndex[id]
	if !ok {
		return nil, false
	}
	return &b.Items[i], true
}

// Role returns the role with the given id.
func (b *Bank) Role(id string) (*Role, bool) {
	for i := range b.Roles {
		if b.Roles[i].ID == id {
			return &b.Roles[i], true
		}
	}
	return nil, false
}

// Section returns the section with the given id.
func (b *Bank) Section(id string) (*Section, bool) {
	for i := range b.Sections {
		if b.Sections[i].ID == id {
			return &b.Sections[i], true
		}
	}
	return nil, false
}

// Dimension returns the dimension with the given id.
func (b *Bank) Dimension(id string) (*Dimension, bool) {
	for i := range b.Dimensions {
		if b.Dimensions[i].ID == id {
			return &b.Dimensions[i], true
		}
	}
	return nil, false
}

// Modules lists every module of every course, in bank order.
func (b *Bank) Modules() []*Module {
	var ms []*Module
	for c := range b.Courses {
		for m := range b.Courses[c].Modules {
			ms = append(ms, &b.Courses[c].Modules[m])
		}
	}
	return ms
}

// Asked lists the items a user answers in the given mode, in bank order:
// every item in a full assessment; in a quick scan the quick items, the
// gates, and the counts a quick ratio needs. Ratio items are left out: they
// are computed from their counts and take no answer of their own.
func (b *Bank) Asked(mode Mode) []*Item {
	if l, ok := b.asked[mode]; ok {
		return l
	}
	return b.computeAsked(mode)
}

// Questions counts the questions a mode asks as progress and results
// count them: its items less the optional ones (comment boxes).
func (b *Bank) Questions(mode Mode) int {
	n := 0
	for _, it := range b.Asked(mode) {
		if !it.Optional() {
			n++
		}
	}
	return n
}

func (b *Bank) computeAsked(mode Mode) []*Item {
	need := map[string]bool{}
	if mode == ModeQuick {
		for i := range b.Items {
			it := &b.Items[i]
			if it.Quick || it.gate {
				need[it.ID] = true
			}
			if it.Quick && it.Kind == KindRatio {
				need[it.Numerator], need[it.Denominator] = true, true
			}
		}
	}
	var out []*Item
	for i := range b.Items {
		it := &b.Items[i]
		if it.Kind == KindRatio || (mode == ModeQuick && !need[it.ID]) {
			continue
		}
		out = append(out, it)
	}
	return out
}

// Clone copies the bank so its texts can be changed (translated) without
// touching the original; ids, kinds and weights stay the same.
func (b *Bank) Clone() *Bank {
	n := *b
	n.Sections = slices.Clone(b.Sections)
	n.Dimensions = slices.Clone(b.Dimensions)
	n.Competences = slices.Clone(b.Competences)
	n.Roles = slices.Clone(b.Roles)
	n.Courses = slices.Clone(b.Courses)
	for i := range n.Courses {
		n.Courses[i].Modules = slices.Clone(n.Courses[i].Modules)
	}
	n.Guidelines = slices.Clone(b.Guidelines)
	n.Items = slices.Clone(b.Items)
	for i := range n.Items {
		n.Items[i].Options = slices.Clone(n.Items[i].Options)
		n.Items[i].Levels = slices.Clone(n.Items[i].Levels)
	}
	// Cached lists point into the items: rebuild them for the copy.
	n.asked = map[Mode][]*Item{ModeFull: n.computeAsked(ModeFull), ModeQuick: n.computeAsked(ModeQuick)}
	return &n
}

// Banks lists the catalog's banks, oldest first.
func (c *Catalog) Banks() []*Bank { return slices.Clone(c.banks) }
