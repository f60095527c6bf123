package html

import (
	"math"
	"strconv"
	"strings"

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

type radar struct {
	Rings  []string // polygon points of the 25, 50, 75 and 100 rings
	Spokes []point
	Axes   []axis
	Score  string // polygon points; a missing score sits at the centre
	Target string
	Dots   []dot
	Center point
}

type point struct{ X, Y string }

type axis struct {
	point
	Anchor string
	Lines  []string
}

type dot struct {
	point
	Text  point // where the value is printed
	Value string
}

func at(i, n int, v float64) (float64, float64) {
	a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
	return radarCX + radarR*v/100*math.Cos(a), radarCY + radarR*v/100*math.Sin(a)
}

func fmtf(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64) }

func pt(x, y float64) point { return point{fmtf(x), fmtf(y)} }

func points(n int, v func(i int) float64) string {
	var b strings.Builder
	for i := range n {
		x, y := at(i, n, v(i))
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(fmtf(x) + "," + fmtf(y))
	}
	return b.String()
}

func newRadar(comps []report.Competence, number func(float64) string) radar {
	n := len(comps)
	r := radar{Center: pt(radarCX, radarCY)}
	for _, ring := range []float64{25, 50, 75, 100} {
		r.Rings = append(r.Rings, points(n, func(int) float64 { return ring }))
	}
	value := func(i int) float64 {
		if comps[i].Score == nil {
			return 0
		}
		return *comps[i].Score
	}
	r.Score = points(n, value)
	r.Target = points(n, func(i int) float64 { return comps[i].Target })
	for i, c := range comps {
		r.Spokes = append(r.Spokes, pt(at(i, n, 100)))
		lx, ly := at(i, n, 112)
		anchor := "middle"
		if dx := lx - radarCX; dx > 10 {
			anchor = "start"
		} else if dx < -10 {
			anchor = "end"
		}
		lines := wrap(clean(c.Title), labelChars) // wrapped as it will show
		if ly < radarCY-10 {                      // above the centre: the text grows upwards
			ly -= float64(14 * (len(lines) - 1))
		}
		r.Axes = append(r.Axes, axis{pt(lx, ly), anchor, lines})
		x, y := at(i, n, value(i))
		tx, ty := at(i, n, value(i)+9)
		v := "–"
		if c.Score != nil {
			v = number(*c.Score)
		}
		r.Dots = append(r.Dots, dot{pt(x, y), pt(tx, ty+4), v})
	}
	return r
}

// wrap breaks s into lines of about width characters at spaces.
func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// radar writes the radar as inline SVG, with a title and a description
// in words for screen readers; scoreWord names the score series.
func (w *writer) radar(comps []report.Competence, scoreWord string) {
	r := newRadar(comps, w.number)
	w.raw("\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + strconv.Itoa(radarW) + " " + strconv.Itoa(radarH) +
		"\" role=\"img\" aria-labelledby=\"radar-title radar-desc\">\n<title id=\"radar-title\">")
	w.t("report.radar.title")
	w.raw("</title>\n<desc id=\"radar-desc\">")
	w.describe(scoreWord, comps)
	w.raw("</desc>\n<g class=\"grid\">")
	for _, ring := range r.Rings {
		w.raw("\n<polygon class=\"ring\" points=\"" + ring + "\"/>")
	}
	for _, s := range r.Spokes {
		w.raw("\n<line class=\"spoke\" x1=\"" + r.Center.X + "\" y1=\"" + r.Center.Y + "\" x2=\"" + s.X + "\" y2=\"" + s.Y + "\"/>")
	}
	w.raw("\n</g>\n<polygon class=\"target\" points=\"" + r.Target + "\"/>\n<polygon class=\"score\" points=\"" + r.Score + "\"/>")
	for _, d := range r.Dots {
		w.raw("\n<circle class=\"dot\" cx=\"" + d.X + "\" cy=\"" + d.Y + "\" r=\"4\"/>\n<text class=\"value\" x=\"" +
			d.Text.X + "\" y=\"" + d.Text.Y + "\" text-anchor=\"middle\">")
		w.text(d.Value)
		w.raw("</text>")
	}
	for _, ax := range r.Axes {
		w.axis(ax)
	}
	w.raw("\n</svg>\n")
}

// axis names one axis, wrapped on a few lines.
func (w *writer) axis(ax axis) {
	w.raw("\n<text class=\"axis\" x=\"" + ax.X + "\" y=\"" + ax.Y + "\" text-anchor=\"" + ax.Anchor + "\">")
	for i, l := range ax.Lines {
		dy := "0"
		if i > 0 {
			w.raw(" ")
			dy = "1.15em"
		}
		w.raw("<tspan x=\"" + ax.X + "\" dy=\"" + dy + "\">")
		w.text(l)
		w.raw("</tspan>")
	}
	w.raw("</text>")
}

// describe says in words what the radar draws.
func (w *writer) describe(scoreWord string, comps []report.Competence) {
	w.t("report.radar.desc")
	target := w.loc.T("table.target")
	for _, c := range comps {
		w.raw(" ")
		w.text(c.Title)
		w.raw(": ")
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
