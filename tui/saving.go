package tui

import (
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/storage"
)

// What the model shows of its saves: each item pending, saved or not, a
// status line while any write is not stored, and at the end what the store
// holds.

// savesChanged takes the saver's new state and listens for the next. The
// state is read now, not taken from the message: a message may be older
// than a write queued since.
func (m *Model) savesChanged() tea.Cmd {
	st := m.c.saver.state()
	m.saves = st
	if m.unconfirmed && st.waiting == 0 {
		m.unconfirmed = false
		if st.refused == 0 && m.walk != nil && !m.statusErr && m.screen == screenQuestions {
			m.status = m.c.T("status.saved")
		}
	}
	undo := tea.Batch(m.undoRefused(), m.leaveClosed())
	if st.done {
		return undo
	}
	return tea.Batch(undo, m.c.saver.listen())
}

// leaveClosed ends the questions of a wizard in a workshop the
// facilitator closed, as a kiosk's end (kiosk.go): nothing more can be
// answered, and the welcome says what is kept.
func (m *Model) leaveClosed() tea.Cmd {
	if m.c.opts.Policy != Local || m.walk == nil {
		return nil
	}
	prefix := saveKey(m.walk.a.ID, "")
	for k, err := range m.saves.failed {
		if strings.HasPrefix(k, prefix) && errors.Is(err, storage.ErrWorkshopClosed) {
			note := m.closedNote()
			m.walk, m.results = nil, nil
			m.screen = screenWelcome
			m.status, m.statusErr = note, true
			return m.listUnfinished()
		}
	}
	return nil
}

// refusedMsg brings the stored answers to items whose writes were refused
// for good, so the walk holds what the store holds.
type refusedMsg struct {
	id     string
	items  []string
	stored map[string]assessment.Answer
}

// undoRefused reads back what the store holds of the walk's items
// refused for good and not read back yet: an answer the store refused
// must not count in the progress, the results or a report, as if it
// were given. (A refusal can be in the state before its message comes:
// what was read back is remembered, not what was seen.)
func (m *Model) undoRefused() tea.Cmd {
	for k := range m.readBack {
		if m.saves.failed[k] == nil {
			delete(m.readBack, k) // stored since: a later refusal is new
		}
	}
	if m.walk == nil {
		return nil
	}
	id, prefix := m.walk.a.ID, saveKey(m.walk.a.ID, "")
	var items []string
	for k := range m.saves.failed {
		if item, ok := strings.CutPrefix(k, prefix); ok && m.itemSave(item) == "refused" && !m.readBack[k] {
			items = append(items, item)
			if m.readBack == nil {
				m.readBack = map[string]bool{}
			}
			m.readBack[k] = true
		}
	}
	if len(items) == 0 {
		return nil
	}
	store := m.c.store
	return m.c.forTurn(func() tea.Msg {
		a, err := store.Assessment(bg(), id)
		if err != nil {
			return nil // gone or away: the refusal is said already
		}
		return refusedMsg{id: id, items: items, stored: assessment.Index(a.Answers)}
	})
}

// takeStored puts the stored answers of refused items back in the walk,
// unless the item was answered again since.
func (m *Model) takeStored(msg refusedMsg) {
	if m.walk == nil || m.walk.a.ID != msg.id {
		return
	}
	for _, item := range msg.items {
		if m.itemSave(item) != "refused" {
			continue
		}
		if a, ok := msg.stored[item]; ok {
			m.walk.answers[item] = a
		} else {
			delete(m.walk.answers, item)
		}
	}
}

// itemSave tells whether an item's writes are stored: "" when they are,
// "pending" while one waits, "failed" while one failed and is tried
// again, "refused" when one was refused for good.
func (m *Model) itemSave(item string) string {
	if m.walk == nil {
		return ""
	}
	k := saveKey(m.walk.a.ID, item)
	switch {
	case m.saves.failed[k] != nil && m.saves.pending[k] == 0:
		return "refused" // for good: not tried again
	case m.saves.failed[k] != nil:
		return "failed"
	case m.saves.pending[k] > 0:
		return "pending"
	}
	return ""
}

// saveLine says what is not stored yet, unstyled; empty when everything
// is. An error stays until the write it stopped is stored.
func (m *Model) saveLine() (line string, failed bool) {
	c, st := m.c, m.saves
	switch {
	case st.err != nil:
		return "✗ " + c.N("saving.retrying", st.waiting, "Error", c.cause(st.err)), true
	case st.refused > 0:
		var err error
		for _, e := range st.failed {
			err = e
		}
		return "✗ " + c.N("saving.refused", st.refused, "Error", c.cause(err)), true
	case st.waiting > 0 && !m.quitting: // quitting says it in full
		return "… " + c.N("saving.pending", st.waiting), false
	}
	return "", false
}

// cause is why a write failed, without the "save the answer to item … of
// assessment …:" it was wrapped in: the item is marked on screen, the
// cause must fit.
func (c *common) cause(err error) string {
	if u := errors.Unwrap(err); u != nil && strings.HasSuffix(err.Error(), ": "+u.Error()) {
		err = u
	}
	return c.why(err)
}

// statusLine is the one line screens of other topics show: what is not
// saved, else the last message.
func (m *Model) statusLine(width int) string {
	l := m.statusLines(width)
	if len(l) == 0 {
		return ""
	}
	return l[0]
}

// itemMark is the mark of an answered item: ✓ only once stored.
func (m *Model) itemMark(item string) string {
	s := m.c.styles
	switch m.itemSave(item) {
	case "failed", "refused":
		return s.err.Render("✗")
	case "pending":
		return s.dim.Render("…")
	}
	return s.ok.Render("✓")
}

