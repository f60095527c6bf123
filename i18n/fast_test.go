package i18n

import (
	"math"
	"testing"
)

// TFast gives T's text for every message of every catalog, with data of
// each kind a page passes, with a placeholder left without data, and with
// pairs given twice.
func TestTFastIsT(t *testing.T) {
	values := []any{"Anna <b>", 42, int64(-7), "{{.X}}", ""}
	for _, l := range Languages() {
		loc := MustNew(l.Tag)
		n := 0
		for id, v := range readCatalog(t, l.Tag) {
			src, ok := v.(string)
			if !ok {
				src = "{{.Count}}" // a plural message: T takes its "other" form
			}
			keys := placeholders(src)
			var data []any
			for i, k := range keys {
				data = append(data, k, values[(i+n)%len(values)])
			}
			n++
			cases := [][]any{data, append(append([]any{}, data...), data...)}
			if len(data) >= 2 {
				cases = append(cases, data[2:], append(append([]any{}, data...), data[0], "again"))
			}
			for _, d := range cases {
				if got, want := loc.TFast(id, d...), loc.T(id, d...); got != want {
					t.Errorf("%s %s %v: TFast %q, T %q", l.Tag, id, d, got, want)
				}
			}
		}
	}
	if got := MustNew("en").TFast("no.such.id", "X", 1); got != "no.such.id" {
		t.Errorf("unknown id: %q", got)
	}
}

// NumberFast gives Number's text for every score, gap and change a report
// shows (−100 to 100 in tenths, and 0 to 999.9), and for what it leaves
// to Number.
func TestNumberFastIsNumber(t *testing.T) {
	odd := []float64{math.Copysign(0, -1), 0.05, 33.333, 1000, -1000, 1234.5, 99999.9, math.NaN(), math.Inf(1), 1e-9}
	for _, l := range Languages() {
		loc := MustNew(l.Tag)
		check := func(x float64) {
			if got, want := loc.NumberFast(x), loc.Number(x); got != want {
				t.Errorf("%s %v: NumberFast %q, Number %q", l.Tag, x, got, want)
			}
		}
		for i := -1000; i <= 9999; i++ {
			check(float64(i) / 10)
			if i%10 == 0 {
				check(float64(i / 10))
			}
		}
		for _, x := range odd {
			check(x)
		}
		if !styleOf(l.Tag).ok {
			t.Errorf("%s: no number style read from x/text, every number takes the slow way", l.Tag)
		}
	}
}
