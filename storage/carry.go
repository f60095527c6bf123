package storage

import (
	"context"
	"fmt"

	"github.com/digint/digint/assessment"
)

// Continue opens an unfinished assessment to go on answering. One begun on
// an earlier version of the bank moves to the current version first, in
// one transaction, its answers carried (assessment.Carry): the questions
// asked now are the current bank's, and every answer given is kept. A
// completed assessment is returned as it is, on its own version.
func (s *Store) Continue(ctx context.Context, id string) (*assessment.Assessment, error) {
	cur := s.cat.Current()
	a, err := s.Assessment(ctx, id)
	if err != nil || a.CompletedAt != nil || (a.Bank.ID == cur.ID && a.Bank.Version == cur.Version) {
		return a, err // nothing to carry: no write, no wait behind another writer
	}
	err = s.write(ctx, func(tx txer) error {
		var err error
		if a, err = s.assessment(ctx, tx, id); err != nil {
			return err
		}
		if a.CompletedAt != nil || (a.Bank.ID == cur.ID && a.Bank.Version == cur.Version) {
			return nil
		}
		if a.Bank.ID != cur.ID {
			return fmt.Errorf("assessment %s is on bank %q, not %q", id, a.Bank.ID, cur.ID)
		}
		carried, err := assessment.Carry(cur, a.Answers)
		if err != nil {
			return fmt.Errorf("assessment %s: %w", id, err)
		}
		var seq int64
		if err := tx.QueryRowContext(ctx, `UPDATE assessments SET bank_version = ? WHERE id = ? RETURNING seq`,
			cur.Version, id).Scan(&seq); err != nil {
			return err
		}
		for i, c := range carried {
			if c.Value.Equal(a.Answers[i].Value) {
				continue
			}
			value, err := encodeValue(c.Value)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE answers SET value = ? WHERE assessment = ? AND item = ?`,
				value, seq, c.Item); err != nil {
				return err
			}
		}
		a.Bank.Version, a.Answers = cur.Version, carried
		return nil
	})
	if err != nil {
		return nil, s.fail("continue assessment "+id, err)
	}
	return a, nil
}
