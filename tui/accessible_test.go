package tui

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

func runPlain(t *testing.T, store *storage.Store, lang, input string) string {
	t.Helper()
	return runWith(t, Options{Store: store, Lang: lang, Now: func() time.Time { return fixedNow }}, input)
}

func runWith(t *testing.T, o Options, input string) string {
	t.Helper()
	var out bytes.Buffer
	err := RunAccessible(o, strings.NewReader(input), &out)
	if err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// The line-by-line flow asks the same questions and saves as it goes: a
// person stops half-way, comes back, finishes and gets results.
func TestAccessibleFlow(t *testing.T) {
	store := openStore(t)
	b, _ := assessment.Default()
	asked := b.Asked(assessment.ModeQuick)
	// New, name, role 2 (manager), no institution, quick scan; answer the
	// first three, then stop.
	out := runPlain(t, store, "en", "1\nIker\n2\n\n1\n3\n2\nn\nq\n")
	if !strings.Contains(out, asked[0].Text) || !strings.Contains(out, "Saved.") || !strings.Contains(out, "Your answers are saved") {
		t.Fatalf("first run:\n%s", out)
	}
	list, _ := store.List(bg(), storage.Filter{})
	if len(list) != 1 || list[0].Answered != 3 || list[0].Participant.Role != "manager" {
		t.Fatalf("after stopping: %+v", list)
	}
	// Continue (entry 2) and answer everything left with its first answer.
	var rest strings.Builder
	rest.WriteString("2\n")
	for _, it := range asked[3:] {
		switch it.Kind {
		case assessment.KindCount:
			rest.WriteString("120\n")
		case assessment.KindMaturity:
			rest.WriteString("1\n")
		default:
			rest.WriteString("1\n")
		}
	}
	out = runPlain(t, store, "en", rest.String())
	if !strings.Contains(out, "Your results") || !strings.Contains(out, "digint report") {
		t.Fatalf("second run:\n%s", out)
	}
	// Once per answer: the completion that follows the last is not a
	// second "Saved.".
	if n := strings.Count(out, "Saved."); n != len(asked)-3 {
		t.Errorf("%q said %d times for %d answers", "Saved.", n, len(asked)-3)
	}
	a, err := store.Assessment(bg(), list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.CompletedAt == nil {
		t.Error("not completed")
	}
	got := assessment.Index(a.Answers)
	if got[asked[0].ID].Value.Number() != 3 || got[asked[2].ID].Status != assessment.StatusNA {
		t.Errorf("answers: %+v %+v", got[asked[0].ID], got[asked[2].ID])
	}
	if r := assessment.Score(b, a); r.Counts.Unanswered != 0 {
		t.Errorf("%d questions left open", r.Counts.Unanswered)
	}
}

// The optional comment that ends a section is not numbered past the
// section's count of questions (the counters leave it out): it is said to
// be optional, and the numbers before it end at the count.
func TestAccessibleOptionalQuestionIsNotNumbered(t *testing.T) {
	store := openStore(t)
	b, _ := assessment.Default()
	asked := b.Asked(assessment.ModeFull)
	// New, no name, role 1, no institution, full assessment.
	input := "1\n\n1\n\n2\n"
	first := asked[0].Section
	required := 0
	for _, it := range asked {
		if it.Section != first {
			break
		}
		if it.Optional() {
			input += "q\n"
			break
		}
		required++
		if it.Kind == assessment.KindCount {
			input += "120\n"
		} else {
			input += "1\n"
		}
	}
	out := runPlain(t, store, "en", input)
	last := fmt.Sprintf("Question %d/%d of this section", required, required)
	if !strings.Contains(out, last) || !strings.Contains(out, "An optional question") {
		t.Fatalf("want %q, then the optional question said as such:\n%s", last, out)
	}
	if strings.Contains(out, fmt.Sprintf("/%d of this section", required+1)) {
		t.Errorf("the optional question was counted among the section's questions:\n%s", out)
	}
}
