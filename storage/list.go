package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/digint/digint/assessment"
)

// Summary is an assessment as listed, without its answers.
type Summary struct {
	ID          string                 `json:"id"`
	Participant assessment.Participant `json:"participant"`
	Mode        assessment.Mode        `json:"mode"`
	Workshop    string                 `json:"workshop,omitempty"`
	Language    string                 `json:"language"`
	StartedAt   time.Time              `json:"started_at"`
	UpdatedAt   time.Time              `json:"updated_at"`
	CompletedAt *time.Time             `json:"completed_at"`
	// Asked counts the items the person is asked: those of bank.Asked(mode)
	// in the sections they pursue, and the gates (as the results' counts
	// do). Answered counts those with an answer of any status; not
	// applicable and don't know count as answered here. Answered == Asked
	// exactly when ResumeAt has nothing left.
	Answered int `json:"answered"`
	Asked    int `json:"asked"`
}

// Filter selects assessments to list; set fields must all match.
type Filter struct {
	IDs         []string
	Participant string
	Workshop    string
	Unfinished  bool // not completed
}

// conditions builds a WHERE clause on assessments a.
type conditions struct {
	where []string
	args  []any
}

func (c *conditions) add(cond string, args ...any) {
	c.where = append(c.where, cond)
	c.args = append(c.args, args...)
}

func (c *conditions) sql(join string) string {
	if len(c.where) == 0 {
		return ""
	}
	return " WHERE (" + strings.Join(c.where, ") "+join+" (") + ")"
}

// jsonList passes a list of strings as one parameter, for json_each.
func jsonList(ids []string) string {
	b, _ := json.Marshal(ids) // strings always marshal
	return string(b)
}

const inList = `a.id IN (SELECT value FROM json_each(?))`

// List lists assessments, the most recently updated first.
func (s *Store) List(ctx context.Context, f Filter) ([]Summary, error) {
	var c conditions
	if f.IDs != nil {
		c.add(inList, jsonList(f.IDs))
	}
	if f.Participant != "" {
		c.add(`a.participant_id = ?`, f.Participant)
	}
	if f.Workshop != "" {
		c.add(`a.workshop = ?`, f.Workshop)
	}
	if f.Unfinished {
		c.add(`a.completed_at IS NULL`)
	}
	var out []Summary
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = s.summaries(ctx, tx, c)
		return err
	})
	if err != nil {
		return nil, s.fail("list assessments", err)
	}
	return out, nil
}

