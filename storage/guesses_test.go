package storage

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
)

// Each wrong PIN makes the next try wait longer (1 s, 2 s, 4 s…), tries
// during the wait are refused unchecked, even the right PIN, and the count
// survives closing and reopening the database.
func TestPINWaitsGrowAndSurviveARestart(t *testing.T) {
	path := t.TempDir() + "/digint.db"
	s := openAt(t, path)
	hand := &handClock{t: time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)}
	s.Now = hand.Now
	w, err := s.NewWorkshop(ctx, "", "Bologna", "471147")
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
		if ok, err := s.CheckPIN(ctx, w.Code, "000000"); ok || err != nil {
			t.Fatalf("wrong PIN %d: %v %v", n+1, ok, err)
		}
		until, err := s.GuessWait(ctx, w.Code, GuessPIN)
		if err != nil || until.Sub(hand.Now()) != want {
			t.Fatalf("after %d wrong PINs the wait is %v (%v), want %v", n+1, until.Sub(hand.Now()), err, want)
		}
		hand.add(want - time.Millisecond)
		_, err = s.CheckPIN(ctx, w.Code, "471147")
		var wait *WaitError
		if !errors.As(err, &wait) || !errors.Is(err, ErrTooManyTries) || !wait.Until.Equal(until) {
			t.Fatalf("the right PIN during the wait: %v, want a refusal until %v", err, until)
		}
		hand.add(time.Millisecond)
	}

	// A restart keeps the count: the next wrong PIN waits 16 s.
	s.Close()
	s = openAt(t, path)
	s.Now = hand.Now
	if ok, err := s.CheckPIN(ctx, w.Code, "000000"); ok || err != nil {
		t.Fatalf("wrong PIN after restart: %v %v", ok, err)
	}
	if until, _ := s.GuessWait(ctx, w.Code, GuessPIN); until.Sub(hand.Now()) != 16*time.Second {
		t.Errorf("after a restart the wait is %v, want 16s", until.Sub(hand.Now()))
	}
	if _, err := s.CheckPIN(ctx, w.Code, "471147"); !errors.Is(err, ErrTooManyTries) {
		t.Errorf("right PIN during the wait after a restart: %v", err)
	}

	// The wait is capped, and the right PIN after it clears the count.
	for range 30 {
		hand.add(maxGuessWait)
		s.CheckPIN(ctx, w.Code, "000000")
	}
	if until, _ := s.GuessWait(ctx, w.Code, GuessPIN); until.Sub(hand.Now()) != maxGuessWait {
		t.Errorf("wait after many wrong PINs: %v, want the cap %v", until.Sub(hand.Now()), maxGuessWait)
	}
	hand.add(maxGuessWait)
	if ok, err := s.CheckPIN(ctx, w.Code, "471147"); !ok || err != nil {
		t.Fatalf("right PIN after the wait: %v %v", ok, err)
	}
	s.CheckPIN(ctx, w.Code, "000000")
	if until, _ := s.GuessWait(ctx, w.Code, GuessPIN); until.Sub(hand.Now()) != time.Second {
		t.Errorf("after the right PIN the count did not start again: wait %v", until.Sub(hand.Now()))
	}
	// Resume codes are counted apart from the PIN.
	if until, _ := s.GuessWait(ctx, w.Code, GuessCode); !until.IsZero() {
		t.Errorf("wrong PINs made resume codes wait until %v", until)
	}
}

// Wrong resume codes wait too; during the wait even a right code opens
// nothing.
func TestResumeCodeWaits(t *testing.T) {
	s := newStore(t)
	hand := &handClock{t: time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)}
	s.Now = hand.Now
	w, _ := s.NewWorkshop(ctx, "", "Lyon", "246802")
	a := workshopAssessment(t, s, w.Code, "Élise")
	code, err := s.ResumeCode(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ByResumeCode(ctx, w.Code, "ZZZZ-ZZZZ"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("wrong code: %v", err)
	}
	if _, err := s.ByResumeCode(ctx, w.Code, code); !errors.Is(err, ErrTooManyTries) {
		t.Errorf("a code right after a wrong one: %v, want a wait", err)
	}
	hand.add(time.Second)
	if got, err := s.ByResumeCode(ctx, w.Code, code); err != nil || got.ID != a.ID {
		t.Errorf("the right code after the wait: %v", err)
	}
}

func TestPINFormat(t *testing.T) {
	for pin, want := range map[string]error{
		"471147":                nil,
		"ciao mondo":            nil,
		"12":                    ErrPINLength,
		"      ":                ErrPINBlank,
		"\t \t \t ":             ErrPINBlank,
		"4711\x0047":            ErrPINControl,
		"4711\x1b[47":           ErrPINControl,
		"4711\u202e47":          ErrPINControl, // a bidi override shows the PIN reversed
		"471\u200b147":          ErrPINControl, // invisible
		"4711\x8547":            ErrPINControl,
		strings.Repeat("9", 17): ErrPINLength,
	} {
		if err := CheckPINFormat(pin); !errors.Is(err, want) || (want == nil) != (err == nil) {
			t.Errorf("PIN %q: %v, want %v", pin, err, want)
		}
	}
	s := newStore(t)
	if _, err := s.NewWorkshop(ctx, "", "Bologna", "       "); !errors.Is(err, ErrPINBlank) {
		t.Errorf("a workshop with a PIN of spaces: %v", err)
	}
}

