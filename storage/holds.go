package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// HoldFor is how long a hold lasts unless renewed: a program that died
// lets go of its assessment within it. Holders renew well before.
const HoldFor = time.Minute

// liveHold is the one rule of a hold still in force, as SQL on the holds
// row h at the time t (a placeholder): Hold takes over a hold that is not,
// an import leaves alone the assessment of one that is.
func liveHold(h, t string) string { return h + ".expires >= " + t }

// Hold makes the assessment holder's (a random id of one open session)
// until HoldFor from now, renewing holder's own hold; false when another
// holder's hold has not expired. Every program on the database asks the
// same table, so one assessment is open in one place at a time.
func (s *Store) Hold(ctx context.Context, assessmentID, holder string) (bool, error) {
	now := s.now()
	held := false
	err := s.write(ctx, func(tx txer) error {
		var got string
		err := tx.QueryRowContext(ctx, `INSERT INTO holds (assessment, holder, expires)
SELECT seq, ?2, ?3 FROM assessments WHERE id = ?1
ON CONFLICT (assessment) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
WHERE holds.holder = excluded.holder OR NOT (`+liveHold("holds", "?4")+`)
RETURNING holder`, assessmentID, holder, formatTime(now.Add(HoldFor)), formatTime(now)).Scan(&got)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // held elsewhere (or no such assessment: opening it says so)
		}
		held = err == nil && got == holder
		return err
	})
	return held, s.fail(fmt.Sprintf("hold assessment %s", assessmentID), err)
}

// Release lets go of holder's hold on the assessment, if it has one.
func (s *Store) Release(ctx context.Context, assessmentID, holder string) error {
	err := s.write(ctx, func(tx txer) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM holds WHERE holder = ?2
AND assessment = (SELECT seq FROM assessments WHERE id = ?1)`, assessmentID, holder)
		return err
	})
	return s.fail(fmt.Sprintf("release assessment %s", assessmentID), err)
}

// Renew extends holder's own hold on the assessment to HoldFor from now;
// false when it has none (let go of, or taken over once expired). It never
// takes a hold, so a renewal that lands after its release leaves nothing
// behind.
func (s *Store) Renew(ctx context.Context, assessmentID, holder string) (bool, error) {
	now := s.now()
	var renewed int64
	err := s.write(ctx, func(tx txer) error {
		res, err := tx.ExecContext(ctx, `UPDATE holds SET expires = ?3 WHERE holder = ?2
AND assessment = (SELECT seq FROM assessments WHERE id = ?1)`, assessmentID, holder, formatTime(now.Add(HoldFor)))
		if err == nil {
			renewed, err = res.RowsAffected()
		}
		return err
	})
	return renewed > 0, s.fail(fmt.Sprintf("renew the hold on assessment %s", assessmentID), err)
}
