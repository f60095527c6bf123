package tui

import (
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// Coming back as the same person links to them in the wizard and in the
// accessible flow alike, typed a little differently; and the results
// start a follow-up of the same person in one key.
func TestSamePersonInEveryFace(t *testing.T) {
	store := openStore(t)
	m := newModel(t, store, "en")
	started := func(cmd func() any) *assessment.Assessment {
		t.Helper()
		msg, ok := unturn(cmd()).(startedMsg)
		if !ok || msg.err != nil || msg.a == nil {
			t.Fatalf("not started: %+v", msg)
		}
		return msg.a
	}
	wizard := func(name, inst string) *assessment.Assessment {
		cmd := m.begin(startValues{name: name, institution: inst, role: "trainer", mode: assessment.ModeQuick})
		return started(func() any { return cmd() })
	}
	first := wizard("Iker Etxeberria", "CIFP Txurdinaga")
	if a := wizard("iker etxeberria", ""); a.Participant.ID != first.Participant.ID {
		t.Error("wizard: a lower-case name and a blank institution make a new person")
	}
	// The accessible flow: new assessment, name, role 1 (trainer), an
	// institution in capitals, quick scan; then stop.
	runPlain(t, store, "en", "1\nIKER  ETXEBERRIA\n1\nCIFP TXURDINAGA\n1\nq\n")
	people := map[string]bool{}
	list, err := store.List(bg(), storage.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		people[s.Participant.ID] = true
	}
	if len(list) != 3 || len(people) != 1 {
		t.Errorf("%d assessments of %d people, want 3 of one", len(list), len(people))
	}

	// f on the results: the next assessment of the same person, same mode.
	m.results = &results{a: first}
	cmd := m.followUp()
	if cmd == nil {
		t.Fatal("f on the results does nothing")
	}
	next := started(func() any { return cmd() })
	if next.Participant.ID != first.Participant.ID || next.Mode != first.Mode || next.Participant.Institution != "CIFP Txurdinaga" {
		t.Errorf("follow-up %+v, want the same person and mode as %+v", next.Participant, first.Participant)
	}
	m.c.opts.Policy = Kiosk
	if m.followUp() != nil {
		t.Error("a follow-up on a shared laptop")
	}
}
