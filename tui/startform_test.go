package tui

import (
	"image/color"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
)

// startModel is a model on the welcome screen with the start form opened
// by its key, as a person opens it.
func startModel(t *testing.T, w, h int) *Model {
	t.Helper()
	m := newModel(t, openStore(t), "en")
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m.Update(keyPress("n"))
	if m.screen != screenStart || m.start == nil {
		t.Fatalf("n did not open the start form: screen %v", m.screen)
	}
	return m
}

// send gives m each key (a word is typed letter by letter) and looks at
// the screen after each, as a program does; it returns the last command.
func send(m *Model, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		if utf8.RuneCountInString(k) > 1 && !isKeyName(k) {
			for _, r := range k {
				_, cmd = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
				m.View()
			}
			continue
		}
		_, cmd = m.Update(keyPress(k))
		m.View()
	}
	return cmd
}

func screenText(m *Model) string { return ansi.Strip(m.View().Content) }

// What is typed and chosen in the form is what the store holds: the name,
// the second role (down), the institution, the full assessment (j, a choice's
// vi key); tab moves on like enter.
func TestStartFormStartsWhatWasGiven(t *testing.T) {
	m := startModel(t, 80, 24)
	send(m, "Ana", "enter", "down", "tab", "ITS Lombardia", "enter")
	if v := screenText(m); !strings.Contains(v, "[Ana") || !strings.Contains(v, "[ITS Lombardia") {
		t.Errorf("the typed values are not shown:\n%s", v)
	}
	cmd := send(m, "j", "enter")
	if m.start != nil || cmd == nil {
		t.Fatal("the last enter did not start the assessment")
	}
	msg, ok := unturn(cmd()).(startedMsg)
	if !ok || msg.err != nil {
		t.Fatalf("starting gave %#v", msg)
	}
	m.Update(msg)
	if m.screen != screenQuestions {
		t.Errorf("the questions did not open: screen %v", m.screen)
	}
	a, err := m.c.store.Assessment(bg(), msg.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := assessment.Participant{Name: "Ana", Role: m.c.bank.Roles[1].ID, Institution: "ITS Lombardia"}
	if got := a.Participant; got.Name != want.Name || got.Role != want.Role || got.Institution != want.Institution {
		t.Errorf("stored %+v, want %+v", got, want)
	}
	if a.Mode != assessment.ModeFull {
		t.Errorf("stored mode %v, want full", a.Mode)
	}
}

// Four enters take the defaults: anonymous, the first role, quick.
func TestStartFormDefaults(t *testing.T) {
	m := startModel(t, 80, 24)
	cmd := send(m, "enter", "enter", "enter", "enter")
	if cmd == nil {
		t.Fatal("four enters did not start the assessment")
	}
	msg := unturn(cmd()).(startedMsg)
	if msg.err != nil {
		t.Fatal(msg.err)
	}
	if p := msg.a.Participant; p.Name != "" || p.Role != m.c.bank.Roles[0].ID || msg.a.Mode != assessment.ModeQuick {
		t.Errorf("defaults stored as %+v, mode %v", p, msg.a.Mode)
	}
}

// A name too long is refused with a message saying so, and kept whole to
// be shortened (a paste is not cut either); once short enough the message
// goes and enter moves on.
func TestStartFormRefusesALongName(t *testing.T) {
	m := startModel(t, 80, 24)
	long := strings.Repeat("x", assessment.MaxNameLen+2)
	m.Update(tea.PasteMsg{Content: long})
	send(m, "enter")
	refusal := "can have at most 100 characters"
	if m.start.focus != fieldName || !strings.Contains(screenText(m), refusal) {
		t.Fatalf("a name of %d characters was taken:\n%s", len(long), screenText(m))
	}
	if got := m.start.fields[fieldName].input.Value(); got != long {
		t.Errorf("the form kept %d characters of %d", len(got), len(long))
	}
	send(m, "backspace", "tab") // one too many still
	if m.start.focus != fieldName || !strings.Contains(screenText(m), refusal) {
		t.Fatalf("tab moved on from a name too long:\n%s", screenText(m))
	}
	send(m, "backspace")
	if strings.Contains(screenText(m), refusal) {
		t.Errorf("the refusal stays once the name is short enough:\n%s", screenText(m))
	}
	send(m, "enter", "enter")
	m.Update(tea.PasteMsg{Content: long})
	if send(m, "enter"); m.start.focus != fieldInstitution {
		t.Fatalf("an institution too long was taken; focus %d", m.start.focus)
	}
	if v := screenText(m); !strings.Contains(v, "Institution (optional) "+refusal) {
		t.Errorf("the refusal does not name the institution:\n%s", v)
	}
}

// shift+tab goes back a field, keeping what was given; on the first field
// it stays.
func TestStartFormGoesBack(t *testing.T) {
	m := startModel(t, 80, 24)
	send(m, "shift+tab", "Ana", "enter", "down", "enter", "shift+tab")
	if m.start.focus != fieldRole {
		t.Fatalf("shift+tab from the institution focused field %d", m.start.focus)
	}
	send(m, "up", "shift+tab", "na", "enter")
	v := m.start.values()
	if v.name != "Anana" || v.role != m.c.bank.Roles[0].ID || m.start.focus != fieldRole {
		t.Errorf("after going back: %+v, focus %d", v, m.start.focus)
	}
}

// esc leaves the form for the welcome.
func TestStartFormEscReturnsToWelcome(t *testing.T) {
	m := startModel(t, 80, 24)
	send(m, "Ana", "enter", "esc")
	if m.screen != screenWelcome || m.start != nil {
		t.Errorf("esc left screen %v", m.screen)
	}
	if v := screenText(m); !strings.Contains(v, "Start a new assessment") {
		t.Errorf("esc did not show the welcome:\n%s", v)
	}
}

// On the smallest screen the focused field shows whole, with its title,
// its input or chosen option, and its key help.
func TestStartFormKeepsTheFocusedFieldInSight(t *testing.T) {
	for _, lang := range []string{"en", "it"} {
		m := newModel(t, openStore(t), lang)
		m.Update(tea.WindowSizeMsg{Width: minWidth, Height: minHeight})
		m.openStart()
		for i := range m.start.fields {
			v := screenText(m)
			fd := m.start.fields[i]
			mark := "[" // an input
			if fd.choice {
				mark = "› (•) " + strings.Fields(fd.options[fd.chosen])[0]
			}
			if !strings.Contains(v, "▸ "+strings.Fields(fd.title)[0]) || !strings.Contains(v, mark) ||
				!strings.Contains(v, m.c.T("key.cancel")) {
				t.Errorf("%s: field %d is not in sight:\n%s", lang, i, v)
			}
			send(m, "down", "enter")
		}
	}
}

// A key in the form costs a few allocations: nothing is laid out again
// for it (laying the form out per key made hundreds).
func TestStartFormKeyAllocs(t *testing.T) {
	m := startModel(t, 100, 30)
	keys := []tea.KeyPressMsg{keyPress("a"), keyPress("backspace")}
	i := 0
	allocs := testing.AllocsPerRun(100, func() {
		m.Update(keys[i%2])
		m.View()
		i++
	})
	t.Logf("%.0f allocations per key", allocs)
	if allocs > 100 {
		t.Errorf("a key in the start form makes %.0f allocations; want at most 100", allocs)
	}
}

// The form takes the background's look when it is told it: laid out again,
// it shows as one opened on that background.
func TestStartFormFollowsTheBackground(t *testing.T) {
	m := startModel(t, 80, 24)
	send(m, "Ana")
	dark := m.View().Content
	m.Update(tea.BackgroundColorMsg{Color: color.White})
	light := m.View().Content
	if light == dark {
		t.Fatal("the form looks the same on a light background")
	}
	fresh := newModel(t, openStore(t), "en")
	fresh.Update(tea.BackgroundColorMsg{Color: color.White})
	fresh.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	fresh.Update(keyPress("n"))
	send(fresh, "Ana")
	if got := fresh.View().Content; got != light {
		t.Errorf("the form told of a light background differs from one opened on it:\n%q\n%q", light, got)
	}
}
