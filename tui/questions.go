package tui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// focusItem opens the editor on the walk's current item.
func (m *Model) focusItem() {
	it := m.walk.item()
	var saved *assessment.Answer
	if a, ok := m.walk.answers[it.ID]; ok {
		saved = &a
	}
	if m.ed == nil {
		m.ed = new(editor)
	}
	m.ed = resetEditor(m.ed, m.c, it, saved)
	m.ed.resize(m.c.width)
	m.keepTitle()
	m.ed.restore(m.walk)
}

// keepTitle wraps the focused question for the screen once.
func (m *Model) keepTitle() { m.ed.keepTitle(m.sectionNumber(m.ed.it), m.c.width) }

// save records an answer and queues it for the store; it shows as saved
// once its write has committed. A value the bank refuses is never stored:
// the error says why and the user stays put.
func (m *Model) save(a assessment.Answer) bool {
	a = a.Clean()
	if err := m.c.bank.CheckAnswer(a); err != nil {
		m.setError(err)
		m.refusedInput = true
		return false
	}
	if share := shareConflict(m.c.bank, m.walk.answers, a); share != nil {
		m.status, m.statusErr = m.c.T("error.ratio", "N", share.N, "D", share.D), true
		m.refusedInput = true
		return false
	}
	if m.refusedInput { // the answer given now is the one that was wanted
		m.clearStatus()
	}
	m.walk.set(a)
	m.ed.saved = &a
	w, id := m.c.writes, m.walk.a.ID
	m.queue(a.Item, func(ctx context.Context) error { return w.SaveAnswer(ctx, id, a) })
	return true
}

// shareConflict checks only the counts paired with the item saved: one
// pair that contradicts itself (imported so) never blocks another item.
func shareConflict(b *assessment.Bank, answers map[string]assessment.Answer, a assessment.Answer) *assessment.ShareError {
	pair := map[string]assessment.Answer{a.Item: a}
	for _, it := range b.Items {
		if it.Kind != assessment.KindRatio || (it.Numerator != a.Item && it.Denominator != a.Item) {
			continue
		}
		for _, id := range []string{it.Numerator, it.Denominator} {
			if x, ok := answers[id]; ok && id != a.Item {
				pair[id] = x
			}
		}
	}
	var share *assessment.ShareError
	if errors.As(b.CheckShares(pair), &share) {
		return share
	}
	return nil
}

func (m *Model) clearAnswer(item string) {
	m.walk.clear(item)
	m.ed.saved = nil
	w, id := m.c.writes, m.walk.a.ID
	m.queue(item, func(ctx context.Context) error { return w.ClearAnswer(ctx, id, item) })
}

// keepDraft keeps the note and flag of the item in focus while it has no
// answer, and stores them on their own when they changed.
func (m *Model) keepDraft() {
	item := m.ed.it.ID
	before := m.walk.drafts[item]
	m.ed.keepDraft(m.walk)
	if d := m.walk.drafts[item]; d != before && !m.walk.answered(item) {
		w, id := m.c.writes, m.walk.a.ID
		sd := storage.Draft{Note: d.note, Develop: d.develop}
		m.queue(item, func(ctx context.Context) error { return w.SaveDraft(ctx, id, item, sd) })
	}
}

// queue hands a write of an item to the saver; the item shows as pending
// until it commits.
func (m *Model) queue(item string, fn func(context.Context) error) {
	if !m.statusErr {
		m.status = "" // "saved" is no longer true
	}
	m.c.saver.enqueue(saveKey(m.walk.a.ID, item), fn)
	m.saves, m.unconfirmed = m.c.saver.state(), true
}

// savePending saves what the editor holds but was not given with enter
// (ticks, a typed number or text) before the user moves away.
func (m *Model) savePending() tea.Cmd {
	if m.ed == nil {
		return nil
	}
	if a := m.ed.pending(); a != nil {
		m.save(*a)
	}
	return nil
}

// move leaves the item (saving what is pending) and goes where step says;
// past the last item lies the review.
func (m *Model) move(step func() bool) tea.Cmd {
	if m.refuseTyped() {
		return nil
	}
	m.clearStatus() // a message about the item left is old news
	cmd := m.savePending()
	if step() {
		m.focusItem()
	} else {
		m.openReview()
	}
	return cmd
}

// quitAnswering is q while answering: what ctrl+c does, except that a
// typed value that cannot be taken is said and kept to be put right, not
// dropped (ctrl+c leaves whatever is typed).
func (m *Model) quitAnswering() tea.Cmd {
	if m.screen == screenQuestions && m.refuseTyped() {
		return nil
	}
	return m.interrupt()
}

// refuseTyped says why a value typed on the question cannot be taken, if
// so, and keeps it to be put right: leaving the item would drop it.
func (m *Model) refuseTyped() bool {
	err := m.ed.typedRefusal()
	if err != nil {
		m.setError(err)
		m.refusedInput = true
	}
	return err != nil
}

