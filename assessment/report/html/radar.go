package html

import (
	"bytes"
	"math"
	"strconv"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/digint/digint/assessment/report"
)

// The radar's geometry, in SVG user units. Axis i points up for i = 0 and
// goes round clockwise; a score s lies at s/100 of the radius.
const (
	radarW, radarH = 780, 500
	radarCX        = radarW / 2
	radarCY        = radarH / 2
	radarR         = 170
	labelChars     = 21 // an axis name wraps at about this many characters
)

func at(i, n int, v float64) (float64, float64) {
	u := units(n)[i]
	return radarCX + radarR*v/100*u.cos, radarCY + radarR*v/100*u.sin
}

// unit is an axis's direction.
type unit struct{ cos, sin float64 }

// axes caches the directions of a radar of n axes, for n up to maxCached;
// a page asks for them hundreds of times.
const maxCached = 64

var axes [maxCached + 1]atomic.Pointer[[]unit]

func units(n int) []unit {
	if n <= maxCached {
		if u := axes[n].Load(); u != nil {
			return *u
		}
	}
	u := make([]unit, n)
	for i := range u {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		u[i] = unit{math.Cos(a), math.Sin(a)}
	}
	if n <= maxCached {
		axes[n].Store(&u)
	}
	return u
}

// radar writes the radar as inline SVG: rings and spokes, the target and
// the score (a missing score sits at the centre), each value printed
// beside its point, each axis named, and a title and a description in
// words for screen readers; scoreWord names the score series.
func (w *writer) radar(comps []report.Competence, scoreWord, titleID, descID string) {
	n := len(comps)
	value := func(i int) float64 {
		if comps[i].Score == nil {
			return 0
		}
		return *comps[i].Score
	}
	w.raw("\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + strconv.Itoa(radarW) + " " + strconv.Itoa(radarH) +
		"\" role=\"img\" aria-labelledby=\"radar-title radar-desc\">\n<title id=\"radar-title\">")
	w.t(titleID)
	w.raw("</title>\n<desc id=\"radar-desc\">")
	w.describe(descID, scoreWord, comps)
	w.raw("</desc>")
	w.raw(grid(n))
	w.polygon("target", n, func(i int) float64 { return comps[i].Target })
	w.polygon("score", n, value)
	for i := range n {
		w.dot(i, n, value(i), comps[i].Score)
	}
	for i := range n {
		w.axis(i, n, comps[i].Title)
	}
	w.raw("\n</svg>\n")
}

// grids caches the rings and spokes of a radar of n axes: the same for
// every page.
var grids [maxCached + 1]atomic.Pointer[string]

func grid(n int) string {
	if n <= maxCached {
		if g := grids[n].Load(); g != nil {
			return *g
		}
	}
	var b bytes.Buffer
	w := &writer{b: newOut(&b)}
	w.raw("\n<g class=\"grid\">")
	for _, ring := range []float64{25, 50, 75, 100} {
		w.polygon("ring", n, func(int) float64 { return ring })
	}
	for i := range n {
		w.raw("\n<line class=\"spoke\"")
		w.xy(` x1="`, `" y1="`, radarCX, radarCY)
		x, y := at(i, n, 100)
		w.xy(` x2="`, `" y2="`, x, y)
		w.raw("/>")
	}
	w.raw("\n</g>")
	w.b.flush()
	g := b.String()
	if n <= maxCached {
		grids[n].Store(&g)
	}
	return g
}

// coord writes a coordinate to a tenth of a unit, as
// strconv.AppendFloat(math.Round(x*10)/10, 'f', -1, 64) does: tenths of
// up to 15 digits survive the round trip through a float64, so their
// shortest form is their digits.
func (w *writer) coord(x float64) {
	t := math.Round(x * 10)
	if !(math.Abs(t) < 1e15) { // NaN, ±Inf and the huge: left to strconv
		w.scratch = strconv.AppendFloat(w.scratch[:0], t/10, 'f', -1, 64)
		w.b.Write(w.scratch)
		return
	}
	b := w.scratch[:0]
	if math.Signbit(t) {
		b = append(b, '-')
		t = -t
	}
	n := int64(t)
	b = strconv.AppendInt(b, n/10, 10)
	if n%10 != 0 {
		b = append(b, '.', byte('0'+n%10))
	}
	w.scratch = b
	w.b.Write(b)
}

// xy writes a point as two attributes; xName is written ` x="`, yName
// `" y="` (no string joined on each call).
func (w *writer) xy(xName, yName string, x, y float64) {
	w.raw(xName)
	w.coord(x)
	w.raw(yName)
	w.coord(y)
	w.raw("\"")
}

