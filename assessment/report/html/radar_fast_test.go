package html

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// coord writes what strconv writes for the rounded coordinate, for
// coordinates on and off the page, signed zeros and what is not a number.
func TestCoordIsAppendFloat(t *testing.T) {
	xs := []float64{0, math.Copysign(0, -1), -0.04, 0.04, 0.05, -0.05, 0.15, 389.95, 1e14 + 0.3,
		999999999999999.9, 1e15, -1e15, 1e300, math.MaxFloat64, math.SmallestNonzeroFloat64,
		math.NaN(), math.Inf(1), math.Inf(-1)}
	rng := rand.New(rand.NewPCG(3, 3))
	for range 100000 {
		xs = append(xs, rng.Float64()*1000-100, rng.NormFloat64()*1e12, float64(rng.IntN(20000)-10000)/10)
	}
	w := &writer{b: newOut(nil)}
	for _, x := range xs {
		w.b.n = 0
		w.coord(x)
		if got, want := string(w.b.bytes()), strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64); got != want {
			t.Errorf("coord(%v) = %q, strconv %q", x, got, want)
		}
	}
}

// at gives the point of the axis formula for every axis of radars of up
// to 100 axes (beyond the cache too), whichever is asked first.
func TestAtIsTheAxisFormula(t *testing.T) {
	for _, n := range []int{100, 3, 12, maxCached, maxCached + 1} {
		for range 2 { // computed, then cached
			for i := range n {
				a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
				for _, v := range []float64{0, 37.5, 100, 112} {
					x, y := at(i, n, v)
					if x != radarCX+radarR*v/100*math.Cos(a) || y != radarCY+radarR*v/100*math.Sin(a) {
						t.Fatalf("at(%d, %d, %v) = %v, %v", i, n, v, x, y)
					}
				}
			}
		}
	}
}

// wrapFields is wrap as it was written first, with strings.Fields.
func wrapFields(s string, width int) []string {
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

// wrap breaks lines where words split by strings.Fields would, for
// titles, odd spacing and broken UTF-8.
func TestWrapIsFields(t *testing.T) {
	cases := []string{"", " ", "one", "Digital pedagogy and learning design in VET",
		"  lead  and\ttrailing\n spaces ", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b", "a\u00a0b c\u2003d",
		"Pädagogik für Lernende mit besonderem Förderbedarf", "x \xff\xfe y", "ab  cd ef gh ij kl mn op qr st uv"}
	rng := rand.New(rand.NewPCG(4, 4))
	parts := []string{"a", "bb", "ccc", "dddddd", "é", " ", "  ", "\t", "\u00a0", "\xff", "longword-longword"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		for _, width := range []int{1, 5, labelChars} {
			if got, want := wrap(s, width), wrapFields(s, width); !slices.Equal(got, want) {
				t.Errorf("wrap(%q, %d) = %q, want %q", s, width, got, want)
			}
		}
	}
}
