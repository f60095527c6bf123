package tui

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

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
	if !strings.Contains(out, asked[0].Text) || !strings.Contains(out, "Saved: 3 Established.") || !strings.Contains(out, "Your answers are saved") {
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
	// second "Saved: …".
	if n := strings.Count(out, "Saved: "); n != len(asked)-3 {
		t.Errorf("%q said %d times for %d answers", "Saved: ", n, len(asked)-3)
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

// An answer that is none of a question's says the range of its numbers, as
// a menu does; an answer stored is said back, words and all, since a
// screen reader's user cannot see what was taken.
func TestAccessibleSaysTheRangeAndTheAnswerSaved(t *testing.T) {
	b, _ := assessment.Default()
	var maturity, band, multi *assessment.Item
	in := "1\nIker\n2\n\n2\n" // new, name, manager, no institution, full
	for _, it := range b.Asked(assessment.ModeFull) {
		in += answerOf(it, &maturity, &band, &multi) + "\n"
	}
	out := runPlain(t, openStore(t), "en", in)
	if maturity == nil || band == nil || multi == nil {
		t.Fatalf("the full assessment lacks a kind of question: %v %v %v", maturity, band, multi)
	}
	for _, want := range []string{
		"> Please type a number from 0 to 4.\n",
		"> Saved: 2 " + b.Scales.Maturity[2] + ".\n",
		fmt.Sprintf("> Please type a number from 1 to %d.\n", len(band.Options)),
		"> Saved: " + band.Options[0].Text + ".\n",
		fmt.Sprintf("> Please type a number from 1 to %d.\n", min(len(multi.Options), 9)),
		"> Saved: 1 " + multi.Options[0].Text + "; 2 " + multi.Options[1].Text + ".\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("not said: %q", want)
		}
	}
	if strings.Contains(out, "That is not one of the answers") {
		t.Errorf("a wrong number was not given the range:\n%s", out)
	}
}

// answerOf answers it, typing a wrong number first to the first question
// of each kind (noted in its pointer).
func answerOf(it *assessment.Item, maturity, band, multi **assessment.Item) string {
	switch {
	case it.Kind == assessment.KindMaturity && *maturity == nil:
		*maturity = it
		return "7\n2"
	case it.Kind == assessment.KindBand && *band == nil:
		*band = it
		return "0\n1"
	case it.Kind == assessment.KindMulti && *multi == nil && len(it.Options) > 2:
		*multi = it
		return "x\n1 2"
	case it.Kind == assessment.KindText:
		return "" // skipped
	}
	return answered(0, it)
}

// On a terminal, the line-by-line flow breaks its lines between words (a
// screen reader reading line by line said "set" and "te" for a word the
// terminal cut), a numbered line under its text; elsewhere it leaves
// them whole.
func TestAccessibleLinesBreakBetweenWords(t *testing.T) {
	text := "Si conclude con i divari nelle vostre sette competenze e i moduli formativi che li colmano.\n" +
		"  1. Avvia una nuova valutazione completa del vostro istituto, sezione per sezione"
	p := &plain{width: func() int { return 30 }}
	got := p.fit(text)
	for _, line := range strings.Split(got, "\n") {
		if ansi.StringWidth(line) > 30 {
			t.Errorf("a line of %d columns: %q", ansi.StringWidth(line), line)
		}
	}
	if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(text), " ") {
		t.Errorf("the words changed:\n%s", got)
	}
	if !strings.Contains(got, "\n     valutazione") && !strings.Contains(got, "\n     completa") {
		t.Errorf("the numbered line did not go on under its text:\n%s", got)
	}
	if (&plain{}).fit(text) != text {
		t.Error("off a terminal the text was changed")
	}
}

// A checklist answered line by line: o alone adds Other to the answers
// ticked, as its prompt says; "none of these" with another is refused
// saying why; its keys are said once, as a checklist's.
func TestAccessibleChecklistKeepsTicksWithOther(t *testing.T) {
	store := openStore(t)
	b, _ := assessment.Default()
	it := b.Asked(assessment.ModeFull)[1]
	if it.Kind != assessment.KindMulti || !it.Other {
		t.Fatalf("the second question is a %s", it.Kind)
	}
	// New, full assessment; the first question; 1 2 5; back to them; o
	// and a text; then "none of these" with 1; then Other's text kept.
	out := runPlain(t, store, "en", "1\nIker\n2\n\n2\n1\n1 2 5\nb\no\nStaff mobility\nb\n1 8\no\n\nq\n")
	list, _ := store.List(bg(), storage.Filter{})
	a, _ := store.Assessment(bg(), list[0].ID)
	got := assessment.Index(a.Answers)[it.ID]
	want := []string{it.Options[0].ID, it.Options[1].ID, it.Options[4].ID}
	if !slices.Equal(got.Value.List(), want) || got.Other != "Staff mobility" {
		t.Errorf("stored %+v, want %v and Other", got, want)
	}
	for _, s := range []string{
		"The numbers you type replace your answer so far; o alone adds Other to it, or changes its text.",
		"“None of these” (8) cannot be combined with other answers: type 8 alone, or the answers that apply without it.",
		"Other (Enter keeps “Staff mobility”):",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("not said: %q\n%s", s, out)
		}
	}
	// Three visits of the checklist, and four of questions 1 and 3: each
	// told its own keys, and only those.
	if n := strings.Count(out, "Type the numbers of all that apply, separated by spaces, and o for Other"); n != 3 {
		t.Errorf("the checklist's keys said %d times for 3 visits", n)
	}
	if n := strings.Count(out, "Type the number of your answer; n"); n != 4 {
		t.Errorf("\"Type the number of your answer\" said %d times for 4 visits of other questions:\n%s", n, out)
	}
}

// A checklist answered with separators alone names no option: refused,
// as any line that is no answer, and nothing is stored for it.
func TestAccessibleChecklistRefusesSeparatorsAlone(t *testing.T) {
	store := openStore(t)
	b, _ := assessment.Default()
	it := b.Asked(assessment.ModeFull)[1]
	out := runPlain(t, store, "en", "1\nIker\n2\n\n2\n1\n, ,\nq\n")
	list, _ := store.List(bg(), storage.Filter{})
	a, _ := store.Assessment(bg(), list[0].ID)
	if got, ok := assessment.Index(a.Answers)[it.ID]; ok {
		t.Errorf("separators alone stored %+v", got)
	}
	if !strings.Contains(out, "Please type a number from 1 to 8.") {
		t.Errorf("the refusal is not said:\n%s", out)
	}
}
