package tui

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// lockStore holds the write lock of the store's file from another
// connection, as a big import in another program does, until the returned
// function is called.
func lockStore(t *testing.T, store *storage.Store) (release func()) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+store.Path()+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(bg())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(bg(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			conn.ExecContext(bg(), "ROLLBACK")
			conn.Close()
			db.Close()
		})
	}
	t.Cleanup(release)
	return release
}

// answerDontKnow answers n items in a row "don't know", as the user
// did, and returns their ids.
func answerDontKnow(d *driver, n int) []string {
	var ids []string
	for range n {
		s := d.until("a question", func(s snapshot) bool { return s.screen == screenQuestions })
		ids = append(ids, s.item.ID)
		d.keys(dkKeys(s.item)...)
		d.until("the next question", func(x snapshot) bool { return x.item.ID != s.item.ID })
	}
	return ids
}

// itemLines are the lines of the view that show an answered item's summary.
func itemLines(view string) []string {
	var out []string
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, "→ Don't know") {
			out = append(out, l)
		}
	}
	return out
}

func storedAnswers(t *testing.T, store *storage.Store, id string) int {
	t.Helper()
	a, err := store.Assessment(bg(), id)
	if err != nil {
		t.Fatal(err)
	}
	return len(a.Answers)
}

// While another program holds the database's write lock, answers given
// are shown as pending, never as saved; quitting waits for them with a
// count, and the exit note tells what the store holds.
func TestSavesWaitBehindAnotherWriter(t *testing.T) {
	store := openStore(t)
	d := drive(t, newModel(t, store, "en"), 80, 24)
	d.startFull()
	d.until("the first question", func(s snapshot) bool { return s.screen == screenQuestions })
	release := lockStore(t, store)
	ids := answerDontKnow(d, 3)
	s := d.snap()
	lines := itemLines(s.view)
	if len(lines) == 0 {
		t.Fatalf("no answered item on the screen:\n%s", s.view)
	}
	for _, l := range lines {
		if strings.Contains(l, "✓") {
			t.Errorf("an answer not stored is shown as saved: %q", l)
		}
	}
	if strings.Contains(s.view, "✓ saved") || !strings.Contains(s.view, "Saving 3 answers") {
		t.Errorf("the status line does not say the answers are pending:\n%s", s.view)
	}
	if n := storedAnswers(t, store, s.walk.a.ID); n != 0 {
		t.Fatalf("the store holds %d answers while locked", n)
	}

	d.keys("ctrl+c")
	d.until("the count of saves left", func(s snapshot) bool {
		return strings.Contains(s.view, "Saving 3 answers before leaving")
	})
	release()
	d.tm.WaitFinished(t, teatestTimeout())
	d.m.Close()
	id := s.walk.a.ID
	if n := storedAnswers(t, store, id); n != len(ids) {
		t.Errorf("the store holds %d answers, %d were given", n, len(ids))
	}
	_, total := newWalk(d.m.c.text, s.walk.a).progress("")
	want := fmt.Sprintf("Your answers are saved (3 of %d)", total)
	if !strings.Contains(d.m.ExitNote(), want) || d.m.Err() != nil {
		t.Errorf("exit note %q, error %v; want %q and no error", d.m.ExitNote(), d.m.Err(), want)
	}
}

// flakyWriter is a store whose writes fail (as a full disk does) while
// failing is set, or take delay; it records the writes stored, in order.
type flakyWriter struct {
	store *storage.Store
	delay time.Duration

	mu       sync.Mutex
	failing  bool // transiently: tried again
	refusing bool // for good: the assessment is gone
	stored   []string
	tries    int
}

func (f *flakyWriter) setFailing(v bool) { f.mu.Lock(); f.failing = v; f.mu.Unlock() }

func (f *flakyWriter) try(ctx context.Context, item string, write func() error) error {
	select {
	case <-time.After(f.delay):
	case <-ctx.Done():
		return ctx.Err()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tries++
	if f.failing {
		return fmt.Errorf("cannot write the database: %w", storage.ErrDiskFull)
	}
	if f.refusing {
		return fmt.Errorf("assessment x: %w", storage.ErrNotFound)
	}
	if err := write(); err != nil {
		return err
	}
	f.stored = append(f.stored, item)
	return nil
}

func (f *flakyWriter) storedItems() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.stored...)
}

func (f *flakyWriter) SaveAnswer(ctx context.Context, id string, a assessment.Answer) error {
	return f.try(ctx, a.Item, func() error { return f.store.SaveAnswer(ctx, id, a) })
}