// A closed workshop takes no new answers, whoever writes them: new
// assessments, answers, notes, completion, clearing, imports; erased or
// not. Other workshops and assessments without one go on.
func TestClosedWorkshopTakesNoAnswers(t *testing.T) {
	s := newStore(t)
	w, _ := s.NewWorkshop(ctx, "", "Bilbao", "999999")
	other, _ := s.NewWorkshop(ctx, "", "Bucharest", "888888")
	a := workshopAssessment(t, s, w.Code, "Iker")
	b := workshopAssessment(t, s, other.Code, "Ioana")
	ans := assessment.Answer{Item: "cur-str-strategy", Status: assessment.StatusAnswered, Value: assessment.Number(2)}
	if err := s.SaveAnswer(ctx, a.ID, ans); err != nil {
		t.Fatal(err)
	}
	var doc strings.Builder
	d, err := s.Export(ctx, Selection{IDs: []string{a.ID}})
	if err != nil {
		t.Fatal(err)
	}
	d.Write(&doc)
	code, _ := s.ResumeCode(ctx, a.ID)

	if err := s.CloseWorkshop(ctx, w.Code, false); err != nil {
		t.Fatal(err)
	}
	closed := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, ErrWorkshopClosed) || !strings.Contains(err.Error(), "closed") {
			t.Errorf("%s in a closed workshop: %v, want ErrWorkshopClosed", what, err)
		}
	}
	ans.Value = assessment.Number(3)
	closed("an answer", s.SaveAnswer(ctx, a.ID, ans))
	second := s.Catalog().Current().Asked(assessment.ModeQuick)[1].ID
	closed("a note", s.SaveAnswer(ctx, a.ID, assessment.Answer{Item: second, Status: assessment.StatusUnknown, Note: "late"}))
	closed("clearing", s.ClearAnswer(ctx, a.ID, "cur-str-strategy"))
	closed("completing", s.Complete(ctx, a.ID))
	_, err = s.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: "Mikel", Role: "trainer"},
		Language: "en", Mode: assessment.ModeQuick, Workshop: w.Code})
	closed("a new assessment", err)
	_, err = s.ByResumeCode(ctx, w.Code, code)
	closed("a resume code", err)
	got, err := s.Assessment(ctx, a.ID)
	if err != nil || len(got.Answers) != 1 || !got.Answers[0].Value.Equal(assessment.Number(2)) || got.CompletedAt != nil {
		t.Errorf("the closed workshop's assessment changed: %+v %v", got, err)
	}

	// Erased, it takes nothing either: not even its own assessments back.
	if err := s.CloseWorkshop(ctx, w.Code, true); err != nil {
		t.Fatal(err)
	}
	_, err = s.Import(ctx, "late.json", strings.NewReader(doc.String()))
	closed("an import", err)
	_, err = s.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: "Mikel", Role: "trainer"},
		Language: "en", Mode: assessment.ModeQuick, Workshop: w.Code})
	closed("a new assessment after erasing", err)
	if list, _ := s.List(ctx, Filter{Workshop: w.Code}); len(list) != 0 {
		t.Errorf("the erased workshop holds %d assessments", len(list))
	}

	if err := s.SaveAnswer(ctx, b.ID, ans); err != nil {
		t.Errorf("another workshop: %v", err)
	}
	solo := startAssessment(t, s, assessment.ModeQuick)
	if err := s.SaveAnswer(ctx, solo.ID, ans); err != nil {
		t.Errorf("no workshop: %v", err)
	}
}

// A served room: one participant's wrong codes make only their own next
// try wait; another participant's right code goes through at once. A
// source quiet for longer than guessQuiet is forgotten.
func TestWrongCodesWaitPerSource(t *testing.T) {
	s := newStore(t)
	hand := &handClock{t: time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)}
	s.Now = hand.Now
	w, _ := s.NewWorkshop(ctx, "", "Lyon", "246802")
	code, err := s.ResumeCode(ctx, workshopAssessment(t, s, w.Code, "Élise").ID)
	if err != nil {
		t.Fatal(err)
	}
	typist, other := WithTrySource(ctx, "typist"), WithTrySource(ctx, "other")
	for range 3 {
		hand.add(10 * time.Second)
		s.ByCode(typist, w.Code, "ZZZZ-ZZZZ")
	}
	if until, _ := s.GuessWait(typist, w.Code, GuessCode); !until.After(hand.Now()) {
		t.Fatalf("the typist does not wait after three wrong codes")
	}
	if until, _ := s.GuessWait(other, w.Code, GuessCode); !until.IsZero() {
		t.Errorf("another participant waits until %v for the typist's mistakes", until)
	}
	if got, err := s.ByCode(other, w.Code, code); err != nil || got == nil {
		t.Errorf("another participant's right code: %v", err)
	}
	if _, err := s.ByCode(typist, w.Code, code); !errors.Is(err, ErrTooManyTries) {
		t.Errorf("the typist's try during their wait: %v, want a wait", err)
	}
	hand.add(2 * guessQuiet)
	s.ByCode(other, w.Code, "ZZZZ-ZZZZ") // a new wrong try tidies up
	var left int
	s.db.QueryRowContext(ctx, `SELECT count(*) FROM guess_limits WHERE source = 'typist'`).Scan(&left)
	if left != 0 {
		t.Errorf("a source quiet for two hours is still stored")
	}
}
