package tui

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// newQuick is the accessible flow's input to start a quick scan as Iker, a
// manager with no institution.
const newQuick = "1\nIker\n2\n\n1\n"

// b goes back to the question before, and says so in words: no
// decoration, the dimension named.
func TestAccessibleBackGoesBack(t *testing.T) {
	store := openStore(t)
	b, _ := assessment.Default()
	asked := b.Asked(assessment.ModeQuick)
	out := runPlain(t, store, "en", newQuick+"3\nb\nq\n")
	after := out[strings.Index(out, asked[1].Text)+len(asked[1].Text):]
	if !strings.Contains(after, asked[0].Text) {
		t.Errorf("b did not go back to %q:\n%s", asked[0].ID, after)
	}
	if strings.Contains(out, "==") {
		t.Errorf("decoration read aloud:\n%s", out)
	}
	if !strings.Contains(out, "Dimension: Strategy.") {
		t.Errorf("the dimension is not announced:\n%s", out)
	}
}

// A comment of one letter is confirmed: "n" typed for "not applicable" is
// not stored as the comment "n"; the prompt names the slash commands.
func TestAccessibleOneLetterComment(t *testing.T) {
	store := openStore(t)
	b, _ := assessment.Default()
	a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Role: "manager"}, Language: "en", Mode: assessment.ModeFull})
	if err != nil {
		t.Fatal(err)
	}
	asked := b.Asked(assessment.ModeFull)
	before := "" // the question before the comment box, left open: a comment box alone is never open
	for i, it := range asked {
		if i+1 < len(asked) && asked[i+1].ID == "net-text" {
			before = it.ID
		}
	}
	for n, it := range asked {
		if it.ID != "net-text" && it.ID != before {
			if err := store.SaveAnswer(bg(), a.ID, planFor(it, n+1).want); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Continue (entry 2), don't know for the question before, type n in
	// the comment box, refuse to keep it, then /d.
	out := runPlain(t, store, "en", "2\nd\nn\n\n/d\n")
	if !strings.Contains(out, "/n not applicable") || !strings.Contains(out, "Keep “n” as your comment?") {
		t.Errorf("no slash commands in the prompt or no confirmation:\n%s", out)
	}
	got, err := store.Assessment(bg(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ans := assessment.Index(got.Answers)["net-text"]; ans.Status != assessment.StatusUnknown {
		t.Errorf("stored %+v, want don't know", ans)
	}
}

// The final results say what the results screen shows, from the report
// model; earlier results can be opened from the menu.
func TestAccessibleResults(t *testing.T) {
	store, _ := fixture(t)
	// The menu: 1 new, 2 continue the full assessment, 3 Giulia's results.
	out := runPlain(t, store, "en", "3\n")
	for _, want := range []string{"Your results", "\nOverall 28.4, Initial.\n", "Score and maturity level of each section and dimension.",
		"Curriculum internationalisation: Index 20.8 (Initial); ", "; Strategy 0 (Not started); ", "; Outcomes (no answer yet).",
		"Planning guidelines", "No question is marked to develop.",
		"\nVirtual mobility: no answer yet, target 55. Low evidence: fewer than 2 answers.\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the results leave out %q:\n%s", want, out)
		}
	}
}

// In kiosk mode the accessible flow lists nobody, gives a code on
// pause, takes it back, and only the PIN ends it.
func TestAccessibleKiosk(t *testing.T) {
	store, _ := fixture(t) // Giulia's work is on this laptop
	w, err := store.NewWorkshop(bg(), "", "Bologna workshop", "471147")
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Store: store, Lang: "en", Now: func() time.Time { return fixedNow }, Workshop: w.Code, WorkshopTitle: w.Title, Policy: Kiosk}
	out := runWith(t, o, newQuick+"3\nq\n")
	if strings.Contains(out, "Giulia") {
		t.Errorf("a kiosk lists someone else's work:\n%s", out)
	}
	if !strings.Contains(out, "Bologna workshop") {
		t.Errorf("the kiosk does not say which workshop it is:\n%.400s", out)
	}
	i := strings.Index(out, "Your personal code to continue later is:")
	if i < 0 {
		t.Fatalf("no code on pause:\n%s", out)
	}
	code := strings.TrimSpace(strings.Split(out[i:], "\n")[1]) // the line after
	// The next person continues with the code, pauses, then the
	// facilitator leaves with a wrong PIN and then the right one.
	out = runWith(t, o, "2\n"+code+"\n2\nq\nq\n0000\nq\n471147\n")
	b, _ := assessment.Default()
	if !strings.Contains(out, b.Asked(assessment.ModeQuick)[1].Text) || !strings.Contains(out, "Kiosk mode ended.") {
		t.Errorf("the code did not continue, or the PIN did not end the kiosk:\n%s", out)
	}
	if !strings.Contains(out, "That is not the PIN.") {
		t.Errorf("a wrong PIN was not refused:\n%s", out)
	}
}