func (m *Model) updateQuestions(msg tea.Msg) tea.Cmd {
	key, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if m.ed.choosing() {
		key = unshiftedDigit(key)
	}
	if !m.ed.noteOn {
		k := m.ed.keys()
		switch {
		case matches(key, k.Skip):
			return m.move(m.walk.next)
		case matches(key, k.Back):
			return m.move(m.walk.prev)
		case matches(key, k.NextPage):
			return m.move(m.walk.nextPage)
		case matches(key, k.PrevPage):
			return m.move(func() bool { m.walk.prevPage(); return true })
		case matches(key, k.Overview):
			if m.refuseTyped() {
				return nil
			}
			cmd := m.savePending()
			m.clearStatus()
			m.openOverview()
			return cmd
		case matches(key, k.Quit):
			return m.quitAnswering()
		}
	}
	res, cmd := m.ed.key(key)
	if res.refused != nil {
		m.setError(res.refused)
		m.refusedInput = true
		return cmd
	}
	if !m.statusErr && m.ed.pending() != nil {
		m.status = "" // typed or ticked and not given yet: "saved" is not true of it
	}
	m.keepDraft()
	if res.hint != "" { // like a refused value, it goes when an answer is given
		m.status, m.statusErr, m.refusedInput = res.hint, true, true
	}
	if res.save != nil && !m.save(*res.save) {
		return cmd
	}
	if res.clear {
		m.clearAnswer(m.ed.it.ID)
	}
	if res.advance && m.walk.fromReview {
		return tea.Batch(cmd, m.backFromReview())
	}
	if res.advance {
		if m.walk.next() {
			m.focusItem()
		} else {
			m.openReview()
		}
	}
	return cmd
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

// sectionNumber is "3/21": the item's place among its section's questions
// on the path that the progress counters count. An optional question is
// not among them, so it is labelled as optional instead of numbered past
// the counters' total.
func (m *Model) sectionNumber(it *assessment.Item) string {
	if it.Optional() {
		return m.c.T("question.optional")
	}
	n, total := 0, 0
	for x := range m.walk.onPath() {
		if x.Section != it.Section || x.Optional() {
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
	if d, ok := c.text.Dimension(it.Dimension); ok {
		dim = d.Title
	}
	sdone, stotal := m.walk.progress(it.Section)
	done, total := m.walk.progress("")
	right := s.dim.Render(c.T("progress.header", "SectionDone", sdone, "SectionTotal", stotal, "Done", done, "Total", total))
	head := []string{
		spread(s.title.Render(sec.Title), right, w),
		truncate(s.accent.Render(dim)+s.dim.Render(" · "+sec.Purpose), w),
		progressBar(s, done, total, w),
	}
	if c.height < radarHeight { // a small screen gives the question the room
		head = []string{spread(s.title.Render(sec.Title), right, w), truncate(s.accent.Render(dim), w)}
	}

	var body []string
	focus, start := 0, 0
	for i, x := range m.walk.pages[m.walk.page].items {
		if i == m.walk.focus {
			lines, f := m.ed.view(m.sectionNumber(x), w)
			if l := m.itemSaveLine(x.ID); l != "" {
				lines = append(lines, l)
			}
			if m.ed.pending() != nil { // typed or ticked, not given: leaving keeps it (savePending)
				for _, l := range wrap(c.T("question.pending"), w-4) { // whole: it says what enter does
					lines = append(lines, "    "+s.dim.Render(l))
				}
			}
			start, focus = len(body), len(body)+f
			body = append(body, lines...)
			continue
		}
		mark, ans := s.dim.Render("○"), ""
		if a, ok := m.walk.answers[x.ID]; ok {
			mark, ans = m.itemMark(x.ID), " "+s.accent.Render("→ "+c.summary(x, a))
		} else if m.itemSave(x.ID) != "" { // a note on its own, not stored yet
			mark = m.itemMark(x.ID)
		}
		label := fmt.Sprintf("  %s %s ", mark, m.sectionNumber(x))
		room := w - lipgloss.Width(label) - lipgloss.Width(ans)
		body = append(body, label+truncate(x.Text, max(10, room))+ans)
	}

	foot := m.statusLines(w)
	foot = append(foot, m.helpLines(w, helpRoom(c.height), m.ed.keys().help(m.ed.noteOn)...)...)
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
	screen := make([]string, 0, c.height)
	screen = append(append(screen, head...), body...)
	for range max(0, room-len(body)) {
		screen = append(screen, "")
	}
	return fit(append(screen, foot...), w, c.height)
}

func progressBar(s styles, done, total, width int) string {
	key := pieceKey(s.dark, width, strconv.Itoa(done), strconv.Itoa(total))
	return barCache.get(key, func() string { return makeProgressBar(s, done, total, width) })
}

func makeProgressBar(s styles, done, total, width int) string {
	label := " " + percentOf(done, total)
	barW := max(0, width-len(label))
	filled := 0
	if total > 0 {
		filled = barW * done / total
	}
	return s.accent.Render(strings.Repeat("━", filled)) + s.dim.Render(strings.Repeat("─", barW-filled)) + s.dim.Render(label)
}
