package tui

import (
	"fmt"
	"slices"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// TestWelcomeAsksForItsEntries: the welcome menu gets the five latest
// unfinished and the five latest completed from the store, the same ones
// it picked from the whole list before.
func TestWelcomeAsksForItsEntries(t *testing.T) {
	store := openStore(t)
	for i := range 14 {
		a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Name: fmt.Sprint("P", i), Role: "trainer"},
			Language: "en", Mode: assessment.ModeQuick})
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			if err := store.Complete(bg(), a.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	all, err := store.List(bg(), storage.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, done := range []bool{false, true} {
		var part []string
		for _, s := range all {
			if (s.CompletedAt != nil) == done {
				part = append(part, s.ID)
			}
		}
		want = append(want, part[:maxResume]...)
	}
	got, err := recent(store)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range got {
		ids = append(ids, s.ID)
	}
	if !slices.Equal(ids, want) {
		t.Fatalf("welcome entries %v, want %v", ids, want)
	}
	m := newModel(t, store, "en")
	m.Update(listedMsg{list: got})
	if n := len(m.welcome.entries(m.c)); n != 1+2*maxResume+2 {
		t.Errorf("%d menu entries", n)
	}
}
