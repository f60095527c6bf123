package tui

import (
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/storage"
)

// Kiosk mode runs a workshop on a shared laptop: each participant starts
// afresh, nobody sees anyone else's answers, a participant who pauses gets
// a personal code, and only the facilitator's PIN ends the program.

// DefaultKioskIdle is how long a kiosk waits without a key before it saves
// and returns to the clean welcome screen.
const DefaultKioskIdle = 3 * time.Minute

// kiosk is the kiosk state of the model: one participant's, so it goes
// with them at the hand-over.
type kiosk struct {
	confirm   bool      // d was pressed once on the results: a second d hands over
	input     string    // what is typed into the PIN, code or path field
	code      string    // the resume code just given to a pausing participant
	message   string    // why the last PIN, code or path was refused
	waitUntil time.Time // no PIN or code is tried before this (wrong tries)
	trying    bool      // a PIN or code is being checked: enter waits for the answer
	queued    bool      // enter was pressed during the wait: what is typed is tried once it ends
	pausing   bool      // ctrl+c was pressed: the code comes once the saves are done
	lastKey   time.Time // the last key pressed, for the idle hand-over
	fresh     bool      // nothing was typed since the hand-over
	looked    time.Time // when the welcome last looked whether the workshop was closed
}

// closedLook is how often a kiosk's welcome looks whether the facilitator
// closed the workshop, so the next person is told before typing anything.
const closedLook = 15 * time.Second

// kioskTickMsg comes every second in kiosk mode: the idle check and the
// countdown after wrong tries. A served session's comes only when
// something is due (servedTick); gen tells which arming sent it.
type kioskTickMsg struct{ gen int }

func kioskTick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return kioskTickMsg{} })
}

// kioskInit starts the kiosk's clock; nil outside kiosk mode.
func (m *Model) kioskInit() tea.Cmd {
	if !m.c.opts.Policy.Shared() {
		return nil
	}
	m.kiosk = kiosk{lastKey: m.c.now(), fresh: true}
	if m.c.opts.Policy == Served {
		return m.servedTick()
	}
	return kioskTick()
}

// kioskUpdate sees every message first in kiosk mode; done says it was
// handled in full.
func (m *Model) kioskUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case kioskTickMsg:
		return tea.Batch(m.idleCheck(), m.lookClosed(), m.tryQueued(), kioskTick()), true
	case tea.KeyPressMsg:
		m.kiosk.lastKey, m.kiosk.fresh = m.c.now(), false
		if m.c.workshopClosed && m.screen == screenWelcome && m.startsSomething(msg.String()) {
			m.status, m.statusErr = m.c.T("kiosk.workshopclosed"), true
			return nil, true
		}
	case guessWaitMsg:
		// Read as the prompt opened, it may arrive after a wrong try that
		// started a longer wait: keep the later end.
		if msg.until.After(m.kiosk.waitUntil) {
			m.kiosk.waitUntil = msg.until
		}
		return nil, true
	case workshopClosedMsg:
		return m.workshopClosed(msg.erased), true
	case savedMsg:
		return m.closedCheck(msg.err)
	case saveStateMsg:
		// A write refused because the workshop closed (or was erased) ends
		// the session; the model still takes the change of state.
		for _, err := range m.c.saver.state().failed {
			if errors.Is(err, storage.ErrWorkshopClosed) || errors.Is(err, storage.ErrNotFound) {
				cmd, _ := m.closedCheck(err)
				return cmd, false
			}
		}
	case startedMsg:
		return m.closedCheck(msg.err)
	case pausedMsg:
		return nil, m.c.workshopClosed // a code to a closed workshop is no use
	case exportedMsg:
		if m.screen == screenSaveTo {
			return m.savedTo(msg), true
		}
	}
	return nil, false
}

// startsSomething tells whether key on the welcome screen would start or
// continue an assessment.
func (m *Model) startsSomething(key string) bool {
	if key == "n" {
		return true
	}
	entries := m.welcome.entries(m.c)
	if key != "enter" && key != "space" || m.welcome.cursor >= len(entries) {
		return false
	}
	k := entries[m.welcome.cursor].kind
	return k == "new" || k == "code"
}

// closedCheck answers a write refused because the facilitator closed the
// workshop: the participant is told, and the kiosk takes nobody new. An
// assessment not found may have been erased with its workshop: the
// workshop is looked at.
func (m *Model) closedCheck(err error) (tea.Cmd, bool) {
	if errors.Is(err, storage.ErrNotFound) {
		store, code := m.c.store, m.c.opts.Workshop
		return func() tea.Msg {
			if st, err := store.WorkshopStatus(bg(), code); err == nil && st.Closed != nil {
				return workshopClosedMsg{erased: true}
			}
			return nil
		}, false
	}
	if !errors.Is(err, storage.ErrWorkshopClosed) {
		return nil, false
	}
	return m.workshopClosed(false), true
}

