package tui

import (
	"cmp"
	"context"
	"errors"
	"os"
	"time"

	"github.com/digint/digint/assessment"
	actionplan "github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// common is what every screen shares: the store, the bank in the user's
// language, texts, styles and the terminal size.
type common struct {
	store  *storage.Store
	bank   *assessment.Bank // the bank results are computed on
	text   *assessment.Bank // the same bank, texts in the user's language
	loc    *i18n.Localizer
	styles styles
	width  int
	height int
	dark   bool
	saver  *saver
	writes writer // the store, as the saver writes to it
	opts   Options
	// workshopClosed: the facilitator closed the kiosk's workshop while it
	// ran; it outlives every hand-over.
	workshopClosed bool
	// tick is the served session's armed timer; ticks of older ones are
	// dropped (served.go).
	tick int
	// turn counts the hand-overs of a shared keyboard (turn.go).
	turn int
	// holds: which assessment this session has open (holds.go).
	holds holds
	// keySets are the question screen's bindings, made once per kind of
	// item: keys and help ask for them on every key press.
	keySets map[questionKeySet]*questionKeys
}

// Options configure a wizard run.
type Options struct {
	Store *storage.Store
	// Lang is the interface language; the welcome screen can change it.
	Lang string
	// ExportDir is where the results screen writes exports.
	ExportDir string
	// Workshop ties new assessments to a workshop (its code and title).
	Workshop, WorkshopTitle string
	// Policy is whose terminal this is: the user's own, a kiosk on a shared
	// laptop (kiosk.go) or a session served over SSH (served.go).
	Policy Policy
	// Key is a served participant's public-key fingerprint: their
	// assessments are theirs to list and continue ("" for none).
	Key string
	// KioskIdle is how long a kiosk (or a served session) waits without a
	// key before it hands over (or leaves); 0 means DefaultKioskIdle.
	KioskIdle time.Duration
	// AskLanguage: nothing told the language (a served session without
	// LANG); the welcome offers the choice first.
	AskLanguage bool
	// SSHLine is what a served participant types to connect
	// ("ssh -p 2222 K7PQ2X@host"), for the resume and take-home notes.
	SSHLine string
	// Self is the command that reaches this database again, in the same
	// language, as the notes that end a session print it before a command
	// ("digint --db FILE report ID"); "" is "digint".
	Self string
	// Again is the command that brings this wizard back as it runs now,
	// for the note that says how to continue ("digint --db FILE
	// --accessible"); "" is Self. Whoever builds the program decides it.
	Again string
	// Width tells the columns of the line-by-line flow's output now, where
	// the caller knows them (a served session's pty, resized as the window
	// is); nil: asked of the output when it is a terminal, at each line,
	// else lines are left whole.
	Width func() int
	// Now is the clock, for tests.
	Now func() time.Time
	// Context is the session's: when it ends the wizard stops taking
	// answers and stores those given (nil: the program's whole life).
	Context context.Context
	// Interrupt brings the line-by-line flow the signals its caller takes
	// over (ctrl+c): each one read leaves as q does, and one more while
	// the last answers are stored stops waiting for them. nil: none.
	Interrupt <-chan os.Signal
}

// Policy is decided once, by whoever builds the program.
type Policy int

const (
	// Local: the user's own terminal; they see and continue their list.
	Local Policy = iota
	// Kiosk: a shared laptop; each participant starts afresh, and only the
	// facilitator's PIN ends the program.
	Kiosk
	// Served: one participant's SSH session; leaving ends only it.
	Served
)

// Shared: the terminal is not the participant's alone (kiosk or served):
// no list of others, a resume code on leaving, no files left behind.
func (p Policy) Shared() bool { return p != Local }

// interruptKey names what ctrl+c does while answering: on a kiosk it
// pauses with a code (only the PIN ends the program), elsewhere it quits.
func (p Policy) interruptKey() string {
	if p == Kiosk {
		return "key.pause"
	}
	return "key.quit"
}

// intro is the welcome's introduction: it says truly where answers go.
func (c *common) intro() string {
	switch {
	case c.opts.Policy == Served:
		return c.T("serve.welcome.intro")
	case c.store.OnServer():
		return c.T("welcome.intro.central") // not "on this computer"
	}
	return c.T("welcome.intro")
}

// nameHelp says where the start form's name is kept.
func (c *common) nameHelp() string {
	switch {
	case c.opts.Policy == Served:
		return c.T("serve.start.name.help")
	case c.store.OnServer():
		return c.T("start.name.help.central")
	}
	return c.T("start.name.help")
}

// ownList tells whether the participant may see a list of assessments:
// on their own terminal, or served to a known key (only theirs).
func (o Options) ownList() bool { return o.Policy == Local || o.Policy == Served && o.Key != "" }

func (c *common) T(id string, data ...any) string { return c.loc.T(id, data...) }

func (c *common) N(id string, n int, data ...any) string { return c.loc.N(id, n, data...) }

// errorLine is an error for the status line or the accessible flow: a
// rule an answer breaks in the user's language, any other as it says.
func (c *common) errorLine(err error) string {
	return c.T("status.error", "Error", c.why(err))
}

// storageWhy are the store's refusals anyone can act on, by the text that
// says each.
var storageWhy = []struct {
	kind error
	key  string
}{
	{storage.ErrWorkshopClosed, "saving.why.closed"},
	{storage.ErrUnreachable, "saving.why.unreachable"},
	{storage.ErrUnknownHost, "saving.why.unreachable"}, // mid-session, a name service away
	{storage.ErrDiskFull, "saving.why.diskfull"},
	{storage.ErrReadOnly, "saving.why.readonly"},
	{storage.ErrNotFound, "saving.why.gone"},
}

// why says what went wrong in the user's language where it is a problem
// with the data, a refusal of the store's or a file's trouble; else the
// engine's words. A served participant sees neither of the last two: they
// may name the operator's database and its folders.
func (c *common) why(err error) string { return why(c.loc, err, c.opts.Policy == Served) }

func why(loc *i18n.Localizer, err error, served bool) string {
	if text, ok := loc.Problem(err); ok {
		return text
	}
	for _, w := range storageWhy {
		if errors.Is(err, w.kind) {
			return loc.T(w.key)
		}
	}
	if served {
		return loc.T("saving.why.other")
	}
	if text, ok := loc.FileError(err); ok { // the system's own words are English
		return text
	}
	return err.Error()
}

// setLanguage switches texts and bank to lang.
func (c *common) setLanguage(lang string) error {
	loc, err := i18n.New(lang)
	if err != nil {
		return err
	}
	text, err := i18n.Bank(c.bank, loc.Lang())
	if err != nil {
		return err
	}
	c.loc, c.text = loc, text
	return nil
}

// score gives a score the locale's way, or "no answer yet".
func (c *common) score(p *float64) string {
	if p == nil {
		return c.T("score.none")
	}
	return c.loc.Number(*p)
}

// focusScore is a focus area's score in words: "score 25", or "no score"
// when nothing scored it (unanswered, not applicable, don't know).
func (c *common) focusScore(f actionplan.Focus) string {
	if f.Score == nil {
		return c.T("plan.score.none")
	}
	return c.T("plan.score", "Score", c.loc.Number(*f.Score))
}

func (c *common) now() time.Time {
	if c.opts.Now != nil {
		return c.opts.Now()
	}
	return time.Now()
}

// ctx is the session's context (storage reads the source of PIN and code
// tries from it), or the program's when there is no session.
func (c *common) ctx() context.Context {
	if c.opts.Context != nil {
		return c.opts.Context
	}
	return context.Background()
}

// self is the command that reaches this database again (Options.Self).
func (c *common) self() string { return cmp.Or(c.opts.Self, "digint") }

// again is the command that comes back to this wizard (Options.Again).
func (c *common) again() string { return cmp.Or(c.opts.Again, c.self()) }
