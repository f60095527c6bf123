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

func at(i, n int, v float64) (float64, float64) {
	a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
	return radarCX + radarR*v/100*math.Cos(a), radarCY + radarR*v/100*math.Sin(a)
}

// radar writes the radar as inline SVG: rings and spokes, the target and
// the score (a missing score sits at the centre), each value printed
// beside its point, each axis named, and a title and a description in
// words for screen readers; scoreWord names the score series.
func (w *writer) radar(comps []report.Competence, scoreWord string) {
	n := len(comps)
	value := func(i int) float64 {
		if comps[i].Score == nil {
			return 0
		}
		return *comps[i].Score
	}
	w.raw("\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + strconv.Itoa(radarW) + " " + strconv.Itoa(radarH) +
		"\" role=\"img\" aria-labelledby=\"radar-title radar-desc\">\n<title id=\"radar-title\">")
	w.t("report.radar.title")
	w.raw("</title>\n<desc id=\"radar-desc\">")
	w.describe(scoreWord, comps)
	w.raw("</desc>\n<g class=\"grid\">")
	for _, ring := range []float64{25, 50, 75, 100} {
		w.polygon("ring", n, func(int) float64 { return ring })
	}
	for i := range n {
		w.raw("\n<line class=\"spoke\"")
		w.xy(" x1", " y1", radarCX, radarCY)
		x, y := at(i, n, 100)
		w.xy(" x2", " y2", x, y)
		w.raw("/>")
	}
	w.raw("\n</g>")
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

// coord writes a coordinate to a tenth of a unit.
func (w *writer) coord(x float64) {
	w.scratch = strconv.AppendFloat(w.scratch[:0], math.Round(x*10)/10, 'f', -1, 64)
	w.b.Write(w.scratch)
}

// xy writes a point as two attributes.
func (w *writer) xy(xName, yName string, x, y float64) {
	w.raw(xName + "=\"")
	w.coord(x)
	w.raw("\"" + yName + "=\"")
	w.coord(y)
	w.raw("\"")
}

// polygon joins the points at v(i) on each axis.
func (w *writer) polygon(class string, n int, v func(i int) float64) {
	w.raw("\n<polygon class=\"" + class + "\" points=\"")
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
	w.xy(" cx", " cy", x, y)
	w.raw(" r=\"4\"/>\n<text class=\"value\"")
	tx, ty := at(i, n, v+9)
	w.xy(" x", " y", tx, ty+4)
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
	lines := wrap(clean(title), labelChars) // wrapped as it will show
	if y < radarCY-10 {                     // above the centre: the text grows upwards
		y -= float64(14 * (len(lines) - 1))
	}
	w.raw("\n<text class=\"axis\"")
	w.xy(" x", " y", x, y)
	w.raw(" text-anchor=\"" + anchor + "\">")
	for j, l := range lines {
		dy := "0"
		if j > 0 {
			w.raw(" ")
			dy = "1.15em"
		}
		w.raw("<tspan x=\"")
		w.coord(x)
		w.raw("\" dy=\"" + dy + "\">")
		w.text(l)
		w.raw("</tspan>")
	}
	w.raw("</text>")
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
