package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
)

// SavePlan stores the action plan of an assessment, replacing the one
// before, in one transaction. Its text is cleaned and the plan checked
// against the assessment's bank first: a plan with an error stores nothing
// and the error names each field at fault (plan.FieldError).
func (s *Store) SavePlan(ctx context.Context, assessmentID string, p plan.Plan) (plan.Plan, error) {
	p = plan.Clean(p)
	err := s.write(ctx, func(tx txer) error {
		var seq int64
		var bankID, bankVersion string
		err := tx.QueryRowContext(ctx, `SELECT seq, bank_id, bank_version FROM assessments WHERE id = ?`, assessmentID).
			Scan(&seq, &bankID, &bankVersion)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("assessment %s: %w", assessmentID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		bi, err := s.bank(assessment.BankRef{ID: bankID, Version: bankVersion})
		if err != nil {
			return err
		}
		if err := plan.Check(bi.Bank, p); err != nil {
			return err
		}
		p.UpdatedAt = s.now()
		body, err := json.Marshal(p)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO plans (assessment, body, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (assessment) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
			seq, string(body), formatTime(p.UpdatedAt))
		return err
	})
	if err != nil {
		return plan.Plan{}, s.fail("save the plan of "+assessmentID, err)
	}
	return p, nil
}

// Plan returns the action plan of an assessment, and whether one was made.
func (s *Store) Plan(ctx context.Context, assessmentID string) (plan.Plan, bool, error) {
	var body sql.NullString
	var found bool
	err := s.read(ctx, func(tx txer) error {
		err := tx.QueryRowContext(ctx, `SELECT a.seq IS NOT NULL, p.body FROM (SELECT ? AS id) q
			LEFT JOIN assessments a ON a.id = q.id LEFT JOIN plans p ON p.assessment = a.seq`, assessmentID).
			Scan(&found, &body)
		return err
	})
	if err != nil {
		return plan.Plan{}, false, s.fail("read the plan of "+assessmentID, err)
	}
	if !found {
		return plan.Plan{}, false, fmt.Errorf("assessment %s: %w", assessmentID, ErrNotFound)
	}
	if !body.Valid {
		return plan.Plan{}, false, nil
	}
	var p plan.Plan
	if err := json.Unmarshal([]byte(body.String), &p); err != nil {
		return plan.Plan{}, false, fmt.Errorf("the plan of assessment %s: %w: %v", assessmentID, ErrCorrupt, err)
	}
	inertPlan(&p)
	return p, true, nil
}

// SaveWorkshopPlan stores a workshop's group plan, replacing the one
// before, checked against the current bank first.
func (s *Store) SaveWorkshopPlan(ctx context.Context, code string, p plan.Plan) (plan.Plan, error) {
	p = plan.Clean(p)
	if err := plan.Check(s.cat.Current(), p); err != nil {
		return plan.Plan{}, err
	}
	err := s.write(ctx, func(tx txer) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM workshops WHERE code = ?`, code).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("workshop %s: %w", code, ErrNotFound)
		}
		p.UpdatedAt = s.now()
		body, err := json.Marshal(p)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO workshop_plans (workshop, body, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (workshop) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
			code, string(body), formatTime(p.UpdatedAt))
		return err
	})
	if err != nil {
		return plan.Plan{}, s.fail("save the plan of workshop "+code, err)
	}
	return p, nil
}

// WorkshopPlan returns a workshop's group plan, and whether one was made.
func (s *Store) WorkshopPlan(ctx context.Context, code string) (plan.Plan, bool, error) {
	var body sql.NullString
	err := s.read(ctx, func(tx txer) error {
		return tx.QueryRowContext(ctx, `SELECT body FROM workshop_plans WHERE workshop = ?`, code).Scan(&body)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return plan.Plan{}, false, nil
	}
	if err != nil {
		return plan.Plan{}, false, s.fail("read the plan of workshop "+code, err)
	}
	var p plan.Plan
	if err := json.Unmarshal([]byte(body.String), &p); err != nil {
		return plan.Plan{}, false, fmt.Errorf("the plan of workshop %s: %w: %v", code, ErrCorrupt, err)
	}
	inertPlan(&p)
	return p, true, nil
}
