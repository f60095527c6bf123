package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// welcome is the first screen: start, resume, language.
type welcome struct {
	cursor     int
	unfinished []storage.Summary
	completed  []storage.Summary
}

type welcomeEntry struct {
	kind   string // "new", "resume", "results", "code", "lang", "quit"
	resume *storage.Summary
}

// maxResume is how many unfinished (and completed) assessments the welcome
// screen offers.
const maxResume = 5

// recent lists what the welcome screen shows, the latest unfinished
// assessments and then the latest completed, maxResume of each: asked of the
// store, so the menu comes as fast from a database of 100,000 as of one.
func recent(store *storage.Store) ([]storage.Summary, error) {
	unfinished, err := store.List(bg(), storage.Filter{Unfinished: true, Limit: maxResume})
	if err != nil {
		return nil, err
	}
	completed, err := store.List(bg(), storage.Filter{Completed: true, Limit: maxResume})
	return append(unfinished, completed...), err
}

func (w *welcome) entries(c *common) []welcomeEntry {
	out := []welcomeEntry{{kind: "new"}}
	if !c.opts.ownList() {
		return append(out, welcomeEntry{kind: "code"}, welcomeEntry{kind: "lang"})
	}
	for i := range w.unfinished[:min(maxResume, len(w.unfinished))] {
		out = append(out, welcomeEntry{kind: "resume", resume: &w.unfinished[i]})
	}
	for i := range w.completed[:min(maxResume, len(w.completed))] {
		out = append(out, welcomeEntry{kind: "results", resume: &w.completed[i]})
	}
	return append(out, welcomeEntry{kind: "lang"}, welcomeEntry{kind: "quit"})
}

func (m *Model) updateWelcome(msg tea.Msg) tea.Cmd {
	key, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	entries := m.welcome.entries(m.c)
	k := newWelcomeKeys(m.c)
	switch {
	case matches(key, k.Up):
		m.welcome.cursor = (m.welcome.cursor + len(entries) - 1) % len(entries)
	case matches(key, k.Down):
		m.welcome.cursor = (m.welcome.cursor + 1) % len(entries)
	case matches(key, k.Language):
		m.cycleLanguage()
	case matches(key, k.Quit):
		if m.c.opts.Policy.Shared() {
			return m.kioskInterrupt()
		}
		return m.quit()
	case matches(key, k.New):
		m.clearStatus()
		return m.openStart()
	case matches(key, k.Choose):
		switch e := entries[m.welcome.cursor]; e.kind {
		case "new":
			return m.openStart()
		case "resume":
			return m.opens(m.resume(e.resume.ID, false))
		case "results":
			return m.opens(m.resume(e.resume.ID, true))
		case "code":
			return m.openSecret(screenCode)
		case "lang":
			m.cycleLanguage()
		case "quit":
			return m.quit()
		}
	}
	return nil
}

// cycleLanguage moves to the next shipped language: shared laptops change
// hands between people of different languages.
func (m *Model) cycleLanguage() {
	langs := i18n.Languages()
	next := langs[0].Tag
	for i, l := range langs {
		if l.Tag == m.c.loc.Lang() {
			next = langs[(i+1)%len(langs)].Tag
		}
	}
	if err := m.c.setLanguage(next); err != nil {
		m.setError(err)
	}
}

// resume opens an assessment: at its first open question, or at its
// results.
func (m *Model) resume(id string, results bool) tea.Cmd {
	store, holder := m.c.store, m.c.holds.holder
	return m.c.forTurn(func() tea.Msg {
		open := store.Continue // an unfinished one goes on on the current bank
		if results {
			open = store.Assessment
		}
		a, err := open(bg(), id)
		return opened(store, holder, a, results, err)
	})
}

func (m *Model) welcomeView() string {
	c, s := m.c, m.c.styles
	w := c.width
	var lines []string
	for _, l := range wrap(c.T("welcome.title"), w) {
		lines = append(lines, s.title.Render(l))
	}
	if c.opts.Workshop != "" {
		for _, l := range wrap(c.T("kiosk.workshop", "Title", c.opts.WorkshopTitle), w) {
			lines = append(lines, s.accent.Render(l))
		}
	}
	lines = append(lines, "")
	for _, l := range wrap(c.intro(), min(w, 100)) { // lines short enough to read
		lines = append(lines, l)
	}
	lines = append(lines, "")
	first := len(lines) // the menu starts here, after however many lines the intro wraps to
	for i, e := range m.welcome.entries(c) {
		mark := "  "
		if i == m.welcome.cursor {
			mark = s.cursor.Render("› ")
		}
		var text string
		switch e.kind {
		case "new":
			text = c.T("welcome.new")
		case "resume", "results":
			r := e.resume
			who := r.Participant.Name
			if who == "" {
				who = c.T("welcome.anonymous")
			}
			role := r.Participant.Role
			if rr, ok := c.text.Role(role); ok {
				role = rr.Title
			}
			line := func(who, role string) string {
				if e.kind == "results" {
					return c.T("welcome.results", "Who", who, "Role", role, "When", ago(c, c.now().Sub(*r.CompletedAt)))
				}
				return c.T("welcome.resume", "Who", who, "Role", role, "Done", r.Answered, "Total", r.Asked,
					"When", ago(c, c.now().Sub(r.UpdatedAt)))
			}
			text = line(who, role)
			// Where the line does not fit, the role is cut, then the name,
			// so the count and the time – what tells entries apart – show.
			if over := lipgloss.Width(mark+text) - w; over > 0 {
				role = truncate(role, max(4, lipgloss.Width(role)-over))
				text = line(who, role)
			}
			if over := lipgloss.Width(mark+text) - w; over > 0 {
				text = line(truncate(who, max(6, lipgloss.Width(who)-over)), role)
			}
		case "code":
			text = c.T("kiosk.continue")
		case "lang":
			text = c.T("welcome.language", "Language", languageName(c.loc.Lang()))
		case "quit":
			text = c.T("welcome.quit")
		}
		if i == m.welcome.cursor {
			text = s.selected.Render(text)
		}
		lines = append(lines, truncate(mark+text, w))
	}
	help := m.helpLines(w, helpRoom(c.height), newWelcomeKeys(c).help()...)
	return m.page(lines, first+m.welcome.cursor, help)
}

func languageName(tag string) string {
	for _, l := range i18n.Languages() {
		if l.Tag == tag {
			return l.Name
		}
	}
	return tag
}

// ago says how long ago, roughly, in the user's language.
func ago(c *common, d time.Duration) string {
	switch {
	case d < time.Minute:
		return c.T("ago.now")
	case d < time.Hour:
		return c.N("ago.minutes", int(d.Minutes()))
	case d < 48*time.Hour:
		return c.N("ago.hours", int(d.Hours()))
	}
	return c.N("ago.days", int(d.Hours()/24))
}
