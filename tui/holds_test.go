package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// Two programs on one database (two terminals, two laptops on one
// PostgreSQL): an assessment open in one does not open in the other,
// which says why; once the first leaves it (back to its welcome, or
// ended), it opens.
func TestAssessmentOpensInOneProgramAtATime(t *testing.T) {
	storeA := openStore(t)
	storeB, err := storage.Open(storeA.Path(), storeA.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { storeB.Close() })
	storeA.Now = func() time.Time { return fixedNow } // one clock: no hold expires here
	storeB.Now = storeA.Now
	a, err := storeA.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Name: "Ana", Role: "trainer"},
		Language: "en", Mode: assessment.ModeQuick})
	if err != nil {
		t.Fatal(err)
	}
	one, two := newModel(t, storeA, "en"), newModel(t, storeB, "en")
	open := func(m *Model) bool { // as continuing from the welcome does
		t.Helper()
		m.screen = screenWelcome
		m.Update(opened(m.c.store, m.c.holds.holder, a, false, nil))
		return m.walk != nil && m.walk.a.ID == a.ID && m.screen == screenQuestions
	}
	if !open(one) {
		t.Fatal("the first program cannot open the assessment")
	}
	if open(two) || !strings.Contains(two.status, "open in another session") {
		t.Fatalf("the second program opened it too (status %q)", two.status)
	}
	// The first goes back to its welcome: its next renewal lets go.
	one.screen = screenWelcome
	_, release := one.Update(holdTickMsg{})
	if release == nil {
		t.Fatal("a hold left on the welcome is not let go")
	}
	release()
	if !open(two) || two.status != "" {
		t.Fatalf("the assessment left by the first does not open in the second, or the refusal stays (status %q)", two.status)
	}
	// The second ends: the first opens it again.
	two.Close()
	if !open(one) {
		t.Fatalf("an ended program still holds the assessment (status %q)", one.status)
	}
}

// Keys typed while an assessment opens (a paste, a quick typist, a
// script) go to its questions, in order, once it is open: none is lost
// on the screen that was closing.
func TestKeysTypedWhileOpeningReachTheQuestions(t *testing.T) {
	m := startModel(t, 80, 24)
	cmd := send(m, "Ana", "enter", "enter", "enter", "enter")
	if cmd == nil {
		t.Fatal("the form did not start the assessment")
	}
	send(m, "d") // typed before the assessment is open: "don't know"
	_, next := m.Update(unturn(cmd()))
	send(m, "n") // typed as it opens, before anything else runs: not applicable
	run(m, next)
	if m.walk == nil || len(m.walk.answers) != 2 {
		t.Fatalf("the keys typed while opening did not answer the first questions: %+v", m.walk)
	}
	asked := m.walk.bank.Asked(m.walk.a.Mode)
	if m.walk.answers[asked[0].ID].Status != assessment.StatusUnknown || m.walk.answers[asked[1].ID].Status != assessment.StatusNA {
		t.Errorf("the keys were taken out of order: %+v", m.walk.answers)
	}
}

// An import that lands between an assessment's reading and its hold (it
// leaves alone only what is held) is what the screen opens on: the copy
// read before would be saved over the imported one.
func TestOpenedShowsWhatAnImportLeftBeforeTheHold(t *testing.T) {
	store := openStore(t)
	a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Mode: assessment.ModeQuick, Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	read, err := store.Continue(bg(), a.ID) // the wizard's reading
	if err != nil {
		t.Fatal(err)
	}
	imported := *read
	imported.UpdatedAt = read.UpdatedAt.Add(time.Minute)
	imported.Answers = []assessment.Answer{{Item: store.Catalog().Current().Asked(assessment.ModeQuick)[0].ID, Status: assessment.StatusUnknown}}
	doc, err := assessment.NewDocument(store.Catalog(), []*assessment.Assessment{&imported}, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := doc.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if rep, err := store.Import(bg(), "late.json", &buf); err != nil || rep.Updated != 1 {
		t.Fatalf("import: %+v %v", rep, err)
	}
	msg, ok := opened(store, newHolder(), read, false, nil).(startedMsg)
	if !ok || len(msg.a.Answers) != 1 {
		t.Errorf("opened on the copy read before the import: %+v", msg.a)
	}
}
