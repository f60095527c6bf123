package html

import (
	"io"
	"testing"

	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/i18n"
)

// A page is written into one reused buffer, its numbers and coordinates
// straight into it, its messages with text data filled there too: what is
// left to allocate is a few strings per part (366 allocations before the
// radar, the buffer and the messages were reworked; 82 after).
func TestAPageAllocatesLittle(t *testing.T) {
	bank, a, prev := benchData(t)
	rep := report.Build(bank, a, prev, nil)
	loc := i18n.MustNew("en")
	Individual(io.Discard, rep, loc) // messages parsed on first use
	n := testing.AllocsPerRun(20, func() {
		if err := Individual(io.Discard, rep, loc); err != nil {
			t.Fatal(err)
		}
	})
	if n > 120 {
		t.Errorf("a page makes %v allocations, want at most 120", n)
	}
}
