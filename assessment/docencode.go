package assessment

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// A hand-written encoder of one record of a document, in the layout
// layOut gives encoding/json's output, byte for byte: reflection and a
// second pass for the layout were most of an export's time. It knows every field of the format; a test
// (TestRecordEncoderKnowsEveryField) fails when a field is added to the types
// and not here. The rare plan goes through encoding/json.

// recordEncoder appends laid out JSON to b. depth counts the levels of
// indentation below prefix; first is true while the open object or list has
// no member yet; inline, when not 0, is the depth of the object or list
// written on one line.
type recordEncoder struct {
	b      []byte
	prefix string
	lines  string // "\n", prefix and spaces: a line's start is a prefix of it
	depth  int
	inline int
	first  bool
	err    error
}

// appendRecord appends the record of a with its results r, as the element
// of a list whose lines start with prefix.
func appendRecord(b []byte, prefix string, a *Assessment, r *Result) ([]byte, error) {
	e := recordEncoder{b: b, prefix: prefix, lines: lineStarts}
	if strings.Trim(prefix, " ") != "" {
		e.lines = "\n" + prefix + spaces
	}
	e.open('{')
	e.key(`"id": `)
	e.str(a.ID)
	e.key(`"participant": `)
	e.openLine('{')
	e.key(`"id": `)
	e.str(a.Participant.ID)
	if a.Participant.Name != "" {
		e.key(`"name": `)
		e.str(a.Participant.Name)
	}
	e.key(`"role": `)
	e.str(a.Participant.Role)
	if a.Participant.Institution != "" {
		e.key(`"institution": `)
		e.str(a.Participant.Institution)
	}
	e.close('}')
	if a.Workshop != "" {
		e.key(`"workshop": `)
		e.str(a.Workshop)
	}
	e.key(`"bank": `)
	e.openLine('{')
	e.key(`"id": `)
	e.str(a.Bank.ID)
	e.key(`"version": `)
	e.str(a.Bank.Version)
	e.close('}')
	e.key(`"mode": `)
	e.str(string(a.Mode))
	e.key(`"language": `)
	e.str(a.Language)
	e.key(`"started_at": `)
	e.time(a.StartedAt)
	e.key(`"updated_at": `)
	e.time(a.UpdatedAt)
	e.key(`"completed_at": `)
	if a.CompletedAt == nil {
		e.raw("null")
	} else {
		e.time(*a.CompletedAt)
	}
	e.key(`"answers": `)
	e.answers(a.Answers)
	if a.WorkshopTitle != "" {
		e.key(`"workshop_title": `)
		e.str(a.WorkshopTitle)
	}
	if len(a.Drafts) > 0 {
		e.key(`"drafts": `)
		e.drafts(a.Drafts)
	}
	if a.Plan != nil {
		e.key(`"plan": `)
		e.marshal(a.Plan)
	}
	e.key(`"results": `)
	e.result(r)
	e.close('}')
	return e.b, e.err
}

// answers writes the list, [] when there is none: the format has a list,
// never null.
func (e *recordEncoder) answers(as []Answer) {
	e.open('[')
	for i := range as {
		ans := &as[i]
		e.elem()
		e.openLine('{')
		e.key(`"item": `)
		e.str(ans.Item)
		e.key(`"status": `)
		e.str(string(ans.Status))
		if !ans.Value.IsZero() {
			e.key(`"value": `)
			e.value(ans.Value)
		}
		if ans.Other != "" {
			e.key(`"other": `)
			e.str(ans.Other)
		}
		if ans.Note != "" {
			e.key(`"note": `)
			e.str(ans.Note)
		}
		if ans.Develop {
			e.key(`"develop": `)
			e.raw("true")
		}
		e.close('}')
	}
	e.close(']')
}

func (e *recordEncoder) value(v Value) {
	switch v.shape {
	case shapeNumber:
		e.b = strconv.AppendInt(e.b, int64(v.num), 10)
	case shapeString:
		e.str(v.str)
	case shapeList:
		e.open('[')
		for _, id := range v.list {
			e.elem()
			e.str(id)
		}
		e.close(']')
	default:
		e.raw("null")
	}
}

func (e *recordEncoder) drafts(ds []Draft) {
	e.open('[')
	for _, d := range ds {
		e.elem()
		e.openLine('{')
		e.key(`"item": `)
		e.str(d.Item)
		if d.Note != "" {
			e.key(`"note": `)
			e.str(d.Note)
		}
		if d.Develop {
			e.key(`"develop": `)
			e.raw("true")
		}
		e.close('}')
	}
	e.close(']')
}

