package storage

import (
	"context"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/assessment/report"
)

// Report builds the report model of a from the store, as every face shows
// it: with the person's previous completed assessment and its plan (for
// progress) and a's own plan. bank gives the bank of a reference with its
// labels in the reader's language; an old bank it does not know means no
// progress, not a failure.
func (s *Store) Report(ctx context.Context, a *assessment.Assessment, bank func(assessment.BankRef) (*assessment.Bank, error)) (report.Individual, error) {
	b, err := bank(a.Bank)
	if err != nil {
		return report.Individual{}, err
	}
	var prev *report.Previous
	pa, err := s.Previous(ctx, a)
	if err != nil {
		return report.Individual{}, err
	}
	if pa != nil {
		if pb, err := bank(pa.Bank); err == nil {
			prev = &report.Previous{Assessment: pa, Bank: pb}
			if ep, made, err := s.Plan(ctx, pa.ID); err != nil {
				return report.Individual{}, err
			} else if made {
				prev.Plan = &ep
			}
		}
	}
	var saved *plan.Plan
	if p, made, err := s.Plan(ctx, a.ID); err != nil {
		return report.Individual{}, err
	} else if made {
		saved = &p
	}
	return report.Build(b, a, prev, saved), nil
}
