// Package plan turns a diagnosis into an action plan (DIG.INT's "Develop"
// step): which focus areas an assessment suggests, the actions a team sets
// for each, whether those are well formed, and how the focus areas moved
// by the next assessment. It is pure: no SQL, no terminal.
package plan

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"time"
	"unicode/utf8"

	"github.com/digint/digint/assessment"
)

// FocusKind is what a focus area is about.
type FocusKind string

const (
	FocusCompetence FocusKind = "competence" // a competence gap
	FocusCell       FocusKind = "cell"       // a section × dimension of the matrix
	FocusItem       FocusKind = "item"       // an item marked "we want to develop this"
)

// Plan is the action plan made from one assessment.
type Plan struct {
	Focus     []Focus   `json:"focus"`
	UpdatedAt time.Time `json:"updated_at"`
}

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
	MaxFocus        = 6
	MaxActions      = 12
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

// FieldError names the field of an action or focus that is wrong and why,
// so every face can say it in the reader's language.
type FieldError struct {
	Focus  int    // 1-based
	Action int    // 1-based; 0 for the focus itself
	Field  string // what, lead, due, indicator, baseline, target, draws_on, focus
	Reason string // empty, too_long, not_month, not_number, unknown, too_many, duplicate
	Max    int    // the limit, for too_long and too_many
}

func (e *FieldError) Error() string {
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

var monthPattern = regexp.MustCompile(`^(\d{4})-(0[1-9]|1[0-2])$`)

// ValidMonth reports whether s is a month as plans write it (YYYY-MM),
// between 2000 and 2100.
func ValidMonth(s string) bool {
	m := monthPattern.FindStringSubmatch(s)
	return m != nil && m[1] >= "2000" && m[1] <= "2100"
}

// Clean returns the plan with its free text made inert (no control
// characters or escape sequences) and trimmed; it changes nothing else.
func Clean(p Plan) Plan {
	out := p
	out.Focus = make([]Focus, len(p.Focus))
	for i, f := range p.Focus {
		f.Actions = append([]Action(nil), f.Actions...)
		for j := range f.Actions {
			a := &f.Actions[j]
			a.What = assessment.CleanText(a.What, false)
			a.Lead = assessment.CleanText(a.Lead, false)
			a.Indicator = assessment.CleanText(a.Indicator, false)
			a.Due = assessment.CleanText(a.Due, false)
		}
		out.Focus[i] = f
	}
	return out
}

// Check reports everything wrong with a (cleaned) plan against its bank.
func Check(b *assessment.Bank, p Plan) error {
	var errs []error
	if len(p.Focus) > MaxFocus {
		errs = append(errs, &FieldError{Focus: MaxFocus + 1, Field: "focus", Reason: "too_many", Max: MaxFocus})
	}
	seen := map[string]bool{}
	for i, f := range p.Focus {
		if err := checkArea(b, f); err != nil {
			errs = append(errs, &FieldError{Focus: i + 1, Field: "focus", Reason: "unknown"})
		} else if seen[f.Key()] {
			errs = append(errs, &FieldError{Focus: i + 1, Field: "focus", Reason: "duplicate"})
		}
		seen[f.Key()] = true
		if len(f.Actions) > MaxActions {
			errs = append(errs, &FieldError{Focus: i + 1, Action: MaxActions + 1, Field: "what", Reason: "too_many", Max: MaxActions})
		}
		for j, a := range f.Actions {
			errs = append(errs, checkAction(b, a, i+1, j+1)...)
		}
	}
	return errors.Join(errs...)
}

func checkArea(b *assessment.Bank, f Focus) error {
	ok := false
	switch f.Kind {
	case FocusCompetence:
		ok = competenceIndex(b, f.Competence) >= 0
	case FocusCell:
		_, sok := b.Section(f.Section)
		ok = sok && dimensionIndex(b, f.Dimension) >= 0
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
func CheckAction(b *assessment.Bank, a Action, focus, action int) error {
	return errors.Join(checkAction(b, a, focus, action)...)
}

func checkAction(b *assessment.Bank, a Action, focus, action int) []error {
	var errs []error
	bad := func(field, reason string, max int) {
		errs = append(errs, &FieldError{Focus: focus, Action: action, Field: field, Reason: reason, Max: max})
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
		if n.v != nil && (math.IsNaN(*n.v) || math.IsInf(*n.v, 0)) {
			bad(n.field, "not_number", 0)
		}
	}
	if a.DrawsOn != "" && !knownSource(b, a.DrawsOn) {
		bad("draws_on", "unknown", 0)
	}
	return errs
}

// knownSource: a module or a guideline area of the bank.
func knownSource(b *assessment.Bank, id string) bool {
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

func competenceIndex(b *assessment.Bank, id string) int {
	for i, c := range b.Competences {
		if c.ID == id {
			return i
		}
	}
	return -1
}

func dimensionIndex(b *assessment.Bank, id string) int {
	for i, d := range b.Dimensions {
		if d.ID == id {
			return i
		}
	}
	return -1
}
