package assessment

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// An action plan (DIG.INT's "Develop" step) belongs to an assessment and
// travels with it in documents. Its types and what makes one acceptable
// live here; which focus areas to propose, and how they moved, live in
// package plan.

// Plan is the action plan made from one assessment.
type Plan struct {
	Focus     []Focus   `json:"focus"`
	UpdatedAt time.Time `json:"updated_at"`
}

// FocusKind is what a focus area is about.
type FocusKind string

const (
	FocusCompetence FocusKind = "competence" // a competence gap
	FocusCell       FocusKind = "cell"       // a section × dimension of the matrix
	FocusItem       FocusKind = "item"       // an item marked "we want to develop this"
)

// Focus is one area to work on, with what serves it and the actions set.
type Focus struct {
	Kind       FocusKind `json:"kind"`
	Competence string    `json:"competence,omitempty"`
	Section    string    `json:"section,omitempty"`
	Dimension  string    `json:"dimension,omitempty"`
	Item       string    `json:"item,omitempty"`
	// Guideline and Modules are the planning-guideline area and the
	// training modules that serve the area, as proposed.
	Guideline string   `json:"guideline,omitempty"`
	Modules   []string `json:"modules,omitempty"`
	// Score (0–100) when the plan was made; nil when nothing was answered.
	Score   *float64 `json:"score"`
	Actions []Action `json:"actions"`
}

// MarshalJSON writes an area without actions with an empty list, as
// readers of "actions" expect a list, whether the area was saved or
// proposed.
func (f Focus) MarshalJSON() ([]byte, error) {
	type plain Focus // without this method
	if f.Actions == nil {
		f.Actions = []Action{}
	}
	return json.Marshal(plain(f))
}

// Action is one thing the team will do for a focus area.
type Action struct {
	What string `json:"what"`
	Lead string `json:"lead,omitempty"`
	Due  string `json:"due,omitempty"` // a month, YYYY-MM
	// Indicator is how success is seen; Baseline and Target give numbers
	// where they fit ("learners abroad: 10 → 25").
	Indicator string   `json:"indicator,omitempty"`
	Baseline  *float64 `json:"baseline,omitempty"`
	Target    *float64 `json:"target,omitempty"`
	DrawsOn   string   `json:"draws_on,omitempty"` // a module or guideline id
	Done      bool     `json:"done,omitempty"`
}

// Limits of a plan, so one file or a stuck key cannot grow it without end.
const (
	MaxPlanFocus    = 6
	MaxPlanActions  = 12
	MaxWhatLen      = 300
	MaxLeadLen      = 100
	MaxIndicatorLen = 200
)

// Key identifies the area a focus is about, whatever its actions: the same
// key in two plans is the same area.
func (f Focus) Key() string {
	switch f.Kind {
	case FocusCompetence:
		return "competence:" + f.Competence
	case FocusCell:
		return "cell:" + f.Section + "/" + f.Dimension
	}
	return "item:" + f.Item
}

// PlanError names the field of an action or focus that is wrong and why,
// so every face can say it in the reader's language.
type PlanError struct {
	Focus  int    // 1-based
	Action int    // 1-based; 0 for the focus itself
	Field  string // what, lead, due, indicator, baseline, target, draws_on, focus
	Reason string // empty, too_long, not_month, past, not_number, unknown, too_many, duplicate
	Max    int    // the limit, for too_long and too_many
}

func (e *PlanError) Error() string {
	where := fmt.Sprintf("focus area %d", e.Focus)
	if e.Action > 0 {
		where += fmt.Sprintf(", action %d", e.Action)
	}
	msg := fmt.Sprintf("%s: %s is %s", where, e.Field, e.Reason)
	if e.Max > 0 {
		msg += fmt.Sprintf(" (at most %d)", e.Max)
	}
	return msg
}

var monthPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})-(0[1-9]|1[0-2])$`) })

// ValidMonth reports whether s is a month as plans write it (YYYY-MM),
// between 2000 and 2100.
func ValidMonth(s string) bool {
	m := monthPattern().FindStringSubmatch(s)
	return m != nil && m[1] >= "2000" && m[1] <= "2100"
}

// CheckGivenDue refuses a due month, newly given to an action not done,
// that has passed at now: most likely a slip of the year. Plans keep the
// months they hold (a late action stays late), so only a face taking a
// month from the user asks this; was is the action's month before the
// edit ("" for a new action).
func CheckGivenDue(a Action, was string, now time.Time, focus, action int) error {
	if a.Done || a.Due == was || !ValidMonth(a.Due) || a.Due >= now.Format("2006-01") {
		return nil
	}
	return &PlanError{Focus: focus, Action: action, Field: "due", Reason: "past"}
}

// CleanPlan returns the plan with its free text made inert (no control
// characters or escape sequences) and trimmed; it changes nothing else.
func CleanPlan(p Plan) Plan {
	out := p
	out.Focus = make([]Focus, len(p.Focus))
	for i, f := range p.Focus {
		f.Actions = append([]Action(nil), f.Actions...)
		for j := range f.Actions {
			a := &f.Actions[j]
			a.What = CleanText(a.What, false)
			a.Lead = CleanText(a.Lead, false)
			a.Indicator = CleanText(a.Indicator, false)
			a.Due = CleanText(a.Due, false)
		}
		out.Focus[i] = f
	}
	return out
}

// CheckPlan reports everything wrong with a (cleaned) plan against the bank.
func (b *Bank) CheckPlan(p Plan) error {
	var errs []error
	if len(p.Focus) > MaxPlanFocus {
		errs = append(errs, &PlanError{Focus: MaxPlanFocus + 1, Field: "focus", Reason: "too_many", Max: MaxPlanFocus})
	}
	seen := map[string]bool{}
	for i, f := range p.Focus {
		if err := checkPlanArea(b, f); err != nil {
			errs = append(errs, &PlanError{Focus: i + 1, Field: "focus", Reason: "unknown"})
		} else if seen[f.Key()] {
			errs = append(errs, &PlanError{Focus: i + 1, Field: "focus", Reason: "duplicate"})
		}
		seen[f.Key()] = true
		if len(f.Actions) > MaxPlanActions {
			errs = append(errs, &PlanError{Focus: i + 1, Action: MaxPlanActions + 1, Field: "what", Reason: "too_many", Max: MaxPlanActions})
		}
		for j, a := range f.Actions {
			errs = append(errs, checkPlanAction(b, a, i+1, j+1)...)
		}
	}
	return errors.Join(errs...)
}

func checkPlanArea(b *Bank, f Focus) error {
	ok := false
	switch f.Kind {
	case FocusCompetence:
		ok = planCompetenceIndex(b, f.Competence) >= 0
	case FocusCell:
		_, sok := b.Section(f.Section)
		ok = sok && planDimensionIndex(b, f.Dimension) >= 0
	case FocusItem:
		_, ok = b.Item(f.Item)
	}
	if !ok {
		return fmt.Errorf("unknown focus %q", f.Key())
	}
	return nil
}

// CheckAction reports what is wrong with one action (focus and action are
// the 1-based positions named in the errors).
func (b *Bank) CheckAction(a Action, focus, action int) error {
	return errors.Join(checkPlanAction(b, a, focus, action)...)
}

func checkPlanAction(b *Bank, a Action, focus, action int) []error {
	var errs []error
	bad := func(field, reason string, max int) {
		errs = append(errs, &PlanError{Focus: focus, Action: action, Field: field, Reason: reason, Max: max})
	}
	if a.What == "" {
		bad("what", "empty", 0)
	}
	for _, t := range []struct {
		field, s string
		max      int
	}{{"what", a.What, MaxWhatLen}, {"lead", a.Lead, MaxLeadLen}, {"indicator", a.Indicator, MaxIndicatorLen}} {
		if utf8.RuneCountInString(t.s) > t.max {
			bad(t.field, "too_long", t.max)
		}
	}
	if a.Due != "" && !ValidMonth(a.Due) {
		bad("due", "not_month", 0)
	}
	for _, n := range []struct {
		field string
		v     *float64
	}{{"baseline", a.Baseline}, {"target", a.Target}} {
		if n.v != nil && !finite(*n.v) {
			bad(n.field, "not_number", 0)
		}
	}
	if a.DrawsOn != "" && !planSource(b, a.DrawsOn) {
		bad("draws_on", "unknown", 0)
	}
	return errs
}

// knownSource: a module or a guideline area of the bank.
func planSource(b *Bank, id string) bool {
	for _, m := range b.Modules() {
		if m.ID == id {
			return true
		}
	}
	for _, g := range b.Guidelines {
		if g.ID == id {
			return true
		}
	}
	return false
}

func planCompetenceIndex(b *Bank, id string) int {
	for i, c := range b.Competences {
		if c.ID == id {
			return i
		}
	}
	return -1
}

func planDimensionIndex(b *Bank, id string) int {
	for i, d := range b.Dimensions {
		if d.ID == id {
			return i
		}
	}
	return -1
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// ParseIndicatorValue reads an indicator's value as a person types it:
// a decimal comma or point, spaces around; empty is no value (nil). A
// word, NaN or infinity is not a number (false).
func ParseIndicatorValue(s string) (*float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	if s == "" {
		return nil, true
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || !finite(x) {
		return nil, false
	}
	return &x, true
}
