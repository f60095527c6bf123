package assessment

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/digint/digint/assessment/safe"
)

// Mode is how much of the bank an assessment asks.
type Mode string

const (
	ModeFull  Mode = "full"
	ModeQuick Mode = "quick"
)

// Status says whether an item was answered, or why not. Not applicable and
// don't know stay out of every average: they are never a zero.
type Status string

const (
	StatusAnswered Status = "answered"
	StatusNA       Status = "na"
	StatusUnknown  Status = "unknown"
)

// Length limits of free text, in characters.
const (
	MaxTextLen  = 2000 // a text item's answer
	MaxOtherLen = 200  // the "Other: …" of a multi item
	MaxNoteLen  = 500  // an evidence note
	MaxNameLen  = 100  // names of people and institutions
)

// Participant is the person who answers, as far as they tell.
type Participant struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	Role        string `json:"role"`
	Institution string `json:"institution,omitempty"`
}

// BankRef names the bank (and its version) an assessment was answered on.
type BankRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

// Assessment is one person's answers to one run of the benchmark.
type Assessment struct {
	ID          string      `json:"id"`
	Participant Participant `json:"participant"`
	Workshop    string      `json:"workshop,omitempty"`
	Bank        BankRef     `json:"bank"`
	Mode        Mode        `json:"mode"`
	Language    string      `json:"language"`
	StartedAt   time.Time   `json:"started_at"`
	UpdatedAt   time.Time   `json:"updated_at"`
	CompletedAt *time.Time  `json:"completed_at"`
	Answers     []Answer    `json:"answers"`
	// WorkshopTitle travels with an export, so that the workshop keeps its
	// title where the file is imported (optional; empty when stored).
	WorkshopTitle string `json:"workshop_title,omitempty"`
	// Drafts are notes and "develop" flags on items not answered yet: the
	// person's words, kept though the item is open.
	Drafts []Draft `json:"drafts,omitempty"`
	// Plan is the action plan made from the assessment, if any.
	Plan *Plan `json:"plan,omitempty"`
}

// Draft is a note or "develop" flag given to an item not answered yet.
// Scoring and counts never see it.
type Draft struct {
	Item    string `json:"item"`
	Note    string `json:"note,omitempty"`
	Develop bool   `json:"develop,omitempty"`
}

// Answer is the reply to one item. Value is set only when Status is
// answered.
type Answer struct {
	Item    string `json:"item"`
	Status  Status `json:"status"`
	Value   Value  `json:"value,omitzero"`
	Other   string `json:"other,omitempty"`
	Note    string `json:"note,omitempty"`
	Develop bool   `json:"develop,omitempty"`
}

// Value is an answer's value: a whole number (maturity, selfrating, count),
// a string (band or yes/no option id, text) or a list of option ids (multi).
type Value struct {
	num   int
	str   string
	list  []string
	shape valueShape
}

type valueShape uint8

const (
	shapeNone valueShape = iota
	shapeNumber
	shapeString
	shapeList
)

func Number(n int) Value       { return Value{num: n, shape: shapeNumber} }
func String(s string) Value    { return Value{str: s, shape: shapeString} }
func List(ids []string) Value  { return Value{list: slices.Clone(ids), shape: shapeList} }
func (v Value) IsZero() bool   { return v.shape == shapeNone }
func (v Value) Number() int    { return v.num }
func (v Value) String() string { return v.str }
func (v Value) List() []string { return v.list }

// Equal reports whether two values are the same.
func (v Value) Equal(w Value) bool {
	return v.shape == w.shape && v.num == w.num && v.str == w.str && slices.Equal(v.list, w.list)
}

func (v Value) MarshalJSON() ([]byte, error) {
	switch v.shape {
	case shapeNumber:
		return strconv.AppendInt(nil, int64(v.num), 10), nil
	case shapeString:
		if plain(v.str) {
			return []byte(`"` + v.str + `"`), nil
		}
		return json.Marshal(v.str)
	case shapeList:
		// Option ids are plain ASCII: written directly, an export of many
		// assessments is much faster than through reflection.
		b := []byte{'['}
		for i, id := range v.list {
			if !plain(id) {
				return json.Marshal(v.list)
			}
			if i > 0 {
				b = append(b, ',')
			}
			b = append(append(append(b, '"'), id...), '"')
		}
		return append(b, ']'), nil
	}
	return []byte("null"), nil
}

// plain reports whether s needs no escaping in JSON (nor in HTML, as
// encoding/json escapes <, > and &).
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