func (e *recordEncoder) result(r *Result) {
	e.open('{')
	e.key(`"overall": `)
	e.floatPtr(r.Overall)
	e.key(`"sections": `)
	if e.openList(r.Sections == nil) {
		for i := range r.Sections {
			e.elem()
			e.section(&r.Sections[i])
		}
		e.close(']')
	}
	e.key(`"competences": `)
	if e.openList(r.Competences == nil) {
		for i := range r.Competences {
			e.elem()
			e.competence(&r.Competences[i])
		}
		e.close(']')
	}
	e.key(`"recommendations": `)
	if e.openList(r.Recommendations == nil) {
		for i := range r.Recommendations {
			e.elem()
			e.recommendation(&r.Recommendations[i])
		}
		e.close(']')
	}
	e.key(`"guidelines": `)
	if e.openList(r.Guidelines == nil) {
		for i := range r.Guidelines {
			g := &r.Guidelines[i]
			e.elem()
			e.openLine('{')
			e.key(`"id": `)
			e.str(g.ID)
			e.key(`"dimension": `)
			e.str(g.Dimension)
			e.key(`"score": `)
			e.float(g.Score)
			e.close('}')
		}
		e.close(']')
	}
	e.key(`"counts": `)
	c := r.Counts
	e.openLine('{')
	e.key(`"asked": `)
	e.int(c.Asked)
	e.key(`"answered": `)
	e.int(c.Answered)
	e.key(`"na": `)
	e.int(c.NA)
	e.key(`"unknown": `)
	e.int(c.Unknown)
	e.key(`"unanswered": `)
	e.int(c.Unanswered)
	e.close('}')
	e.close('}')
}

func (e *recordEncoder) competence(c *CompetenceResult) {
	e.openLine('{')
	e.key(`"id": `)
	e.str(c.ID)
	e.key(`"score": `)
	e.floatPtr(c.Score)
	e.key(`"target": `)
	e.float(c.Target)
	e.key(`"gap": `)
	e.floatPtr(c.Gap)
	e.key(`"evidence": `)
	e.int(c.Evidence)
	e.key(`"low_evidence": `)
	e.bool(c.LowEvidence)
	e.close('}')
}

func (e *recordEncoder) section(s *SectionResult) {
	e.openOn(s.Dimensions == nil) // its cells are objects
	e.key(`"id": `)
	e.str(s.ID)
	e.key(`"pursued": `)
	e.bool(s.Pursued)
	e.key(`"index": `)
	e.floatPtr(s.Index)
	e.key(`"dimensions": `)
	if s.Dimensions == nil {
		e.raw("null")
	} else {
		var keys [16]string
		dims := keys[:0]
		for k := range s.Dimensions {
			dims = append(dims, k)
		}
		slices.Sort(dims) // encoding/json sorts map keys
		e.open('{')
		for _, k := range dims {
			c := s.Dimensions[k]
			e.member(k)
			e.openLine('{')
			e.key(`"score": `)
			e.floatPtr(c.Score)
			e.key(`"answered": `)
			e.int(c.Answered)
			e.close('}')
		}
		e.close('}')
	}
	e.close('}')
}

func (e *recordEncoder) recommendation(r *Recommendation) {
	e.openOn(len(r.Reasons) == 0) // its reasons are objects
	e.key(`"module": `)
	e.str(r.Module)
	e.key(`"course": `)
	e.str(r.Course)
	e.key(`"role": `)
	e.str(r.Role)
	e.key(`"priority": `)
	e.float(r.Priority)
	e.key(`"reasons": `)
	if e.openList(r.Reasons == nil) {
		for i := range r.Reasons {
			x := &r.Reasons[i]
			e.elem()
			e.openLine('{')
			e.key(`"competence": `)
			e.str(x.Competence)
			e.key(`"gap": `)
			e.float(x.Gap)
			e.key(`"relevance": `)
			e.float(x.Relevance)
			e.close('}')
		}
		e.close(']')
	}
	e.close('}')
}

// openList writes null for a nil slice and reports false, else opens the
// list.
func (e *recordEncoder) openList(isNil bool) bool {
	if isNil {
		e.raw("null")
		return false
	}
	e.open('[')
	return true
}

// The layout, as layOut makes it: a member on its own line, or all on one
// line from an openLine on; an empty object or list as {} or [].

func (e *recordEncoder) newline() { e.b = e.appendLine(e.b) }

// appendLine appends the start of a line at the present depth: one copy
// of a slice of lines, the layout's most frequent work.
func (e *recordEncoder) appendLine(b []byte) []byte {
	if n := 1 + len(e.prefix) + 2*e.depth; n <= len(e.lines) {
		return append(b, e.lines[:n]...)
	}
	b = append(b, '\n')
	b = append(b, e.prefix...)
	for range e.depth {
		b = append(b, "  "...)
	}
	return b
}

