// Package report builds what every face of a report shows (the terminal
// screens, the text page, the HTML page) from an assessment and its bank,
// once. It carries data with every label resolved in the bank's language;
// faces only format it. Pure: no SQL, no terminal, no markup.
package report

import (
	"time"

	"github.com/digint/digint/assessment"
)

// Individual is one person's report.
type Individual struct {
	ID           string
	Language     string
	Person       Person
	Mode         assessment.Mode
	Bank         assessment.BankRef
	BankTitle    string
	StartedAt    time.Time
	CompletedAt  *time.Time
	Overall      *float64
	OverallLevel Level // meaningful only when Overall is set
	// Levels are the maturity level names, lowest first.
	Levels      []string
	Dimensions  []Label
	Matrix      []Row
	Competences []Competence
	LowEvidence bool         // some competence rests on too few answers: its mark is explained
	Gaps        []Competence // the largest gaps, largest first (at most MaxGaps)
	Strengths   []Competence // at or above target, highest score first
	Focus       []Focus      // what to work on first (at most MaxFocus); none once a plan is kept

	Plan *Plan // the action plan, when one was made
	// Modules are the training modules that close a gap: the first
	// MaxModules (TopModules) the recommendation, the person's role first,
	// then the most useful; the rest (MoreModules) by priority alone.
	Modules    []Module
	Guidelines []Guideline
	Develop    []Entry // items marked "we want to develop this"
	Notes      []Entry // other answers with an evidence note, an Other text or a comment
	Progress   *Progress
	Counts     assessment.Counts
}

// How many gaps and focus items page one shows, and how many modules
// are recommended in full.
const (
	MaxGaps    = 3
	MaxFocus   = 3
	MaxModules = 6
)

// TopModules are the modules recommended in full, the role's own first.
func (r *Individual) TopModules() []Module { return r.Modules[:r.FirstMore()] }

// MoreModules are the modules past the recommendation, by priority.
func (r *Individual) MoreModules() []Module { return r.Modules[r.FirstMore():] }

// FirstMore is the index in Modules where those past the recommendation
// begin (len(Modules) when there are none): a face numbering all of them
// says there that the rest go by priority alone.
func (r *Individual) FirstMore() int { return min(MaxModules, len(r.Modules)) }

// Label is an id with its title in the report's language.
type Label struct {
	ID    string
	Title string
}

// Person is who answered; Role is the role's title.
type Person struct {
	Name        string
	Institution string
	Role        Label
}

// Row is one section of the maturity matrix; Cells follow Dimensions.
type Row struct {
	Section    Label
	Pursued    bool
	Index      *float64
	IndexLevel Level // meaningful only when Index is set
	Cells      []Cell
}

// Cell is one section × dimension score with its maturity level.
type Cell struct {
	Score    *float64
	Answered int
	Level    Level    // meaningful only when Score is set
	Items    []Scored // the scored items asked in the cell, in bank order
}

// Scored is an item with its score (0–100); Score is nil when its answer
// gives none (not answered, not applicable, don't know).
type Scored struct {
	Label
	Score *float64
}

// Level is a maturity level and what the next one needs.
type Level struct {
	Number int
	Name   string
	Next   *Next // nil at the top level
}

// Next is the next maturity level: its name, the score it starts at and
// the points still missing.
type Next struct {
	Name   string
	From   float64
	Points float64
}

// Competence is one competence's result against the role's target.
type Competence struct {
	Label
	Description string
	Score       *float64
	Target      float64
	Gap         *float64
	Evidence    int
	LowEvidence bool
}

// Focus is an area to work on first, as the action plan proposes it (see
// package plan): a competence gap, a weak part of the matrix or an item
// the person marked "we want to develop this".
type Focus struct {
	Kind   string // competence, cell or item
	Title  string
	Score  *float64
	Target *float64 // a competence's target for the person's role
	// Gap is a group's median gap of a competence (each person against
	// their own role's target: the figure that ranks it), given instead of
	// a target, which in a room of several roles is not everyone's.
	Gap       *float64
	Guideline string   // the guideline area's title
	Modules   []string // module titles with their partners
}

// Plan is the assessment's action plan: the areas with their actions.
type Plan struct {
	UpdatedAt time.Time
	Areas     []PlanArea
}

type PlanArea struct {
	Focus
	Actions []Action
}

// Action is one action of the plan; DrawsOn is a module's or guideline's
// title.
type Action struct {
	What, Lead, Due, Indicator string
	Baseline, Target           *float64
	DrawsOn                    string
	Done                       bool
}

// Module is a recommended training module and the gaps it closes.
type Module struct {
	Label
	Course   string
	Role     string
	Partner  string
	Summary  string
	Priority float64
	Reasons  []Reason
}

type Reason struct {
	Competence string
	Gap        float64
}

// Guideline is a planning-guideline area for a weak dimension.
type Guideline struct {
	Label
	Dimension string
	Score     float64
	Advice    []string
}

// Entry is an answer worth reading again: the item, the answer in words,
// and what the person typed.
type Entry struct {
	Item    Label
	Section string
	Status  assessment.Status
	Answer  []string // the answer's labels (AnswerLabels); nil when not answered or a comment
	Comment string   // the answer to a text item, the person's words, line breaks kept
	Other   string
	Note    string
}