// itemSaveLine is said under the item in focus while its answer is not
// stored.
func (m *Model) itemSaveLine(item string) string {
	s := m.c.styles
	switch m.itemSave(item) {
	case "refused":
		return "    " + s.err.Render("✗ "+m.c.T("saving.item.refused"))
	case "failed":
		return "    " + s.err.Render("✗ "+m.c.T("saving.item.failed"))
	case "pending":
		return "    " + s.dim.Render("… "+m.c.T("saving.item.pending"))
	}
	return ""
}

// leftMsg is what the store holds once the saves are done or given up.
type leftMsg struct {
	unsaved []string // keys of writes not stored
	stored  *assessment.Assessment
	code    string // served: the stored assessment's resume code
	err     error
}

// leave stops the saver (waiting up to limit for what is left) and asks
// the store what it holds of the assessment in hand.
func (m *Model) leave(limit time.Duration) tea.Cmd {
	if m.leaving {
		return nil
	}
	m.leaving = true
	sv, held := m.c.saver, m.held()
	return func() tea.Msg {
		msg := leftMsg{unsaved: sv.stop(limit)}
		held(&msg)
		return msg
	}
}

// held returns what asks the store what it holds of the assessment in
// hand, into a leftMsg: the assessment, and served its resume code. It
// runs off the update loop (a database away may take its time to say so).
func (m *Model) held() func(*leftMsg) {
	store, served, id := m.c.store, m.c.opts.Policy == Served, ""
	if m.walk != nil {
		id = m.walk.a.ID
	}
	return func(msg *leftMsg) {
		if id == "" {
			return
		}
		msg.stored, msg.err = store.Assessment(bg(), id)
		if served && msg.err == nil {
			msg.code, msg.err = store.ResumeCode(bg(), id)
		}
	}
}

// left writes the exit note from what the store holds, and names what was
// not saved.
func (m *Model) left(msg leftMsg) {
	c := m.c
	var note []string
	lost := m.unsavedLines(msg.unsaved)
	if p := m.plan; p != nil && p.form != nil && p.form.typed() { // left before enter added it
		lost = append(lost, c.T("plan.form.dropped"))
	}
	switch {
	case m.exitNote != "": // said already (the kiosk closed)
		note = append(note, m.exitNote)
	case c.opts.Policy == Served:
		note = m.servedNote(msg, len(lost) == 0)
	case msg.err != nil:
		note = append(note, c.T("saving.unknown", "Error", c.why(msg.err)))
	case msg.stored != nil && msg.stored.CompletedAt == nil:
		done, total := newWalk(c.text, msg.stored).progress("")
		note = append(note, c.T("exit.resume", "Done", done, "Total", total, "Digint", c.again()))
	case msg.stored == nil && m.walk == nil: // nothing begun (the welcome, the start form): nothing to call saved
		note = append(note, c.T("exit.goodbye"))
	default:
		note = append(note, c.T("exit.bye"))
	}
	if len(lost) > 0 {
		m.exitErr = errors.New(strings.Join(lost, " "))
	}
	m.exitNote = strings.Join(note, "\n")
	m.said = true
}

// unsavedLines names the writes not stored, by what they were: answers
// (the questions as the person read them), a plan's change, a completion.
// A marker wrote nothing, so nothing of it is lost.
func (m *Model) unsavedLines(unsaved []string) []string {
	c := m.c
	var out, items []string
	answers, plan, completion := 0, false, false
	for _, k := range unsaved {
		id, item, isItem := strings.Cut(k, " ")
		switch {
		case k == planKey:
			plan = true
		case !isItem:
		case item == "":
			completion = true
		default:
			answers++
			if m.walk != nil && id == m.walk.a.ID {
				if it, ok := c.text.Item(item); ok {
					item = c.T("punct.quote", "Text", safe.Excerpt(it.Text, 50))
				}
				items = append(items, item)
			}
		}
	}
	if answers > 0 {
		out = append(out, c.N("saving.lost", answers))
	}
	if len(items) > 0 {
		out = append(out, c.N("saving.lost.items", len(items), "Items", strings.Join(items, ", ")))
	}
	if plan {
		out = append(out, c.T("saving.lost.plan"))
	}
	if completion {
		out = append(out, c.T("saving.notcomplete"))
	}
	return out
}

// draftsMsg brings the notes kept on items not answered yet.
type draftsMsg struct {
	id     string
	drafts map[string]storage.Draft
	err    error
}

func (m *Model) loadDrafts() tea.Cmd {
	store, id := m.c.store, m.walk.a.ID
	return m.c.forTurn(func() tea.Msg {
		d, err := store.Drafts(bg(), id)
		return draftsMsg{id: id, drafts: d, err: err}
	})
}

// restoreDrafts puts the stored notes back on items still without answer
// (a note typed since is kept).
func (m *Model) restoreDrafts(msg draftsMsg) {
	if m.walk == nil || m.walk.a.ID != msg.id {
		return // another assessment is open now
	}
	if msg.err != nil {
		m.setError(msg.err)
		return
	}
	for item, d := range msg.drafts {
		if _, typed := m.walk.drafts[item]; !typed && !m.walk.answered(item) {
			m.walk.drafts[item] = draft{note: d.Note, develop: d.Develop}
		}
	}
	if m.ed != nil && m.ed.saved == nil && !m.ed.noteOn && m.ed.note.Value() == "" && !m.ed.develop {
		m.ed.restore(m.walk)
	}
}
