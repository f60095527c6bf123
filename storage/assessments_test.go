package storage

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

func TestStartNewParticipant(t *testing.T) {
	s := newStore(t)
	a, err := s.Start(ctx, NewAssessment{
		Participant: assessment.Participant{Name: "  Élodie\x1b[31m Martin ", Role: "manager", Institution: "CIFP\tBilbao"},
		Language:    "fr-fr", Mode: assessment.ModeQuick, Workshop: "BIO-26",
	})
	if err != nil {
		t.Fatal(err)
	}
	if u, err := uuid.Parse(a.ID); err != nil || u.Version() != 4 {
		t.Errorf("id %q is not a UUID v4", a.ID)
	}
	if a.Participant.ID == "" || a.Participant.Name != "Élodie Martin" || a.Participant.Institution != "CIFP Bilbao" {
		t.Errorf("participant = %+v, want a generated id and cleaned text", a.Participant)
	}
	cur := s.Catalog().Current()
	if a.Bank != (assessment.BankRef{ID: cur.ID, Version: cur.Version}) || a.Language != "fr-FR" || a.CompletedAt != nil {
		t.Errorf("assessment = %+v", a)
	}
	if !a.StartedAt.Equal(a.UpdatedAt) || a.StartedAt.Location() != nil && a.StartedAt.Location().String() != "UTC" {
		t.Errorf("times %v %v, want equal, UTC", a.StartedAt, a.UpdatedAt)
	}
	got, err := s.Assessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, a) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, a)
	}
	ws, err := s.Workshops(ctx)
	if err != nil || len(ws) != 1 || ws[0].Code != "BIO-26" || ws[0].Title != "BIO-26" {
		t.Errorf("workshops = %+v, %v; want BIO-26 made on the fly", ws, err)
	}
}

func TestStartExistingParticipant(t *testing.T) {
	s := newStore(t)
	first := startAssessment(t, s, assessment.ModeFull)
	p := first.Participant

	// Only the id: the stored name and role are kept.
	a, err := s.Start(ctx, NewAssessment{Participant: assessment.Participant{ID: p.ID}, Language: "en", Mode: assessment.ModeFull})
	if err != nil {
		t.Fatal(err)
	}
	if a.Participant != p {
		t.Errorf("participant = %+v, want %+v", a.Participant, p)
	}
	// A new role replaces the stored one, for this and later assessments;
	// the first keeps the role it was answered as.
	a, err = s.Start(ctx, NewAssessment{Participant: assessment.Participant{ID: p.ID, Role: "policy"}, Language: "en", Mode: assessment.ModeFull})
	if err != nil {
		t.Fatal(err)
	}
	if a.Participant.Role != "policy" || a.Participant.Name != "Ana" {
		t.Errorf("participant = %+v", a.Participant)
	}
	if got, _ := s.Assessment(ctx, first.ID); got.Participant.Role != "trainer" {
		t.Errorf("the first assessment's role changed to %q", got.Participant.Role)
	}

	_, err = s.Start(ctx, NewAssessment{Participant: assessment.Participant{ID: "nobody"}, Language: "en", Mode: assessment.ModeFull})
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "nobody") {
		t.Errorf("unknown participant: err = %v, want not found naming it", err)
	}
}

func TestStartRefusesBadInput(t *testing.T) {
	s := newStore(t)
	ok := NewAssessment{Participant: assessment.Participant{Name: "Ana", Role: "trainer"}, Language: "en", Mode: assessment.ModeFull}
	for name, change := range map[string]func(*NewAssessment){
		"long name":        func(n *NewAssessment) { n.Participant.Name = strings.Repeat("é", assessment.MaxNameLen+1) },
		"long institution": func(n *NewAssessment) { n.Participant.Institution = strings.Repeat("x", assessment.MaxNameLen+1) },
		"role":             func(n *NewAssessment) { n.Participant.Role = "astronaut" },
		"no role":          func(n *NewAssessment) { n.Participant.Role = "" },
		"mode":             func(n *NewAssessment) { n.Mode = "slow" },
		"language":         func(n *NewAssessment) { n.Language = "not a tag!" },
		"workshop":         func(n *NewAssessment) { n.Workshop = "lower-case" },
	} {
		n := ok
		change(&n)
		if _, err := s.Start(ctx, n); err == nil {
			t.Errorf("%s: started anyway", name)
		}
	}
	if n := count(t, s, "assessments") + count(t, s, "participants"); n != 0 {
		t.Errorf("%d rows written by refused starts", n)
	}
}

