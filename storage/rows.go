package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/digint/digint/assessment"
)

// Reading assessments and answers back from rows.

// assessmentColumns are what scanAssessment reads, from assessments a
// joined with participants p.
const assessmentColumns = `a.id, a.participant_id, p.name, a.role, p.institution, a.workshop,
	a.bank_id, a.bank_version, a.mode, a.language, a.started_at, a.updated_at, a.completed_at`

const assessmentFrom = ` FROM assessments a JOIN participants p ON p.id = a.participant_id`

type scanner interface{ Scan(...any) error }

func scanAssessment(row scanner) (*assessment.Assessment, error) {
	var (
		a                   assessment.Assessment
		workshop, completed sql.NullString
		started, updated    string
	)
	err := row.Scan(&a.ID, &a.Participant.ID, &a.Participant.Name, &a.Participant.Role, &a.Participant.Institution,
		&workshop, &a.Bank.ID, &a.Bank.Version, &a.Mode, &a.Language, &started, &updated, &completed)
	if err != nil {
		return nil, err
	}
	a.Workshop = workshop.String
	if a.StartedAt, err = parseTime(started); err != nil {
		return nil, fmt.Errorf("assessment %s: %w", a.ID, err)
	}
	if a.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, fmt.Errorf("assessment %s: %w", a.ID, err)
	}
	if a.CompletedAt, err = parseTimePtr(completed); err != nil {
		return nil, fmt.Errorf("assessment %s: %w", a.ID, err)
	}
	a.Answers = []assessment.Answer{}
	return &a, nil
}

// queryAssessments runs a query selecting assessmentColumns.
func queryAssessments(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]*assessment.Assessment, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*assessment.Assessment
	for rows.Next() {
		a, err := scanAssessment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// answerColumns are what scanAnswer reads, from answers x.
const answerColumns = `x.assessment_id, x.item, x.status, x.value, x.other, x.note, x.develop`

// loadAnswers fills in the answers of the assessments, with one query whose
// condition (on answers x) selects them all, and sorts each in bank order.
func (s *Store) loadAnswers(ctx context.Context, tx *sql.Tx, as []*assessment.Assessment, cond string, args ...any) error {
	if err := s.scanAnswers(ctx, tx, as, cond, args...); err != nil {
		return err
	}
	for _, a := range as {
		bi, err := s.bank(a.Bank)
		if err != nil {
			return fmt.Errorf("assessment %s: %w", a.ID, err)
		}
		bi.sortAnswers(a.Answers)
	}
	return nil
}

// scanAnswers appends the answers selected by cond to their assessments;
// answers of assessments not in as are passed over.
func (s *Store) scanAnswers(ctx context.Context, tx *sql.Tx, as []*assessment.Assessment, cond string, args ...any) error {
	if len(as) == 0 {
		return nil
	}
	byID := make(map[string]*assessment.Assessment, len(as))
	for _, a := range as {
		byID[a.ID] = a
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+answerColumns+` FROM answers x WHERE `+cond, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		id    string
		value sql.NullString
		cur   *assessment.Assessment
	)
	for rows.Next() {
		var ans assessment.Answer
		if err := rows.Scan(&id, &ans.Item, &ans.Status, &value, &ans.Other, &ans.Note, &ans.Develop); err != nil {
			return err
		}
		if cur == nil || cur.ID != id {
			if cur = byID[id]; cur == nil {
				continue
			}
		}
		if value.Valid {
			if ans.Value, err = decodeValue(value.String); err != nil {
				return fmt.Errorf("assessment %s: item %q: bad value %s in the database: %w", id, ans.Item, value.String, err)
			}
		}
		cur.Answers = append(cur.Answers, ans)
	}
	return rows.Err()
}

// encodeValue is a value as stored: JSON text, or NULL when there is none.
func encodeValue(v assessment.Value) (any, error) {
	if v.IsZero() {
		return nil, nil
	}
	b, err := v.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// decodeValue reads a stored value. Whole numbers and strings without
// escapes, nearly every value, skip the JSON decoder: exporting 10,000
// assessments reads a million of them.
func decodeValue(s string) (assessment.Value, error) {
	if s == "" {
		return assessment.Value{}, fmt.Errorf("empty value")
	}
	switch c := s[0]; {
	case c == '"' && len(s) >= 2 && s[len(s)-1] == '"' && !strings.ContainsAny(s[1:len(s)-1], `"\`):
		return assessment.String(s[1 : len(s)-1]), nil
	case c == '-' || c >= '0' && c <= '9':
		if n, err := strconv.Atoi(s); err == nil {
			return assessment.Number(n), nil
		}
	}
	var v assessment.Value
	err := json.Unmarshal([]byte(s), &v)
	return v, err
}
