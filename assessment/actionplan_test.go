package assessment

import (
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
