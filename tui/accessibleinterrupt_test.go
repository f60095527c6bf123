package tui

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// ctrlCReader types its lines; then, as a terminal's ctrl+c does, it
// sends presses interrupts and reads nothing more: its read blocks until
// the test ends. A flow that does not hear them reads on and fails.
type ctrlCReader struct {
	lines   []string
	next    int
	presses int
	sig     chan os.Signal
	before  func(i int)
	ended   chan struct{}
}

func newCtrlC(t *testing.T, presses int, lines ...string) *ctrlCReader {
	r := &ctrlCReader{lines: lines, presses: presses, sig: make(chan os.Signal, presses), ended: make(chan struct{})}
	t.Cleanup(func() { close(r.ended) })
	return r
}

func (r *ctrlCReader) Read(b []byte) (int, error) {
	if r.next < len(r.lines) {
		if r.before != nil {
			r.before(r.next)
		}
		n := copy(b, r.lines[r.next]+"\n")
		r.next++
		return n, nil
	}
	for range r.presses {
		r.sig <- os.Interrupt
	}
	r.presses = 0
	select {
	case <-r.ended:
		return 0, io.EOF
	case <-time.After(10 * time.Second): // a bound for a flow that never hears them
		return 0, errors.New("ctrl+c was not heard: the flow read on")
	}
}

// ctrl+c in the line-by-line flow leaves as q does: the answers given are
// stored, the note says so and how to come back, and the assessment is
// let go of, so that the next run opens it at once.
func TestAccessibleCtrlCLeavesAsQuit(t *testing.T) {
	store := openStore(t)
	// New, name, role 2, no institution, quick scan; answer two; ctrl+c.
	in := newCtrlC(t, 1, "1", "Iker", "2", "", "1", "3", "2")
	var out bytes.Buffer
	o := Options{Store: store, Lang: "es", Now: func() time.Time { return fixedNow }, Interrupt: in.sig, Again: "digint --accessible"}
	if err := RunAccessible(o, in, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if want := "Sus respuestas están guardadas (2 de 19)"; !strings.Contains(out.String(), want) {
		t.Errorf("the end does not say %q:\n%s", want, out.String())
	}
	list, _ := store.List(bg(), storage.Filter{})
	if len(list) != 1 || list[0].Answered != 2 {
		t.Fatalf("stored: %+v", list)
	}
	if ok, err := store.Hold(bg(), list[0].ID, "the next run"); err != nil || !ok {
		t.Errorf("the assessment is still held after ctrl+c (%v, %v)", ok, err)
	}
}

// A second ctrl+c while the last answers wait for the database leaves at
// once, and says what was not stored, as on the full screen.
func TestAccessibleSecondCtrlCGivesUpTheSaves(t *testing.T) {
	store := openStore(t)
	a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Name: "Iker", Role: "manager"},
		Language: "en", Mode: assessment.ModeQuick})
	if err != nil {
		t.Fatal(err)
	}
	// Continue (entry 2), answer "don't know" behind another writer's
	// lock, then ctrl+c twice.
	in := newCtrlC(t, 2, "2", "d")
	in.before = func(i int) {
		if i == 1 {
			lockStore(t, store) // until the test ends
		}
	}
	var out bytes.Buffer
	o := Options{Store: store, Lang: "en", Now: func() time.Time { return fixedNow }, Interrupt: in.sig}
	err = RunAccessible(o, in, &out)
	if err == nil || !strings.Contains(err.Error(), "1 answer was not saved") {
		t.Errorf("the loss is not said: %v", err)
	}
	// Said once: the wait is not begun again (after drainLimit) once cut.
	if n := strings.Count(out.String(), "Saving 1 answer before leaving"); n != 1 {
		t.Errorf("the wait is said %d times, want once:\n%s", n, out.String())
	}
	if n := storedAnswers(t, store, a.ID); n != 0 {
		t.Errorf("the store holds %d answers, want 0", n)
	}
}