func (f *flakyWriter) ClearAnswer(ctx context.Context, id, item string) error {
	return f.try(ctx, item, func() error { return f.store.ClearAnswer(ctx, id, item) })
}

func (f *flakyWriter) SaveDraft(ctx context.Context, id, item string, d storage.Draft) error {
	return f.try(ctx, "draft "+item, func() error { return f.store.SaveDraft(ctx, id, item, d) })
}

func flakyModel(t *testing.T, store *storage.Store) (*Model, *flakyWriter) {
	m := newModel(t, store, "en")
	f := &flakyWriter{store: store}
	m.c.writes = f
	return m, f
}

// A save that fails is kept and tried again, in order: no later answer
// overtakes it, its error stays on screen until it is stored, and only
// then does the screen say saved.
func TestFailedSavesAreRetriedInOrder(t *testing.T) {
	store := openStore(t)
	m, f := flakyModel(t, store)
	f.setFailing(true)
	d := drive(t, m, 80, 24)
	d.startFull()
	ids := answerDontKnow(d, 3)
	s := d.until("the error to show", func(s snapshot) bool { return strings.Contains(s.view, "disk is full") })
	if !strings.Contains(s.view, "Not saved yet (3 waiting)") {
		t.Errorf("the status does not say how many wait:\n%s", s.view)
	}
	// Tried again and again, the error stays.
	for tries := f.tries; ; time.Sleep(20 * time.Millisecond) {
		f.mu.Lock()
		n := f.tries
		f.mu.Unlock()
		if n >= tries+2 {
			break
		}
	}
	if s := d.snap(); !strings.Contains(s.view, "disk is full") || strings.Contains(s.view, "✓ saved") {
		t.Errorf("the error went away while the answers are not stored:\n%s", s.view)
	}
	f.setFailing(false)
	s = d.until("saved", func(s snapshot) bool { return strings.Contains(s.view, "✓ saved") })
	for _, l := range itemLines(s.view) {
		if !strings.Contains(l, "✓") {
			t.Errorf("a stored answer is not marked saved: %q", l)
		}
	}
	if got := f.storedItems(); strings.Join(got, " ") != strings.Join(ids, " ") {
		t.Errorf("stored in the order %v, given %v", got, ids)
	}
	if n := storedAnswers(t, store, s.walk.a.ID); n != 3 {
		t.Errorf("the store holds %d answers, want 3", n)
	}
}

// Quitting while saves fail waits with a count; a second ctrl+c leaves
// without them, and the exit note says what the store holds and what was
// not saved, with an error (a non-zero exit status).
func TestExitNoteCountsTheStore(t *testing.T) {
	store := openStore(t)
	m, f := flakyModel(t, store)
	d := drive(t, m, 80, 24)
	d.startFull()
	answerDontKnow(d, 2) // stored
	d.until("stored", func(s snapshot) bool { return strings.Contains(s.view, "✓ saved") })
	f.setFailing(true)
	lost := answerDontKnow(d, 2)
	d.keys("ctrl+c")
	s := d.until("the count of saves left", func(s snapshot) bool {
		return strings.Contains(s.view, "Saving 2 answers before leaving")
	})
	d.keys("ctrl+c")
	d.tm.WaitFinished(t, teatestTimeout())
	_, total := newWalk(d.m.c.text, s.walk.a).progress("")
	if want := fmt.Sprintf("(2 of %d)", total); !strings.Contains(d.m.ExitNote(), want) {
		t.Errorf("exit note %q, want %q", d.m.ExitNote(), want)
	}
	err := d.m.Err()
	it, _ := d.m.c.text.Item(lost[0]) // named as the person read it, not by its id
	if err == nil || !strings.Contains(err.Error(), "2 answers were not saved") || !strings.Contains(err.Error(), "“"+it.Text[:30]) {
		t.Errorf("error %v, want the 2 answers not saved named", err)
	}
	if n := storedAnswers(t, store, s.walk.a.ID); n != 2 {
		t.Errorf("the store holds %d answers, want 2", n)
	}
}

