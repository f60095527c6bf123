package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/digint/digint/assessment"
)

// preparedTx runs statements in a transaction, preparing each text once:
// an import runs the same few statements tens of thousands of times.
type preparedTx struct {
	tx    txer
	stmts map[string]*sql.Stmt
	// direct: the driver prepares each text once per connection by
	// itself (pgx); preparing again per transaction would cost a round
	// trip to prepare and one to close.
	direct bool
}

// prepared is a preparedTx for tx, as this Store's driver needs.
func (s *Store) prepared(tx txer) *preparedTx {
	return &preparedTx{tx: tx, direct: s.d.caches}
}

func (p *preparedTx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := p.stmts[query]; ok {
		return st, nil
	}
	st, err := p.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if p.stmts == nil {
		p.stmts = map[string]*sql.Stmt{}
	}
	p.stmts[query] = st
	return st, nil
}

func (p *preparedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if p.direct {
		return p.tx.ExecContext(ctx, query, args...)
	}
	st, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (p *preparedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if p.direct {
		return p.tx.QueryRowContext(ctx, query, args...)
	}
	st, err := p.stmt(ctx, query)
	if err != nil {
		return p.tx.QueryRowContext(ctx, query, args...) // fails the same way
	}
	return st.QueryRowContext(ctx, args...)
}

func (p *preparedTx) close() {
	for _, st := range p.stmts {
		st.Close()
	}
}

type outcome int

const (
	added outcome = iota
	updated
	skipped
	heldOpen // open in a session: left as the session has it
)

// put stores one decoded (so checked and cleaned) assessment, in as few
// statements as the outcome allows (each a round trip on PostgreSQL): a
// new assessment takes four, plus one for a workshop, drafts or a plan.
func (im *preparedTx) put(ctx context.Context, a *assessment.Assessment, now time.Time) (outcome, error) {
	var (
		seq          int64
		stored, whom string
	)
	err := im.QueryRowContext(ctx, `SELECT seq, updated_at, participant_id FROM assessments WHERE id = ?`, a.ID).
		Scan(&seq, &stored, &whom)
	exists := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	updatedAt := formatTime(a.UpdatedAt)
	if exists && stored >= updatedAt { // fixed-width UTC text: text order is time order
		return skipped, nil
	}
	if exists {
		// A session showing this assessment would go on saving over the
		// file's copy, its screen no longer what is stored: its copy stands.
		var held bool
		err := im.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM holds h WHERE h.assessment = ? AND `+liveHold("h", "?")+`)`,
			seq, formatTime(now)).Scan(&held)
		if err != nil || held {
			return heldOpen, err
		}
	}
	if err := putParticipant(ctx, im, a, updatedAt, now); err != nil {
		return 0, err
	}
	if err := ensureWorkshopTitled(ctx, im, a.Workshop, a.WorkshopTitle, now); err != nil {
		return 0, err
	}
	done := added
	if exists {
		done = updated
		if _, err := im.ExecContext(ctx, `UPDATE assessments SET participant_id = ?2, role = ?3, workshop = ?4,
	bank_id = ?5, bank_version = ?6, mode = ?7, language = ?8, started_at = ?9, updated_at = ?10, completed_at = ?11
	WHERE seq = ?1`, seq, a.Participant.ID, a.Participant.Role, nullString(a.Workshop),
			a.Bank.ID, a.Bank.Version, a.Mode, a.Language, formatTime(a.StartedAt), updatedAt, formatTimePtr(a.CompletedAt)); err != nil {
			return 0, err
		}
		if _, err := im.ExecContext(ctx, `DELETE FROM answers WHERE assessment = ?`, seq); err != nil {
			return 0, err
		}
		if whom != a.Participant.ID { // moved to another person: the first may be left with nothing
			if err := dropIfAlone(ctx, im.tx, whom); err != nil {
				return 0, err
			}
		}
	} else if seq, err = insertAssessment(ctx, im, a); err != nil {
		return 0, err
	}
	if err := im.insertAnswers(ctx, seq, a.Answers); err != nil {
		return 0, err
	}
	return done, im.putExtras(ctx, seq, a)
}

// putParticipant adds the person of an imported assessment, or updates
// them in the same statement when no other assessment of theirs is newer:
// their name, institution and language come from their newest assessment,
// so an old file must not bring back an old name.
func putParticipant(ctx context.Context, tx execer, a *assessment.Assessment, updatedAt string, now time.Time) error {
	p := &a.Participant
	_, err := tx.ExecContext(ctx, `INSERT INTO participants (id, name, name_key, role, institution, language, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, role = excluded.role,
	institution = excluded.institution, language = excluded.language
WHERE NOT EXISTS (SELECT 1 FROM assessments WHERE participant_id = ?1 AND id <> ?8 AND updated_at > ?9)`,
		p.ID, p.Name, nameKey(p.Name), p.Role, p.Institution, a.Language, formatTime(now), a.ID, updatedAt)
	return err
}

// answersPerInsert is how many answers one INSERT writes: one statement per
// assessment instead of one per answer (7 parameters each; SQLite allows
// 32,766).
const answersPerInsert = 128

// insertAnswers writes answers with multi-row INSERTs. When one fails, the
// rows are tried one by one, to name the item at fault (a failed statement
// leaves the transaction as it was before it).
func (im *preparedTx) insertAnswers(ctx context.Context, seq int64, answers []assessment.Answer) error {
	for len(answers) > 0 {
		batch := answers[:min(len(answers), answersPerInsert)]
		answers = answers[len(batch):]
		args := make([]any, 0, 7*len(batch))
		for _, ans := range batch {
			value, err := encodeValue(ans.Value)
			if err != nil {
				return fmt.Errorf("item %q: %w", ans.Item, err)
			}
			args = append(args, seq, ans.Item, ans.Status, value, ans.Other, ans.Note, ans.Develop)
		}
		if _, err := im.ExecContext(ctx, insertAnswersSQL(len(batch)), args...); err != nil {
			if len(batch) == 1 {
				return fmt.Errorf("item %q: %w", batch[0].Item, err)
			}
			for i := range batch {
				if err := im.insertAnswers(ctx, seq, batch[i:i+1]); err != nil {
					return err
				}
			}
			return err // the batch failed, but no single row did
		}
	}
	return nil
}

// insertAnswersSQL is the INSERT of n answer rows. A document has no time
// per answer, so answered_at stays NULL.
func insertAnswersSQL(n int) string {
	return `INSERT INTO answers (assessment, item, status, value, other, note, develop) VALUES ` +
		strings.TrimSuffix(strings.Repeat(`(?, ?, ?, ?, ?, ?, ?), `, n), ", ")
}
