package html

import (
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/digint/digint/assessment/safe"
)

// writer is the one way text reaches a page: markup of this package goes
// in as it is (raw); every other text, typed by a person, read from a file
// or a catalog, goes through text, which makes it inert on the way.
type writer struct {
	b     *out // keeps the first write error; flush returns it
	loc   Localizer
	plain *plainTexts // the language's messages without data, escaped
	// scratch holds a coordinate or a message while it is written.
	scratch []byte
	// kv holds a message's data while it is filled: the callers' lists
	// stay on their stacks.
	kv []string
	// lines holds a radar label's lines while they are written.
	lines []string
	// join holds a list joined into one text while it is written.
	join []byte
	// room is where kv and lines start: no page grows them past it.
	kvRoom, linesRoom [6]string
}

// raw writes markup this package wrote itself.
func (w *writer) raw(s string) { w.b.WriteString(s) }

// text writes s as the text of an element or the value of a quoted
// attribute. It drops what has no business in a page (see drop) and
// escapes what HTML would read as markup, as html/template does.
func (w *writer) text(s string) {
	start := 0
	for i := 0; i < len(s); {
		// A run of ASCII that stays as it is, eight bytes at a time while
		// all eight do: most of a text is such a run.
		for ; len(s)-i >= 8; i += 8 {
			b := s[i : i+8]
			if plain8[b[0]]&plain8[b[1]]&plain8[b[2]]&plain8[b[3]]&plain8[b[4]]&plain8[b[5]]&plain8[b[6]]&plain8[b[7]] == 0 {
				break
			}
		}
		for i < len(s) && plain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			w.b.WriteString(s[start:i])
			w.b.WriteString(ascii[c])
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if drop(r) {
			w.b.WriteString(s[start:i])
			start = i + size
		}
		i += size
	}
	w.b.WriteString(s[start:])
}

// plain marks the bytes text copies as they are: ASCII that is not special.
var plain = func() (p [256]bool) {
	for c := range byte(utf8.RuneSelf) {
		p[c] = !special[c]
	}
	return p
}()

// plain8 is plain as bytes to AND together: 1 where plain is true.
var plain8 = func() (p [256]uint8) {
	for c := range p {
		if plain[c] {
			p[c] = 1
		}
	}
	return p
}()

// special marks the ASCII bytes text replaces, and ascii holds what with.
var special, ascii = asciiTable()

func asciiTable() (special [utf8.RuneSelf]bool, with [utf8.RuneSelf]string) {
	for c := range byte(utf8.RuneSelf) {
		with[c], special[c] = entity(c)
	}
	return special, with
}

// entity is what ASCII c becomes in a page: an entity for markup
// characters, nothing for controls (line breaks and tabs stay), and
// special is false when c stays as it is.
func entity(c byte) (rep string, special bool) {
	switch c {
	case '<':
		return "&lt;", true
	case '>':
		return "&gt;", true
	case '&':
		return "&amp;", true
	case '"':
		return "&#34;", true
	case '\'':
		return "&#39;", true
	case '+':
		return "&#43;", true
	case '\n', '\t':
		return "", false
	}
	return "", drop(rune(c))
}

// drop reports the runes a page's text never carries: control characters
// and the invisible marks that reorder what follows (assessment/safe's
// rule), and broken UTF-8 (which decodes as utf8.RuneError). Line breaks
// and tabs are kept by the callers.
func drop(r rune) bool { return r == utf8.RuneError || safe.Unsafe(r) }

// clean is s as text writes it, before escaping: for the few places that
// need the text itself (to wrap it, or to see whether anything is left).
func clean(s string) string {
	if !needsClean(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r == '\n' || r == '\t' || !drop(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsClean(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf { // ASCII: no rune to decode
			if c != '\n' && c != '\t' && drop(rune(c)) {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if drop(r) {
			return true
		}
		i += size
	}
	return false
}

// shown reports whether anything of s is left to show once cleaned.
func shown(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf { // ASCII: no rune to decode
			if c == '\n' || c == '\t' || !drop(rune(c)) {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !drop(r) {
			return true
		}
		i += size
	}
	return false
}

func (w *writer) int(n int) { w.raw(strconv.Itoa(n)) }

// whole writes a count of people or answers the page's way (1,581).
func (w *writer) whole(n int) { w.raw(w.loc.Count(n)) }

// t writes a message in the page's language.
func (w *writer) t(id string, data ...any) {
	if len(data) == 0 {
		w.plainText(id)
		return
	}
	w.text(w.loc.T(id, data...))
}

// ts is t for data that is all text, filled in a scratch buffer: no
// string is made for the message, nor boxed for its data.
func (w *writer) ts(id string, kv ...string) {
	w.kv = append(w.kv[:0], kv...)
	w.scratch = w.loc.AppendT(w.scratch[:0], id, w.kv...)
	// text only reads it, and scratch is not written again before it returns.
	w.text(unsafe.String(unsafe.SliceData(w.scratch), len(w.scratch)))
}

// joined is strings.Join(l, sep) made in the writer's join buffer: valid
// until the next call, for ts, which copies what it fills.
func (w *writer) joined(l []string, sep string) string {
	w.join = w.join[:0]
	for i, s := range l {
		if i > 0 {
			w.join = append(w.join, sep...)
		}
		w.join = append(w.join, s...)
	}
	return unsafe.String(unsafe.SliceData(w.join), len(w.join))
}

func (w *writer) num(x float64) { w.text(w.loc.Number(x)) }

// score writes a score, or "–" when there is none.
func (w *writer) score(p *float64) {
	if p == nil {
		w.raw("–")
		return
	}
	w.num(*p)
}
