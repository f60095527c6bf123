package tui

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

func bg() context.Context { return context.Background() }

// startValues are what the start form asks before the questions.
type startValues struct {
	name, institution string
	role              string
	mode              assessment.Mode
}

// openStart shows the small form that starts a new assessment.
func (m *Model) openStart() tea.Cmd {
	c := m.c
	v := &startValues{mode: assessment.ModeQuick, role: c.bank.Roles[0].ID}
	m.startIn = v
	var roles []huh.Option[string]
	for _, r := range c.text.Roles {
		roles = append(roles, huh.NewOption(r.Title, r.ID))
	}
	quick := len(c.bank.Asked(assessment.ModeQuick))
	full := len(c.bank.Asked(assessment.ModeFull))
	limit := func(what string) func(string) error {
		return func(s string) error {
			if utf8.RuneCountInString(s) > assessment.MaxNameLen {
				return fmt.Errorf("%s", c.T("start.toolong", "What", what, "Max", assessment.MaxNameLen))
			}
			return nil
		}
	}
	name := huh.NewInput().Title(c.T("start.name")).Description(c.T(c.opts.Policy.nameHelp())).
		CharLimit(assessment.MaxNameLen).Value(&v.name).Validate(limit(c.T("start.name")))
	inst := huh.NewInput().Title(c.T("start.institution")).Description(c.T("start.institution.help")).
		CharLimit(assessment.MaxNameLen).Value(&v.institution).Validate(limit(c.T("start.institution")))
	m.start = huh.NewForm(huh.NewGroup(
		name,
		huh.NewSelect[string]().Title(c.T("start.role")).Options(roles...).Value(&v.role),
		inst,
		huh.NewSelect[assessment.Mode]().Title(c.T("start.mode")).Options(
			huh.NewOption(c.T("start.mode.quick", "Count", quick), assessment.ModeQuick),
			huh.NewOption(c.T("start.mode.full", "Count", full), assessment.ModeFull),
		).Value(&v.mode),
	)).WithShowHelp(true).WithKeyMap(m.formKeys()).WithWidth(min(c.width, 80)).WithTheme(formTheme)
	m.screen = screenStart
	return m.start.Init()
}

// formKeys gives huh's key help in the user's language.
func (m *Model) formKeys() *huh.KeyMap {
	c := m.c
	k := huh.NewDefaultKeyMap()
	k.Input.Next.SetHelp("enter", c.T("key.next"))
	k.Input.Prev.SetHelp("shift+tab", c.T("key.back"))
	k.Input.Submit.SetHelp("enter", c.T("key.start"))
	k.Input.AcceptSuggestion.SetEnabled(false)
	k.Select.Next.SetHelp("enter", c.T("key.choose"))
	k.Select.Prev.SetHelp("shift+tab", c.T("key.back"))
	k.Select.Submit.SetHelp("enter", c.T("key.start"))
	k.Select.Up.SetHelp("↑", c.T("key.up"))
	k.Select.Down.SetHelp("↓", c.T("key.down"))
	k.Select.Filter.SetEnabled(false)
	k.Quit.SetKeys("ctrl+c")
	return k
}

func (m *Model) updateStart(msg tea.Msg) tea.Cmd {
	if m.start == nil {
		return nil
	}
	if key, ok := msg.(tea.KeyPressMsg); ok && key.String() == "esc" {
		m.start, m.screen = nil, screenWelcome
		return m.listUnfinished()
	}
	f, cmd := m.start.Update(msg)
	if form, ok := f.(*huh.Form); ok {
		m.start = form
	}
	switch m.start.State {
	case huh.StateCompleted:
		v := *m.startIn
		m.start = nil
		return m.begin(v)
	case huh.StateAborted:
		m.start, m.screen = nil, screenWelcome
		return m.listUnfinished()
	}
	return cmd
}

// begin creates the assessment. Someone who gives the name (and the
// institution) they gave before continues as the same participant, so
// progress since their last assessment can be shown; the store's rule
// (storage.NewAssessment.SamePerson) decides who that is.
func (m *Model) begin(v startValues) tea.Cmd {
	store, lang, o := m.c.store, m.c.loc.Lang(), m.c.opts
	return func() tea.Msg {
		p := assessment.Participant{Name: strings.TrimSpace(v.name), Role: v.role, Institution: strings.TrimSpace(v.institution)}
		// On a shared laptop a name never links to someone else's history.
		a, err := store.Start(bg(), storage.NewAssessment{Participant: p, Language: lang, Mode: v.mode,
			Workshop: o.Workshop, SamePerson: o.Policy == Local, Key: o.Key})
		return startedMsg{a: a, err: err}
	}
}

func (m *Model) startView() string {
	c := m.c
	head := []string{c.styles.title.Render(c.T("start.title")), ""}
	if m.start == nil { // submitted; the assessment is being created
		return fit(head, c.width, c.height)
	}
	body := strings.Split(m.start.View(), "\n")
	lines := append(head, body...)
	// The field being filled in stays on screen: huh marks it with a bar.
	focus := 0
	for i, l := range lines {
		if strings.HasPrefix(ansi.Strip(l), "┃") {
			focus = i
		}
	}
	var foot []string
	if st := m.statusLine(c.width); st != "" {
		foot = append(foot, st)
	}
	return fit(append(window(lines, focus, c.height-len(foot)), foot...), c.width, c.height)
}