func TestSaveAnswerIsOnDiskAtOnce(t *testing.T) {
	path := t.TempDir() + "/digint.db"
	s := openAt(t, path)
	a := startAssessment(t, s, assessment.ModeFull)
	items := s.Catalog().Current().Asked(assessment.ModeFull)
	rng := rand.New(rand.NewPCG(1, 2))

	// Saved in reverse order, read back in bank order, by another
	// connection pool: the answers are in the file, not in a cache.
	var want []assessment.Answer
	for i := 5; i >= 0; i-- {
		ans := sampleAnswered(items[i], rng)
		if err := s.SaveAnswer(ctx, a.ID, ans); err != nil {
			t.Fatal(err)
		}
		want = append([]assessment.Answer{ans}, want...)
	}
	other := openAt(t, path)
	got, err := other.Assessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Answers, want) {
		t.Errorf("answers\n%+v\nwant\n%+v", got.Answers, want)
	}
	if !got.UpdatedAt.After(a.UpdatedAt) {
		t.Errorf("updated_at %v not moved on from %v", got.UpdatedAt, a.UpdatedAt)
	}

	// Saving again replaces the answer.
	changed := want[0]
	changed.Status, changed.Value, changed.Other = assessment.StatusUnknown, assessment.Value{}, ""
	changed.Note = "asked the director"
	if err := s.SaveAnswer(ctx, a.ID, changed); err != nil {
		t.Fatal(err)
	}
	got, _ = other.Assessment(ctx, a.ID)
	if len(got.Answers) != 6 || !reflect.DeepEqual(got.Answers[0], changed) {
		t.Errorf("after replacing: %+v", got.Answers)
	}
}

// sampleAnswered is a random answer with a value (never na or unknown).
func sampleAnswered(it *assessment.Item, rng *rand.Rand) assessment.Answer {
	for {
		if a := sample.Answer(it, rng); a.Status == assessment.StatusAnswered {
			return a
		}
	}
}

func TestSaveAnswerRefusesWrongValues(t *testing.T) {
	s := newStore(t)
	a := startAssessment(t, s, assessment.ModeFull)
	b := s.Catalog().Current()
	var maturity, multi string
	for _, it := range b.Items {
		switch {
		case it.Kind == assessment.KindMaturity && maturity == "":
			maturity = it.ID
		case it.Kind == assessment.KindMulti && multi == "":
			multi = it.ID
		}
	}
	before := dump(t, s)
	for _, bad := range []assessment.Answer{
		{Item: maturity, Status: assessment.StatusAnswered, Value: assessment.Number(9)},
		{Item: maturity, Status: assessment.StatusAnswered, Value: assessment.String("high")},
		{Item: maturity, Status: assessment.StatusAnswered},
		{Item: maturity, Status: "maybe"},
		{Item: maturity, Status: assessment.StatusNA, Value: assessment.Number(1)},
		{Item: maturity, Status: assessment.StatusAnswered, Value: assessment.Number(2), Note: strings.Repeat("n", assessment.MaxNoteLen+1)},
		{Item: multi, Status: assessment.StatusAnswered, Value: assessment.List([]string{"no-such-option"})},
		{Item: "no-such-item", Status: assessment.StatusNA},
	} {
		err := s.SaveAnswer(ctx, a.ID, bad)
		if err == nil {
			t.Errorf("%+v was saved", bad)
			continue
		}
		if !strings.Contains(err.Error(), a.ID) || !strings.Contains(err.Error(), bad.Item) {
			t.Errorf("error %q does not name the assessment and item", err)
		}
	}
	if after := dump(t, s); after != before {
		t.Errorf("refused answers changed the store:\n%s\nwas\n%s", after, before)
	}
	err := s.SaveAnswer(ctx, "7b0e1a52-0000-4000-8000-000000000000", assessment.Answer{Item: maturity, Status: assessment.StatusNA})
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "7b0e1a52") {
		t.Errorf("unknown assessment: %v", err)
	}
}

