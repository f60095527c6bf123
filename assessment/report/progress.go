package report

import (
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
)

// Previous is the earlier assessment to compare with, and the bank it was
// answered on.
type Previous struct {
	Assessment *assessment.Assessment
	Bank       *assessment.Bank
	Plan       *plan.Plan // its action plan, when one was made
}

// Progress is what moved since the previous assessment. When Incomparable
// is not empty the changes are shown with that warning: they may come from
// the difference, not from progress.
type Progress struct {
	ID           string
	Date         time.Time
	Mode         assessment.Mode
	Bank         assessment.BankRef
	Incomparable []Mismatch
	Overall      *assessment.Delta
	Competences  []Change
	Sections     []Change
	// EarlierPlan is how the previous assessment's plan moved: each focus
	// area's score then and now, and its actions still open.
	EarlierPlan []PlanMove
}

// PlanMove is one focus area of the earlier plan.
type PlanMove struct {
	Focus
	Then, Now, Change *float64
	Open              []Action
}

// Mismatch is a reason two assessments do not compare like for like.
type Mismatch string

const (
	// MismatchMode: a quick scan against a full assessment asks other items.
	MismatchMode Mismatch = "mode"
	// MismatchBank: another bank (version) may ask and weigh differently.
	MismatchBank Mismatch = "bank"
	// MismatchRole: another role has other targets, so other gaps.
	MismatchRole Mismatch = "role"
	// MismatchSections: a section pursued by one only, so the overall
	// figure averages other sections.
	MismatchSections Mismatch = "sections"
)

// Change is one score's move; Delta is nil when one side has no score.
// NotPursued, for a section, says when it was not pursued (so there is
// nothing to compare): "" when pursued both times.
type Change struct {
	Label
	Delta      *assessment.Delta
	NotPursued NotPursued
}

// NotPursued says which of two assessments left a section out.
type NotPursued string

const (
	NotPursuedBefore NotPursued = "before" // only the later one pursued it
	NotPursuedNow    NotPursued = "now"    // only the earlier one did
	NotPursuedBoth   NotPursued = "both"
)

// SectionNotPursued says which of two assessments left a section out, ""
// when both pursued it: the one rule every face shows.
func SectionNotPursued(s assessment.SectionDelta) NotPursued {
	switch {
	case s.PursuedBoth():
		return ""
	case s.PursuedAfter:
		return NotPursuedBefore
	case s.PursuedBefore:
		return NotPursuedNow
	}
	return NotPursuedBoth
}

// Mismatches lists what makes two assessments incomparable, in a fixed
// order; none means like for like.
func Mismatches(earlier, later *assessment.Assessment) []Mismatch {
	var out []Mismatch
	if earlier.Mode != later.Mode {
		out = append(out, MismatchMode)
	}
	if earlier.Bank != later.Bank {
		out = append(out, MismatchBank)
	}
	if earlier.Participant.Role != later.Participant.Role {
		out = append(out, MismatchRole)
	}
	return out
}

func progress(b *assessment.Bank, a *assessment.Assessment, r assessment.Result, prev *Previous) *Progress {
	if prev == nil || prev.Assessment == nil || prev.Bank == nil {
		return nil
	}
	pa := prev.Assessment
	// Only the scores shown compare: the earlier cells, counts, modules and
	// guidelines, and the moves of cells and gaps, are not worked out.
	d := assessment.CompareScores(assessment.ScoreIndexes(prev.Bank, pa), r)
	p := &Progress{ID: pa.ID, Date: pa.StartedAt, Mode: pa.Mode, Bank: pa.Bank,
		Incomparable: Mismatches(pa, a), Overall: d.Overall,
		Competences: sized[Change](len(d.Competences)), Sections: sized[Change](len(d.Sections))}
	if pa.CompletedAt != nil {
		p.Date = *pa.CompletedAt
	}
	for i, c := range d.Competences {
		p.Competences = append(p.Competences, Change{Label: Label{c.ID, b.Competences[i].Title}, Delta: c.Score})
	}
	oneSided := false
	for i, s := range d.Sections {
		np := SectionNotPursued(s)
		p.Sections = append(p.Sections, Change{Label{s.ID, b.Sections[i].Title}, s.Index, np})
		oneSided = oneSided || np == NotPursuedBefore || np == NotPursuedNow
	}
	if oneSided {
		p.Incomparable = append(p.Incomparable, MismatchSections)
	}
	if prev.Plan != nil {
		targets := targetsOf(r)
		for _, mv := range plan.Review(b, *prev.Plan, a, r) {
			p.EarlierPlan = append(p.EarlierPlan, PlanMove{Focus: labelFocus(b, targets, mv.Focus),
				Then: mv.Then, Now: mv.Now, Change: mv.Change, Open: labelActions(b, mv.Open)})
		}
	}
	return p
}