// With a slow disk the newest answer shows as pending until its write has
// committed, never as saved before.
func TestSlowDiskShowsPending(t *testing.T) {
	store := openStore(t)
	m, f := flakyModel(t, store)
	f.delay = 700 * time.Millisecond
	d := drive(t, m, 80, 24)
	d.startFull()
	ids := answerDontKnow(d, 1)
	s := d.snap()
	if n := storedAnswers(t, store, s.walk.a.ID); n == 0 {
		if strings.Contains(s.view, "✓") || !strings.Contains(s.view, "Saving 1 answer") {
			t.Errorf("an answer in flight is not shown as pending:\n%s", s.view)
		}
	}
	s = d.until("saved", func(s snapshot) bool { return strings.Contains(s.view, "✓ saved") })
	if n := storedAnswers(t, store, s.walk.a.ID); n != 1 {
		t.Errorf("shown as saved, the store holds %d answers (%v)", n, ids)
	}
}

// A note and flag on an item not answered yet are the user's words: they
// are stored on their own, survive ctrl+c (even a note still being typed)
// and come back when the assessment is continued.
func TestNotesWithoutAnswerSurviveQuit(t *testing.T) {
	store := openStore(t)
	d := drive(t, newModel(t, store, "en"), 80, 24)
	d.startFull()
	first := d.until("the first question", func(s snapshot) bool { return s.screen == screenQuestions })
	d.keys("ctrl+e")
	d.typeText("MoU signed in 2025")
	d.keys("enter", "ctrl+t", "tab")
	d.until("the second question", func(s snapshot) bool { return s.item.ID != first.item.ID })
	d.keys("ctrl+e")
	d.typeText("ask Ana")
	d.until("the note typed", func(s snapshot) bool { return strings.Contains(s.view, "ask Ana") })
	second := d.snap().item.ID
	d.keys("ctrl+c")
	d.tm.WaitFinished(t, teatestTimeout())

	drafts, err := store.Drafts(bg(), first.walk.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := drafts[first.item.ID]; got != (storage.Draft{Note: "MoU signed in 2025", Develop: true}) {
		t.Errorf("first item's note: %+v", got)
	}
	if got := drafts[second]; got.Note != "ask Ana" {
		t.Errorf("the note being typed: %+v", got)
	}

	// Continued, the note is back on the item.
	d = drive(t, newModel(t, store, "en"), 80, 24)
	d.until("welcome", func(s snapshot) bool { return s.screen == screenWelcome && strings.Contains(s.view, "Continue") })
	d.keys("enter")
	s := d.until("the first open question", func(s snapshot) bool { return s.screen == screenQuestions })
	if s.item.ID != first.item.ID {
		s = d.goTo(t, first.item.ID)
	}
	s = d.until("the note back", func(s snapshot) bool { return strings.Contains(s.view, "MoU signed in 2025") })
	if !strings.Contains(s.view, "★") {
		t.Errorf("the flag is not back:\n%s", s.view)
	}
}

// Counts imported that contradict each other (more abroad than enrolled)
// block no other item: a save checks only the pair it belongs to.
func TestContradictoryCountsBlockNothingElse(t *testing.T) {
	store := openStore(t)
	b := store.Catalog().Current()
	var ratio *assessment.Item
	for i := range b.Items {
		if b.Items[i].Kind == assessment.KindRatio {
			ratio = &b.Items[i]
			break
		}
	}
	a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Name: "Ana", Role: "manager"},
		Language: "en", Mode: assessment.ModeFull})
	if err != nil {
		t.Fatal(err)
	}
	for id, n := range map[string]int{ratio.Numerator: 500, ratio.Denominator: 100} {
		ans := assessment.Answer{Item: id, Status: assessment.StatusAnswered, Value: assessment.Number(n)}
		if err := store.SaveAnswer(bg(), a.ID, ans); err != nil {
			t.Fatal(err)
		}
	}
	d := drive(t, newModel(t, store, "en"), 80, 24)
	d.until("welcome", func(s snapshot) bool { return s.screen == screenWelcome && strings.Contains(s.view, "Continue") })
	d.keys("enter")
	ids := answerDontKnow(d, 1)
	s := d.until("saved", func(s snapshot) bool {
		return strings.Contains(s.view, "✓ saved") || strings.Contains(s.view, "cannot be more")
	})
	if !strings.Contains(s.view, "✓ saved") {
		t.Fatalf("an unrelated answer was refused:\n%s", s.view)
	}
	got, _ := store.Assessment(bg(), a.ID)
	if !slicesContainsAnswer(got.Answers, ids[0]) {
		t.Errorf("the answer to %s was not stored", ids[0])
	}
}

func slicesContainsAnswer(as []assessment.Answer, item string) bool {
	for _, a := range as {
		if a.Item == item {
			return true
		}
	}
	return false
}

