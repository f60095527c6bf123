package assessment_test

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// A document written one assessment at a time (the export's path, through
// the hand-written encoder) matches the schema and reads back as the
// assessments written, with the same results, on every bank shipped.
func TestDocumentWriterRoundTrip(t *testing.T) {
	c := catalog(t)
	rng := rand.New(rand.NewPCG(3, 4))
	var as []*assessment.Assessment
	for _, b := range c.Banks() {
		for i := range 12 {
			a := sample.Assessment(b, rng, []assessment.Mode{assessment.ModeFull, assessment.ModeQuick}[i%2])
			if i%3 == 0 {
				a = sample.Partial(b, rng)
			}
			switch i % 4 {
			case 1:
				a.Participant.Name, a.Participant.Institution = `Zoë <"Ana"> & co`, "Scuola \\ Ñ 日本"
				a.Workshop, a.WorkshopTitle = "ROME-24", "Rome </script> week"
			case 2:
				last := a.Answers[len(a.Answers)-1]
				a.Answers = a.Answers[:len(a.Answers)-1]
				a.Drafts = []assessment.Draft{{Item: last.Item, Note: "ask the board <today>", Develop: true}}
				target := 25.0
				a.Plan = &assessment.Plan{UpdatedAt: a.UpdatedAt, Focus: []assessment.Focus{{
					Kind: assessment.FocusCompetence, Competence: b.Competences[0].ID,
					Actions: []assessment.Action{{What: "Join a network & report", Lead: "Ana", Due: "2027-06", Target: &target}}}}}
			}
			as = append(as, a)
		}
	}
	var buf bytes.Buffer
	dw, err := assessment.NewDocumentWriter(&buf, c, time.Date(2026, 12, 1, 18, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if err := dw.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := dw.Close(); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema(t).Validate(inst); err != nil {
		t.Fatalf("the streamed document does not match the schema: %v", err)
	}
	d, err := assessment.Decode(bytes.NewReader(buf.Bytes()), c)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Assessments) != len(as) {
		t.Fatalf("%d assessments read back of %d", len(d.Assessments), len(as))
	}
	for i, rec := range d.Assessments {
		b, _ := c.Lookup(as[i].Bank)
		if !reflect.DeepEqual(rec.Assessment, *as[i]) {
			t.Errorf("assessment %d reads back as\n%+v\nnot\n%+v", i, rec.Assessment, *as[i])
		}
		if want := assessment.Score(b, as[i]); !reflect.DeepEqual(rec.Results, want) {
			t.Errorf("assessment %d: results differ", i)
		}
	}
}
