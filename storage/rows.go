package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/digint/digint/assessment"
)

// Reading assessments and answers back from rows.

// assessmentColumns are what scanAssessment reads, from assessments a
// joined with participants p.
const assessmentColumns = `a.seq, a.id, a.participant_id, p.name, a.role, p.institution, a.workshop,
	a.bank_id, a.bank_version, a.mode, a.language, a.started_at, a.updated_at, a.completed_at`

const assessmentFrom = ` FROM assessments a JOIN participants p ON p.id = a.participant_id`

type scanner interface{ Scan(...any) error }

// scanAssessment reads an assessment and its seq, the key of its answers.
func scanAssessment(row scanner) (int64, *assessment.Assessment, error) {
	var (
		seq                 int64
		a                   assessment.Assessment
		workshop, completed sql.NullString
		started, updated    string
	)
	err := row.Scan(&seq, &a.ID, &a.Participant.ID, &a.Participant.Name, &a.Participant.Role, &a.Participant.Institution,
		&workshop, &a.Bank.ID, &a.Bank.Version, &a.Mode, &a.Language, &started, &updated, &completed)
	if err != nil {
		return 0, nil, err
	}
	a.Workshop = workshop.String
	if a.StartedAt, err = readTime(started); err != nil {
		return 0, nil, fmt.Errorf("assessment %s: %w", a.ID, err)
	}
	if a.UpdatedAt, err = readTime(updated); err != nil {
		return 0, nil, fmt.Errorf("assessment %s: %w", a.ID, err)
	}
	if completed.Valid {
		t, err := readTime(completed.String)
		if err != nil {
			return 0, nil, fmt.Errorf("assessment %s: %w", a.ID, err)
		}
		a.CompletedAt = &t
	}
	a.Answers = []assessment.Answer{}
	return seq, &a, nil
}

// readTime reads a stored time stamp, also one past the year 9999 (which
// RFC 3339 cannot spell, but formatTime writes: older digints imported
// such years), so one absurd row does not stop a list of all the others.
func readTime(s string) (time.Time, error) {
	t, err := parseTime(s)
	if err == nil {
		return t, nil
	}
	year, rest, ok := strings.Cut(s, "-")
	y, yerr := strconv.Atoi(year)
	if !ok || len(year) <= 4 || yerr != nil {
		return time.Time{}, err
	}
	t, perr := parseTime("2000-" + rest)
	if perr != nil {
		return time.Time{}, err
	}
	return t.AddDate(y-2000, 0, 0), nil
}

// loaded are assessments read, in order and by seq.
type loaded struct {
	list  []*assessment.Assessment
	bySeq map[int64]*assessment.Assessment
}

func (l *loaded) add(seq int64, a *assessment.Assessment) {
	if l.bySeq == nil {
		l.bySeq = map[int64]*assessment.Assessment{}
	}
	l.list = append(l.list, a)
	l.bySeq[seq] = a
}

// queryAssessments runs a query selecting assessmentColumns.
func queryAssessments(ctx context.Context, tx *sql.Tx, query string, args ...any) (loaded, error) {
	var l loaded
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return l, err
	}
	defer rows.Close()
	for rows.Next() {
		seq, a, err := scanAssessment(rows)
		if err != nil {
			return l, err
		}
		l.add(seq, a)
	}
	return l, rows.Err()
}

// answerColumns are what scanAnswers reads, from answers x.
const answerColumns = `x.assessment, x.item, x.status, x.value, x.other, x.note, x.develop`

// loadAnswers fills in the answers of the assessments, with one query whose
// condition (on answers x) selects them all, and sorts each in bank order.
func (s *Store) loadAnswers(ctx context.Context, tx *sql.Tx, l loaded, cond string, args ...any) error {
	if err := s.scanAnswers(ctx, tx, l.bySeq, cond, args...); err != nil {
		return err
	}
	for _, a := range l.list {
		bi, err := s.bank(a.Bank)
		if err != nil {
			return fmt.Errorf("assessment %s: %w", a.ID, err)
		}
		bi.sortAnswers(a.Answers)
	}
	return nil
}

// scanAnswers appends the answers selected by cond to their assessments;
// answers of other assessments are passed over.
func (s *Store) scanAnswers(ctx context.Context, tx *sql.Tx, bySeq map[int64]*assessment.Assessment, cond string, args ...any) error {
	if len(bySeq) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+answerColumns+` FROM answers x WHERE `+cond, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		seq, last int64 = 0, -1
		value     sql.NullString
		cur       *assessment.Assessment
	)
	for rows.Next() {
		var ans assessment.Answer
		if err := rows.Scan(&seq, &ans.Item, &ans.Status, &value, &ans.Other, &ans.Note, &ans.Develop); err != nil {
			return err
		}
		if seq != last { // rows come grouped by assessment (the key's order)
			cur, last = bySeq[seq], seq
		}
		if cur == nil {
			continue
		}
		if value.Valid {
			if ans.Value, err = decodeValue(value.String); err != nil {
				return fmt.Errorf("assessment %s: item %q: bad value %s in the database: %w", cur.ID, ans.Item, value.String, err)
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