// The line-by-line flow says an answer stored behind another program's
// lock is pending, not saved; quitting waits for it, and the note at the
// end tells what the store holds.
func TestAccessibleSavesBehindAnotherWriter(t *testing.T) {
	store := openStore(t)
	a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Name: "Iker", Role: "manager"},
		Language: "en", Mode: assessment.ModeQuick})
	if err != nil {
		t.Fatal(err)
	}
	// Continue (entry 2), answer the first item "don't know" (with the
	// lock taken as it is typed), quit.
	in := &lineReader{lines: []string{"2", "d", "q"}, before: func(i int) {
		if i == 1 {
			release := lockStore(t, store)
			time.AfterFunc(2500*time.Millisecond, release)
		}
	}}
	var buf bytes.Buffer
	if err := RunAccessible(Options{Store: store, Lang: "en", Now: func() time.Time { return fixedNow }}, in, &buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "Saved") || !strings.Contains(out, "Saving 1 answer") { // "Saved: …" only once stored
		t.Errorf("an answer behind the lock was not said to be pending:\n%s", out)
	}
	total := len(slices.Collect(newWalk(store.Catalog().Current(), a).onPath()))
	if want := fmt.Sprintf("Your answers are saved (1 of %d)", total); !strings.Contains(out, want) {
		t.Errorf("the end note does not say %q:\n%s", want, out)
	}
	if n := storedAnswers(t, store, a.ID); n != 1 {
		t.Errorf("the store holds %d answers, want 1", n)
	}
}

// When the session ends (a dropped SSH connection cancels its context),
// the saver takes no more writes but still stores those given.
func TestSessionEndStillStoresLastAnswer(t *testing.T) {
	store := openStore(t)
	a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Role: "manager"},
		Language: "en", Mode: assessment.ModeQuick})
	if err != nil {
		t.Fatal(err)
	}
	f := &flakyWriter{store: store, delay: 300 * time.Millisecond}
	ctx, cancel := context.WithCancel(bg())
	sv := newSaver(ctx)
	it := store.Catalog().Current().Asked(assessment.ModeQuick)[0]
	ans := assessment.Answer{Item: it.ID, Status: assessment.StatusUnknown}
	sv.enqueue(saveKey(a.ID, it.ID), func(ctx context.Context) error { return f.SaveAnswer(ctx, a.ID, ans) })
	cancel() // the connection is gone while the write is in flight
	<-sv.stopped
	if n := storedAnswers(t, store, a.ID); n != 1 {
		t.Errorf("the last answer was lost when the session ended: %d stored", n)
	}
	late := sv.enqueue("late", func(context.Context) error { return nil })
	<-late.done
	if late.err == nil || len(sv.unsaved()) != 1 {
		t.Errorf("a write after the end was taken: %v, unsaved %v", late.err, sv.unsaved())
	}
}

// A write the store refuses for good (its assessment was erased) is set
// aside and named, and does not hold back the writes after it.
func TestRefusedWriteBlocksNothing(t *testing.T) {
	sv := newSaver(bg())
	defer sv.stop(time.Second)
	gone := sv.enqueue("gone", func(context.Context) error { return fmt.Errorf("assessment x: %w", storage.ErrNotFound) })
	next := sv.enqueue("next", func(context.Context) error { return nil })
	select {
	case <-next.done:
	case <-time.After(5 * time.Second):
		t.Fatal("a refused write held back the next one")
	}
	<-gone.done
	st := sv.state()
	if gone.err == nil || next.err != nil || st.failed["gone"] == nil || st.refused != 1 || st.waiting != 0 {
		t.Errorf("state %+v, gone %v, next %v", st, gone.err, next.err)
	}
}

