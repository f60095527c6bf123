package tui

import (
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/digint/digint/assessment"
)

// focusItem opens the editor on the walk's current item.
func (m *Model) focusItem() {
	it := m.walk.item()
	var saved *assessment.Answer
	if a, ok := m.walk.answers[it.ID]; ok {
		saved = &a
	}
	m.ed = newEditor(m.c, it, saved)
	m.ed.restore(m.walk)
}

// save records an answer and queues it for the store. A value the bank
// refuses is never stored: the error says why and the user stays put.
func (m *Model) save(a assessment.Answer) (tea.Cmd, bool) {
	a = a.Clean()
	if err := m.c.bank.CheckAnswer(a); err != nil {
		m.setError(err)
		return nil, false
	}
	// A part cannot be larger than its whole: learners abroad among those enrolled.
	after := maps.Clone(m.walk.answers)
	after[a.Item] = a
	var share *assessment.ShareError
	if errors.As(m.c.bank.CheckShares(after), &share) {
		m.status, m.statusErr = m.c.T("error.ratio", "N", share.N, "D", share.D), true
		return nil, false
	}
	m.walk.set(a)
	m.ed.saved = &a
	store, id := m.c.store, m.walk.a.ID
	return m.c.saver.do(a.Item, func() error { return store.SaveAnswer(bg(), id, a) }), true
}

func (m *Model) clearAnswer(item string) tea.Cmd {
	m.walk.clear(item)
	m.ed.saved = nil
	store, id := m.c.store, m.walk.a.ID
	return m.c.saver.do(item, func() error { return store.ClearAnswer(bg(), id, item) })
}

// savePending saves what the editor holds but was not given with enter
// (ticks, a typed number or text) before the user moves away.
func (m *Model) savePending() tea.Cmd {
	if m.ed == nil {
		return nil
	}
	if a := m.ed.pending(); a != nil {
		cmd, _ := m.save(*a)
		return cmd
	}
	return nil
}

// move leaves the item (saving what is pending) and goes where step says;
// past the last item lies the review.
func (m *Model) move(step func() bool) tea.Cmd {
	cmd := m.savePending()
	if step() {
		m.focusItem()
	} else {
		m.openReview()
	}
	return cmd
}

func (m *Model) updateQuestions(msg tea.Msg) tea.Cmd {
	key, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if !m.ed.noteOn {
		switch key.String() {
		case "tab":
			return m.move(m.walk.next)
		case "shift+tab":
			return m.move(m.walk.prev)
		case "pgdown":
			return m.move(m.walk.nextPage)
		case "pgup":
			return m.move(func() bool { m.walk.prevPage(); return true })
		case "esc", "ctrl+o":
			cmd := m.savePending()
			m.openOverview()
			return cmd
		}
	}
	res, cmd := m.ed.key(key)
	m.ed.keepDraft(m.walk)
	cmds := []tea.Cmd{cmd}
	if res.save != nil {
		saveCmd, ok := m.save(*res.save)
		if !ok {
			return tea.Batch(cmds...)
		}
		cmds = append(cmds, saveCmd)
	}
	if res.clear {
		cmds = append(cmds, m.clearAnswer(m.ed.it.ID))
	}
	if res.advance {
		if m.walk.next() {
			m.focusItem()
		} else {
			m.openReview()
		}
	}
	return tea.Batch(cmds...)
}

// summary is an answer in a few words, for items not in focus.
func (c *common) summary(it *assessment.Item, a assessment.Answer) string {
	switch a.Status {
	case assessment.StatusNA:
		return c.T("choice.na")
	case assessment.StatusUnknown:
		return c.T("choice.unknown")
	}
	v := a.Value
	switch it.Kind {
	case assessment.KindMaturity:
		return fmt.Sprintf("%d %s", v.Number(), c.text.Scales.Maturity[v.Number()])
	case assessment.KindSelfRating:
		return fmt.Sprintf("%d/%d", v.Number(), assessment.SelfRatingMax)
	case assessment.KindBand, assessment.KindYesNo:
		opts := it.Options
		if opts == nil {
			opts = c.text.Scales.YesNo
		}
		for _, o := range opts {
			if o.ID == v.String() {
				return o.Text
			}
		}
	case assessment.KindMulti:
		n := len(v.List())
		if a.Other != "" {
			n++
		}
		return c.N("summary.ticked", n)
	case assessment.KindCount:
		return strconv.Itoa(v.Number())
	case assessment.KindText:
		return strings.ReplaceAll(v.String(), "\n", " ")
	}
	return ""
}

