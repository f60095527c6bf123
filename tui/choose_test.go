package tui

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
)

// storedAnswers is what the store holds for the walk's assessment once
// every write has committed.
func (d *driver) storedAnswers(t *testing.T) map[string]assessment.Answer {
	t.Helper()
	s := d.until("every save stored", func(s snapshot) bool { return s.waiting == 0 })
	got, err := d.m.c.store.Assessment(bg(), s.walk.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return assessment.Index(got.Answers)
}

// An impatient enter on a single-choice question answers nothing: no
// choice is under the cursor until an arrow puts it there, and the status
// says how to answer. A choice given shows under the cursor when back.
func TestEnterAloneChoosesNothing(t *testing.T) {
	d := drive(t, newModel(t, openStore(t), "en"), 80, 24)
	d.startFull()
	first := d.until("the first question", func(s snapshot) bool { return s.screen == screenQuestions })
	if k := first.item.Kind; k != assessment.KindMaturity && k != assessment.KindYesNo && k != assessment.KindBand && k != assessment.KindSelfRating {
		t.Fatalf("the first item is a %s", k)
	}
	if strings.Contains(first.view, "›") || !strings.Contains(first.view, "↑↓ enter choose") {
		t.Errorf("a fresh question has a choice under the cursor, or its help does not say ↑↓ enter choose:\n%s", first.view)
	}
	d.keys("enter", "space")
	s := d.until("how to answer", func(s snapshot) bool { return strings.HasPrefix(s.status, "Choose an answer: its key (") })
	if s.item.ID != first.item.ID || len(d.storedAnswers(t)) != 0 || len(s.answers) != 0 {
		t.Fatalf("enter with no choice under the cursor answered or moved on: %v\n%s", d.storedAnswers(t), s.view)
	}
	if want := "(1-" + strconv.Itoa(len(first.item.Options)) + ", n, d), or ↑↓ then enter."; first.item.Kind != assessment.KindMaturity && first.item.Options != nil && !strings.Contains(s.status, want) {
		t.Errorf("status %q, want it to end %q", s.status, want)
	}

	// down puts the cursor on the first choice; enter gives it.
	d.keys("down")
	d.until("the cursor on the first choice", func(s snapshot) bool { return strings.Contains(s.view, "› ( )") })
	d.keys("enter")
	second := d.until("the next question", func(s snapshot) bool { return s.item.ID != first.item.ID })
	if got := d.storedAnswers(t)[first.item.ID]; got.Status != assessment.StatusAnswered {
		t.Errorf("down, enter stored %+v", got)
	}
	if strings.Contains(second.status, "Choose an answer") {
		t.Errorf("the hint outlived the answer: %q", second.status)
	}

	// up from no choice goes to the last: don't know.
	for second.item.Kind == assessment.KindMulti || second.item.Kind == assessment.KindCount || second.item.Kind == assessment.KindText {
		d.keys("tab")
		prev := second.item.ID
		second = d.until("a single-choice question", func(s snapshot) bool { return s.item.ID != prev })
	}
	if strings.Contains(second.view, "›") {
		t.Fatalf("the next question starts with a choice under the cursor:\n%s", second.view)
	}
	d.keys("up", "enter")
	d.until("past the second question", func(s snapshot) bool { return s.item.ID != second.item.ID })
	if got := d.storedAnswers(t)[second.item.ID]; got.Status != assessment.StatusUnknown {
		t.Errorf("up, enter stored %+v, want don't know", got)
	}

	// Back on an answered question, the cursor is on its answer.
	d.keys("shift+tab")
	s = d.until("the second question again", func(s snapshot) bool { return s.item.ID == second.item.ID })
	if !strings.Contains(s.view, "› (•) d") {
		t.Errorf("the answer given is not under the cursor:\n%s", s.view)
	}
	d.keys("ctrl+c")
	d.finished("ctrl+c")
}

// Unticking everything on a multi item and leaving it never stores an
// empty answer: the earlier ticks and Other text stay, whichever way the
// question is left. Enter then takes the answer back, as it does an
// emptied number; with no answer given, enter says to tick one.
func TestUntickedMultiKeepsItsAnswer(t *testing.T) {
	d := drive(t, newModel(t, openStore(t), "en"), 80, 24)
	d.startFull()
	d.until("the first question", func(s snapshot) bool { return s.screen == screenQuestions })
	i := slices.IndexFunc(d.m.c.bank.Items, func(it assessment.Item) bool {
		_, none := it.NoneOption()
		return it.Kind == assessment.KindMulti && it.Other && none && len(it.Options) >= 5
	})
	if i < 0 {
		t.Fatal("no multi item with none of these and Other")
	}
	it := &d.m.c.bank.Items[i]
	noneID, _ := it.NoneOption()
	var keys []string // three options that are not none
	for j, o := range it.Options {
		if o.ID != noneID && len(keys) < 3 && j < 9 {
			keys = append(keys, strconv.Itoa(j+1))
		}
	}
	noneKey := strconv.Itoa(slices.IndexFunc(it.Options, func(o assessment.Option) bool { return o.ID == noneID }) + 1)

	d.goTo(t, it.ID)
	d.keys(keys...)
	d.keys("o")
	d.typeText("Job shadowing")
	d.keys("enter")
	d.until("past the multi item", func(s snapshot) bool { return s.item.ID != it.ID })
	given := d.storedAnswers(t)[it.ID]
	if len(given.Value.List()) != 3 || given.Other != "Job shadowing" {
		t.Fatalf("the ticks given: %+v", given)
	}
	// Its "saved" is said before the checks below: said late, it would be
	// taken for one about leaving the item unticked.
	d.until("the answer's save said", func(s snapshot) bool { return s.status == "saved" })

	pos := func(id string) int {
		return slices.IndexFunc(d.m.c.bank.Items, func(x assessment.Item) bool { return x.ID == id })
	}
	reach := func() { // back to the multi item from wherever leaving it led
		for range 50 {
			s := d.snap()
			switch {
			case s.screen == screenOverview:
				d.keys("esc")
			case s.screen != screenQuestions:
				t.Fatalf("left for screen %v", s.screen)
			case s.item.ID == it.ID:
				return
			case pos(s.item.ID) > i:
				d.keys("shift+tab")
			default:
				d.keys("tab")
			}
			d.until("another place", func(x snapshot) bool { return x.screen != s.screen || x.item.ID != s.item.ID })
		}
		t.Fatal("never back on the multi item")
	}
	for _, leave := range []string{"tab", "shift+tab", "esc", "pgdown", "pgup"} {
		reach()
		d.keys(noneKey, noneKey) // none of these clears every tick, then goes itself
		s := d.until("nothing ticked", func(s snapshot) bool { return !strings.Contains(s.view, "[x]") })
		if strings.Contains(s.view, "Answer not saved yet") {
			t.Errorf("nothing ticked is said to be an answer waiting:\n%s", s.view)
		}
		d.keys(leave)
		d.settle() // pgup on the first page stays
		if got := d.storedAnswers(t)[it.ID]; !got.Value.Equal(given.Value) || got.Other != given.Other || got.Status != assessment.StatusAnswered {
			t.Errorf("left with %v: the store holds %+v, want %+v", leave, got, given)
		}
		if st := d.snap().status; strings.Contains(st, "saved") {
			t.Errorf("left with %v: the status says %q", leave, st)
		}
	}

	// Enter with nothing ticked takes the answer back, then asks for a tick.
	reach()
	d.keys(noneKey, noneKey, "enter")
	d.until("past the multi item", func(s snapshot) bool { return s.item.ID != it.ID })
	if got, ok := d.storedAnswers(t)[it.ID]; ok {
		t.Errorf("unticked and entered, the answer stays: %+v", got)
	}
	reach()
	d.keys("enter")
	s := d.until("how to answer", func(s snapshot) bool { return strings.Contains(s.status, "Tick at least one option") })
	if _, ok := d.storedAnswers(t)[it.ID]; ok || s.item.ID != it.ID {
		t.Errorf("enter with nothing ticked and nothing given stored something or moved on:\n%s", s.view)
	}
	d.keys("ctrl+c")
	d.finished("ctrl+c")
}
