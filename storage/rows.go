package storage

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/safe"
)

// Reading assessments and answers back from rows.

// assessmentColumns are what scanAssessment reads, from assessments a
// joined with participants p.
const assessmentColumns = `a.seq, a.id, a.participant_id, p.name, a.role, p.institution, a.workshop,
	a.bank_id, a.bank_version, a.mode, a.language, a.started_at, a.updated_at, a.completed_at`

const assessmentFrom = ` FROM assessments a JOIN participants p ON p.id = a.participant_id`

type scanner interface{ Scan(...any) error }

// scanAssessment reads an assessment and its seq, the key of its answers,
// its text made inert (inert.go).
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
	a.ID, a.Workshop = inert(a.ID), inert(workshop.String)
	inertParticipant(&a.Participant)
	a.Bank.ID, a.Bank.Version = inert(a.Bank.ID), inert(a.Bank.Version)
	a.Mode, a.Language = assessment.Mode(inert(string(a.Mode))), inert(a.Language)
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
func queryAssessments(ctx context.Context, tx txer, query string, args ...any) (loaded, error) {
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
func (s *Store) loadAnswers(ctx context.Context, tx txer, l loaded, cond string, args ...any) error {
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
func (s *Store) scanAnswers(ctx context.Context, tx txer, bySeq map[int64]*assessment.Assessment, cond string, args ...any) error {
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
		ans.Item, ans.Status = inert(ans.Item), assessment.Status(inert(string(ans.Status)))
		ans.Other, ans.Note = inert(ans.Other), inert(ans.Note)
		if value.Valid {
			if ans.Value, err = decodeValue(value.String); err != nil {
				return fmt.Errorf("assessment %s: item %q: bad value %s in the database: %w", cur.ID, ans.Item, safe.Excerpt(value.String, 40), err)
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

// decodeValue reads a stored value, its text made inert. Whole numbers and
// strings without escapes, nearly every value, skip the JSON decoder:
// exporting 10,000 assessments reads a million of them.
func decodeValue(s string) (assessment.Value, error) {
	if s == "" {
		return assessment.Value{}, fmt.Errorf("empty value")
	}
	switch c := s[0]; {
	case c == '"' && len(s) >= 2 && s[len(s)-1] == '"' && !strings.ContainsAny(s[1:len(s)-1], `"\`):
		return assessment.String(inertLines(s[1 : len(s)-1])), nil
	case c == '-' || c >= '0' && c <= '9':
		if n, err := strconv.Atoi(s); err == nil {
			return assessment.Number(n), nil
		}
	}
	var v assessment.Value
	err := json.Unmarshal([]byte(s), &v)
	return inertValue(v), err
}

// Reading many assessments: one query, one row per assessment, its answers
// (and, for an export, its drafts and plan) gathered into one text by the
// database. A million answer rows through database/sql cost more than the
// database's own work; a text per assessment, parsed here, does not.

// answersText is the answers of assessment a.seq as one text: per answer,
// its item, status, value (JSON), develop flag and the byte lengths of its
// other and note, each ended by a unit separator, then the other and note
// themselves; answers are separated by record separators. Free text is
// read by its length, so no character in it can split a record. Most
// answers have neither other nor note: their lengths are left empty, which
// saves the database a tenth of its work.
const answersText = `(SELECT group_concat(CASE WHEN x.other = '' AND x.note = ''
	THEN concat_ws(char(31), x.item, x.status, coalesce(x.value, ''), x.develop, '', '', '')
	ELSE concat_ws(char(31), x.item, x.status, coalesce(x.value, ''), x.develop,
		octet_length(x.other), octet_length(x.note), x.other || x.note) END, char(30))
	FROM answers x WHERE x.assessment = a.seq)`

// scoredText is answersText without what no score reads (the note and the
// develop flag, left empty): less for the database to gather for a group.
const scoredText = `(SELECT group_concat(concat_ws(char(31), x.item, x.status, coalesce(x.value, ''), '',
	octet_length(x.other), '', x.other), char(30))
	FROM answers x WHERE x.assessment = a.seq)`

// draftsText is the drafts of assessment a.seq alike: item, develop flag,
// byte length of the note, then the note.
const draftsText = `(SELECT group_concat(concat_ws(char(31), d.item, d.develop, octet_length(d.note), d.note), char(30))
	FROM drafts d WHERE d.assessment = a.seq)`

const planText = `(SELECT body FROM plans WHERE assessment = a.seq)`

// What eachStored reads of each assessment besides its answers' items,
// statuses, values and others (all a score needs).
type parts uint8

const (
	partNotes  parts = 1 << iota // the answers' notes and develop flags
	partExtras                   // drafts and plan
	partAll    = partNotes | partExtras
)

// eachStored calls fn on each assessment selected by where (a WHERE clause
// on assessments a, or ""), oldest first, with its answers in bank order
// and what parts asks for; one assessment is in memory at a time.
func (s *Store) eachStored(ctx context.Context, tx txer, what parts, fn func(int64, *assessment.Assessment) error, where string, args ...any) error {
	var p answerParser
	var row storedRow
	return s.eachRaw(ctx, tx, what, func() *storedRow { return &row }, func(r *storedRow) error {
		if err := p.parse(s, r); err != nil {
			return err
		}
		return fn(r.seq, r.a)
	}, where, args...)
}

// storedRow is one row of eachRaw's query: an assessment scanned, its
// answers, drafts and plan still as the database gathered them, in buffers
// of the row's own (reused when the row is).
type storedRow struct {
	seq             int64
	a               *assessment.Assessment
	extras          bool // drafts and plan were read
	answers, drafts []byte
	plan            sql.NullString
}

// eachRaw is eachStored without parsing the answers: fn gets a row, taken
// from next, to parse (answerParser.parse) here or in another goroutine;
// next may hand out a row again once it was parsed.
func (s *Store) eachRaw(ctx context.Context, tx txer, what parts, next func() *storedRow, fn func(r *storedRow) error, where string, args ...any) error {
	extras := what&partExtras != 0
	cols := assessmentColumns + `, ` + scoredText
	if what&partNotes != 0 {
		cols = assessmentColumns + `, ` + answersText
	}
	if extras {
		cols += `, ` + draftsText + `, ` + planText
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+cols+assessmentFrom+where+` ORDER BY a.started_at, a.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		answers, drafts sql.RawBytes
		plan            sql.NullString
	)
	dest := []any{&answers}
	if extras {
		dest = append(dest, &drafts, &plan)
	}
	for rows.Next() {
		seq, a, err := scanAssessment(scanFunc(func(d ...any) error { return rows.Scan(append(d, dest...)...) }))
		if err != nil {
			return err
		}
		r := next()
		r.seq, r.a, r.extras, r.plan = seq, a, extras, plan
		r.answers = append(r.answers[:0], answers...)
		r.drafts = append(r.drafts[:0], drafts...)
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// parse reads r's answers (and drafts and plan, if read) into r.a.
func (p *answerParser) parse(s *Store, r *storedRow) error {
	a := r.a
	bi, err := s.bank(a.Bank)
	if err != nil {
		return fmt.Errorf("assessment %s: %w", a.ID, err)
	}
	if a.Answers, err = p.answers(bi, r.answers); err != nil {
		return fmt.Errorf("assessment %s: %w", a.ID, err)
	}
	if !r.extras {
		return nil
	}
	if a.Drafts, err = p.drafts(bi, r.drafts); err != nil {
		return fmt.Errorf("assessment %s: %w", a.ID, err)
	}
	if r.plan.Valid {
		a.Plan = new(assessment.Plan)
		if err := json.Unmarshal([]byte(r.plan.String), a.Plan); err != nil {
			return fmt.Errorf("the plan of assessment %s: %w: %v", a.ID, ErrCorrupt, err)
		}
		inertPlan(a.Plan)
	}
	return nil
}

// answerParser reads answersText and draftsText; its buffers are reused
// from one assessment to the next.
type answerParser struct {
	read  []assessment.Answer // as read, in the database's order
	pos   []int               // their positions in the bank
	index []int               // bank position → index in read, or -1
	// reuse: the answers handed out are written over by the next
	// assessment's (out), for a caller done with each before the next.
	reuse bool
	out   []assessment.Answer
}

// answers parses one assessment's answers, put in bank order (items the
// bank does not know last, by id).
func (p *answerParser) answers(bi *bankInfo, text []byte) ([]assessment.Answer, error) {
	p.read, p.pos = p.read[:0], p.pos[:0]
	for rest := text; len(rest) > 0; {
		var f [6][]byte
		var err error
		if rest, err = fields(rest, f[:]); err != nil {
			return nil, fmt.Errorf("bad answer in the database: %w", err)
		}
		var free [2]string
		if rest, err = texts(rest, f[4], f[5], free[:]); err != nil {
			return nil, fmt.Errorf("bad answer in the database: %w", err)
		}
		pos, ok := bi.order[string(f[0])]
		var it *assessment.Item
		ans := assessment.Answer{Other: inert(free[0]), Note: inert(free[1]), Develop: len(f[3]) == 1 && f[3][0] == '1'}
		if ok {
			it = &bi.Items[pos]
			ans.Item = it.ID
		} else {
			ans.Item, pos = inert(string(f[0])), len(bi.Items)
		}
		switch string(f[1]) {
		case string(assessment.StatusAnswered):
			ans.Status = assessment.StatusAnswered
		case string(assessment.StatusNA):
			ans.Status = assessment.StatusNA
		case string(assessment.StatusUnknown):
			ans.Status = assessment.StatusUnknown
		default:
			ans.Status = assessment.Status(inert(string(f[1])))
		}
		if len(f[2]) > 0 {
			if ans.Value, err = valueOf(it, f[2]); err != nil {
				return nil, fmt.Errorf("item %q: bad value %s in the database: %w", ans.Item, safe.Excerpt(string(f[2]), 40), err)
			}
		}
		p.read = append(p.read, ans)
		p.pos = append(p.pos, pos)
	}
	return p.inBankOrder(len(bi.Items)), nil
}

// inBankOrder places the answers read by their bank positions: each item
// is answered once, so a slot per item sorts them without comparing.
func (p *answerParser) inBankOrder(items int) []assessment.Answer {
	if len(p.index) < items {
		p.index = slices.Repeat([]int{-1}, items)
	}
	out := p.out[:0]
	if !p.reuse {
		out = make([]assessment.Answer, 0, len(p.read))
	}
	var unknown []assessment.Answer
	for i, pos := range p.pos {
		if pos < items {
			p.index[pos] = i
		} else {
			unknown = append(unknown, p.read[i])
		}
	}
	for pos := range items {
		if i := p.index[pos]; i >= 0 {
			out = append(out, p.read[i])
			p.index[pos] = -1
		}
	}
	slices.SortFunc(unknown, func(x, y assessment.Answer) int { return strings.Compare(x.Item, y.Item) })
	out = append(out, unknown...)
	if p.reuse {
		p.out = out
	}
	return out
}

// drafts parses one assessment's drafts, by item.
func (p *answerParser) drafts(bi *bankInfo, text []byte) ([]assessment.Draft, error) {
	var out []assessment.Draft
	for rest := text; len(rest) > 0; {
		var f [3][]byte
		var err error
		if rest, err = fields(rest, f[:]); err != nil {
			return nil, fmt.Errorf("bad draft in the database: %w", err)
		}
		var note [1]string
		if rest, err = texts(rest, f[2], nil, note[:]); err != nil {
			return nil, fmt.Errorf("bad draft in the database: %w", err)
		}
		out = append(out, assessment.Draft{Item: inert(string(f[0])), Note: inert(note[0]), Develop: len(f[1]) == 1 && f[1][0] == '1'})
	}
	slices.SortFunc(out, func(x, y assessment.Draft) int { return strings.Compare(x.Item, y.Item) })
	return out, nil
}

// fields cuts len(f) fields, each ended by a unit separator, off text.
func fields(text []byte, f [][]byte) ([]byte, error) {
	for i := range f {
		end := bytes.IndexByte(text, 0x1f)
		if end < 0 {
			return nil, fmt.Errorf("%d fields of %d", i, len(f))
		}
		f[i], text = text[:end], text[end+1:]
	}
	return text, nil
}

// texts cuts the free texts of the byte lengths given (empty: none) off
// text, and the record separator after them.
func texts(text []byte, len1, len2 []byte, out []string) ([]byte, error) {
	for i, l := range [][]byte{len1, len2}[:len(out)] {
		n, ok := wholeNumber(l)
		if len(l) == 0 { // not read
			n, ok = 0, true
		}
		if !ok || n < 0 || n > len(text) {
			return nil, fmt.Errorf("text length %q", l)
		}
		if n > 0 {
			out[i] = string(text[:n])
		}
		text = text[n:]
	}
	switch {
	case len(text) == 0:
		return text, nil
	case text[0] == 0x1e:
		return text[1:], nil
	}
	return nil, fmt.Errorf("no record end")
}

// valueOf reads a stored value of item it (nil: not in the bank). Whole
// numbers and option ids, nearly every value, are read without the JSON
// decoder or a new string.
func valueOf(it *assessment.Item, b []byte) (assessment.Value, error) {
	if n, ok := wholeNumber(b); ok {
		return assessment.Number(n), nil
	}
	if it != nil && len(b) >= 2 {
		switch {
		case b[0] == '"' && b[len(b)-1] == '"':
			if id, ok := optionID(it, b[1:len(b)-1]); ok {
				return assessment.String(id), nil
			}
		case b[0] == '[' && b[len(b)-1] == ']':
			if ids, ok := optionIDs(it, b[1:len(b)-1]); ok {
				return assessment.List(ids), nil
			}
		}
	}
	return decodeValue(string(b))
}

// optionID is the bank's own string of an option id of it.
func optionID(it *assessment.Item, id []byte) (string, bool) {
	for _, o := range it.Options {
		if string(id) == o.ID {
			return o.ID, true
		}
	}
	return "", false
}

// optionIDs reads a list of option ids of it ("a","b"), each the bank's
// own string; anything else is left to the JSON decoder.
func optionIDs(it *assessment.Item, list []byte) ([]string, bool) {
	var ids [16]string
	out := ids[:0]
	for len(list) > 0 {
		end := bytes.IndexByte(list, ',')
		if end < 0 {
			end = len(list)
		}
		quoted := list[:end]
		if len(quoted) < 2 || quoted[0] != '"' || quoted[len(quoted)-1] != '"' {
			return nil, false
		}
		id, ok := optionID(it, quoted[1:len(quoted)-1])
		if !ok {
			return nil, false
		}
		out = append(out, id)
		list = list[min(end+1, len(list)):]
	}
	return out, true
}

// wholeNumber reads a small whole number written in decimal.
func wholeNumber(b []byte) (int, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}
