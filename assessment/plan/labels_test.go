package plan

import (
	"slices"
	"testing"

	"github.com/digint/digint/assessment"
)

// SourceTitles are SourceTitle of each id, for modules, guideline areas,
// ids the bank lacks, and none.
func TestSourceTitlesAreEachSourceTitle(t *testing.T) {
	b, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range b.Modules() {
		ids = append(ids, m.ID)
	}
	for _, g := range b.Guidelines {
		ids = append(ids, g.ID)
	}
	ids = append(ids, "no-such-source", "")
	if SourceTitles(b, nil) != nil {
		t.Error("no ids give titles")
	}
	for n := range len(ids) {
		// Every run of ids, in turn: each title is cut from the one string.
		list := slices.Concat(ids[n:], ids[:n])[:1+n%5]
		got := SourceTitles(b, list)
		for i, id := range list {
			if want := SourceTitle(b, id); got[i] != want {
				t.Fatalf("%v: title %d is %q, want %q", list, i, got[i], want)
			}
		}
	}
}
