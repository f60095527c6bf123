package main

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

// TestWorkshopReportPrintFits80: the printed group report is at most 80
// columns wide in every language, and says what the screen says: the
// competence names, the questions to discuss with their answers' labels.
func TestWorkshopReportPrintFits80(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "FIT-80", 9, 7)
	for _, lang := range []string{"en", "it", "fr", "es", "nl", "ro", "eu"} {
		out, stderr, code := run(t, dir, "workshop", "report", "FIT-80", "--print", "--lang", lang)
		if code != 0 {
			t.Fatalf("%s: %s", lang, stderr)
		}
		for i, l := range strings.Split(out, "\n") {
			if w := lipgloss.Width(l); w > 80 {
				t.Errorf("%s: line %d is %d wide: %q", lang, i+1, w, l)
			}
		}
		if lang == "en" {
			for _, want := range []string{"Workshop: Bologna pilot · FIT-80", "Global competence", "median of the group", "To discuss",
				"By role (medians):"} {
				if !strings.Contains(out, want) {
					t.Errorf("the printed report lacks %q:\n%s", want, out)
				}
			}
		}
	}
}

// TestWorkshopReportCompareItself: comparing a workshop with itself is
// refused, saying why.
func TestWorkshopReportCompareItself(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "SAME-1", 3, 1)
	_, stderr, code := run(t, dir, "workshop", "report", "SAME-1", "--compare", "same-1", "--print")
	if code == 0 || !strings.Contains(stderr, "--compare SAME-1 is the workshop being reported") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// TestWorkshopWatchNeedsATerminal: without a terminal the live view says
// what to run instead; an unknown workshop is named.
func TestWorkshopWatchNeedsATerminal(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "LIVE-1", 3, 1)
	_, stderr, code := run(t, dir, "workshop", "watch", "live-1")
	if code == 0 || !strings.Contains(stderr, "digint workshop report LIVE-1 --print") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if _, stderr, code := run(t, dir, "workshop", "watch", "NOPE-9"); code == 0 || !strings.Contains(stderr, "NOPE-9") {
		t.Errorf("unknown workshop: exit %d: %s", code, stderr)
	}
}

// A workshop of fewer than three says so once, not once for each part of
// the report.
func TestWorkshopReportTooSmallSaysItOnce(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "TWO-26", 2, 3)
	out, stderr, code := run(t, dir, "workshop", "report", "TWO-26", "--print")
	if code != 0 || strings.Count(out, "Fewer than 3 assessments") != 1 {
		t.Errorf("exit %d, %q:\n%s", code, stderr, out)
	}
}
