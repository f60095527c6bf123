package tui

import (
	"image/color"
	"math"
	"strings"

	"charm.land/lipgloss/v2"
)

// canvas is a grid of braille cells: each cell holds 2×4 dots. A cell has
// one colour, so each dot carries a series and the highest series wins.
type canvas struct {
	cols, rows int
	bits       []uint8
	series     []int8
}

// brailleBit is the bit of dot (x%2, y%4) in a braille character.
var brailleBit = [4][2]uint8{{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}}

func newCanvas(cols, rows int) *canvas {
	return &canvas{cols: cols, rows: rows, bits: make([]uint8, cols*rows), series: make([]int8, cols*rows)}
}

func (c *canvas) set(x, y, series int) {
	if x < 0 || y < 0 || x >= c.cols*2 || y >= c.rows*4 {
		return
	}
	i := (y/4)*c.cols + x/2
	c.bits[i] |= brailleBit[y%4][x%2]
	c.series[i] = int8(max(int(c.series[i]), series))
}

// Line patterns, so series differ by more than colour.
const (
	solid  = iota
	dashed // three dots on, two off
	sparse // one dot in four
)

// line draws from (x0,y0) to (x1,y1) (Bresenham) in a pattern.
func (c *canvas) line(x0, y0, x1, y1, series, pattern int) {
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
			if c.bits[i] == 0 {
				b.WriteByte(' ')
				continue
			}
			ch := string(rune(0x2800 + int(c.bits[i])))
			if s := int(c.series[i]); s < len(colors) && colors[s] != nil {
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
			if poly.series == seriesScore { // a thick mark on each score, readable without colour
				for dx := -1; dx <= 1; dx++ {
					for dy := -1; dy <= 1; dy++ {
						c.set(p[0]+dx, p[1]+dy, poly.series)
					}
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
