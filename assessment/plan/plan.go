// Package plan turns a diagnosis into an action plan (DIG.INT's "Develop"
// step): which focus areas an assessment suggests, what serves each, and
// how the focus areas moved by the next assessment. A plan's types and
// what makes one acceptable live in package assessment (a plan travels
// with its assessment in documents); they are named here too. Pure: no
// SQL, no terminal.
package plan

import (
	"time"

	"github.com/digint/digint/assessment"
)

type (
	Plan       = assessment.Plan
	Focus      = assessment.Focus
	FocusKind  = assessment.FocusKind
	Action     = assessment.Action
	FieldError = assessment.PlanError
)

const (
	FocusCompetence = assessment.FocusCompetence
	FocusCell       = assessment.FocusCell
	FocusItem       = assessment.FocusItem

	MaxFocus        = assessment.MaxPlanFocus
	MaxActions      = assessment.MaxPlanActions
	MaxWhatLen      = assessment.MaxWhatLen
	MaxLeadLen      = assessment.MaxLeadLen
	MaxIndicatorLen = assessment.MaxIndicatorLen
)

// Clean returns the plan with its free text made inert.
func Clean(p Plan) Plan { return assessment.CleanPlan(p) }

// Check reports everything wrong with a (cleaned) plan against its bank.
func Check(b *assessment.Bank, p Plan) error { return b.CheckPlan(p) }

// CheckAction reports what is wrong with one action.
func CheckAction(b *assessment.Bank, a Action, focus, action int) error {
	return b.CheckAction(a, focus, action)
}

// CheckGivenDue refuses a due month, newly given to an action not done,
// that has passed at now; was is the action's month before the edit.
func CheckGivenDue(a Action, was string, now time.Time, focus, action int) error {
	return assessment.CheckGivenDue(a, was, now, focus, action)
}

// ParseIndicatorValue reads a baseline or target as typed; false when it
// is not a number.
func ParseIndicatorValue(s string) (*float64, bool) { return assessment.ParseIndicatorValue(s) }

// ValidMonth reports whether s is a month as plans write it (YYYY-MM).
func ValidMonth(s string) bool { return assessment.ValidMonth(s) }

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
