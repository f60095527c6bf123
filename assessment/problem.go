package assessment

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"time"
)

// A Problem is a rule that data from outside breaks – a file being
// imported, an answer being given – kept as its rule and the values its
// message needs, so each face says it in its reader's language (the i18n
// message "problem.<Rule>"). Assessment, ID and Item say where it is.
// Error is the English for logs and tests.
type Problem struct {
	Rule   string
	Values []any // name, value pairs; strings from the data are excerpts

	Assessment int    // from 1, its place in a file; 0: the file itself
	ID         string // the assessment's id as the file gives it (an excerpt), if known
	Item       string // the item (or its draft) the rule is about, if one
	Draft      bool

	english string
	cause   error // what found it: a JSON error, ErrTooLarge, a *PlanError…
}

func newProblem(rule, english string, values ...any) *Problem {
	return &Problem{Rule: rule, Values: values, english: english}
}

func (p *Problem) Error() string {
	var b strings.Builder
	if p.Assessment > 0 {
		fmt.Fprintf(&b, "assessment %d", p.Assessment)
		if p.ID != "" {
			fmt.Fprintf(&b, " (%s)", p.ID)
		}
		b.WriteString(": ")
	}
	if p.Item != "" {
		if p.Draft {
			b.WriteString("draft of ")
		}
		fmt.Fprintf(&b, "item %s: ", excerpt(p.Item))
	}
	b.WriteString(p.english)
	return clipText(b.String())
}

func (p *Problem) Unwrap() error { return p.cause }

// Value is the value named name, or nil.
func (p *Problem) Value(name string) any {
	for i := 0; i+1 < len(p.Values); i += 2 {
		if p.Values[i] == name {
			return p.Values[i+1]
		}
	}
	return nil
}

// inAssessment places err in the n-th (from 1) assessment of a file, whose
// id is id, unless it is placed already.
func inAssessment(err error, n int, id string) error {
	p := asProblem(err)
	if p == nil || p.Assessment > 0 {
		return err
	}
	p.Assessment = n
	if id != "" {
		p.ID = excerpt(id)
	}
	return p
}

// inItem places err at an item (a draft's, when draft is set).
func inItem(err error, item string, draft bool) error {
	p := asProblem(err)
	if p == nil || p.Item != "" {
		return err
	}
	p.Item, p.Draft = item, draft
	return p
}

// asProblem is err as a Problem: one already, or an error of reading JSON
// said as one; nil for any other error (of reading the file, of a caller).
func asProblem(err error) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	var (
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
		tm     *time.ParseError
		limit  *limitError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &limit):
		p = newProblem(limit.rule, limit.msg, "Limit", limit.limit)
	case errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF: // the decoder's Token says EOF mid-document too
		p = newProblem("cut", "the file ends in the middle of the document (unexpected EOF)")
	case errors.As(err, &syntax):
		p = newProblem("syntax", fmt.Sprintf("invalid JSON at byte %d: %v", syntax.Offset, err), "Offset", syntax.Offset)
	case errors.As(err, &typ):
		field := cmp.Or(typ.Field, "value")
		p = newProblem("type."+kindWord(typ.Type), fmt.Sprintf("%s must be %s, not %s", field, kindWord(typ.Type), typ.Value),
			"Field", excerpt(field))
	case errors.As(err, &tm):
		p = newProblem("time", fmt.Sprintf("%s is not a time in RFC 3339 form", excerpt(tm.Value)), "Value", excerpt(tm.Value))
	case strings.HasPrefix(err.Error(), "Time.UnmarshalJSON:"): // time.Time's own error: a time not in quotes
		p = newProblem("timequotes", "a time is not written in quotes: "+err.Error())
	case strings.HasPrefix(err.Error(), `json: unknown field "`):
		field := strings.TrimSuffix(strings.TrimPrefix(err.Error(), `json: unknown field "`), `"`)
		p = newProblem("unknownfield", "unknown field "+excerpt(field), "Field", excerpt(field))
	default:
		return nil
	}
	p.cause = err
	return p
}

// kindWord names the kind of JSON value a Go type is read from.
func kindWord(t reflect.Type) string {
	if t == nil {
		return "value"
	}
	if t == reflect.TypeFor[time.Time]() {
		return "time"
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "truefalse"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "list"
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return "object"
	}
	return "value"
}

// notDocument is a file that does not begin as a digint document: what
// the reader met there says little to a user, so it is kept as the cause.
func notDocument(err error) *Problem {
	return &Problem{Rule: "notdocument", english: "not a digint document: " + err.Error(), cause: err}
}

// noItem is an item this bank does not have; the item is placed by the caller.
func (b *Bank) noItem() *Problem {
	return newProblem("noitem", fmt.Sprintf("no such item in bank %s %s", b.ID, b.Version), "Bank", b.ID+" "+b.Version)
}

// shareProblem says a *ShareError as a Problem at its part's item.
func shareProblem(err error) error {
	var s *ShareError
	if !errors.As(err, &s) {
		return err
	}
	p := newProblem("shares", fmt.Sprintf("%d is more than the %d of item %q it is a share of", s.N, s.D, s.Denominator),
		"N", s.N, "D", s.D, "Whole", s.Denominator)
	p.Item, p.cause = s.Numerator, err
	return p
}

// planProblem says the first thing wrong with a plan (a *PlanError) as a
// Problem; the rest are its cause.
func planProblem(err error) error {
	var pe *PlanError
	if !errors.As(err, &pe) {
		return err
	}
	rule := "plan"
	if pe.Action > 0 {
		rule = "planaction"
	}
	return &Problem{Rule: rule, english: "plan: " + pe.Error(), cause: err,
		Values: []any{"Focus", pe.Focus, "Action", pe.Action, "Field", pe.Field, "Reason", pe.Reason, "Max", pe.Max}}
}

// named gives a JSON type error met reading the top-level key its name:
// the decoder knows none there.
func named(err error, key string) error {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) && typ.Field == "" {
		typ.Field = key
	}
	return err
}
