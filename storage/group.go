package storage

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/digint/digint/assessment"
)

// GroupReport computes the group report of a workshop's assessments
// answered on the current bank, reading them from the database one at a
// time: its memory grows with the few dozen numbers the report keeps of
// each participant, not with their answers. An unknown workshop is
// ErrNotFound.
func (s *Store) GroupReport(ctx context.Context, workshop string) (assessment.GroupReport, error) {
	b := s.cat.Current()
	gb := assessment.NewGroupBuilder(b)
	err := s.read(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM workshops WHERE code = ?`, workshop).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("workshop %s: %w", workshop, ErrNotFound)
		}
		return s.eachStored(ctx, tx, false, func(_ int64, a *assessment.Assessment) error {
			gb.Add(a)
			return nil
		}, ` WHERE a.workshop = ? AND a.bank_id = ? AND a.bank_version = ?`, workshop, b.ID, b.Version)
	})
	if err != nil {
		return assessment.GroupReport{}, s.fail("group report of "+workshop, err)
	}
	return gb.Report(), nil
}
