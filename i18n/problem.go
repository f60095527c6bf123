package i18n

import (
	"errors"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/safe"
)

// Problem says what err holds – an assessment.Problem: a rule a file or an
// answer breaks – in l's language, with where it is; ok is false when err
// holds none.
func (l *Localizer) Problem(err error) (text string, ok bool) {
	var p *assessment.Problem
	if !errors.As(err, &p) {
		return "", false
	}
	values := p.Values
	if reason, ok := p.Value("Reason").(string); ok { // a plan's: its field's own text
		values = append(values[:len(values):len(values)], "Why", l.T("plan.err."+reason, "Max", p.Value("Max")))
	}
	text = l.T("problem."+p.Rule, values...)
	if where := l.problemPlace(p); where != "" {
		text = l.T("problem.at", "Where", where, "What", text)
	}
	return text, true
}

// problemPlace is where a problem is: its assessment in a file, its item.
func (l *Localizer) problemPlace(p *assessment.Problem) string {
	var where string
	switch {
	case p.Assessment > 0 && p.ID != "":
		where = l.T("problem.at.assessmentid", "N", p.Assessment, "ID", p.ID)
	case p.Assessment > 0:
		where = l.T("problem.at.assessment", "N", p.Assessment)
	}
	if p.Item == "" {
		return where
	}
	key := "problem.at.item"
	if p.Draft {
		key = "problem.at.draft"
	}
	item := l.T(key, "Item", safe.Excerpt(p.Item, 40))
	if where == "" {
		return item
	}
	return where + ", " + item
}