func TestSaveAnswerCleansText(t *testing.T) {
	s := newStore(t)
	a := startAssessment(t, s, assessment.ModeFull)
	var text *assessment.Item
	for _, it := range s.Catalog().Current().Asked(assessment.ModeFull) {
		if it.Kind == assessment.KindText {
			text = it
		}
	}
	if text == nil {
		t.Fatal("the bank has no text item")
	}
	err := s.SaveAnswer(ctx, a.ID, assessment.Answer{Item: text.ID, Status: assessment.StatusAnswered,
		Value: assessment.String("line one\nline \x1b]0;pwned\x07two \"quoted\" \\ back"), Note: "a\tnote\x1b[2J"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Assessment(ctx, a.ID)
	ans := got.Answers[0]
	if ans.Value.String() != "line one\nline two \"quoted\" \\ back" || ans.Note != "a note" {
		t.Errorf("stored %q, note %q", ans.Value.String(), ans.Note)
	}
}

func TestClearAnswerSetLanguageComplete(t *testing.T) {
	s := newStore(t)
	a := startAssessment(t, s, assessment.ModeFull)
	answers := answerAll(t, s, a, rand.New(rand.NewPCG(3, 4)))

	if err := s.ClearAnswer(ctx, a.ID, answers[2].Item); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLanguage(ctx, a.ID, "es"); err != nil {
		t.Fatal(err)
	}
	if err := s.Complete(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.Assessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := append(append([]assessment.Answer{}, answers[:2]...), answers[3:]...)
	if !reflect.DeepEqual(got.Answers, want) {
		t.Errorf("after clearing item %s: %d answers, want %d", answers[2].Item, len(got.Answers), len(want))
	}
	if got.Language != "es" || got.CompletedAt == nil || !got.CompletedAt.Equal(got.UpdatedAt) {
		t.Errorf("language %q, completed %v, updated %v", got.Language, got.CompletedAt, got.UpdatedAt)
	}
	if err := s.SetLanguage(ctx, a.ID, "!!"); err == nil {
		t.Error("a bad language tag was accepted")
	}
	missing := "00000000-0000-4000-8000-000000000000"
	for name, err := range map[string]error{
		"clear":    s.ClearAnswer(ctx, missing, answers[0].Item),
		"language": s.SetLanguage(ctx, missing, "en"),
		"complete": s.Complete(ctx, missing),
	} {
		if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), missing) {
			t.Errorf("%s on a missing assessment: %v", name, err)
		}
	}
	if _, err := s.Assessment(ctx, missing); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), missing) {
		t.Errorf("reading a missing assessment: %v", err)
	}
}

func TestValuesRoundTrip(t *testing.T) {
	for _, v := range []assessment.Value{
		assessment.Number(0), assessment.Number(-3), assessment.Number(1 << 30),
		assessment.String(""), assessment.String("yes"), assessment.String(`a "quoted" \ slash`),
		assessment.String("ünïcødé ✓ <b>&amp;</b>\nnew line"), assessment.String("1"),
		assessment.List(nil), assessment.List([]string{}), assessment.List([]string{"a", "b"}),
	} {
		enc, err := encodeValue(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeValue(enc.(string))
		if err != nil {
			t.Fatalf("%s: %v", enc, err)
		}
		if !got.Equal(v) {
			t.Errorf("%s came back as %#v, want %#v", enc, got, v)
		}
	}
	if enc, _ := encodeValue(assessment.Value{}); enc != nil {
		t.Errorf("no value is stored as %v, want NULL", enc)
	}
}

// A note on an item not answered yet is kept on its own, is no answer
// (scoring and counts never see it), and gives way to the answer.
func TestDraftsKeptOnTheirOwn(t *testing.T) {
	s := newStore(t)
	a := startAssessment(t, s, assessment.ModeFull)
	item := s.Catalog().Current().Asked(assessment.ModeFull)[0].ID
	if err := s.SaveDraft(ctx, a.ID, item, Draft{Note: "ask Ana", Develop: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(ctx, a.ID, "no-such-item", Draft{Note: "x"}); err == nil {
		t.Error("a note on an item not in the bank was kept")
	}
	d, err := s.Drafts(ctx, a.ID)
	if err != nil || d[item] != (Draft{Note: "ask Ana", Develop: true}) || len(d) != 1 {
		t.Fatalf("drafts %+v, %v", d, err)
	}
	got, _ := s.Assessment(ctx, a.ID)
	if len(got.Answers) != 0 {
		t.Errorf("a note alone shows as an answer: %+v", got.Answers)
	}
	ans := assessment.Answer{Item: item, Status: assessment.StatusUnknown, Note: "ask Ana", Develop: true}
	if err := s.SaveAnswer(ctx, a.ID, ans); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Drafts(ctx, a.ID); len(d) != 0 {
		t.Errorf("the draft stayed beside the answer: %+v", d)
	}
	if err := s.SaveDraft(ctx, a.ID, item, Draft{}); err != nil {
		t.Fatal(err)
	}
}