// polygon joins the points at v(i) on each axis.
func (w *writer) polygon(class string, n int, v func(i int) float64) {
	w.raw("\n<polygon class=\"")
	w.raw(class)
	w.raw("\" points=\"")
	for i := range n {
		if i > 0 {
			w.raw(" ")
		}
		x, y := at(i, n, v(i))
		w.coord(x)
		w.raw(",")
		w.coord(y)
	}
	w.raw("\"/>")
}

// dot marks a score's point and prints its value just outside it.
func (w *writer) dot(i, n int, v float64, score *float64) {
	w.raw("\n<circle class=\"dot\"")
	x, y := at(i, n, v)
	w.xy(` cx="`, `" cy="`, x, y)
	w.raw(" r=\"4\"/>\n<text class=\"value\"")
	tx, ty := at(i, n, v+9)
	w.xy(` x="`, `" y="`, tx, ty+4)
	w.raw(" text-anchor=\"middle\">")
	w.score(score)
	w.raw("</text>")
}

// axis names axis i beyond its spoke's end, wrapped on a few lines that
// grow away from the radar.
func (w *writer) axis(i, n int, title string) {
	x, y := at(i, n, 112)
	anchor := "middle"
	if dx := x - radarCX; dx > 10 {
		anchor = "start"
	} else if dx < -10 {
		anchor = "end"
	}
	lines := wrapInto(w.lines[:0], clean(title), labelChars) // wrapped as it will show
	w.lines = lines
	if y < radarCY-10 { // above the centre: the text grows upwards
		y -= float64(14 * (len(lines) - 1))
	}
	w.raw("\n<text class=\"axis\"")
	w.xy(` x="`, `" y="`, x, y)
	w.raw(" text-anchor=\"")
	w.raw(anchor)
	w.raw("\">")
	for j, l := range lines {
		dy := "0"
		if j > 0 {
			w.raw(" ")
			dy = "1.15em"
		}
		w.raw("<tspan x=\"")
		w.coord(x)
		w.raw("\" dy=\"")
		w.raw(dy)
		w.raw("\">")
		w.text(l)
		w.raw("</tspan>")
	}
	w.raw("</text>")
}

// wrap breaks s into lines of about width characters at spaces. Lines
// are cut from s where its words are one space apart (a title is), and
// built only where they are not.
func wrap(s string, width int) []string { return wrapInto(make([]string, 0, 4), s, width) }

// wrapInto is wrap appending the lines to lines.
func wrapInto(lines []string, s string, width int) []string {
	start, end, n := -1, 0, 0 // the line so far: s[start:end], n runes
	plain := true             // whether s[start:end] is its words one space apart
	line := ""                // the line, when it is not plain
	for i := 0; i < len(s); {
		j, k := wordAt(s, i)
		if j == len(s) {
			break
		}
		wn := utf8.RuneCountInString(s[j:k])
		if start >= 0 && n+1+wn > width {
			lines = append(lines, joined(s, start, end, plain, line))
			start, n, plain, line = -1, 0, true, ""
		}
		if start < 0 {
			start, n = j, wn
		} else {
			n += 1 + wn
			if plain && (j != end+1 || s[end] != ' ') {
				plain, line = false, s[start:end]
			}
			if !plain {
				line += " " + s[j:k]
			}
		}
		end, i = k, k
	}
	if start < 0 {
		return append(lines, "")
	}
	return append(lines, joined(s, start, end, plain, line))
}

func joined(s string, start, end int, plain bool, line string) string {
	if plain {
		return s[start:end]
	}
	return line
}

// wordAt finds the next word from i on, as strings.Fields splits: s[j:k];
// j is len(s) when there is none.
func wordAt(s string, i int) (j, k int) {
	j = i
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsSpace(r) {
			break
		}
		j += size
	}
	k = j
	for k < len(s) {
		if c := s[k]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				break
			}
			k++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[k:])
		if unicode.IsSpace(r) {
			break
		}
		k += size
	}
	return j, k
}

// asciiSpace is unicode.IsSpace for ASCII.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// describe says in words what the radar draws.
func (w *writer) describe(descID, scoreWord string, comps []report.Competence) {
	w.t(descID)
	target := w.loc.T("report.radar.target") // a word in a sentence, not a heading
	for _, c := range comps {
		w.raw(" ")
		w.text(c.Title)
		w.t("punct.colon")
		w.text(scoreWord)
		w.raw(" ")
		w.score(c.Score)
		w.raw(", ")
		w.text(target)
		w.raw(" ")
		w.num(c.Target)
		w.raw(".")
	}
}