// sectionNumber is "3/21": the item's place among its section's items on
// the path.
func (m *Model) sectionNumber(it *assessment.Item) string {
	n, total := 0, 0
	for _, x := range m.walk.onPath() {
		if x.Section != it.Section {
			continue
		}
		total++
		if x.ID == it.ID {
			n = total
		}
	}
	return fmt.Sprintf("%d/%d", n, total)
}

func (m *Model) questionsView() string {
	c, s, w := m.c, m.c.styles, m.c.width
	it := m.walk.item()
	sec, _ := c.text.Section(it.Section)
	var dim string
	for _, d := range c.text.Dimensions {
		if d.ID == it.Dimension {
			dim = d.Title
		}
	}
	sdone, stotal := m.walk.progress(it.Section)
	done, total := m.walk.progress("")
	right := s.dim.Render(c.T("progress.header", "SectionDone", sdone, "SectionTotal", stotal, "Done", done, "Total", total))
	head := []string{
		spread(s.title.Render(sec.Title), right, w),
		truncate(s.accent.Render(dim)+s.dim.Render(" · "+sec.Purpose), w),
		progressBar(s, done, total, w),
	}

	var body []string
	focus, start := 0, 0
	for i, x := range m.walk.pages[m.walk.page].items {
		if i == m.walk.focus {
			lines, f := m.ed.view(m.sectionNumber(x), w)
			start, focus = len(body), len(body)+f
			body = append(body, lines...)
			continue
		}
		mark, ans := s.dim.Render("○"), ""
		if a, ok := m.walk.answers[x.ID]; ok {
			mark, ans = s.ok.Render("✓"), " "+s.accent.Render("→ "+c.summary(x, a))
		}
		label := fmt.Sprintf("  %s %s ", mark, m.sectionNumber(x))
		room := w - lipgloss.Width(label) - lipgloss.Width(ans)
		body = append(body, label+truncate(x.Text, max(10, room))+ans)
	}

	var foot []string
	if st := m.statusLine(w); st != "" {
		foot = append(foot, st)
	}
	foot = append(foot, m.keyHelp(w, m.questionKeys()...)...)
	room := c.height - len(head) - len(foot)
	// Show the question from its first line when the choice under the
	// cursor still fits below it; else keep the cursor in view.
	if focus-start < room && start+room <= len(body) {
		body = body[start : start+room]
	} else if focus-start < room && len(body) > room {
		body = body[len(body)-room:]
	} else {
		body = window(body, focus, room)
	}
	for len(body) < room {
		body = append(body, "")
	}
	return fit(append(append(head, body...), foot...), w, c.height)
}

// questionKeys lists the keys that work on the focused item.
func (m *Model) questionKeys() []string {
	c := m.c
	if m.ed.noteOn {
		return []string{"enter", c.T("key.savenote"), "esc", c.T("key.cancel")}
	}
	var k []string
	switch m.ed.it.Kind {
	case assessment.KindMaturity:
		k = []string{"0-4", c.T("key.answer")}
	case assessment.KindSelfRating:
		k = []string{"1-5", c.T("key.answer")}
	case assessment.KindBand, assessment.KindYesNo:
		k = []string{fmt.Sprintf("1-%d", len(m.ed.choices)-2), c.T("key.answer")}
	case assessment.KindMulti:
		k = []string{"space", c.T("key.tick"), "enter", c.T("key.save")}
	case assessment.KindCount, assessment.KindText:
		k = []string{"enter", c.T("key.save")}
	}
	if m.ed.typing() {
		k = append(k, "ctrl+n", c.T("choice.na"), "ctrl+d", c.T("choice.unknown"), "ctrl+g", c.T("key.help"))
	} else {
		k = append(k, "n", c.T("choice.na"), "d", c.T("choice.unknown"), "?", c.T("key.help"))
	}
	return append(k, "ctrl+e", c.T("key.note"), "ctrl+t", c.T("key.develop"),
		"tab", c.T("key.skip"), "shift+tab", c.T("key.back"), "esc", c.T("key.overview"), "ctrl+c", c.T("key.quit"))
}

func progressBar(s styles, done, total, width int) string {
	label := " " + percentOf(done, total)
	barW := max(0, width-len(label))
	filled := 0
	if total > 0 {
		filled = barW * done / total
	}
	return s.accent.Render(strings.Repeat("━", filled)) + s.dim.Render(strings.Repeat("─", barW-filled)) + s.dim.Render(label)
}
