package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Erasing: with secure_delete on, SQLite overwrites deleted rows with zeros
// in the pages it writes; those pages go to the write-ahead log first, and
// the log still holds the old pages until a checkpoint. So every erase ends
// with a truncating checkpoint: the zeroed pages reach the database file and
// the log is emptied.

// EraseAssessment deletes an assessment and its answers, and the person
// too when it was their last assessment: their name goes with it.
func (s *Store) EraseAssessment(ctx context.Context, id string) error {
	return s.erase(ctx, "erase assessment "+id, func(tx txer) error {
		var person string
		err := tx.QueryRowContext(ctx, `DELETE FROM assessments WHERE id = ? RETURNING participant_id`, id).Scan(&person)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("assessment %s: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		return dropIfAlone(ctx, tx, person)
	})
}

// dropIfAlone deletes a person left with no assessment.
func dropIfAlone(ctx context.Context, tx txer, person string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM participants WHERE id = ?
		AND NOT EXISTS (SELECT 1 FROM assessments WHERE participant_id = ?)`, person, person)
	return err
}

// EraseParticipant deletes a person with all their assessments.
func (s *Store) EraseParticipant(ctx context.Context, id string) error {
	return s.erase(ctx, "erase participant "+id, func(tx txer) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM participants WHERE id = ?`, id) // cascades
		if err != nil {
			return err
		}
		return mustAffect(res, fmt.Errorf("participant %s: %w", id, ErrNotFound))
	})
}

// EraseAll deletes everything: participants, assessments, answers and
// workshops.
func (s *Store) EraseAll(ctx context.Context) error {
	return s.erase(ctx, "erase everything", func(tx txer) error {
		for _, table := range []string{"answers", "assessments", "participants", "workshops"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) erase(ctx context.Context, what string, fn func(txer) error) error {
	if err := s.write(ctx, fn); err != nil {
		return s.fail(what, err)
	}
	return s.fail(what, s.d.afterErase(ctx, s))
}

// clearWAL checkpoints the whole log into the database file and truncates
// it. It cannot while another connection (of this or another program) reads
// an older snapshot: SQLite waits for it up to the busy timeout, then this
// says so.
func (s *Store) clearWAL(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if s.checkpointWait > 0 { // tests shorten the wait
		conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", s.checkpointWait.Milliseconds()))
		defer conn.ExecContext(context.Background(), "PRAGMA busy_timeout = 5000")
	}
	var busy, logFrames, checkpointed int
	err = conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &checkpointed)
	if err != nil && !isBusy(err) {
		return err
	}
	if err != nil || busy != 0 {
		// The zeroed pages wait in the log; the main file keeps the old ones.
		return faultf(s.path, "%w %s while another program has it open; it goes when that program closes the database", ErrWALNotCleared, s.path)
	}
	return nil
}
