package tui

import "maps"

// The view is made once per change of what is shown, not once per message:
// with many sessions served, a key press brought three messages (the key,
// the saver's "pending", then "saved") and each made the whole screen
// again, which was most of the server's CPU.
//
// View stays a function of the model: every Update bumps shownVer unless
// the message is one of the few known to change nothing shown and the
// parts of the model it may touch compare equal afterwards (sameShown).
// The memo's key is shownVer and the size, background and language, which
// Update alone changes too; tests that set fields by hand call Update (a
// WindowSizeMsg) before they look, as a program would. A screen showing a
// countdown reads the clock, so it is not kept.

// viewMemo is the last screen made and what it was made from.
type viewMemo struct {
	ok      bool
	ver     uint64
	w, h    int
	dark    bool
	lang    string
	content string
	timed   bool // it showed a countdown: the clock changes it
	renders int  // how many times the screen was made (tests count them)
}

// content is the screen's text, made again only when its key changed.
func (m *Model) content() string {
	c, mm := m.c, &m.memo
	lang := c.loc.Lang()
	if mm.ok && !mm.timed && mm.ver == m.shownVer && mm.w == c.width && mm.h == c.height && mm.dark == c.dark && mm.lang == lang {
		return mm.content
	}
	mm.content = m.render()
	mm.timed = !m.kiosk.waitUntil.IsZero() && m.waiting() > 0
	mm.ok, mm.ver, mm.w, mm.h, mm.dark, mm.lang = true, m.shownVer, c.width, c.height, c.dark, lang
	mm.renders++
	return mm.content
}

// shownParts is what a quiet message may change: the saver's state as
// shown, the status and where the wizard is.
type shownParts struct {
	saves             saveState
	status            string
	statusErr         bool
	screen            screen
	quitting, leaving bool
	exitNote          string
	walk              *walk
}

// quietBefore tells whether msg is of a kind that often changes nothing
// shown (a saver's ack), and if so keeps what it could change.
func (m *Model) quietBefore(msg any) (bool, shownParts) {
	switch msg := msg.(type) {
	case saveStateMsg:
	case savedMsg:
		if msg.what == planKey || msg.err != nil {
			return false, shownParts{} // the plan screen and a refusal show it
		}
	default:
		return false, shownParts{}
	}
	return true, m.shownParts()
}

func (m *Model) shownParts() shownParts {
	return shownParts{saves: m.saves, status: m.status, statusErr: m.statusErr, screen: m.screen,
		quitting: m.quitting, leaving: m.leaving, exitNote: m.exitNote, walk: m.walk}
}

// sameShown tells whether a quiet message left what is shown as it was.
func (m *Model) sameShown(b shownParts) bool {
	a := m.shownParts()
	if a.status != b.status || a.statusErr != b.statusErr || a.screen != b.screen || a.quitting != b.quitting ||
		a.leaving != b.leaving || a.exitNote != b.exitNote || a.walk != b.walk {
		return false
	}
	return sameSaves(a.saves, b.saves)
}

// sameSaves compares two states of the saver as the screen shows them:
// which items wait or failed and why, and the counts.
func sameSaves(a, b saveState) bool {
	if a.waiting != b.waiting || a.refused != b.refused || a.done != b.done || errText(a.err) != errText(b.err) {
		return false
	}
	if len(a.pending) != len(b.pending) || len(a.failed) != len(b.failed) {
		return false
	}
	for k, n := range a.pending {
		if (n > 0) != (b.pending[k] > 0) {
			return false
		}
	}
	return maps.EqualFunc(a.failed, b.failed, func(x, y error) bool { return errText(x) == errText(y) })
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
