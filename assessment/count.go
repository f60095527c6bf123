package assessment

import (
	"math"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/digint/digint/assessment/safe"
)

// ParseCount reads a count as someone writing in lang types it, in every
// face: digits, which may be grouped by threes with a space (as SI writes
// them) or with whichever of "." and "," is not lang's decimal sign
// ("1,200" in English, "1.200" in Spanish, "1 200" in both). That sign
// itself would make a fraction ("1.200" is 1.2 in English), so it is
// refused, not guessed at. A count is at most what a document holds.
func ParseCount(text, lang string) (int, error) {
	s := strings.TrimSpace(text)
	digits, negative, ok := countDigits(s, decimalSign(lang))
	if !ok {
		return 0, newProblem("typed.whole", "not a whole number", "Value", safe.Excerpt(s, 40))
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n > math.MaxInt32 {
		return 0, newProblem("typed.large", "too large", "Value", safe.Excerpt(s, 40), "Max", math.MaxInt32)
	}
	if negative && n > 0 {
		return 0, newProblem("count", "count below 0", "N", -n)
	}
	return n, nil
}

// countDigits takes the grouping out of s: its digits, and whether it has
// a minus sign; ok is false unless every group after the first has three
// digits, all marked alike.
func countDigits(s string, decimal rune) (digits string, negative, ok bool) {
	s, negative = strings.CutPrefix(s, "-")
	var b strings.Builder
	var mark rune // the grouping mark seen, 0 for none
	group := 0    // digits in the group being read
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
			group++
			continue
		case isSpace(r):
			r = ' ' // any space groups as well as any other
		case r != '.' && r != ',' || r == decimal:
			return "", false, false
		}
		first := mark == 0
		if group == 0 || first && group > 3 || !first && (group != 3 || r != mark) {
			return "", false, false
		}
		mark, group = r, 0
	}
	if b.Len() == 0 || mark != 0 && group != 3 || mark == 0 && group == 0 {
		return "", false, false
	}
	return b.String(), negative, true
}

// isSpace: the spaces numbers are grouped with, the no-break ones a
// locale writes included.
func isSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' }

var decimalSigns sync.Map // lang → rune

// decimalSign is the mark lang writes a fraction with, as CLDR says.
func decimalSign(lang string) rune {
	if r, ok := decimalSigns.Load(lang); ok {
		return r.(rune)
	}
	sign := '.'
	for _, r := range message.NewPrinter(language.Make(lang)).Sprintf("%.1f", 1.5) {
		if r < '0' || r > '9' {
			sign = r
		}
	}
	decimalSigns.Store(lang, sign)
	return sign
}
