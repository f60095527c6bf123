package tui

import (
	"image/color"
	"math"
	"strings"

	"charm.land/lipgloss/v2"
)

// canvas is a grid of braille cells: each cell holds 2×4 dots, kept per
// series. A cell shows one series, the highest drawn in it, and only that
// series' dots: rings and spokes recede behind the lines. The target is
// drawn in dashes (┄ ┆ ╱ ╲) and the score in braille dots with a ● on each
// value, so the two differ by glyph as well as colour (NO_COLOR).
type canvas struct {
	cols, rows int
	bits       [][seriesCount]uint8
	dir        []string // the dash of a target segment through the cell
	marks      map[int]string
}

// The glyphs of the two series, for the legends.
const (
	scoreGlyph  = "●"
	targetGlyph = "┄"
)

// brailleBit is the bit of dot (x%2, y%4) in a braille character.
var brailleBit = [4][2]uint8{{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}}

func newCanvas(cols, rows int) *canvas {
	return &canvas{cols: cols, rows: rows, bits: make([][seriesCount]uint8, cols*rows), dir: make([]string, cols*rows),
		marks: map[int]string{}}
}

// cell is the index of the cell holding dot (x, y); -1 off the canvas.
func (c *canvas) cell(x, y int) int {
	if x < 0 || y < 0 || x >= c.cols*2 || y >= c.rows*4 {
		return -1
	}
	return (y/4)*c.cols + x/2
}

func (c *canvas) set(x, y, series int) {
	if i := c.cell(x, y); i >= 0 {
		c.bits[i][series] |= brailleBit[y%4][x%2]
	}
}

// top is the highest series drawn in cell i, -1 for none.
func (c *canvas) top(i int) int {
	for s := seriesCount - 1; s >= 0; s-- {
		if c.bits[i][s] != 0 {
			return s
		}
	}
	return -1
}

// dash is the dash glyph of a segment going (dx, dy) in dots (y down);
// dots are about square, so the angle on screen is the angle in dots.
func dash(dx, dy int) string {
	ax, ay := abs(dx), abs(dy)
	switch {
	case ay*5 < ax*2: // under about 22°
		return "┄"
	case ax*5 < ay*2:
		return "┆"
	case (dx > 0) == (dy > 0):
		return "╲"
	}
	return "╱"
}

// Line patterns, so series differ by more than colour.
const (
	solid  = iota
	dashed // three dots on, two off
	sparse // one dot in four
)

// line draws from (x0,y0) to (x1,y1) (Bresenham) in a pattern.
func (c *canvas) line(x0, y0, x1, y1, series, pattern int) {
	if series == seriesTarget {
		defer c.dashes(x0, y0, x1, y1, dash(x1-x0, y1-y0)) // arguments taken now, before the loop moves x0, y0
	}
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	err := dx + dy
	for n := 0; ; n++ {
		if pattern == solid || (pattern == dashed && n%5 < 3) || (pattern == sparse && n%4 == 0) {
			c.set(x0, y0, series)
		}
		if x0 == x1 && y0 == y1 {
			return
		}
		e2 := 2 * err
		if e2 >= dy {
			err += dy
			x0 += sx
		}
		if e2 <= dx {
			err += dx
			y0 += sy
		}
	}
}

// dashes marks the cells a target segment passes with its dash.
func (c *canvas) dashes(x0, y0, x1, y1 int, d string) {
	n := max(abs(x1-x0), abs(y1-y0), 1)
	for k := 0; k <= n; k++ {
		if i := c.cell(x0+(x1-x0)*k/n, y0+(y1-y0)*k/n); i >= 0 {
			c.dir[i] = d
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func sign(x int) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// render turns the canvas into lines, a colour per series; overlay puts
// plain text (axis numbers) on chosen cells.
func (c *canvas) render(colors []color.Color, overlay map[[2]int]string) []string {
	lines := make([]string, c.rows)
	for r := 0; r < c.rows; r++ {
		var b strings.Builder
		for col := 0; col < c.cols; col++ {
			if t, ok := overlay[[2]int{col, r}]; ok {
				b.WriteString(t)
				continue
			}
			i := r*c.cols + col
			s := c.top(i)
			if s < 0 {
				b.WriteByte(' ')
				continue
			}
			ch := string(rune(0x2800 + int(c.bits[i][s])))
			switch {
			case c.marks[i] != "" && s == seriesScore:
				ch = c.marks[i]
			case s == seriesTarget && c.dir[i] != "":
				ch = c.dir[i]
			}
			if s < len(colors) && colors[s] != nil {
				ch = lipgloss.NewStyle().Foreground(colors[s]).Render(ch)
			}
			b.WriteString(ch)
		}
		lines[r] = b.String()
	}
	return lines
}

// Radar series, lowest priority first.
const (
	seriesGrid = iota
	seriesBand
	seriesTarget
	seriesScore
	seriesCount
)

// polygon is one series on the radar: a value (0–100, nil = none) per
// spoke, drawn in a pattern.
type polygon struct {
	values  []*float64
	series  int
	pattern int
}

func fixed(xs []float64) []*float64 {
	out := make([]*float64, len(xs))
	for i := range xs {
		out[i] = &xs[i]
	}
	return out
}

// radar draws polygons on n spokes, the first pointing up, clockwise, over
// a faint grid. Axis numbers 1…n sit past each tip.
func radar(cols, rows, n int, polys []polygon, colors []color.Color) []string {
	c := newCanvas(cols, rows)
	cx, cy := cols, rows*2 // centre, in dots
	// Dots are about square: the radius fits both the width and the height.
	r := float64(min(cx, cy) - 4)
	at := func(i int, frac float64) (int, int) {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		return cx + int(math.Round(r*frac*math.Cos(a))), cy + int(math.Round(r*frac*math.Sin(a)))
	}
	// The grid stays faint: the outer ring (100), the half ring (50) and
	// the spokes, so the series stand out.
	for _, ring := range []float64{0.5, 1} {
		for i := 0; i < n; i++ {
			x0, y0 := at(i, ring)
			x1, y1 := at((i+1)%n, ring)
			c.line(x0, y0, x1, y1, seriesGrid, sparse)
		}
	}
	for i := 0; i < n; i++ {
		x, y := at(i, 1)
		c.line(cx, cy, x, y, seriesGrid, sparse)
	}
	for _, poly := range polys {
		var pts [][2]int
		for i := 0; i < n && i < len(poly.values); i++ {
			if v := poly.values[i]; v != nil {
				x, y := at(i, *v/100)
				pts = append(pts, [2]int{x, y})
			}
		}
		for i := range pts {
			p, q := pts[i], pts[(i+1)%len(pts)]
			c.line(p[0], p[1], q[0], q[1], poly.series, poly.pattern)
			if poly.series == seriesScore { // a ● on each score, readable without colour
				c.set(p[0], p[1], poly.series)
				if i := c.cell(p[0], p[1]); i >= 0 {
					c.marks[i] = scoreGlyph
				}
			}
		}
	}
	overlay := map[[2]int]string{}
	for i := 0; i < n; i++ {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		x := float64(cx) + (r+3)*math.Cos(a)
		y := float64(cy) + (r+3)*math.Sin(a)
		col := min(cols-1, max(0, int(x)/2))
		row := min(rows-1, max(0, int(y)/4))
		overlay[[2]int{col, row}] = string(rune('1' + i))
	}
	return c.render(colors, overlay)
}