func (v *Value) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case bytes.Equal(data, []byte("null")):
		*v = Value{}
	case len(data) > 0 && data[0] == '"':
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return valueProblem()
		}
		*v = String(s)
	case len(data) > 0 && data[0] == '[':
		var l []string
		if err := json.Unmarshal(data, &l); err != nil {
			return newProblem("value.list", "a list value must hold option ids (strings)")
		}
		*v = List(l)
		if v.list == nil {
			v.list = []string{}
		}
	default:
		var f float64
		if err := json.Unmarshal(data, &f); err != nil {
			return valueProblem()
		}
		if f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxInt32 {
			return newProblem("value.whole", fmt.Sprintf("value %s is not a whole number", excerpt(string(data))), "Value", excerpt(string(data)))
		}
		*v = Number(int(f))
	}
	return nil
}

// CleanText removes control characters and escape sequences (which could
// drive the terminal when shown) and trims space. Newlines and tabs become
// spaces; text items may keep newlines when keepNewlines is set.
func CleanText(s string, keepNewlines bool) string {
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b: // ESC: drop the whole sequence, not only the byte
			i += escapeLength(s[i:])
			continue
		case r == '\n' && keepNewlines:
			b.WriteRune(r)
		case r == '\n' || r == '\t' || r == '\r':
			if r != '\r' || !keepNewlines {
				b.WriteRune(' ')
			}
		case safe.Unsafe(r):
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return strings.TrimSpace(b.String())
}

// escapeLength is how many bytes the escape sequence at the start of s spans.
func escapeLength(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[': // CSI: parameters, then a final byte in 0x40–0x7e
		for j := 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
		}
		return len(s)
	case ']', 'P', '_', '^': // OSC, DCS, APC, PM: up to BEL or ST
		for j := 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return len(s)
	}
	return 2
}

func valueProblem() *Problem {
	return newProblem("value.kind", "value must be a number, a string or a list of strings")
}

// checkLength fails when the text field (name, note…) is longer than max
// characters.
func checkLength(field, s string, max int) error {
	if n := utf8.RuneCountInString(s); n > max {
		return newProblem("toolong."+field, fmt.Sprintf("the %s is %d characters long, the limit is %d", field, n, max), "N", n, "Max", max)
	}
	return nil
}

// Clean returns the answer with its free text cleaned (see CleanText).
func (a Answer) Clean() Answer {
	a.Other = CleanText(a.Other, false)
	a.Note = CleanText(a.Note, false)
	if a.Value.shape == shapeString {
		a.Value.str = CleanText(a.Value.str, true)
	}
	return a
}

// CheckAnswer tells whether an answer fits its item in the bank: known item,
// a status, and for an answered item a value of the right kind and range.
// The error names the item and what is wrong.
func (b *Bank) CheckAnswer(a Answer) error {
	it, ok := b.Item(a.Item)
	if !ok {
		return inItem(b.noItem(), a.Item, false)
	}
	return inItem(it.checkAnswer(a), a.Item, false)
}

