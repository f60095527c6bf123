package i18n

import (
	"math"
	"strings"
	"testing"
)

// T gives t's text (go-i18n's templates) for every message of every catalog, with data of
// each kind a page passes, with a placeholder left without data, and with
// pairs given twice.
func TestTIsTheTemplates(t *testing.T) {
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
				if got, want := loc.T(id, d...), loc.t(id, d...); got != want {
					t.Errorf("%s %s %v: T %q, t %q", l.Tag, id, d, got, want)
				}
			}
		}
	}
	if got := MustNew("en").T("no.such.id", "X", 1); got != "no.such.id" {
		t.Errorf("unknown id: %q", got)
	}
}

// Number gives x/text's text (number) for every score, gap and change a report
// shows (−100 to 100 in tenths, and 0 to 999.9), and for what it leaves
// to Number.
func TestNumberIsXText(t *testing.T) {
	odd := []float64{math.Copysign(0, -1), 0.05, 33.333, 1000, -1000, 1234.5, 99999.9, math.NaN(), math.Inf(1), 1e-9}
	for _, l := range Languages() {
		loc := MustNew(l.Tag)
		check := func(x float64) {
			if got, want := loc.Number(x), loc.number(x); got != want {
				t.Errorf("%s %v: Number %q, number %q", l.Tag, x, got, want)
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
		if !loc.fast.numbers().ok {
			t.Errorf("%s: no number style read from x/text, every number takes the slow way", l.Tag)
		}
	}
}

// T and Number take the fast way: a message with plain placeholders costs
// the one string it makes, a score none (text/template and x/text took
// 17 and 7 allocations).
func TestTAndNumberTakeTheFastWay(t *testing.T) {
	for _, l := range Languages() {
		loc := MustNew(l.Tag)
		loc.T("report.progress.since", "Date", "2026-11-30", "Mode", "quick", "Version", "2") // parsed on first use
		if n := testing.AllocsPerRun(100, func() {
			loc.T("report.progress.since", "Date", "2026-11-30", "Mode", "quick", "Version", "2")
		}); n > 1 {
			t.Errorf("%s: T with data makes %v allocations, want 1", l.Tag, n)
		}
		if n := testing.AllocsPerRun(100, func() { loc.Number(87.5); loc.Number(-12.3) }); n > 0 {
			t.Errorf("%s: Number makes %v allocations, want none", l.Tag, n)
		}
	}
}

// AppendT appends what T gives, for every message of every catalog, with
// text data, a placeholder left without data and pairs given twice.
func TestAppendTIsT(t *testing.T) {
	values := []string{"Anna <b>", "42", "{{.X}}", ""}
	for _, l := range Languages() {
		loc := MustNew(l.Tag)
		n := 0
		for id, v := range readCatalog(t, l.Tag) {
			src, ok := v.(string)
			if !ok {
				src = "{{.Count}}"
			}
			var kv []string
			for i, k := range placeholders(src) {
				kv = append(kv, k, values[(i+n)%len(values)])
			}
			n++
			cases := [][]string{kv, append(append([]string{}, kv...), kv...)}
			if len(kv) >= 2 {
				cases = append(cases, kv[2:], append(append([]string{}, kv...), kv[0], "again"))
			}
			for _, d := range cases {
				data := make([]any, len(d))
				for i, s := range d {
					data[i] = s
				}
				if got, want := string(loc.AppendT([]byte("before:"), id, d...)), "before:"+loc.t(id, data...); got != want {
					t.Errorf("%s %s %v: AppendT %q, t %q", l.Tag, id, d, got, want)
				}
			}
		}
	}
}

// N without other data gives n's text every time, kept or not: every
// plural message of every catalog, counts 0 to 300 (past the cache's
// bound), asked twice.
func TestNKeptIsN(t *testing.T) {
	for _, l := range Languages() {
		loc := MustNew(l.Tag)
		plurals := 0
		for id, v := range readCatalog(t, l.Tag) {
			if _, plain := v.(string); plain {
				continue
			}
			plurals++
			for count := range 301 {
				want := loc.n(id, count)
				for range 2 {
					if got := loc.N(id, count); got != want {
						t.Fatalf("%s %s %d: N %q, n %q", l.Tag, id, count, got, want)
					}
				}
			}
		}
		if plurals == 0 {
			t.Fatalf("%s: no plural message to check", l.Tag)
		}
		if len(loc.counted) > maxCounted {
			t.Errorf("%s: %d texts kept; at most %d", l.Tag, len(loc.counted), maxCounted)
		}
	}
}

// Counts are grouped the locale's way and never get a decimal.
func TestCountGroupsThousands(t *testing.T) {
	for lang, want := range map[string]string{"en": "12,500", "it": "12.500", "nl": "12.500"} {
		if got := MustNew(lang).Count(12500); got != want {
			t.Errorf("%s: Count(12500) = %q, want %q", lang, got, want)
		}
	}
	if got := MustNew("fr").Count(1500); !strings.HasPrefix(got, "1") || !strings.HasSuffix(got, "500") || len(got) <= 4 {
		t.Errorf("fr: Count(1500) = %q, want 1 500 with the French group separator", got)
	}
	if got := MustNew("en").Count(7); got != "7" {
		t.Errorf("Count(7) = %q", got)
	}
}
