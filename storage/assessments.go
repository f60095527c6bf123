package storage

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"golang.org/x/text/language"

	"github.com/digint/digint/assessment"
)

// NewAssessment is what starting an assessment needs.
type NewAssessment struct {
	// Participant with an empty ID is a new person, given a generated id.
	// With an ID, the person must exist; fields left empty keep their
	// stored values, fields given replace them.
	Participant assessment.Participant
	Language    string
	Mode        assessment.Mode
	// Workshop is an optional workshop code; an unknown code creates the
	// workshop (titled with its code), as people join on their own laptops.
	Workshop string
	// SamePerson links a Participant without an ID to the stored person
	// they are, by the rule of samePerson (forgiving of case, spaces and
	// Unicode forms; never for someone without a name). Off on a shared
	// laptop, where a name must not open someone else's history.
	SamePerson bool
	// Key is the SHA256 fingerprint of the public key a served participant
	// connected with: the assessment goes to the key's participant, and a
	// new key is bound to this one (identity.go).
	Key string
}

// Start begins an assessment on the catalog's current bank.
func (s *Store) Start(ctx context.Context, n NewAssessment) (*assessment.Assessment, error) {
	b := s.cat.Current()
	now := s.now()
	a := &assessment.Assessment{
		ID:          uuid.NewString(),
		Participant: n.Participant,
		Workshop:    n.Workshop,
		Bank:        assessment.BankRef{ID: b.ID, Version: b.Version},
		Mode:        n.Mode,
		Language:    n.Language,
		StartedAt:   now,
		UpdatedAt:   now,
		Answers:     []assessment.Answer{},
	}
	known := a.Participant.ID != ""
	err := s.writeShared(ctx, func(tx txer) error {
		p := &a.Participant
		p.ID = n.Participant.ID // a retried transaction starts afresh
		// An earlier run may have committed and lost only the server's
		// answer: the fresh id is then already stored.
		switch err := tx.QueryRowContext(ctx, `SELECT participant_id FROM assessments WHERE id = ?`, a.ID).Scan(&p.ID); {
		case err == nil:
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		// A served participant's key names them; else the same-person rule.
		byKey, err := keyParticipant(ctx, tx, n.Key, p)
		if err != nil {
			return err
		}
		if !byKey && !known && n.SamePerson {
			id, ok, err := samePerson(ctx, tx, *p)
			if err != nil {
				return err
			}
			if ok {
				p.ID = id
			}
		}
		if p.ID == "" {
			p.ID = uuid.NewString()
		} else {
			var stored assessment.Participant
			err := tx.QueryRowContext(ctx, `SELECT name, role, institution FROM participants WHERE id = ?`, p.ID).
				Scan(&stored.Name, &stored.Role, &stored.Institution)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("participant %s: %w", p.ID, ErrNotFound)
			}
			if err != nil {
				return err
			}
			// A name or institution typed a little differently (case,
			// spaces) keeps the spelling stored.
			if PersonKey(p.Name) == PersonKey(stored.Name) {
				p.Name = stored.Name
			}
			if PersonKey(p.Institution) == PersonKey(stored.Institution) {
				p.Institution = stored.Institution
			}
			p.Name = cmp.Or(p.Name, stored.Name)
			p.Role = cmp.Or(p.Role, stored.Role)
			p.Institution = cmp.Or(p.Institution, stored.Institution)
		}
		if err := b.CleanAssessment(a); err != nil {
			return fmt.Errorf("start an assessment: %w", err)
		}
		if err := upsertParticipant(ctx, tx, p, a.Language, now); err != nil {
			return err
		}
		if err := bindKey(ctx, tx, n.Key, p.ID, formatTime(now)); err != nil {
			return err
		}
		if err := ensureWorkshop(ctx, tx, a.Workshop, now); err != nil {
			return err
		}
		_, err = insertAssessment(ctx, tx, a)
		return err
	})
	if err != nil {
		return nil, s.fail("start an assessment", err)
	}
	return a, nil
}

