package tui

import (
	"bufio"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
)

// Every checklist can be answered "none of these" on the first visit, in
// the wizard and in the accessible flow alike: an answer that scores zero,
// never an open question; ticking anything else unticks it.
func TestChecklistNoneOfThese(t *testing.T) {
	m := newModel(t, openStore(t), "en")
	b := m.c.bank
	var multis []*assessment.Item
	for _, it := range b.Asked(assessment.ModeFull) {
		if it.Kind == assessment.KindMulti {
			multis = append(multis, it)
		}
	}
	if len(multis) == 0 {
		t.Fatal("no checklist in the bank")
	}
	for _, it := range multis {
		none, ok := it.NoneOption()
		if !ok {
			t.Fatalf("checklist %s has no \"none of these\"", it.ID)
		}
		ed := newEditor(m.c, it, nil)
		key := ed.choices[slices.IndexFunc(ed.choices, func(c choice) bool { return c.option == none })].key
		if key == "" {
			t.Fatalf("%s: \"none of these\" has no key", it.ID)
		}
		ed.key(keyPress("1")) // tick the first option, then "none": it goes alone
		ed.key(keyPress(key))
		res, _ := ed.key(keyPress("enter"))
		if res.save == nil || !slices.Equal(res.save.Value.List(), []string{none}) {
			t.Fatalf("%s: enter after \"none of these\" saves %+v", it.ID, res.save)
		}
		if err := b.CheckAnswer(*res.save); err != nil {
			t.Fatal(err)
		}
		if s, ok := it.ItemScore(map[string]assessment.Answer{it.ID: *res.save}); !ok || s != 0 {
			t.Errorf("%s: none scores %v %v, want 0", it.ID, s, ok)
		}
		ed.key(keyPress("1"))
		if ed.ticked[none] || !ed.ticked[it.Options[0].ID] {
			t.Errorf("%s: ticking an option kept \"none of these\": %v", it.ID, ed.ticked)
		}

		// The accessible flow: the same key answers it; with others it is
		// asked again.
		p := &plain{c: m.c, m: m, in: bufio.NewScanner(strings.NewReader("")), out: io.Discard}
		ed = newEditor(m.c, it, nil)
		if a, _, err := p.parse(ed, it, key); err != nil || a == nil || !slices.Equal(a.Value.List(), []string{none}) {
			t.Errorf("%s: accessible %q gives %+v, %v", it.ID, key, a, err)
		}
		if a, why, _ := p.parse(ed, it, "1 "+key); a != nil || !strings.Contains(why, "cannot be combined") {
			t.Errorf("%s: accessible \"1 %s\" gives %+v, %q; want to be asked again, saying why", it.ID, key, a, why)
		}
	}
}