// workshopClosed takes nobody new. A participant refused while answering
// is told what became of their answers: served, the session ends with
// the line that takes their results home; on a kiosk the welcome says it.
// Erased with the workshop, nothing of theirs is kept to tell of.
func (m *Model) workshopClosed(erased bool) tea.Cmd {
	c := m.c
	told := c.workshopClosed
	c.workshopClosed = true
	if m.walk == nil && m.screen != screenWelcome {
		return nil // the PIN or code prompt the facilitator opened meanwhile stays; the welcome will say it
	}
	if m.walk == nil && told {
		return nil // said already (a refused write answers twice: its state, then its message)
	}
	if m.walk == nil || erased {
		m.handOver()
		return nil
	}
	note := m.closedNote()
	if c.opts.Policy == Served {
		return m.servedLeave(note)
	}
	m.handOver()
	m.status, m.statusErr = note, true
	return nil
}

// closedNote tells a participant what a workshop closed under them kept:
// their last answer refused, or (only the completion refused) every one.
func (m *Model) closedNote() string {
	if m.answerRefused() {
		return m.c.T("kiosk.closedmidway")
	}
	return m.c.T("kiosk.closednotcomplete")
}

// answerRefused tells whether an answer of the walk (not its completion)
// was refused because the workshop closed.
func (m *Model) answerRefused() bool {
	prefix := saveKey(m.walk.a.ID, "")
	for k, err := range m.c.saver.state().failed {
		if item, ok := strings.CutPrefix(k, prefix); ok && item != "" && errors.Is(err, storage.ErrWorkshopClosed) {
			return true
		}
	}
	return false
}

// workshopClosedMsg: the workshop was found closed (erased: with its
// answers).
type workshopClosedMsg struct{ erased bool }

// lookClosed reads, now and then while the welcome shows, whether the
// workshop was closed. Someone answering is told at their next save; one
// reading their results is left to read them.
func (m *Model) lookClosed() tea.Cmd {
	now := m.c.now()
	if m.c.workshopClosed || m.screen != screenWelcome || now.Sub(m.kiosk.looked) < closedLook {
		return nil
	}
	m.kiosk.looked = now
	store, code := m.c.store, m.c.opts.Workshop
	return func() tea.Msg {
		if st, err := store.WorkshopStatus(bg(), code); err == nil && st.Closed != nil {
			return workshopClosedMsg{}
		}
		return nil
	}
}

// idleCheck hands over once nobody has pressed a key for a while: whatever
// is typed is saved, and the next person sees a clean welcome.
func (m *Model) idleCheck() tea.Cmd {
	idle := m.c.opts.KioskIdle
	if idle <= 0 {
		idle = DefaultKioskIdle
	}
	if m.kiosk.lastKey.IsZero() { // a screen reset the kiosk state: count from now
		m.kiosk.lastKey = m.c.now()
	}
	if m.kiosk.fresh || m.c.now().Sub(m.kiosk.lastKey) < idle {
		return nil
	}
	cmd := m.keepTyped()
	m.handOver()
	return cmd
}

// kioskInterrupt answers ctrl+c in kiosk mode: a participant pauses with a
// code; at the welcome screen the facilitator is asked for the PIN.
func (m *Model) kioskInterrupt() tea.Cmd {
	if m.walk != nil && m.walk.a.CompletedAt == nil && (m.screen == screenQuestions || m.screen == screenOverview || m.screen == screenReview) {
		if m.kiosk.pausing {
			return nil // on its way once the saves are done: the status line says so
		}
		m.kiosk.pausing = true
		return m.pause()
	}
	if m.walk != nil {
		cmd := m.savePending() // an edit after the results is kept too
		m.handOver()
		return cmd
	}
	return m.openSecret(screenPIN)
}

// openSecret opens the PIN or the code prompt, showing at once a wait left
// from earlier wrong tries (kept in the store across restarts).
func (m *Model) openSecret(s screen) tea.Cmd {
	m.kiosk.input, m.kiosk.message, m.kiosk.waitUntil = "", "", time.Time{}
	m.screen = s
	store, code, kind, ctx := m.c.store, m.c.opts.Workshop, guessKind(s), m.c.ctx()
	return m.c.forTurn(func() tea.Msg {
		until, _ := store.GuessWait(ctx, code, kind) // only shown early; the store enforces it
		return guessWaitMsg{until: until}
	})
}

func guessKind(s screen) storage.GuessKind {
	if s == screenPIN {
		return storage.GuessPIN
	}
	return storage.GuessCode
}

type guessWaitMsg struct{ until time.Time }

type pausedMsg struct {
	code string
	err  error
}

