package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/digint/digint/assessment"
)

// The note left after the program ends is wrapped at words to the
// terminal's width: the terminal would cut words, codes and commands.
func TestExitNoteWrapsAtWords(t *testing.T) {
	m := newModel(t, openStore(t), "es")
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 12})
	m.exitNote = m.c.T("serve.code", "Code", "XZ7D-B5CP") + "\n" +
		m.c.T("serve.code.how", "Line", "ssh -p 51519 N26PNS@127.0.0.1", "Code", "XZ7D-B5CP")
	note := m.ExitNote()
	for _, l := range strings.Split(note, "\n") {
		if w := lipgloss.Width(l); w > 40 {
			t.Errorf("a line of %d columns at 40: %q", w, l)
		}
	}
	words := strings.Fields(note)
	for _, w := range strings.Fields(m.exitNote) {
		found := false
		for _, x := range words {
			found = found || x == w
		}
		if !found {
			t.Errorf("the word %q was cut:\n%s", w, note)
		}
	}
}

// A participant served to their key comes back by the same line, not by
// a menu entry for codes they do not see.
func TestServedKeyNoteSaysComeBackByTheSameLine(t *testing.T) {
	m := newModel(t, openStore(t), "en")
	m.c.opts.SSHLine = "ssh -p 2222 K7PQ2X@host"
	if how := m.c.codeHow("AB12-CD34", false); !strings.Contains(how, "personal code") {
		t.Errorf("without a key: %q", how)
	}
	m.c.opts.Key = "SHA256:abc"
	how := m.c.codeHow("AB12-CD34", false)
	if strings.Contains(how, "personal code") || !strings.Contains(how, "again from this computer") || !strings.Contains(how, "report AB12-CD34") {
		t.Errorf("with a key: %q", how)
	}
	// Done: nothing to continue, only the report to fetch.
	if how := m.c.codeHow("AB12-CD34", true); strings.Contains(how, "continue") || !strings.Contains(how, "report AB12-CD34") {
		t.Errorf("done: %q", how)
	}
}

// A refused value's message goes once the value wanted is given: it
// stayed, questions later, though the answer was then saved.
func TestRefusedValueMessageEndsWithTheAnswer(t *testing.T) {
	store, a := fixture(t)
	m := newModel(t, store, "en")
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.openWalk(a)
	var ratio *assessment.Item
	for i := range m.c.bank.Items {
		if m.c.bank.Items[i].Kind == assessment.KindRatio {
			ratio = &m.c.bank.Items[i]
			break
		}
	}
	if ratio == nil {
		t.Fatal("the bank has no share of two counts")
	}
	m.walk.jump(ratio.Denominator)
	m.focusItem()
	m.save(assessment.Answer{Item: ratio.Denominator, Status: assessment.StatusAnswered, Value: assessment.Number(850)})
	m.walk.jump(ratio.Numerator)
	m.focusItem()
	if m.save(assessment.Answer{Item: ratio.Numerator, Status: assessment.StatusAnswered, Value: assessment.Number(900)}) || !m.statusErr {
		t.Fatalf("900 of 850 taken: %q", m.status)
	}
	if !m.save(assessment.Answer{Item: ratio.Numerator, Status: assessment.StatusAnswered, Value: assessment.Number(60)}) {
		t.Fatal("60 of 850 refused")
	}
	if strings.Contains(m.status, "900") {
		t.Errorf("the refusal stays after the answer was taken: %q", m.status)
	}
}

// On a tick-all question's "Other" line, a space before any text is not
// taken: it went unseen into the text and its count.
func TestOtherTextStartsWithNoBlank(t *testing.T) {
	m := newModel(t, openStore(t), "en")
	var multi *assessment.Item
	for i := range m.c.bank.Items {
		if it := &m.c.bank.Items[i]; it.Kind == assessment.KindMulti && it.Other {
			multi = it
			break
		}
	}
	if multi == nil {
		t.Fatal("the bank has no tick-all question with Other")
	}
	e := resetEditor(new(editor), m.c, multi, nil)
	e.key(keyPress("o"))
	e.key(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}) // as a terminal sends it
	for _, k := range []string{"E", "U"} {
		e.key(keyPress(k))
	}
	if v := e.input.Value(); v != "EU" {
		t.Errorf("the Other text is %q", v)
	}
}