// In kiosk mode a participant who pauses gets their code only once their
// answers are stored; until then the screen says why it waits. The PIN
// ends the program only after every save.
func TestKioskPauseWaitsForSaves(t *testing.T) {
	store := openStore(t)
	m, _ := kioskModel(t, store)
	f := &flakyWriter{store: store}
	m.c.writes = f
	d := drive(t, m, 80, 24)
	f.setFailing(true)
	kioskParticipant(t, d, "Ana", 2)
	id := d.snap().walk.a.ID
	d.keys("ctrl+c")
	s := d.until("the error", func(s snapshot) bool { return strings.Contains(s.view, "disk is full") })
	if s.screen == screenPaused {
		t.Fatalf("the code was given while the answers are not stored:\n%s", s.view)
	}
	f.setFailing(false)
	d.until("the code", func(s snapshot) bool { return s.screen == screenPaused })
	if n := storedAnswers(t, store, id); n != 2 {
		t.Errorf("paused with %d answers stored, want 2", n)
	}
	drafts, _ := store.Drafts(bg(), id)
	if len(drafts) != 1 {
		t.Errorf("the note on the question not answered yet: %+v", drafts)
	}
	d.keys("enter")
	d.until("the welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	d.keys("ctrl+c")
	d.until("the PIN", func(s snapshot) bool { return s.screen == screenPIN })
	d.typeText("471147")
	d.keys("enter")
	d.tm.WaitFinished(t, teatestTimeout())
	if !strings.Contains(d.m.ExitNote(), "Kiosk mode ended") || d.m.Err() != nil {
		t.Errorf("exit note %q, error %v", d.m.ExitNote(), d.m.Err())
	}
}

// A local wizard in a workshop the facilitator closes: the answer it
// refuses ends the questions, as on a kiosk; the welcome says the last
// answer was not saved and the earlier are kept, and the store holds
// them unchanged.
func TestLocalWizardClosedWhileAnswering(t *testing.T) {
	store := openStore(t)
	w, err := store.NewWorkshop(bg(), "", "Bologna workshop", "471147")
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(Options{Store: store, Lang: "en", Now: func() time.Time { return fixedNow }, Workshop: w.Code, ExportDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	d := drive(t, m, 80, 24)
	d.startFull()
	answerDontKnow(d, 1)
	s := d.until("saved", func(s snapshot) bool { return strings.Contains(s.view, "✓ saved") })
	id := s.walk.a.ID
	if err := store.CloseWorkshop(bg(), w.Code, false); err != nil {
		t.Fatal(err)
	}
	d.keys(dkKeys(d.snap().item)...) // refused: the questions end at once
	s = d.until("the welcome saying what is kept", func(s snapshot) bool {
		return s.screen == screenWelcome && strings.Contains(s.view, "your last answer was not saved")
	})
	if n := storedAnswers(t, store, id); n != 1 {
		t.Errorf("the store holds %d answers, want 1", n)
	}
}

// An answer the store refuses for good (here: its assessment is gone) is
// said as such: marked not saved (not "trying again": nothing will store
// it), with the reason in the user's words, and the walk takes back what
// the store holds, so it counts in no progress, result or report.
func TestRefusedAnswerIsTakenBack(t *testing.T) {
	store := openStore(t)
	m, f := flakyModel(t, store)
	d := drive(t, m, 80, 24)
	d.startFull()
	first := answerDontKnow(d, 1)[0]
	d.until("saved", func(s snapshot) bool { return strings.Contains(s.view, "✓ saved") })
	f.mu.Lock()
	f.refusing = true
	f.mu.Unlock()
	d.keys("shift+tab") // back to the answered question, answered otherwise
	d.until("the answered question", func(s snapshot) bool { return s.item != nil && s.item.ID == first })
	d.keys("n")
	d.until("the refusal", func(s snapshot) bool { return strings.Contains(s.view, "could not be saved") })
	s := d.until("the stored answer back", func(s snapshot) bool { return s.answers[first].Status == assessment.StatusUnknown })
	if !strings.Contains(s.view, "no longer in the database") || strings.Contains(s.view, "assessment x") {
		t.Errorf("the reason is not the user's words:\n%s", s.view)
	}
	d.keys("shift+tab") // the refused question: its own line says so
	s = d.until("the refused question", func(s snapshot) bool { return strings.Contains(s.view, "✗ not saved") })
	if strings.Contains(s.view, "trying again") {
		t.Errorf("a refusal for good says it is tried again:\n%s", s.view)
	}
}

// What was not saved is named by what it was: a completion, a plan's
// change or a marker are no answers, and a marker (it writes nothing)
// loses nothing.
func TestUnsavedNamedByWhatTheyWere(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	m.openWalk(a)
	item := m.walk.item().ID
	got := m.unsavedLines([]string{markerKey, completionKey(a.ID)})
	if len(got) != 1 || !strings.Contains(got[0], "not marked complete") {
		t.Errorf("a refused completion and a marker: %q", got)
	}
	got = m.unsavedLines([]string{saveKey(a.ID, item), planKey, markerKey})
	text := strings.Join(got, " ")
	for _, want := range []string{"1 answer was not saved", "Question: “", "change to the plan"} {
		if !strings.Contains(text, want) {
			t.Errorf("an answer and a plan's change: %q lacks %q", text, want)
		}
	}
	if strings.Contains(text, "complete") {
		t.Errorf("a completion is said lost: %q", text)
	}
}
