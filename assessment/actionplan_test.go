package assessment

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestCheckGivenDue(t *testing.T) {
	now := time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		due, was string
		done     bool
		refused  bool
	}{
		{"2026-10", "", false, true},         // last month, newly given
		{"2026-11", "", false, false},        // this month
		{"2027-01", "", false, false},        // later
		{"2026-10", "2026-10", false, false}, // kept as it was: late, not refused
		{"2026-09", "2026-10", false, true},  // moved to another past month
		{"2026-10", "", true, false},         // a done action may have been due then
		{"", "", false, false},               // no month
		{"2026-13", "", false, false},        // not a month: CheckAction says so
	} {
		err := CheckGivenDue(Action{What: "x", Due: c.due, Done: c.done}, c.was, now, 1, 2)
		if (err != nil) != c.refused {
			t.Errorf("due %q (was %q, done %v): %v", c.due, c.was, c.done, err)
		}
		if pe, ok := err.(*PlanError); err != nil && (!ok || pe.Field != "due" || pe.Reason != "past" || pe.Focus != 1 || pe.Action != 2) {
			t.Errorf("due %q: %#v", c.due, err)
		}
	}
}

// A baseline or target is read as typed, a decimal comma included; a word,
// NaN or an infinity is not a number, as the check of a saved plan says.
func TestParseIndicatorValue(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		ok   bool
		none bool
	}{{"12,5", 12.5, true, false}, {" 3 ", 3, true, false}, {"", 0, true, true},
		{"NaN", 0, false, true}, {"Inf", 0, false, true}, {"-infinity", 0, false, true}, {"deux", 0, false, true}} {
		x, ok := ParseIndicatorValue(c.in)
		if ok != c.ok || (x == nil) != c.none || x != nil && *x != c.want {
			t.Errorf("ParseIndicatorValue(%q) = %v, %v", c.in, x, ok)
		}
	}
}

// An area without actions has an empty list of them in JSON, saved
// (nil) or proposed alike.
func TestFocusWithoutActionsHasAnEmptyList(t *testing.T) {
	out, err := json.Marshal(Plan{Focus: []Focus{{Kind: FocusCompetence, Competence: "networking"}}})
	if err != nil || !strings.Contains(string(out), `"actions":[]`) {
		t.Errorf("%s, %v", out, err)
	}
}