// pause saves what is pending and gives the participant their code.
func (m *Model) pause() tea.Cmd {
	pending := m.keepTyped()
	store, id := m.c.store, m.walk.a.ID
	code := m.c.saver.do(markerKey, func() error { return nil }) // after the pending saves
	return tea.Sequence(pending, code, m.c.forTurn(func() tea.Msg {
		c, err := store.ResumeCode(bg(), id)
		return pausedMsg{code: c, err: err}
	}))
}

func (m *Model) showPaused(msg pausedMsg) {
	if msg.err != nil {
		m.kiosk.pausing = false
		m.setError(msg.err)
		return
	}
	m.backToWelcome() // the code is explained in the participant's language
	m.kiosk.code, m.kiosk.fresh = msg.code, false
	m.screen = screenPaused
}

// backToWelcome hands over but keeps the language the participant chose
// on the welcome: they are still the one at the keyboard.
func (m *Model) backToWelcome() {
	lang := m.c.loc.Lang()
	m.handOver()
	if err := m.c.setLanguage(lang); err != nil {
		m.setError(err)
	}
}

// handOver forgets the participant: the next one starts from a new Model,
// so nothing of this one can reach them. Only common (store, saver,
// terminal, options, whether the workshop was closed) is kept: state that
// must outlive a participant belongs there.
func (m *Model) handOver() {
	c := m.c
	c.turn++
	err := c.setLanguage(c.opts.Lang)
	c.saver.forgetRefused() // the last person's refused writes were told to them
	*m = Model{c: c, kiosk: kiosk{lastKey: c.now(), fresh: true}}
	switch {
	case err != nil:
		m.setError(err)
	case c.workshopClosed:
		m.status, m.statusErr = c.T("kiosk.workshopclosed"), true
	}
}

type pinMsg struct {
	ok    bool
	until time.Time // the wait after a wrong PIN
	err   error
}

type codeMsg struct {
	found bool
	cmd   tea.Msg
	until time.Time // the wait after a wrong code
	err   error
}

// updateSecret handles typing into the PIN or the resume-code field.
func (m *Model) updateSecret(msg tea.Msg) tea.Cmd {
	key, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	keys := m.secretKeys()
	switch {
	case matches(key, keys.Cancel):
		m.backToWelcome()
	case matches(key, keys.Confirm):
		switch {
		case strings.TrimSpace(m.kiosk.input) == "" || m.kiosk.trying:
			return nil // nothing to try (a wrong try would lengthen the wait), or a try is checked
		case m.waiting() > 0:
			m.kiosk.queued = true // tried once the countdown ends: the screen says so
			return nil
		}
		return m.tryTyped()
	default:
		if typed := editLine(m.kiosk.input, key, 16); typed != m.kiosk.input {
			// The refusal was of what was typed before.
			m.kiosk.input, m.kiosk.message, m.kiosk.queued = typed, "", false
		}
	}
	return nil
}

// tryTyped checks the PIN or code typed.
func (m *Model) tryTyped() tea.Cmd {
	input := m.kiosk.input
	m.kiosk.input, m.kiosk.trying, m.kiosk.queued = "", true, false
	return m.try(input)
}

// tryQueued tries what enter was pressed on during a wait, once it ends.
func (m *Model) tryQueued() tea.Cmd {
	if !m.kiosk.queued || m.waiting() > 0 || m.kiosk.trying || (m.screen != screenPIN && m.screen != screenCode) {
		return nil
	}
	return m.tryTyped()
}

// editLine applies a key to a short typed line, which has no cursor to
// move: backspace takes the last character, ctrl+w the last word, ctrl+u
// the whole line; text is added while the line holds under max
// characters.
func editLine(line string, key tea.KeyPressMsg, max int) string {
	r := []rune(line)
	switch key.String() {
	case "backspace":
		if len(r) > 0 {
			return string(r[:len(r)-1])
		}
	case "ctrl+w":
		return strings.TrimRightFunc(strings.TrimRight(line, " "), func(c rune) bool { return c != ' ' })
	case "ctrl+u":
		return ""
	default:
		if key.Text != "" && len(r) < max {
			return line + key.Text
		}
	}
	return line
}

// try checks a PIN or code in the store, which counts the wrong ones.
func (m *Model) try(input string) tea.Cmd {
	store, code, ctx := m.c.store, m.c.opts.Workshop, m.c.ctx()
	if m.screen == screenPIN {
		return m.c.forTurn(func() tea.Msg {
			ok, err := store.CheckPIN(ctx, code, input)
			msg := pinMsg{ok: ok, err: err}
			if !ok && err == nil {
				msg.until, msg.err = store.GuessWait(ctx, code, storage.GuessPIN)
			}
			return msg
		})
	}
	holder := m.c.holds.holder
	return m.c.forTurn(func() tea.Msg {
		a, err := store.ByResumeCode(ctx, code, input)
		if errors.Is(err, storage.ErrNotFound) {
			until, err := store.GuessWait(ctx, code, storage.GuessCode)
			return codeMsg{until: until, err: err}
		}
		if err == nil {
			a, err = store.Continue(ctx, a.ID) // on the current bank
		}
		if err != nil {
			return codeMsg{err: err}
		}
		return codeMsg{found: true, cmd: opened(store, holder, a, false, nil)}
	})
}

