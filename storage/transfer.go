package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/digint/digint/assessment"
)

// Selection says what to export; the assessments named by any field are
// exported (a union), each once.
type Selection struct {
	IDs         []string
	Participant string // all of this person's assessments
	Workshop    string // all of this workshop's assessments
	All         bool
}

// Export makes a document of the selected assessments, oldest first, with
// their results computed afresh. An id, participant or workshop that is not
// stored is an error naming it.
func (s *Store) Export(ctx context.Context, sel Selection) (*assessment.Document, error) {
	var c conditions
	switch {
	case sel.All:
	case len(sel.IDs) == 0 && sel.Participant == "" && sel.Workshop == "":
		return nil, errors.New("export: nothing selected")
	default:
		if len(sel.IDs) > 0 {
			c.add(inList, jsonList(sel.IDs))
		}
		if sel.Participant != "" {
			c.add(`a.participant_id = ?`, sel.Participant)
		}
		if sel.Workshop != "" {
			c.add(`a.workshop = ?`, sel.Workshop)
		}
	}
	var as []*assessment.Assessment
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := checkSelection(ctx, tx, sel); err != nil {
			return err
		}
		var err error
		where := c.sql("OR")
		as, err = queryAssessments(ctx, tx, `SELECT `+assessmentColumns+assessmentFrom+where+` ORDER BY a.started_at, a.id`, c.args...)
		if err != nil {
			return err
		}
		// The answers of all of them in one query, not one per assessment.
		if sel.All {
			return s.loadAnswers(ctx, tx, as, `1`)
		}
		return s.loadAnswers(ctx, tx, as, `x.assessment_id IN (SELECT a.id FROM assessments a`+where+`)`, c.args...)
	})
	if err != nil {
		return nil, s.fail("export", err)
	}
	d, err := assessment.NewDocument(s.cat, as, s.now())
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return d, nil
}

// checkSelection fails on the first id, participant or workshop of sel that
// is not stored.
func checkSelection(ctx context.Context, tx *sql.Tx, sel Selection) error {
	if len(sel.IDs) > 0 {
		var missing sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT j.value FROM json_each(?) j
	WHERE NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = j.value) ORDER BY j.key LIMIT 1`, jsonList(sel.IDs)).Scan(&missing)
		if err == nil {
			return fmt.Errorf("export: assessment %s: %w", missing.String, ErrNotFound)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	for _, check := range []struct{ what, table, column, value string }{
		{"participant", "participants", "id", sel.Participant},
		{"workshop", "workshops", "code", sel.Workshop},
	} {
		if check.value == "" {
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+check.table+` WHERE `+check.column+` = ?`, check.value).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("export: %s %s: %w", check.what, check.value, ErrNotFound)
		}
	}
	return nil
}

// ImportReport tells what an import did.
type ImportReport struct {
	File    string
	Added   int // new assessments
	Updated int // stored ones replaced by a newer version
	Skipped int // stored already, and not older than the file's
}

// Import reads a document and stores its assessments in one transaction:
// an assessment already stored is replaced, answers and all, only when the
// file's is newer (updated_at); participants are updated with it; unknown
// workshops are created, titled with their code. An error anywhere imports
// nothing and names the file (name), the assessment and the item.
func (s *Store) Import(ctx context.Context, name string, r io.Reader) (ImportReport, error) {
	rep := ImportReport{File: name}
	doc, err := assessment.Decode(r, s.cat)
	if err != nil {
		return rep, fmt.Errorf("%s: %w", name, err)
	}
	now := s.now()
	placed := false // the error names its assessment
	err = s.write(ctx, func(tx *sql.Tx) error {
		rep = ImportReport{File: name} // a retry starts over
		im, err := newImporter(ctx, tx)
		if err != nil {
			return err
		}
		defer im.close()
		for n := range doc.Assessments {
			a := &doc.Assessments[n].Assessment
			done, err := im.put(ctx, tx, a, now)
			if err != nil {
				placed = true
				return fmt.Errorf("%s: assessment %d (%s): %w", name, n+1, a.ID, explain(s.path, "", err))
			}
			switch done {
			case added:
				rep.Added++
			case updated:
				rep.Updated++
			default:
				rep.Skipped++
			}
		}
		return nil
	})
	if err != nil && !placed {
		err = s.fail(name+": import", err)
	}
	if err != nil {
		return ImportReport{File: name}, err
	}
	return rep, nil
}

// importer holds the statements of one import transaction.
type importer struct {
	updatedAt, update, deleteAnswers, insertAnswer *sql.Stmt
}

func newImporter(ctx context.Context, tx *sql.Tx) (*importer, error) {
	im := &importer{}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&im.updatedAt, `SELECT updated_at FROM assessments WHERE id = ?`},
		{&im.update, `UPDATE assessments SET participant_id = ?2, role = ?3, workshop = ?4, bank_id = ?5,
	bank_version = ?6, mode = ?7, language = ?8, started_at = ?9, updated_at = ?10, completed_at = ?11 WHERE id = ?1`},
		{&im.deleteAnswers, `DELETE FROM answers WHERE assessment_id = ?`},
		{&im.insertAnswer, `INSERT INTO answers (assessment_id, item, status, value, other, note, develop, answered_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?)`},
	} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			im.close()
			return nil, err
		}
		*p.stmt = st
	}
	return im, nil
}

func (im *importer) close() {
	for _, st := range []*sql.Stmt{im.updatedAt, im.update, im.deleteAnswers, im.insertAnswer} {
		if st != nil {
			st.Close()
		}
	}
}

type outcome int

const (
	added outcome = iota
	updated
	skipped
)

// put stores one decoded (so checked and cleaned) assessment.
func (im *importer) put(ctx context.Context, tx *sql.Tx, a *assessment.Assessment, now time.Time) (outcome, error) {
	var stored string
	err := im.updatedAt.QueryRowContext(ctx, a.ID).Scan(&stored)
	exists := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	updatedAt := formatTime(a.UpdatedAt)
	if exists && stored >= updatedAt { // fixed-width UTC text: text order is time order
		return skipped, nil
	}
	if err := upsertParticipant(ctx, tx, &a.Participant, a.Language, now); err != nil {
		return 0, err
	}
	if err := ensureWorkshop(ctx, tx, a.Workshop, now); err != nil {
		return 0, err
	}
	done := added
	if exists {
		done = updated
		if _, err := im.update.ExecContext(ctx, a.ID, a.Participant.ID, a.Participant.Role, nullString(a.Workshop),
			a.Bank.ID, a.Bank.Version, a.Mode, a.Language, formatTime(a.StartedAt), updatedAt, formatTimePtr(a.CompletedAt)); err != nil {
			return 0, err
		}
		if _, err := im.deleteAnswers.ExecContext(ctx, a.ID); err != nil {
			return 0, err
		}
	} else if err := insertAssessment(ctx, tx, a); err != nil {
		return 0, err
	}
	// A document has no time per answer: the assessment's update time
	// stands for all.
	for _, ans := range a.Answers {
		value, err := encodeValue(ans.Value)
		if err == nil {
			_, err = im.insertAnswer.ExecContext(ctx, a.ID, ans.Item, ans.Status, value, ans.Other, ans.Note, ans.Develop, updatedAt)
		}
		if err != nil {
			return 0, fmt.Errorf("item %q: %w", ans.Item, err)
		}
	}
	return done, nil
}
