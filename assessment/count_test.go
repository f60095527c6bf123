package assessment

import (
	"errors"
	"testing"
)

// A count is read the same way in every face, by its language's marks.
func TestParseCount(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		want       int
		rule       string // the problem, "" when read
	}{
		{"en", "1200", 1200, ""},
		{"en", " 42 ", 42, ""},
		{"en", "0", 0, ""},
		{"en", "1,200", 1200, ""},
		{"en", "1 200", 1200, ""},
		{"en", "1\u00a0200\u00a0000", 1200000, ""},
		{"en", "1.200", 0, "typed.whole"}, // 1.2 in English: not guessed
		{"en", "1.5", 0, "typed.whole"},
		{"es", "1.200", 1200, ""},
		{"es", "1 200", 1200, ""},
		{"es", "12.345.678", 12345678, ""},
		{"es", "1,200", 0, "typed.whole"}, // 1,2 in Spanish
		{"fr", "1 200", 1200, ""},
		{"fr", "1\u202f200", 1200, ""},
		{"fr", "1.200", 1200, ""},
		{"fr", "1,5", 0, "typed.whole"},
		{"nl", "1.200", 1200, ""},
		{"it", "1.200", 1200, ""},
		{"ro", "1.200", 1200, ""},
		{"eu", "1.200", 1200, ""},
		{"es", "1.20", 0, "typed.whole"},      // a group of three, or none
		{"es", "1.2000", 0, "typed.whole"},    //
		{"es", "1200.000", 0, "typed.whole"},  // a first group of at most three
		{"es", "1.200 000", 0, "typed.whole"}, // marked alike
		{"es", ".200", 0, "typed.whole"},
		{"es", "200.", 0, "typed.whole"},
		{"es", "1..200", 0, "typed.whole"},
		{"es", "", 0, "typed.whole"},
		{"es", "doce", 0, "typed.whole"},
		{"es", "12a", 0, "typed.whole"},
		{"es", "+12", 0, "typed.whole"},
		{"es", "-5", 0, "count"},
		{"es", "-0", 0, ""},
		{"es", "2147483647", 2147483647, ""},
		{"es", "2.147.483.648", 0, "typed.large"},
		{"es", "99999999999999999999999", 0, "typed.large"},
	} {
		n, err := ParseCount(c.text, c.lang)
		var p *Problem
		switch {
		case c.rule == "" && (err != nil || n != c.want):
			t.Errorf("%s %q: %d, %v; want %d", c.lang, c.text, n, err, c.want)
		case c.rule != "" && (!errors.As(err, &p) || p.Rule != c.rule):
			t.Errorf("%s %q: %d, %v; want the problem %q", c.lang, c.text, n, err, c.rule)
		}
	}
}

// The value refused is quoted by the message, in the language's own
// quotation marks: the problem holds it bare.
func TestParseCountKeepsTheValueBare(t *testing.T) {
	_, err := ParseCount("1,5", "es")
	var p *Problem
	if !errors.As(err, &p) || p.Value("Value") != "1,5" {
		t.Fatalf("%v: %+v", err, p)
	}
}