func (e *recordEncoder) open(c byte) {
	e.b = append(e.b, c)
	e.depth++
	e.first = true
}

// openLine opens an object written on one line: it holds no object.
func (e *recordEncoder) openLine(c byte) {
	e.open(c)
	if e.inline == 0 {
		e.inline = e.depth
	}
}

// openOn opens an object on one line when oneLine, else a member per line.
func (e *recordEncoder) openOn(oneLine bool) {
	if oneLine {
		e.openLine('{')
		return
	}
	e.open('{')
}

func (e *recordEncoder) close(c byte) {
	e.depth--
	if !e.first && e.inline == 0 {
		e.newline()
	}
	e.b = append(e.b, c)
	e.first = false
	if e.depth < e.inline {
		e.inline = 0
	}
}

// elem starts an element of a list.
func (e *recordEncoder) elem() { e.b = e.next(e.b) }

// key starts a member whose name needs no escaping, given quoted with its
// colon and space (`"id": `); member any other.
func (e *recordEncoder) key(k string) { e.b = append(e.next(e.b), k...) }

// next starts a member or element: after a comma, on a line of its own or
// after a space.
func (e *recordEncoder) next(b []byte) []byte {
	if !e.first {
		b = append(b, ',')
		if e.inline > 0 {
			b = append(b, ' ')
		}
	}
	e.first = false
	if e.inline > 0 {
		return b
	}
	return e.appendLine(b)
}

func (e *recordEncoder) member(k string) {
	e.elem()
	e.str(k)
	e.b = append(e.b, ": "...)
}

func (e *recordEncoder) raw(s string) { e.b = append(e.b, s...) }
func (e *recordEncoder) int(n int)    { e.b = strconv.AppendInt(e.b, int64(n), 10) }
func (e *recordEncoder) bool(v bool)  { e.b = strconv.AppendBool(e.b, v) }

func (e *recordEncoder) floatPtr(f *float64) {
	if f == nil {
		e.raw("null")
		return
	}
	e.float(*f)
}

// float writes f as encoding/json does.
func (e *recordEncoder) float(f float64) {
	if t, ok := tenths(f); ok {
		// A whole number of tenths, what every score, gap and priority
		// is: its shortest form is its digits, with no search for them.
		e.b = strconv.AppendInt(e.b, t/10, 10)
		if d := t % 10; d != 0 {
			e.b = append(e.b, '.', byte('0'+d))
		}
		return
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		e.fail(fmt.Errorf("json: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, 64)))
		e.raw("null")
		return
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	e.b = strconv.AppendFloat(e.b, f, format, -1, 64)
	if n := len(e.b); format == 'e' && n >= 4 && e.b[n-4] == 'e' && e.b[n-3] == '-' && e.b[n-2] == '0' {
		e.b[n-2] = e.b[n-1] // e-09 → e-9
		e.b = e.b[:n-1]
	}
}

// tenths is f in tenths, if f is exactly t/10 (the double nearest to that
// decimal, whose shortest form therefore has at most one decimal) for a
// whole t from 0 to 10^15.
func tenths(f float64) (int64, bool) {
	if !(f >= 0 && f < 1e14) || math.Signbit(f) {
		return 0, false
	}
	t := math.Round(f * 10)
	if t/10 != f {
		return 0, false
	}
	return int64(t), true
}

// time writes t as time.Time's MarshalJSON does, and fails where it does
// (a year past 9999).
func (e *recordEncoder) time(t time.Time) {
	if y := t.Year(); y < 0 || y > 9999 {
		_, err := t.MarshalJSON()
		e.fail(err)
		e.raw("null")
		return
	}
	e.b = append(e.b, '"')
	e.b = t.AppendFormat(e.b, time.RFC3339Nano)
	e.b = append(e.b, '"')
}

// marshal writes v through encoding/json, laid out in place.
func (e *recordEncoder) marshal(v any) {
	data, err := json.Marshal(v)
	if err != nil {
		e.fail(err)
		e.raw("null")
		return
	}
	e.b = layOut(e.b, data, e.prefix, e.depth)
}

func (e *recordEncoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

const spaces = "                                                                "

// lineStarts is the start of a line for a prefix of spaces.
const lineStarts = "\n" + spaces + spaces

const hexDigits = "0123456789abcdef"

// plainASCII says which ASCII bytes a JSON string holds as they are.
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// str writes s as encoding/json does: HTML-safe, invalid UTF-8 as U+FFFD,
// U+2028 and U+2029 escaped.
func (e *recordEncoder) str(s string) {
	b := append(e.b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if plainASCII[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	e.b = append(b, '"')
}