// nameKey is the form names are stored and matched in (PersonKey).
func nameKey(name string) string { return PersonKey(name) }

// execer runs a statement: a txer, or a preparedTx for many rows.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// rowQuerier runs a statement that returns a row: a txer or a preparedTx.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func upsertParticipant(ctx context.Context, tx execer, p *assessment.Participant, lang string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO participants (id, name, name_key, role, institution, language, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, role = excluded.role,
	institution = excluded.institution, language = excluded.language`,
		p.ID, p.Name, nameKey(p.Name), p.Role, p.Institution, lang, formatTime(now))
	return err
}

// ensureWorkshop creates a workshop named by an assessment, titled with its
// code, unless it exists.
func ensureWorkshop(ctx context.Context, tx execer, code string, now time.Time) error {
	if code == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO workshops (code, title, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
		code, code, formatTime(now))
	return err
}

// insertAssessment adds an assessment row and returns its seq.
func insertAssessment(ctx context.Context, tx rowQuerier, a *assessment.Assessment) (int64, error) {
	var seq int64
	err := tx.QueryRowContext(ctx, `INSERT INTO assessments (id, participant_id, role, workshop, bank_id, bank_version,
	mode, language, started_at, updated_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		a.ID, a.Participant.ID, a.Participant.Role, nullString(a.Workshop), a.Bank.ID, a.Bank.Version,
		a.Mode, a.Language, formatTime(a.StartedAt), formatTime(a.UpdatedAt), formatTimePtr(a.CompletedAt)).Scan(&seq)
	return seq, err
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// SaveAnswer stores one answer (replacing an earlier answer to the item) and
// marks the assessment updated, in one small transaction. The answer is
// cleaned and checked against the assessment's bank first: a wrong value is
// an error and is never stored.
func (s *Store) SaveAnswer(ctx context.Context, assessmentID string, a assessment.Answer) error {
	a = a.Clean()
	value, err := encodeValue(a.Value)
	if err != nil {
		return fmt.Errorf("assessment %s: item %q: %w", assessmentID, a.Item, err)
	}
	now := formatTime(s.now())
	saved, err := s.saveAnswerAtOnce(ctx, assessmentID, a, value, now)
	if !saved && err == nil {
		err = s.writeShared(ctx, func(tx txer) error {
			ctx := s.keyPress(ctx)
			seq, bi, err := s.touch(ctx, tx, assessmentID, now)
			if err != nil {
				return err
			}
			if err := bi.CheckAnswer(a); err != nil {
				return fmt.Errorf("assessment %s: %w", assessmentID, err)
			}
			_, err = tx.StmtContext(ctx, s.stmt.upsertAnswer).ExecContext(ctx,
				seq, a.Item, a.Status, value, a.Other, a.Note, a.Develop, now)
			return err
		})
	}
	if err != nil {
		return s.fail(fmt.Sprintf("save the answer to item %q of assessment %s", a.Item, assessmentID), err)
	}
	return nil
}

// keyPress is the context of a key press's statements on SQLite: a few
// statements on indexed rows, which run to their end once their
// transaction has begun (pinnedWriter.transact checks ctx before BEGIN and
// COMMIT). A context that can end costs the driver a goroutine per
// statement. On PostgreSQL a statement crosses the network and stays
// cancellable.
func (s *Store) keyPress(ctx context.Context) context.Context {
	if s.pinned == nil {
		return ctx
	}
	return context.WithoutCancel(ctx)
}

