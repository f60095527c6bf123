package i18n

import (
	"math"
	"strconv"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// A report writes dozens of messages with data and numbers per page; going
// through text/template and x/text's formatter for each cost more than the
// rest of the page. TFast and NumberFast give the same texts cheaper: a
// message's placeholders are filled from a cached list of its parts, and a
// score is written with the locale's signs, read once from x/text.

// TFast is T, with the placeholders of a message that has only plain ones
// ({{.Name}}) filled without text/template. Other messages, and data it
// does not know how to print as text/template would, go through T.
func (l *Localizer) TFast(id string, data ...any) string {
	if len(data) == 0 {
		return l.T(id)
	}
	if f := l.filler(id); f != nil {
		if s, ok := f.fill(data); ok {
			return s
		}
	}
	return l.T(id, data...)
}

// filler is a message split at its placeholders: parts[0] key[0]
// parts[1] … key[n-1] parts[n].
type filler struct {
	parts []string
	keys  []string
	size  int // of the parts, plus room for typical values
}

type fillerKey struct{ lang, id string }

// fillers caches each message's filler by language and id; nil marks one
// that has to go through T. Bounded by the catalogs' size.
var fillers sync.Map // fillerKey → *filler

func (l *Localizer) filler(id string) *filler {
	k := fillerKey{l.lang, id}
	if f, ok := fillers.Load(k); ok {
		return f.(*filler)
	}
	f := parseFiller(l.source(id))
	fillers.Store(k, f)
	return f
}

// source is the template T would execute for id: the language's, or
// English when it has none; "" when there is none or it has delimiters
// of its own.
func (l *Localizer) source(id string) string {
	var src string
	out, _, err := l.loc.LocalizeWithTag(&goi18n.LocalizeConfig{MessageID: id, TemplateParser: capture{&src}})
	if out == "" && err != nil {
		return ""
	}
	return src
}

// capture is a template parser that notes the source it is given. It is
// not cacheable, so go-i18n keeps no parsed template of it for T.
type capture struct{ src *string }

func (capture) Cacheable() bool { return false }

func (c capture) Parse(src, left, right string) (template.ParsedTemplate, error) {
	if (left == "" || left == "{{") && (right == "" || right == "}}") {
		*c.src = src
	}
	return same(src), nil
}

type same string

func (s same) Execute(any) (string, error) { return string(s), nil }

// parseFiller splits src at its placeholders; nil when one is anything
// but {{.Name}} (with optional spaces), or when src is empty.
func parseFiller(src string) *filler {
	if src == "" {
		return nil
	}
	f := &filler{}
	for {
		i := strings.Index(src, "{{")
		if i < 0 {
			if strings.Contains(src, "}}") {
				return nil
			}
			f.parts = append(f.parts, src)
			for _, p := range f.parts {
				f.size += len(p)
			}
			f.size += 16 * len(f.keys)
			return f
		}
		j := strings.Index(src[i:], "}}")
		if j < 0 {
			return nil
		}
		name := strings.TrimSpace(src[i+2 : i+j])
		if !strings.HasPrefix(name, ".") || !ident(name[1:]) || strings.Contains(src[:i], "}}") {
			return nil
		}
		f.parts = append(f.parts, src[:i])
		f.keys = append(f.keys, name[1:])
		src = src[i+j+2:]
	}
}

func ident(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		ok := r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9'
		if !ok {
			return false
		}
	}
	return true
}

// fill puts data (pairs, as T takes them) into the placeholders; false
// when a placeholder has no value or a value is not a string or a number.
func (f *filler) fill(data []any) (string, bool) {
	var b strings.Builder
	b.Grow(f.size)
	for i, part := range f.parts {
		b.WriteString(part)
		if i == len(f.keys) {
			break
		}
		v, ok := lookup(data, f.keys[i])
		if !ok || !printAs(&b, v) {
			return "", false
		}
	}
	return b.String(), true
}

// lookup finds key's value in data pairs; a later pair wins, as in T.
func lookup(data []any, key string) (any, bool) {
	var v any
	found := false
	for i := 0; i+1 < len(data); i += 2 {
		if k, ok := data[i].(string); ok && k == key {
			v, found = data[i+1], true
		} else if !ok {
			return nil, false // T prints the key: keep to T
		}
	}
	return v, found
}

// printAs writes v as text/template prints it (fmt's %v), for the kinds
// messages take.
func printAs(b *strings.Builder, v any) bool {
	switch x := v.(type) {
	case string:
		b.WriteString(x)
	case int:
		b.WriteString(strconv.Itoa(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	default:
		return false
	}
	return true
}

// NumberFast is Number: a score below 1,000 with at most one decimal is
// written with the locale's minus sign and decimal separator as x/text
// writes them; anything else goes through Number.
func (l *Localizer) NumberFast(x float64) string {
	st := styleOf(l.lang)
	t := math.Round(x * 10)
	if !st.ok || t/10 != x || math.Abs(t) >= 10000 || math.Signbit(x) && x == 0 {
		return l.Number(x)
	}
	if 0 <= t && int(t) < len(st.tenths) {
		return st.tenths[int(t)]
	}
	return string(st.appendTenths(nil, int(t)))
}

// appendTenths writes t tenths.
func (st *numberStyle) appendTenths(b []byte, t int) []byte {
	if t < 0 {
		b = append(b, st.minus...)
		t = -t
	}
	b = strconv.AppendInt(b, int64(t/10), 10)
	if t%10 != 0 {
		b = append(b, st.point...)
		b = append(b, byte('0'+t%10))
	}
	return b
}

// numberStyle is how a locale writes -987.6: its minus sign and decimal
// separator; ok when the probe came out in that shape with ASCII digits,
// no grouping and "." or "," as the point (which Number strips from ".0").
type numberStyle struct {
	minus, point string
	ok           bool
	tenths       []string // 0 to 100 by tenths, written: a report's scores
}

var styles sync.Map // lang → *numberStyle

func styleOf(lang string) *numberStyle {
	if st, ok := styles.Load(lang); ok {
		return st.(*numberStyle)
	}
	p := message.NewPrinter(language.Make(lang))
	st := &numberStyle{}
	neg, pos := p.Sprintf("%.1f", -987.6), p.Sprintf("%.1f", 987.6)
	if i := strings.Index(neg, "987"); i >= 0 && strings.HasSuffix(neg, "6") && len(neg) > i+4 {
		st.minus, st.point = neg[:i], neg[i+3:len(neg)-1]
		st.ok = (st.point == "." || st.point == ",") && pos == "987"+st.point+"6"
	}
	if st.ok {
		st.tenths = make([]string, 1001)
		for t := range st.tenths {
			st.tenths[t] = string(st.appendTenths(nil, t))
		}
	}
	styles.Store(lang, st)
	return st
}