// waiting is how long until the next PIN or code may be tried.
// ceilSeconds is a wait in whole seconds, rounded up: "0 seconds" is never
// said while one must still wait.
func ceilSeconds(d time.Duration) int { return int((d + time.Second - 1) / time.Second) }

func (m *Model) waiting() time.Duration {
	return max(0, m.kiosk.waitUntil.Sub(m.c.now()))
}

// refusedTry shows a wait the store imposed; false if err is not one.
func (m *Model) refusedTry(err error) bool {
	var w *storage.WaitError
	if !errors.As(err, &w) {
		return false
	}
	m.kiosk.waitUntil, m.kiosk.message = w.Until, ""
	return true
}

func (m *Model) pinResult(msg pinMsg) tea.Cmd {
	m.kiosk.trying = false
	switch {
	case m.refusedTry(msg.err):
	case msg.err != nil:
		m.setError(msg.err)
	case msg.ok:
		m.exitNote = m.c.T("kiosk.closed")
		m.quitting = true
		return m.c.saver.flush() // leaves once every save is stored
	default:
		m.kiosk.message, m.kiosk.waitUntil = m.c.T("kiosk.wrongpin"), msg.until
	}
	return nil
}

func (m *Model) codeResult(msg codeMsg) tea.Cmd {
	m.kiosk.trying = false
	switch {
	case m.refusedTry(msg.err):
	case errors.Is(msg.err, storage.ErrWorkshopClosed):
		cmd, _ := m.closedCheck(msg.err)
		return cmd
	case msg.err != nil:
		m.setError(msg.err)
	case msg.found:
		return m.c.forTurn(func() tea.Msg { return msg.cmd })
	default:
		m.kiosk.message, m.kiosk.waitUntil = m.c.T("kiosk.wrongcode"), msg.until
	}
	return nil
}

func (m *Model) updatePaused(msg tea.Msg) tea.Cmd {
	if key, ok := msg.(tea.KeyPressMsg); ok && matches(key, m.pausedKeys().Confirm, hidden("esc")) {
		m.handOver()
	}
	return nil
}

func (m *Model) secretKeys() stepKeys {
	return newStepKeys(m.c, m.c.T("key.confirm"), m.c.T("key.cancel"), false)
}

func (m *Model) pausedKeys() stepKeys { return newStepKeys(m.c, m.c.T("kiosk.handover"), "", false) }

func (m *Model) kioskView() string {
	c, s, w := m.c, m.c.styles, m.c.width
	lines := []string{s.title.Render(c.T("kiosk.workshop", "Title", c.opts.WorkshopTitle)), ""}
	var help []string
	switch m.screen {
	case screenPIN, screenCode:
		prompt := c.T("kiosk.pin")
		if m.screen == screenCode {
			prompt = c.T("kiosk.code")
		}
		shown := strings.Repeat("•", len([]rune(m.kiosk.input)))
		if m.screen == screenCode {
			shown = strings.ToUpper(m.kiosk.input) // a code is not secret to its owner
		}
		lines = append(lines, wrap(prompt, w)...)
		lines = append(lines, "", s.accent.Render("> ")+shown+s.cursor.Render("▏"))
		if m.kiosk.message != "" {
			lines = append(lines, "")
			lines = append(lines, m.errLines(m.kiosk.message, w)...)
		}
		if wait := m.waiting(); wait > 0 {
			lines = append(lines, "")
			lines = append(lines, m.errLines(c.N("kiosk.wait", ceilSeconds(wait)), w)...)
			if m.kiosk.queued {
				lines = append(lines, wrap(c.T("kiosk.queued"), w)...)
			}
		}
		help = m.helpLines(w, 0, m.secretKeys().help()...)
	case screenPaused:
		lines = append(lines, wrap(c.T("kiosk.paused"), w)...)
		lines = append(lines, "", "    "+s.title.Render(m.kiosk.code), "")
		lines = append(lines, wrap(c.T("kiosk.paused.how"), w)...)
		help = m.helpLines(w, 0, m.pausedKeys().help()...)
	case screenSaveTo:
		return m.saveToView()
	}
	return m.page(lines, len(lines)-1, help)
}

// errLines wraps a message and shows it as an error.
func (m *Model) errLines(msg string, width int) []string {
	lines := wrap(msg, width)
	for i, l := range lines {
		lines[i] = m.c.styles.err.Render(l)
	}
	return lines
}
