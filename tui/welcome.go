package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

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
	switch key.String() {
	case "up", "k":
		m.welcome.cursor = (m.welcome.cursor + len(entries) - 1) % len(entries)
	case "down", "j", "tab":
		m.welcome.cursor = (m.welcome.cursor + 1) % len(entries)
	case "l":
		m.cycleLanguage()
	case "q", "esc":
		if m.c.opts.Policy.Shared() {
			return m.kioskInterrupt()
		}
		return m.quit()
	case "n":
		return m.openStart()
	case "enter", "space":
		switch e := entries[m.welcome.cursor]; e.kind {
		case "new":
			return m.openStart()
		case "resume":
			return m.resume(e.resume.ID, false)
		case "results":
			return m.resume(e.resume.ID, true)
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
	store := m.c.store
	return func() tea.Msg {
		a, err := store.Assessment(bg(), id)
		return startedMsg{a: a, err: err, results: results}
	}
}

func (m *Model) welcomeView() string {
	c, s := m.c, m.c.styles
	w := min(c.width, 100)
	var lines []string
	lines = append(lines, s.title.Render(c.T("welcome.title")), "")
	if c.opts.Workshop != "" {
		lines[1] = s.accent.Render(c.T("kiosk.workshop", "Title", c.opts.WorkshopTitle))
		lines = append(lines, "")
	}
	for _, l := range wrap(c.T("welcome.intro"), w) {
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
			// Role titles are long: cut the role, so the count and the time fit.
			role = truncate(role, max(12, w/4))
			if e.kind == "results" {
				text = c.T("welcome.results", "Who", who, "Role", role, "When", ago(c, c.now().Sub(*r.CompletedAt)))
			} else {
				text = c.T("welcome.resume", "Who", who, "Role", role, "Done", r.Answered, "Total", r.Asked,
					"When", ago(c, c.now().Sub(r.UpdatedAt)))
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
	help := m.keyHelp(w, "↑↓", c.T("key.move"), "enter", c.T("key.choose"), "n", c.T("key.new"),
		"l", c.T("key.language"), "q", c.T("key.quit"))
	if !c.opts.ownList() {
		help = m.keyHelp(w, "↑↓", c.T("key.move"), "enter", c.T("key.choose"), "l", c.T("key.language"))
	}
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