// Once the facilitator closed the workshop, the accessible kiosk starts
// and continues nothing, says why, and still ends only with the PIN: the
// shared laptop never drops to its shell.
func TestAccessibleKioskClosedStaysLocked(t *testing.T) {
	store := openStore(t)
	w, err := store.NewWorkshop(bg(), "", "Bologna workshop", "471147")
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CloseWorkshop(bg(), w.Code, false); err != nil {
		t.Fatal(err)
	}
	o := Options{Store: store, Lang: "nl", Now: func() time.Time { return fixedNow }, Workshop: w.Code, WorkshopTitle: w.Title, Policy: Kiosk}
	out := runWith(t, o, "1\n2\nq\n471147\n")
	if n := strings.Count(out, "De begeleider heeft deze workshop gesloten"); n != 2 {
		t.Errorf("a new start and a code should each be told the workshop is closed (%d times):\n%s", n, out)
	}
	if strings.Contains(out, "Uw naam") || !strings.HasSuffix(strings.TrimSpace(out), "Kioskmodus beëindigd.") {
		t.Errorf("a closed kiosk asked for a name, or ended otherwise than by the PIN:\n%s", out)
	}
}

// lineReader gives its lines one Read at a time, calling before(i) as
// line i is about to be read: a test acts between two answers.
type lineReader struct {
	lines  []string
	next   int
	before func(i int)
}

func (r *lineReader) Read(b []byte) (int, error) {
	if r.next == len(r.lines) {
		return 0, io.EOF
	}
	r.before(r.next)
	n := copy(b, r.lines[r.next]+"\n")
	r.next++
	return n, nil
}

// Closed while someone answers over SSH in the line-by-line flow: the
// refused answer counts for nothing, they are told what is kept, and
// given the line that takes their results home; no more questions.
func TestAccessibleServedClosedWhileAnswering(t *testing.T) {
	store := openStore(t)
	w, err := store.NewWorkshop(bg(), "", "Bologna workshop", "471147")
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Store: store, Lang: "en", Now: func() time.Time { return fixedNow }, Workshop: w.Code,
		WorkshopTitle: w.Title, Policy: Served, SSHLine: "ssh -p 2222 " + w.Code + "@room"}
	lines := strings.Split(strings.TrimSuffix(newQuick, "\n"), "\n")
	answers := len(lines)
	lines = append(lines, "3", "2", "2", "2")
	in := &lineReader{lines: lines, before: func(i int) {
		if i == answers+1 { // after the first answer
			if err := store.CloseWorkshop(bg(), w.Code, false); err != nil {
				t.Error(err)
			}
		}
	}}
	var out bytes.Buffer
	err = RunAccessible(o, in, &out) // the refused answer is not saved: an error
	text := out.String()
	if err == nil || !strings.Contains(err.Error(), "“Roughly what share") {
		t.Errorf("the error does not name the question as asked: %v", err)
	}
	if strings.Count(text, "@room report ") != 1 {
		t.Errorf("the take-home line is not said once:\n%s", text)
	}
	for _, want := range []string{"your last answer was not saved", "@room report "} {
		if !strings.Contains(text, want) {
			t.Errorf("the flow does not say %q:\n%s", want, text)
		}
	}
	if in.next > answers+2 {
		t.Errorf("%d more answers were asked after the refusal:\n%s", in.next-answers-2, text)
	}
	list, err := store.List(bg(), storage.Filter{Workshop: w.Code})
	if err != nil || len(list) != 1 || list[0].Answered != 1 {
		t.Fatalf("stored %+v, %v", list, err)
	}
}

// A comment on a section reaches the results, line by line, among the
// notes, as in the text and HTML reports.
func TestAccessibleResultsReadComments(t *testing.T) {
	store := openStore(t)
	b, _ := assessment.Default()
	a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Name: "Ana", Role: "manager"}, Language: "en", Mode: assessment.ModeFull})
	if err != nil {
		t.Fatal(err)
	}
	for n, it := range b.Asked(assessment.ModeFull) {
		want := planFor(it, n+1).want
		if it.ID == "cur-text" {
			want = assessment.Answer{Item: it.ID, Status: assessment.StatusAnswered, Value: assessment.String("We lack time.\nAnd money.")}
		}
		if err := store.SaveAnswer(bg(), a.ID, want); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.Complete(bg(), a.ID); err != nil {
		t.Fatal(err)
	}
	out := runPlain(t, store, "en", "2\n")
	want := "\nNotes and your own answers:\nAnything else about curriculum internationalisation you want to note? (Curriculum internationalisation).\n" +
		"   Answer: We lack time.\n   And money.\n"
	if !strings.Contains(out, want) {
		t.Errorf("the results leave out the comment %q:\n%s", want, out)
	}
}