// summaries reads the assessments matching c with the items they answered
// (one row each) and, in a second query, their answers to gates, which
// decide the sections pursued.
func (s *Store) summaries(ctx context.Context, tx *sql.Tx, c conditions) ([]Summary, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+assessmentColumns+`,
	(SELECT group_concat(x.item, ' ') FROM answers x WHERE x.assessment = a.seq)`+
		assessmentFrom+c.sql("AND")+` ORDER BY a.updated_at DESC, a.id`, c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var (
		l     loaded
		items []string
		seqs  []int64
		gates = map[string]bool{}
	)
	for rows.Next() {
		var answered sql.NullString
		seq, a, err := scanAssessment(scanFunc(func(dest ...any) error {
			return rows.Scan(append(dest, &answered)...)
		}))
		if err != nil {
			return nil, err
		}
		bi, err := s.bank(a.Bank)
		if err != nil {
			return nil, fmt.Errorf("assessment %s: %w", a.ID, err)
		}
		for _, sec := range bi.Sections {
			if sec.Gate != "" {
				gates[sec.Gate] = true
			}
		}
		l.add(seq, a)
		seqs = append(seqs, seq)
		items = append(items, answered.String)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	// The answers to gates join the assessments' (empty) answer lists.
	if len(gates) > 0 && len(seqs) > 0 {
		seqList, _ := json.Marshal(seqs)
		if err := s.scanAnswers(ctx, tx, l.bySeq, `x.assessment IN (SELECT value FROM json_each(?)) AND x.item IN (SELECT value FROM json_each(?))`,
			string(seqList), jsonList(slices.Sorted(maps.Keys(gates)))); err != nil {
			return nil, err
		}
	}
	out := make([]Summary, len(l.list))
	for i, a := range l.list {
		bi, _ := s.bank(a.Bank) // found above
		out[i] = Summary{ID: a.ID, Participant: a.Participant, Mode: a.Mode, Workshop: a.Workshop,
			Language: a.Language, StartedAt: a.StartedAt, UpdatedAt: a.UpdatedAt, CompletedAt: a.CompletedAt}
		out[i].Asked, out[i].Answered = bi.progress(a.Mode, assessment.Index(a.Answers), strings.Fields(items[i]))
	}
	return out, nil
}

type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

// progress counts the items asked in the pursued sections (and the gates)
// and how many of them have an answer; gates holds the answers to gates,
// answered the ids of every item answered.
func (bi *bankInfo) progress(mode assessment.Mode, gates map[string]assessment.Answer, answered []string) (asked, done int) {
	pursued := make(map[string]bool, len(bi.Sections))
	for _, sec := range bi.Sections {
		pursued[sec.ID] = bi.Pursued(sec.ID, gates)
	}
	counts := func(it *assessment.Item) bool { return pursued[it.Section] || it.IsGate() }
	for _, it := range bi.asked[mode] {
		if counts(it) {
			asked++
		}
	}
	for _, id := range answered {
		if it := bi.askedItem[mode][id]; it != nil && counts(it) {
			done++
		}
	}
	return asked, done
}

// ResumeAt is the item to resume an assessment at: the first item asked, in
// bank order, that has no answer, skipping the sections whose gate says they
// are not pursued. It is "" when nothing is left.
func (s *Store) ResumeAt(ctx context.Context, id string) (string, error) {
	a, err := s.Assessment(ctx, id)
	if err != nil {
		return "", err
	}
	bi, err := s.bank(a.Bank)
	if err != nil {
		return "", fmt.Errorf("assessment %s: %w", id, err)
	}
	answers := assessment.Index(a.Answers)
	pursued := map[string]bool{}
	for _, sec := range bi.Sections {
		pursued[sec.ID] = bi.Pursued(sec.ID, answers)
	}
	for _, it := range bi.asked[a.Mode] {
		if !pursued[it.Section] && !it.IsGate() {
			continue
		}
		if _, ok := answers[it.ID]; !ok {
			return it.ID, nil
		}
	}
	return "", nil
}

// Previous is the same participant's latest completed assessment started
// before a, to show progress; nil when there is none.
func (s *Store) Previous(ctx context.Context, a *assessment.Assessment) (*assessment.Assessment, error) {
	var prev *assessment.Assessment
	err := s.read(ctx, func(tx *sql.Tx) error {
		var id string
		err := tx.QueryRowContext(ctx, `SELECT id FROM assessments WHERE participant_id = ? AND id <> ?
	AND completed_at IS NOT NULL AND started_at < ? ORDER BY started_at DESC, id DESC LIMIT 1`,
			a.Participant.ID, a.ID, formatTime(a.StartedAt)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		prev, err = s.assessment(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, s.fail("find the assessment before "+a.ID, err)
	}
	return prev, nil
}

// FindParticipants finds the people of that name, ignoring case, the most
// recently active first.
func (s *Store) FindParticipants(ctx context.Context, name string) ([]assessment.Participant, error) {
	key := nameKey(name)
	if key == "" {
		return nil, nil
	}
	var out []assessment.Participant
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT p.id, p.name, p.role, p.institution FROM participants p
	WHERE p.name_key = ?
	ORDER BY (SELECT max(a.updated_at) FROM assessments a WHERE a.participant_id = p.id) DESC NULLS LAST, p.created_at DESC, p.id`, key)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p assessment.Participant
			if err := rows.Scan(&p.ID, &p.Name, &p.Role, &p.Institution); err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, s.fail("find participants", err)
	}
	return out, nil
}