// saveAnswerAtOnce saves an answer in one statement where the dialect has
// one (statements.saveAnswer), checked against the bank its assessment was
// last seen on, else the current bank. It saves nothing, and says so, when
// the assessment is not on that bank, is not there, or has an odd time
// stamp: the transaction of SaveAnswer then finds out and explains.
func (s *Store) saveAnswerAtOnce(ctx context.Context, id string, a assessment.Answer, value any, now string) (bool, error) {
	if s.stmt.saveAnswer == nil || s.readOnly {
		return false, nil
	}
	ref := s.currentBank()
	if r, ok := s.assessmentBanks.Load(id); ok {
		ref = r.(assessment.BankRef)
	}
	bi, err := s.bank(ref)
	if err != nil || bi.CheckAnswer(a) != nil {
		return false, nil
	}
	saved := false
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	err = s.retry(ctx, func() error {
		var seq int64
		err := s.stmt.saveAnswer.QueryRowContext(ctx, id, a.Item, a.Status, value, a.Other, a.Note, a.Develop, now,
			now, ref.ID, ref.Version, pgWriteLock).Scan(&seq)
		saved = err == nil
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return saved, err
}

// Draft is a note or "develop" flag given to an item not answered yet.
type Draft struct {
	Note    string
	Develop bool
}

// SaveDraft keeps the note and flag of an item not answered yet, on their
// own: a note without an answer is still the user's words. An empty note
// without the flag removes the draft. Answering the item takes the draft's
// place (the answer carries its note and flag; a trigger removes the draft).
func (s *Store) SaveDraft(ctx context.Context, assessmentID, item string, d Draft) error {
	d.Note = assessment.CleanText(d.Note, false)
	if n := len([]rune(d.Note)); n > assessment.MaxNoteLen {
		return fmt.Errorf("assessment %s: item %q: the note has %d characters, at most %d are kept", assessmentID, item, n, assessment.MaxNoteLen)
	}
	now := formatTime(s.now())
	err := s.write(ctx, func(tx txer) error {
		ctx := s.keyPress(ctx)
		seq, bi, err := s.touch(ctx, tx, assessmentID, now)
		if err != nil {
			return err
		}
		if _, ok := bi.order[item]; !ok {
			return fmt.Errorf("assessment %s: item %q is not in bank %s", assessmentID, item, bi.ID)
		}
		if d == (Draft{}) {
			_, err = tx.ExecContext(ctx, `DELETE FROM drafts WHERE assessment = ? AND item = ?`, seq, item)
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO drafts (assessment, item, note, develop) VALUES (?, ?, ?, ?)
ON CONFLICT (assessment, item) DO UPDATE SET note = excluded.note, develop = excluded.develop`, seq, item, d.Note, d.Develop)
		return err
	})
	return s.fail(fmt.Sprintf("save the note on item %q of assessment %s", item, assessmentID), err)
}

// Drafts reads the notes and flags kept on items of an assessment not
// answered yet, by item.
func (s *Store) Drafts(ctx context.Context, assessmentID string) (map[string]Draft, error) {
	out := map[string]Draft{}
	err := s.read(ctx, func(tx txer) error {
		rows, err := tx.QueryContext(ctx, `SELECT d.item, d.note, d.develop FROM drafts d
JOIN assessments a ON a.seq = d.assessment WHERE a.id = ?`, assessmentID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var item string
			var d Draft
			if err := rows.Scan(&item, &d.Note, &d.Develop); err != nil {
				return err
			}
			d.Note = inert(d.Note)
			out[inert(item)] = d
		}
		return rows.Err()
	})
	if err != nil {
		return nil, s.fail("read the notes of assessment "+assessmentID, err)
	}
	return out, nil
}

// touch marks an assessment updated and returns its seq and bank.
func (s *Store) touch(ctx context.Context, tx txer, id, now string) (int64, *bankInfo, error) {
	var (
		seq     int64
		ref     assessment.BankRef
		updated string
	)
	err := tx.StmtContext(ctx, s.stmt.touch).QueryRowContext(ctx, id, now).Scan(&seq, &ref.ID, &ref.Version, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, fmt.Errorf("assessment %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return 0, nil, err
	}
	if updated != now { // the stored time is ahead of this clock: step just past it
		if err := bumpPast(ctx, tx, seq, updated, "updated_at"); err != nil {
			return 0, nil, err
		}
	}
	bi, err := s.bank(ref)
	if err != nil {
		return 0, nil, fmt.Errorf("assessment %s: %w", id, err)
	}
	s.rememberBank(id, ref)
	return seq, bi, nil
}

// ClearAnswer removes the answer to an item, leaving it open again.
func (s *Store) ClearAnswer(ctx context.Context, assessmentID, item string) error {
	now := formatTime(s.now())
	err := s.write(ctx, func(tx txer) error {
		ctx := s.keyPress(ctx)
		seq, _, err := s.touch(ctx, tx, assessmentID, now)
		if err != nil {
			return err
		}
		_, err = tx.StmtContext(ctx, s.stmt.deleteAnswer).ExecContext(ctx, seq, item)
		return err
	})
	return s.fail(fmt.Sprintf("clear the answer to item %q of assessment %s", item, assessmentID), err)
}

// SetLanguage changes the language an assessment is answered in (and the
// participant's language).
func (s *Store) SetLanguage(ctx context.Context, assessmentID, lang string) error {
	tag, err := language.Parse(lang)
	if err != nil {
		return fmt.Errorf("assessment %s: language %q is not a BCP 47 tag", assessmentID, lang)
	}
	now := formatTime(s.now())
	err = s.write(ctx, func(tx txer) error {
		var participant string
		err := tx.QueryRowContext(ctx, `UPDATE assessments SET language = ?, updated_at = ? WHERE id = ? RETURNING participant_id`,
			tag.String(), now, assessmentID).Scan(&participant)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("assessment %s: %w", assessmentID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE participants SET language = ? WHERE id = ?`, tag.String(), participant)
		return err
	})
	return s.fail("set the language of assessment "+assessmentID, err)
}

// Complete marks an assessment completed now. Answers may still be changed
// afterwards; completing again moves the time.
func (s *Store) Complete(ctx context.Context, assessmentID string) error {
	now := formatTime(s.now())
	err := s.write(ctx, func(tx txer) error {
		var seq int64
		var updated string
		err := tx.QueryRowContext(ctx, `UPDATE assessments SET completed_at = max(?1, updated_at), updated_at = max(?1, updated_at)
			WHERE id = ?2 RETURNING seq, updated_at`, now, assessmentID).Scan(&seq, &updated)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("assessment %s: %w", assessmentID, ErrNotFound)
		}
		if err != nil || updated == now {
			return err
		}
		return bumpPast(ctx, tx, seq, updated, "completed_at", "updated_at")
	})
	return s.fail("complete assessment "+assessmentID, err)
}

// bumpPast sets the given time columns one nanosecond past stored: times
// of an assessment only move forward, whatever this machine's clock says.
func bumpPast(ctx context.Context, tx txer, seq int64, stored string, columns ...string) error {
	t, err := parseTime(stored)
	if err != nil {
		return err
	}
	next := formatTime(t.Add(time.Nanosecond))
	for _, c := range columns {
		if _, err := tx.ExecContext(ctx, `UPDATE assessments SET `+c+` = ? WHERE seq = ?`, next, seq); err != nil {
			return err
		}
	}
	return nil
}

// mustAffect returns notFound when a statement changed no row.
func mustAffect(res sql.Result, notFound error) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound
	}
	return nil
}

// Assessment reads an assessment with its answers, in bank order.
func (s *Store) Assessment(ctx context.Context, id string) (*assessment.Assessment, error) {
	var a *assessment.Assessment
	err := s.read(ctx, func(tx txer) error {
		var err error
		a, err = s.assessment(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, s.fail("read assessment "+id, err)
	}
	return a, nil
}

func (s *Store) assessment(ctx context.Context, tx txer, id string) (*assessment.Assessment, error) {
	seq, a, err := scanAssessment(tx.QueryRowContext(ctx, `SELECT `+assessmentColumns+assessmentFrom+` WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("assessment %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	var l loaded
	l.add(seq, a)
	return a, s.loadAnswers(ctx, tx, l, `x.assessment = ?`, seq)
}
