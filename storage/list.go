package storage

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/safe"
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
	Completed   bool // completed

	// A page of the list: Limit (0: no limit) assessments after the first
	// Offset.
	Limit, Offset int
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

func (f Filter) conditions() conditions {
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
	if f.Completed {
		c.add(`a.completed_at IS NOT NULL`)
	}
	return c
}

// List lists assessments, the most recently updated first.
func (s *Store) List(ctx context.Context, f Filter) ([]Summary, error) {
	var out []Summary
	err := s.Each(ctx, f, func(sum Summary) error {
		out = append(out, sum)
		return nil
	})
	return out, err
}

// Each calls fn on each assessment List would list, in the same order, as
// it is read: one summary in memory at a time, whatever the database holds.
func (s *Store) Each(ctx context.Context, f Filter, fn func(Summary) error) error {
	err := s.read(ctx, func(tx txer) error { return s.summaries(ctx, tx, f, fn) })
	if err != nil {
		return s.fail("list assessments", err)
	}
	return nil
}

// Count counts the assessments List would list, ignoring Limit and Offset.
func (s *Store) Count(ctx context.Context, f Filter) (int, error) {
	c := f.conditions()
	var n int
	err := s.read(ctx, func(tx txer) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM assessments a`+c.sql("AND"), c.args...).Scan(&n)
	})
	if err != nil {
		return 0, s.fail("count assessments", err)
	}
	return n, nil
}

// summaryColumns are assessmentColumns with, gathered by SQLite, the ids
// of the items answered and the answers to the gates listed in the first
// parameter (item, status and value split by unit separators, answers by
// record separators).
const summaryColumns = assessmentColumns + `,
	(SELECT group_concat(x.item, ' ') FROM answers x WHERE x.assessment = a.seq),
	(SELECT group_concat(x.item || char(31) || x.status || char(31) || coalesce(x.value, ''), char(30)) FROM answers x
		WHERE x.assessment = a.seq AND x.item IN (SELECT value FROM json_each(?)))`

// summaries reads the assessments matching f, each with the ids of the
// items it answered and its answers to the gates (which decide the sections
// pursued), both gathered by SQLite: no answer row reaches Go.
func (s *Store) summaries(ctx context.Context, tx txer, f Filter, fn func(Summary) error) error {
	query, args := listQuery(f, jsonList(s.gates()))
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	gateAnswers := map[string]assessment.Answer{} // reused: read afresh for each row
	for rows.Next() {
		var answered, gated sql.NullString
		_, a, err := scanAssessment(scanFunc(func(dest ...any) error {
			return rows.Scan(append(dest, &answered, &gated)...)
		}))
		if err != nil {
			return err
		}
		bi, err := s.bank(a.Bank)
		if err != nil {
			return fmt.Errorf("assessment %s: %w", a.ID, err)
		}
		if err := decodeGates(gated.String, gateAnswers); err != nil {
			return fmt.Errorf("assessment %s: %w", a.ID, err)
		}
		sum := Summary{ID: a.ID, Participant: a.Participant, Mode: a.Mode, Workshop: a.Workshop,
			Language: a.Language, StartedAt: a.StartedAt, UpdatedAt: a.UpdatedAt, CompletedAt: a.CompletedAt}
		sum.Asked, sum.Answered = bi.progress(a.Mode, gateAnswers, answered.String)
		if err := fn(sum); err != nil {
			return err
		}
	}
	return rows.Err()
}

// listQuery is the query of the summaries f selects, most recently
// updated first, and its arguments; gates is the JSON list of gate items.
func listQuery(f Filter, gates string) (string, []any) {
	c := f.conditions()
	page := ""
	if f.Limit > 0 {
		page = fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	if f.Offset > 0 {
		page = cmp.Or(page, " LIMIT -1") + fmt.Sprintf(" OFFSET %d", f.Offset)
	}
	if f.Limit > 0 && len(c.where) == 0 { // a page of them all
		return mergedPage(gates, page)
	}
	query := `SELECT ` + summaryColumns + assessmentFrom + c.sql("AND") + ` ORDER BY a.updated_at DESC, a.id` + page
	return query, append([]any{gates}, c.args...)
}

// mergedPage is the query of a page of the whole list, unfinished and
// completed together: each is read in order from its own index (assessments_unfinished,
// assessments_completed) and the two are merged, up to the page's end. A
// single ordered SELECT sorts every assessment before the first row: a
// page of 100,000 cost 0.2 s, where this costs what a page of 100 does.
func mergedPage(gates, page string) (string, []any) {
	branch := func(state string) string { return `SELECT ` + summaryColumns + assessmentFrom + ` WHERE ` + state }
	query := branch(`a.completed_at IS NULL`) + ` UNION ALL ` + branch(`a.completed_at IS NOT NULL`) +
		fmt.Sprintf(` ORDER BY %d DESC, %d`, columnNumber("a.updated_at"), columnNumber("a.id")) + page
	return query, []any{gates, gates}
}

// columnNumber is the position (from 1) of column in assessmentColumns:
// a compound SELECT is ordered by position, the one way both dialects
// name its columns.
func columnNumber(column string) int {
	for i, c := range strings.Split(assessmentColumns, ",") {
		if strings.TrimSpace(c) == column {
			return i + 1
		}
	}
	panic("storage: no column " + column + " in assessmentColumns")
}

// gates are the ids of the gate items of every bank in the catalog.
func (s *Store) gates() []string {
	var out []string
	for _, b := range s.cat.Banks() {
		for _, sec := range b.Sections {
			if sec.Gate != "" && !slices.Contains(out, sec.Gate) {
				out = append(out, sec.Gate)
			}
		}
	}
	return out
}

// decodeGates reads the answers to gates as summaryColumns has them into
// out, emptied first.
func decodeGates(s string, out map[string]assessment.Answer) error {
	clear(out)
	if s == "" {
		return nil
	}
	for rec := range strings.SplitSeq(s, "\x1e") {
		item, rest, _ := strings.Cut(rec, "\x1f")
		status, value, ok := strings.Cut(rest, "\x1f")
		if !ok {
			return fmt.Errorf("bad gate answer %q in the database", rec)
		}
		a := assessment.Answer{Item: item, Status: assessment.Status(status)}
		if value != "" {
			v, err := decodeValue(value)
			if err != nil {
				return fmt.Errorf("item %q: bad value %s in the database: %w", item, safe.Excerpt(value, 40), err)
			}
			a.Value = v
		}
		out[item] = a
	}
	return nil
}

type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

// progress counts the items asked in the pursued sections (and the gates)
// and how many of them have an answer; gates holds the answers to gates,
// answered the ids of every item answered, separated by spaces.
func (bi *bankInfo) progress(mode assessment.Mode, gates map[string]assessment.Answer, answered string) (asked, done int) {
	return bi.tally(mode).progress(bi.Bank, gates, answered)
}

// progressTally is what progress needs of a bank in one mode, worked out
// once: a list of many thousands counts with it, not the bank's items.
type progressTally struct {
	sections []string       // the bank's sections, in order
	askedIn  []int          // per section: items asked, not optional, not its gate
	gates    int            // gates asked (they always count)
	item     map[string]int // an item asked, not optional → its section, or -1 for a gate
}

var tallies sync.Map // tallyKey → *progressTally

type tallyKey struct {
	bank *assessment.Bank
	mode assessment.Mode
}

func (bi *bankInfo) tally(mode assessment.Mode) *progressTally {
	key := tallyKey{bi.Bank, mode}
	if t, ok := tallies.Load(key); ok {
		return t.(*progressTally)
	}
	t := &progressTally{askedIn: make([]int, len(bi.Sections)), item: map[string]int{}}
	index := map[string]int{}
	for i, sec := range bi.Sections {
		t.sections = append(t.sections, sec.ID)
		index[sec.ID] = i
	}
	for _, it := range bi.asked[mode] {
		switch {
		case it.Optional():
		case it.IsGate():
			t.gates++
			t.item[it.ID] = -1
		default:
			if i, ok := index[it.Section]; ok {
				t.askedIn[i]++
				t.item[it.ID] = i
			}
		}
	}
	tallies.Store(key, t)
	return t
}

func (t *progressTally) progress(b *assessment.Bank, gates map[string]assessment.Answer, answered string) (asked, done int) {
	var buf [8]bool
	pursued := buf[:0]
	asked = t.gates
	for i, sec := range t.sections {
		p := b.Pursued(sec, gates)
		pursued = append(pursued, p)
		if p {
			asked += t.askedIn[i]
		}
	}
	for id := range strings.FieldsSeq(answered) {
		if i, ok := t.item[id]; ok && (i < 0 || pursued[i]) {
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
		if (!pursued[it.Section] && !it.IsGate()) || it.Optional() {
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
	err := s.read(ctx, func(tx txer) error {
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
	err := s.read(ctx, func(tx txer) error {
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
			inertParticipant(&p)
			out = append(out, p)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, s.fail("find participants", err)
	}
	return out, nil
}
