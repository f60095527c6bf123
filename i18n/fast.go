package i18n

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// A report writes dozens of messages with data and numbers per page; going
// through text/template and x/text's formatter for each cost more than the
// rest of the page. T and Number give the same texts cheaper: a message's
// placeholders are filled from a cached list of its parts, and a score is
// written with the locale's signs, read once from x/text. t and number
// (messages.go) are the slow references they keep to.

// fastTexts is what T and Number keep per language, shared by its
// localizers.
type fastTexts struct {
	mu      sync.RWMutex
	fillers map[string]*filler          // by message id; nil: T goes through t
	style   atomic.Pointer[numberStyle] // read on first use
	lang    string
}

var (
	fastMu   sync.Mutex
	fastLang map[string]*fastTexts // bounded by the shipped languages
)

func fastFor(lang string) *fastTexts {
	fastMu.Lock()
	defer fastMu.Unlock()
	f, ok := fastLang[lang]
	if !ok {
		if fastLang == nil {
			fastLang = map[string]*fastTexts{}
		}
		f = &fastTexts{fillers: map[string]*filler{}, lang: lang}
		fastLang[lang] = f
	}
	return f
}

// AppendT appends T(id, kv...) to dst, for data that is all text: a page
// writes hundreds of messages, and passing strings as T's ...any boxes
// each one on the heap.
func (l *Localizer) AppendT(dst []byte, id string, kv ...string) []byte {
	if f := l.filler(id); f != nil && len(kv) > 0 {
		if b, ok := f.appendFill(dst, kv); ok {
			return b
		}
	}
	data := make([]any, len(kv))
	for i, s := range kv {
		data[i] = s
	}
	return append(dst, l.T(id, data...)...)
}

// filler is a message split at its placeholders: parts[0] key[0]
// parts[1] … key[n-1] parts[n].
type filler struct {
	parts []string
	keys  []string
	size  int // of the parts, plus room for typical values
}

// filler is id's message cut at its placeholders, parsed on first use;
// nil when T has to go through t.
func (l *Localizer) filler(id string) *filler {
	ft := l.fast
	ft.mu.RLock()
	f, ok := ft.fillers[id]
	ft.mu.RUnlock()
	if !ok {
		f = parseFiller(l.source(id))
		ft.mu.Lock()
		ft.fillers[id] = f
		ft.mu.Unlock()
	}
	return f
}

// source is the template t would execute for id: the language's, or
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

// appendFill is fill for text data, appended to dst; false when a
// placeholder has no value.
func (f *filler) appendFill(dst []byte, kv []string) ([]byte, bool) {
	for i, part := range f.parts {
		dst = append(dst, part...)
		if i == len(f.keys) {
			break
		}
		found := false
		var v string
		for j := 0; j+1 < len(kv); j += 2 { // a later pair wins, as in T
			if kv[j] == f.keys[i] {
				v, found = kv[j+1], true
			}
		}
		if !found {
			return dst, false
		}
		dst = append(dst, v...)
	}
	return dst, true
}

// lookup finds key's value in data pairs; a later pair wins, as in T.
func lookup(data []any, key string) (any, bool) {
	var v any
	found := false
	for i := 0; i+1 < len(data); i += 2 {
		if k, ok := data[i].(string); ok && k == key {
			v, found = data[i+1], true
		} else if !ok {
			return nil, false // t prints the key: keep to t
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

// numberFast is Number for a score below 1,000 with at most one decimal,
// written with the locale's minus sign and decimal separator as x/text
// writes them; false for anything else.
func (l *Localizer) numberFast(x float64) (string, bool) {
	st := l.fast.numbers()
	t := math.Round(x * 10)
	if !st.ok || t/10 != x || math.Abs(t) >= 10000 || math.Signbit(x) && x == 0 {
		return "", false
	}
	if i := int(t) + tenthsMax; 0 <= i && i < len(st.tenths) {
		return st.tenths[i], true
	}
	return string(st.appendTenths(nil, int(t))), true
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
	tenths       []string // -100 to 100 by tenths, written: a report's scores and changes
}

const tenthsMax = 1000 // 100.0

// numbers is the language's number style, read once (a race reads it twice).
func (f *fastTexts) numbers() *numberStyle {
	if st := f.style.Load(); st != nil {
		return st
	}
	st := readStyle(f.lang)
	f.style.Store(st)
	return st
}

// readStyle reads lang's number style from x/text.
func readStyle(lang string) *numberStyle {
	p := message.NewPrinter(language.Make(lang))
	st := &numberStyle{}
	neg, pos := p.Sprintf("%.1f", -987.6), p.Sprintf("%.1f", 987.6)
	if i := strings.Index(neg, "987"); i >= 0 && strings.HasSuffix(neg, "6") && len(neg) > i+4 {
		st.minus, st.point = neg[:i], neg[i+3:len(neg)-1]
		st.ok = (st.point == "." || st.point == ",") && pos == "987"+st.point+"6"
	}
	if st.ok {
		st.tenths = make([]string, 2*tenthsMax+1)
		for i := range st.tenths {
			st.tenths[i] = string(st.appendTenths(nil, i-tenthsMax))
		}
	}
	return st
}
