package assessment_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// endless is a reader of head followed by fill for ever; it counts what
// was read from it.
type endless struct {
	head []byte
	fill byte
	read int
}

func (e *endless) Read(p []byte) (int, error) {
	n := copy(p, e.head)
	e.head = e.head[n:]
	for i := n; i < len(p); i++ {
		p[i] = e.fill
	}
	e.read += len(p)
	return len(p), nil
}

// Endless input stops at a limit that the error names, having read little
// more than it, and the error quotes at most a short, escaped excerpt.
func TestDecodeStopsAtLimits(t *testing.T) {
	c := catalog(t)
	for _, tc := range []struct {
		name, head string
		fill       byte
		want       string
	}{
		{"zeros", "", 0, "not a digint document"},
		{"endless string in an assessment", `{"format": "digint.assessments", "version": 1, "assessments": [{"id": "\u001b]0;pwned\u0007`, 'a', "assessment 1: larger than the limit of 2 MiB for one assessment"},
		{"endless top-level string", `{"format": "\u001b[2J`, 'b', "larger than the limit of 2 MiB"},
		{"endless list before the format", `{"assessments": [` + strings.Repeat(`{"id": "x"},`, 10), ' ', `give "format" and "version" before "assessments"`},
		{"endless unknown key", `{"format": "digint.assessments", "version": 1, "\u001b]52;c;`, 'k', "larger than the limit of 2 MiB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := &endless{head: []byte(tc.head), fill: tc.fill}
			err := assessment.DecodeEach(in, c, func(*assessment.Assessment) error { return nil })
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one saying %q", err, tc.want)
			}
			if in.read > assessment.MaxValueBytes+1<<20 {
				t.Errorf("read %d bytes before stopping", in.read)
			}
			if msg := err.Error(); len(msg) > 700 || strings.ContainsAny(msg, "\x1b\x07\x00") {
				t.Errorf("the error is %d bytes or carries control characters: %.200q", len(msg), msg)
			}
		})
	}
}

// A huge id is quoted as a short excerpt, its control characters escaped.
func TestDecodeErrorQuotesAnExcerpt(t *testing.T) {
	c := catalog(t)
	doc := `{"format": "digint.assessments", "version": 1, "assessments": [{"id": "\u001b]0;x\u0007\u202e` + strings.Repeat("z", 1<<20) + `"}]}`
	err := assessment.DecodeEach(strings.NewReader(doc), c, func(*assessment.Assessment) error { return nil })
	if err == nil {
		t.Fatal("accepted")
	}
	msg := err.Error()
	if len(msg) > 400 || strings.ContainsAny(msg, "\x1b\x07\u202e") || !strings.Contains(msg, `\x1b`) || !strings.Contains(msg, "bytes)") {
		t.Fatalf("error %.300q (%d bytes): want a short excerpt with its control characters escaped", msg, len(msg))
	}
}

func decodeOne(t *testing.T, mutate func(*assessment.Assessment)) error {
	t.Helper()
	c := catalog(t)
	a := sample.Assessment(c.Current(), rand.New(rand.NewPCG(4, 4)), assessment.ModeFull)
	mutate(a)
	d, err := assessment.NewDocument(c, []*assessment.Assessment{a}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	d.Write(&buf)
	return assessment.DecodeEach(&buf, c, func(*assessment.Assessment) error { return nil })
}

func TestDecodeRefusesTimesOutsideTheWindow(t *testing.T) {
	far := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	early := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, mutate := range map[string]func(*assessment.Assessment){
		"updated_at 9999": func(a *assessment.Assessment) { a.UpdatedAt = far },
		"completed_at 9999": func(a *assessment.Assessment) {
			a.CompletedAt = &far
		},
		"started_at 1970": func(a *assessment.Assessment) { a.StartedAt = early },
		"tomorrow+1":      func(a *assessment.Assessment) { a.UpdatedAt = time.Now().Add(49 * time.Hour) },
	} {
		err := decodeOne(t, mutate)
		if err == nil || !strings.Contains(err.Error(), "is outside 2000-01-01") {
			t.Errorf("%s: error %v, want it refused as outside the window", name, err)
		}
	}
	if err := decodeOne(t, func(a *assessment.Assessment) { a.UpdatedAt = time.Now().Add(time.Hour) }); err != nil {
		t.Errorf("an hour ahead (a drifting clock) is refused: %v", err)
	}
}

// Counts that contradict each other (more abroad than enrolled) are
// refused, naming the assessment and the items.
func TestDecodeRefusesContradictingCounts(t *testing.T) {
	b := catalog(t).Current()
	var num, den string
	for _, it := range b.Items {
		if it.Kind == assessment.KindRatio {
			num, den = it.Numerator, it.Denominator
			break
		}
	}
	if num == "" {
		t.Fatal("the shipped bank has no ratio item: this test needs one")
	}
	err := decodeOne(t, func(a *assessment.Assessment) {
		for i := range a.Answers {
			switch a.Answers[i].Item {
			case num:
				a.Answers[i] = assessment.Answer{Item: num, Status: assessment.StatusAnswered, Value: assessment.Number(500)}
			case den:
				a.Answers[i] = assessment.Answer{Item: den, Status: assessment.StatusAnswered, Value: assessment.Number(100)}
			}
		}
	})
	if err == nil || !strings.Contains(err.Error(), "assessment 1 (") || !strings.Contains(err.Error(), num) || !strings.Contains(err.Error(), den) {
		t.Fatalf("error %v, want the assessment and both items named", err)
	}
}

func TestDecodeNamesABadVersion(t *testing.T) {
	c := catalog(t)
	for doc, want := range map[string]string{
		`{"format": "digint.assessments", "version": -1, "assessments": []}`:   "document version -1 is not a version of the format",
		`{"format": "digint.assessments", "version": null, "assessments": []}`: `"version" is null`,
		`{"format": "digint.assessments", "assessments": []}`:                  "the version is missing",
	} {
		err := assessment.DecodeEach(strings.NewReader(doc), c, func(*assessment.Assessment) error { return nil })
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", doc, err, want)
		}
	}
}
