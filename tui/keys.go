package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/i18n"
)

// Each screen's keys are bindings: Update matches them and the key help is
// made from them, so the help shows exactly the keys that work.

func bind(keys []string, help, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// helpPairs turns enabled bindings into key/description pairs for keyHelp:
// the help shown is the keys that work, named as the user's keyboard names
// them.
func helpPairs(loc *i18n.Localizer, bs ...key.Binding) []string {
	var out []string
	for _, b := range bs {
		if h := b.Help(); b.Enabled() && h.Key != "" {
			out = append(out, keyNames(loc, h.Key), h.Desc)
		}
	}
	return out
}

// keyNames translates the named keys in a binding's help ("enter/f",
// "shift+tab") into the language; letters, arrows, esc, tab and ctrl read
// the same on every keyboard of our languages.
func keyNames(loc *i18n.Localizer, keys string) string {
	var b strings.Builder
	for len(keys) > 0 {
		end := strings.IndexAny(keys, "/+ ")
		if end < 0 {
			end = len(keys)
		}
		name := keys[:end]
		if slices.Contains(namedKeys, name) {
			name = loc.T("keyname." + name)
		}
		b.WriteString(name)
		if end < len(keys) {
			b.WriteByte(keys[end])
			end++
		}
		keys = keys[end:]
	}
	return b.String()
}

// namedKeys are the keys whose names the languages translate (keyname.*).
var namedKeys = []string{"enter", "space", "shift", "pgup", "pgdown"}

// azertyDigits are what the digit row types without shift on French and
// Belgian keyboards, where the digits need shift: where a digit answers or
// picks, they do as the digit under them.
var azertyDigits = map[string]rune{"&": '1', "é": '2', "\"": '3', "'": '4', "(": '5', "-": '6', "§": '6',
	"è": '7', "_": '8', "!": '8', "ç": '9', "à": '0'}

// unshiftedDigit is the key as its digit when it is the digit row of an
// AZERTY keyboard typed without shift; any other key as it is.
func unshiftedDigit(k tea.KeyPressMsg) tea.KeyPressMsg {
	if d, ok := azertyDigits[k.Text]; ok {
		return tea.KeyPressMsg{Code: d, Text: string(d)}
	}
	return k
}

// hidden is a binding that works but takes no room in the help (a second
// key of a pair whose help the first one shows).
func hidden(keys ...string) key.Binding { return key.NewBinding(key.WithKeys(keys...)) }

// stepKeys are the keys of the small screens that take one thing and go
// on or back: a typed PIN, code or file name, a choice from a list, a note
// to read. Their help and their keys are the same bindings.
type stepKeys struct {
	Move, Confirm, Cancel key.Binding
}

// newStepKeys: enter does what confirm says; esc cancels (or goes back,
// when back says so); ↑↓ moves only where there is a list.
func newStepKeys(c *common, confirm, cancel string, list bool) stepKeys {
	k := stepKeys{
		Move:    bind([]string{"up", "k", "down", "j"}, "↑↓", c.T("key.move")),
		Confirm: bind([]string{"enter"}, "enter", confirm),
		Cancel:  bind([]string{"esc"}, "esc", cancel),
	}
	k.Move.SetEnabled(list)
	k.Confirm.SetEnabled(confirm != "")
	k.Cancel.SetEnabled(cancel != "")
	return k
}

func (k stepKeys) help() []key.Binding { return []key.Binding{k.Move, k.Confirm, k.Cancel} }

// questionKeys are the keys of the questions screen; ed decides which work
// (a text field takes letters, so its commands need ctrl).
type questionKeys struct {
	Answer, Choose, Move, Tick, Other, NA, Unknown key.Binding
	Help, Note, Develop                            key.Binding
	Skip, Back, NextPage, PrevPage, Overview, Quit key.Binding
	SaveNote, CancelNote                           key.Binding
}

// questionKeySet is what the question screen's bindings depend on.
type questionKeySet struct {
	lang    string
	kind    assessment.Kind
	choices int
	typing  bool
	pending bool // typed or ticked and not given: tab saves it
}

func newQuestionKeys(c *common, ed *editor) questionKeys {
	k := questionKeys{
		Note:     bind([]string{"ctrl+e"}, "ctrl+e", c.T("key.note")),
		Develop:  bind([]string{"ctrl+t"}, "ctrl+t", c.T("key.develop")),
		Skip:     bind([]string{"tab"}, "tab", c.T("key.skip")),
		Back:     bind([]string{"shift+tab"}, "shift+tab", c.T("key.back")),
		NextPage: bind([]string{"pgdown"}, "pgup/pgdown", c.T("faces.key.page")),
		PrevPage: hidden("pgup"),
		Overview: bind([]string{"esc", "ctrl+o"}, "esc/ctrl+o", c.T("key.overview")),
		Quit:     bind([]string{"ctrl+c"}, "ctrl+c", c.T(c.opts.Policy.interruptKey())),
		SaveNote: bind([]string{"enter"}, "enter", c.T("key.savenote")),
		// The note's own cancel: the overview's esc does not apply meanwhile.
		CancelNote: bind([]string{"esc"}, "esc", c.T("key.cancel")),
	}
	if ed.pending() != nil { // leaving keeps what is typed: tab skips nothing
		k.Skip = bind([]string{"tab"}, "tab", c.T("key.next"))
	}
	if ed.typing() {
		k.NA = bind([]string{"ctrl+n"}, "ctrl+n", c.T("choice.na"))
		k.Unknown = bind([]string{"ctrl+d"}, "ctrl+d", c.T("choice.unknown"))
		k.Help = bind([]string{"ctrl+g"}, "ctrl+g", c.T("key.help"))
	} else {
		k.Quit = answeringQuit(c)
		k.NA = bind([]string{"n", "ctrl+n"}, "n", c.T("choice.na"))
		k.Unknown = bind([]string{"d", "ctrl+d"}, "d", c.T("choice.unknown"))
		k.Help = bind([]string{"?", "ctrl+g"}, "?", c.T("key.help"))
	}
	// A choice is given by its key, or by ↑↓ and enter: never by enter
	// alone, which someone impatient presses without choosing.
	k.Choose = bind([]string{"enter", "space"}, "↑↓ enter", c.T("key.choose"))
	k.Move = hidden("up", "k", "down", "j", "home", "end")
	switch ed.it.Kind {
	case assessment.KindMaturity:
		k.Answer = bind([]string{"0", "1", "2", "3", "4"}, "0-4", c.T("key.answer"))
	case assessment.KindSelfRating:
		k.Answer = bind([]string{"1", "2", "3", "4", "5"}, "1-5", c.T("key.answer"))
	case assessment.KindBand, assessment.KindYesNo:
		n := len(ed.choices) - 2
		var keys []string
		for i := 1; i <= n; i++ {
			keys = append(keys, fmt.Sprint(i))
		}
		k.Answer = bind(keys, fmt.Sprintf("1-%d", n), c.T("key.answer"))
	case assessment.KindMulti:
		// Each option's own key ticks it (the first nine have one), as
		// space and x tick the one under the cursor; o opens "Other".
		var keys []string
		for _, ch := range ed.choices {
			if ch.status == assessment.StatusAnswered && ch.key != "" && ch.option != otherID {
				keys = append(keys, ch.key)
			}
		}
		k.Tick = bind(append(keys, "space", "x"), fmt.Sprintf("1-%d/space", len(keys)), c.T("key.tick"))
		if ed.it.Other {
			k.Other = bind([]string{"o"}, "o", c.T("choice.other"))
		}
		k.Answer = bind([]string{"enter"}, "enter", c.T("key.save"))
		k.Choose.SetEnabled(false)
		if ed.typing() {
			k.Tick.SetEnabled(false) // digits, space and x are typed into "Other"
			k.Other.SetEnabled(false)
		}
	default:
		k.Answer = bind([]string{"enter"}, "enter", c.T("key.save"))
		k.Choose.SetEnabled(false)
	}
	return k
}

// answerKeys are the keys that answer the item at once, as the help shows
// them: "0-4, n, d".
func (k questionKeys) answerKeys() string {
	return k.Answer.Help().Key + ", " + k.NA.Help().Key + ", " + k.Unknown.Help().Key
}

// help lists the bindings in the order shown: the most used first, so a
// small screen that shows only the first lines keeps them.
func (k questionKeys) help(noteOn bool) []key.Binding {
	if noteOn {
		return []key.Binding{k.SaveNote, k.CancelNote}
	}
	return []key.Binding{k.Answer, k.Choose, k.Tick, k.Other, k.NA, k.Unknown, k.Skip, k.Back, k.Overview,
		k.Note, k.Develop, k.NextPage, k.Quit, k.Help}
}

// listKeys are the keys of the overview and the review: lists to move in.
type listKeys struct {
	Up, Down, Open, Review, Back, Quit, Jump key.Binding
}

func newOverviewKeys(c *common) listKeys {
	return listKeys{
		Up:     bind([]string{"up", "k", "shift+tab"}, "↑↓", c.T("key.move")),
		Down:   hidden("down", "j", "tab"),
		Open:   bind([]string{"enter", "space"}, "enter", c.T("key.open")),
		Jump:   bind([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, fmt.Sprintf("1-%d", len(c.text.Sections)), c.T("faces.key.section")),
		Review: bind([]string{"r"}, "r", c.T("overview.review")),
		Back:   bind([]string{"esc"}, "esc", c.T("key.backtoquestions")),
		Quit:   answeringQuit(c),
	}
}

// answeringQuit is the way out of the questions, overview and review where
// nothing is typed: q, as on every other screen, except where the terminal
// is shared (kiosk, SSH), where only ctrl+c leaves: a stray q must not
// pause anyone. ctrl+c itself is taken before any screen (app.go).
func answeringQuit(c *common) key.Binding {
	if c.shared() {
		return bind([]string{"ctrl+c"}, "ctrl+c", c.T(c.opts.Policy.interruptKey()))
	}
	return bind([]string{"q", "ctrl+c"}, "q", c.T(c.opts.Policy.interruptKey()))
}

func newReviewKeys(c *common) listKeys {
	k := newOverviewKeys(c)
	k.Jump.SetEnabled(false)
	k.Review = bind([]string{"r"}, "r", c.T("review.results"))
	k.Back = bind([]string{"esc"}, "esc", c.T("key.overview"))
	return k
}

func (k listKeys) help() []key.Binding {
	return []key.Binding{k.Up, k.Open, k.Jump, k.Review, k.Back, k.Quit}
}

// welcomeKeys are the keys of the first screen.
type welcomeKeys struct {
	Up, Down, Choose, New, Language, Quit key.Binding
}

func newWelcomeKeys(c *common) welcomeKeys {
	k := welcomeKeys{
		Up:       bind([]string{"up", "k"}, "↑↓", c.T("key.move")),
		Down:     hidden("down", "j", "tab"),
		Choose:   bind([]string{"enter", "space"}, "enter", c.T("key.choose")),
		New:      bind([]string{"n"}, "n", c.T("key.new")),
		Language: bind([]string{"l"}, "l", c.T("key.language")),
		Quit:     bind([]string{"q", "esc"}, "q", c.T("key.quit")),
	}
	if c.shared() { // only the facilitator leaves a kiosk, with the PIN
		k.Quit.SetHelp("", "")
	}
	return k
}

func (k welcomeKeys) help() []key.Binding {
	return []key.Binding{k.Up, k.Choose, k.New, k.Language, k.Quit}
}

// resultsKeys are the keys of the results screen.
type resultsKeys struct {
	Next, Prev, Tab, Up, Down, Left, Right key.Binding
	Plan, Export, HTML, FollowUp, New      key.Binding
	Back, Quit                             key.Binding
	HandOver                               key.Binding
}

// newResultsKeys are the results screen's keys; the scroll keys only
// where the tab has more lines than room (scrollable), or cells (matrix).
func newResultsKeys(c *common, tabs int, matrix, scrollable bool) resultsKeys {
	var numbers []string
	for i := 1; i <= tabs; i++ {
		numbers = append(numbers, fmt.Sprint(i))
	}
	k := resultsKeys{
		Next:     bind([]string{"right", "l", "tab"}, "←→", c.T("key.tabs")),
		Prev:     hidden("left", "h", "shift+tab"),
		Tab:      bind(numbers, fmt.Sprintf("1-%d", tabs), c.T("key.tabs")),
		Up:       bind([]string{"up", "k"}, "↑↓", c.T("key.scroll")),
		Down:     hidden("down", "j"),
		Left:     hidden(),
		Right:    hidden(),
		Plan:     bind([]string{"p"}, "p", c.T("key.plan")),
		Export:   bind([]string{"e"}, "e", c.T("key.export")),
		HTML:     bind([]string{"w"}, "w", c.T("faces.key.html")),
		FollowUp: bind([]string{"f"}, "f", c.T("key.followup")),
		New:      bind([]string{"n"}, "n", c.T("key.new")),
		Back:     bind([]string{"esc", "b"}, "esc/b", c.T("key.backtoanswers")),
		Quit:     bind([]string{"q"}, "q", c.T("key.quit")),
		// d means "don't know" on the questions: the hand-over has its own key.
		HandOver: bind([]string{"q"}, "q", c.T("kiosk.handover")),
	}
	k.Tab.SetHelp("", "") // ←→ says it
	if matrix {
		// [ ] need AltGr on French, Spanish and Italian keyboards: each
		// language's help names the pair its keyboards type without it.
		k.Up.SetHelp("↑↓ "+c.T("keyname.cells"), c.T("key.cell"))
		k.Left, k.Right = hidden("[", ","), hidden("]", ".", ";")
	} else if !scrollable {
		k.Up.SetEnabled(false)
		k.Down.SetEnabled(false)
	}
	if c.shared() {
		k.HTML.SetEnabled(false) // nothing personal is written to a shared laptop's disk
		k.New.SetEnabled(false)
		k.FollowUp.SetEnabled(false)
		k.Quit.SetEnabled(false)
		if c.opts.Policy == Served { // the session ends: nobody takes over
			k.HandOver.SetHelp("q", c.T("key.quit"))
		}
	} else {
		k.HandOver.SetEnabled(false)
	}
	return k
}

func (k resultsKeys) help() []key.Binding {
	return []key.Binding{k.Next, k.Tab, k.Up, k.Plan, k.Export, k.HTML, k.FollowUp, k.New, k.Back, k.Quit, k.HandOver}
}

// helpLines is the key help of bindings in at most most lines (0: no
// limit). The first bindings are the most used, so a short screen keeps
// them and the question above them; the last shown is the way on (the
// whole help, or quit), kept whatever is cut.
func (m *Model) helpLines(width, most int, bs ...key.Binding) []string {
	pairs := helpPairs(m.c.loc, bs...)
	lines := m.keyHelp(width, pairs...)
	if most == 0 || len(lines) <= most {
		return lines
	}
	last := pairs[len(pairs)-2:]
	for n := len(pairs) - 4; n >= 0; n -= 2 {
		if lines = m.keyHelp(width, append(pairs[:n:n], last...)...); len(lines) <= most {
			return lines
		}
	}
	return lines[:most]
}

// helpRoom is how many lines of key help a screen of height h gives: all
// at a comfortable size, fewer on a small one so the content shows.
func helpRoom(h int) int {
	if h >= 20 {
		return 0
	}
	return max(1, (h-4)/4)
}

// matches reports whether msg is one of the bindings.
func matches(msg tea.KeyPressMsg, bs ...key.Binding) bool { return key.Matches(msg, bs...) }

// shared tells whether kiosk rules apply: a shared laptop shows nobody
// else's work and writes nothing personal to its disk.
func (c *common) shared() bool { return c.opts.Policy.Shared() }

// clearStatus forgets the last message: it was about a screen left.
func (m *Model) clearStatus() { m.status, m.statusErr, m.refusedInput = "", false, false }