func (it *Item) checkAnswer(a Answer) error {
	if err := checkLength("note", a.Note, MaxNoteLen); err != nil {
		return err
	}
	if a.Other != "" && !(it.Kind == KindMulti && it.Other) {
		return newProblem("other", `an "other" text belongs to multi items with an Other option`)
	}
	if it.Kind == KindRatio {
		return newProblem("ratio", "a ratio item is computed from its counts and takes no answer")
	}
	switch a.Status {
	case StatusNA, StatusUnknown:
		if !a.Value.IsZero() || a.Other != "" {
			return newProblem("statusvalue", fmt.Sprintf("status %q takes no value", a.Status), "Status", string(a.Status))
		}
		return nil
	case StatusAnswered:
	default:
		return newProblem("status", fmt.Sprintf("unknown status %s (want answered, na or unknown)", excerpt(string(a.Status))), "Value", excerpt(string(a.Status)))
	}
	v := a.Value
	want := func(shape valueShape, what string) error {
		if v.shape != shape {
			return newProblem("want."+string(it.Kind), fmt.Sprintf("a %s item needs %s as its value", it.Kind, what), "List", what)
		}
		return nil
	}
	switch it.Kind {
	case KindMaturity:
		if err := want(shapeNumber, "a level 0–4"); err != nil {
			return err
		}
		if v.num < 0 || v.num > MaturityMax {
			return newProblem("level", fmt.Sprintf("level %d is outside 0–%d", v.num, MaturityMax), "N", v.num, "Max", MaturityMax)
		}
	case KindSelfRating:
		if err := want(shapeNumber, "a rating 1–5"); err != nil {
			return err
		}
		if v.num < SelfRatingMin || v.num > SelfRatingMax {
			return newProblem("rating", fmt.Sprintf("rating %d is outside %d–%d", v.num, SelfRatingMin, SelfRatingMax), "N", v.num, "Min", SelfRatingMin, "Max", SelfRatingMax)
		}
	case KindCount:
		if err := want(shapeNumber, "a whole number"); err != nil {
			return err
		}
		if v.num < 0 {
			return newProblem("count", fmt.Sprintf("count %d is below 0", v.num), "N", v.num)
		}
	case KindBand:
		if err := want(shapeString, "an option id"); err != nil {
			return err
		}
		if it.optionIndex(v.str) < 0 {
			return newProblem("option", fmt.Sprintf("%s is not one of its options", excerpt(v.str)), "Value", excerpt(v.str))
		}
	case KindYesNo:
		ids := it.yesNoIDs()
		if err := want(shapeString, quoteList(ids)); err != nil {
			return err
		}
		if !slices.Contains(ids, v.str) {
			return newProblem("yesno", fmt.Sprintf("%s is not %s", excerpt(v.str), quoteList(ids)), "Value", excerpt(v.str), "List", quoteList(ids))
		}
	case KindMulti:
		if err := want(shapeList, "a list of option ids"); err != nil {
			return err
		}
		if n := it.noneIndex(); n >= 0 && slices.Contains(v.list, it.Options[n].ID) && (len(v.list) > 1 || a.Other != "") {
			return newProblem("none", fmt.Sprintf("%q (none of these) cannot be ticked with other options", it.Options[n].ID), "Value", excerpt(it.Options[n].ID))
		}
		seen := map[string]bool{}
		for _, id := range v.list {
			if it.optionIndex(id) < 0 {
				return newProblem("option", fmt.Sprintf("%s is not one of its options", excerpt(id)), "Value", excerpt(id))
			}
			if seen[id] {
				return newProblem("optiontwice", fmt.Sprintf("option %q is ticked twice", id), "Value", excerpt(id))
			}
			seen[id] = true
		}
		if err := checkLength("other", a.Other, MaxOtherLen); err != nil {
			return err
		}
	case KindText:
		if err := want(shapeString, "a text"); err != nil {
			return err
		}
		if err := checkLength("text", v.str, MaxTextLen); err != nil {
			return err
		}
	}
	return nil
}

// yesNoIDs are the answers a yes/no item takes: its own options' ids, or
// the shared scale's.
func (it *Item) yesNoIDs() []string {
	if it.Options == nil {
		return yesNoIDs
	}
	ids := make([]string, len(it.Options))
	for i, o := range it.Options {
		ids[i] = o.ID
	}
	return ids
}

func quoteList(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = strconv.Quote(id)
	}
	return strings.Join(q, ", ")
}

// noneIndex is the position of a multi item's "none of these", or -1.
func (it *Item) noneIndex() int {
	return slices.IndexFunc(it.Options, func(o Option) bool { return o.None })
}

// NoneOption is the id of the item's "none of these" option, if it has one.
func (it *Item) NoneOption() (string, bool) {
	if n := it.noneIndex(); n >= 0 {
		return it.Options[n].ID, true
	}
	return "", false
}

func (it *Item) optionIndex(id string) int {
	return slices.IndexFunc(it.Options, func(o Option) bool { return o.ID == id })
}

// ShareError says that a count is above the count it is a share of.
type ShareError struct {
	Ratio, Numerator, Denominator string // item ids
	N, D                          int
}

func (e *ShareError) Error() string {
	return fmt.Sprintf("item %q: %d is more than the %d of item %q it is a share of", e.Numerator, e.N, e.D, e.Denominator)
}

// CheckShares tells whether the counts behind every ratio make sense: a
// part cannot be larger than its whole (learners abroad among learners
// enrolled). Answers are checked when given, and a file whose counts
// contradict each other is refused, naming the assessment and both items.
func (b *Bank) CheckShares(answers map[string]Answer) error {
	for i := range b.Items {
		it := &b.Items[i]
		if it.Kind != KindRatio {
			continue
		}
		num, ok1 := answers[it.Numerator]
		den, ok2 := answers[it.Denominator]
		if ok1 && ok2 && num.Status == StatusAnswered && den.Status == StatusAnswered && num.Value.num > den.Value.num {
			return &ShareError{Ratio: it.ID, Numerator: it.Numerator, Denominator: it.Denominator, N: num.Value.num, D: den.Value.num}
		}
	}
	return nil
}
