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
		return s.eachAssessment(ctx, tx, func(_ int64, a *assessment.Assessment) error {
			gb.Add(a)
			return nil
		}, `a.workshop = ? AND a.bank_id = ? AND a.bank_version = ?`, workshop, b.ID, b.Version)
	})
	if err != nil {
		return assessment.GroupReport{}, s.fail("group report of "+workshop, err)
	}
	return gb.Report(), nil
}

// eachAssessment calls fn on each assessment matching cond (on assessments
// a), oldest first as an export has them, with its answers and its seq;
// one assessment is in memory at a time. Two queries walk in step, one over the
// assessments and one over their answers in the same order (an index gives
// it without a sort).
func (s *Store) eachAssessment(ctx context.Context, tx *sql.Tx, fn func(int64, *assessment.Assessment) error, cond string, args ...any) error {
	const order = ` WHERE ` + `%s` + ` ORDER BY a.started_at, a.id`
	rows, err := tx.QueryContext(ctx, `SELECT `+assessmentColumns+assessmentFrom+fmt.Sprintf(order, cond), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	answers, err := tx.QueryContext(ctx, `SELECT `+answerColumns+` FROM assessments a JOIN answers x ON x.assessment = a.seq`+fmt.Sprintf(order, cond), args...)
	if err != nil {
		return err
	}
	defer answers.Close()
	next := answerStream{rows: answers}
	for rows.Next() {
		seq, a, err := scanAssessment(rows)
		if err != nil {
			return err
		}
		if err := next.readInto(seq, a); err != nil {
			return fmt.Errorf("assessment %s: %w", a.ID, err)
		}
		if err := fn(seq, a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return answers.Err()
}

// answerStream reads answers grouped by assessment, one row ahead.
type answerStream struct {
	rows    *sql.Rows
	seq     int64 // of the row read ahead
	ans     assessment.Answer
	pending bool // a row is read ahead
	done    bool
}

// readInto appends the answers of assessment seq, which come next.
func (st *answerStream) readInto(seq int64, a *assessment.Assessment) error {
	for {
		if !st.pending {
			if st.done || !st.rows.Next() {
				st.done = true
				return nil
			}
			var value sql.NullString
			st.ans = assessment.Answer{}
			if err := st.rows.Scan(&st.seq, &st.ans.Item, &st.ans.Status, &value, &st.ans.Other, &st.ans.Note, &st.ans.Develop); err != nil {
				return err
			}
			if value.Valid {
				v, err := decodeValue(value.String)
				if err != nil {
					return fmt.Errorf("item %q: bad value %s in the database: %w", st.ans.Item, value.String, err)
				}
				st.ans.Value = v
			}
			st.pending = true
		}
		if st.seq != seq {
			return nil // the next assessment's
		}
		a.Answers = append(a.Answers, st.ans)
		st.pending = false
	}
}
