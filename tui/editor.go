package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/digint/digint/assessment"
)

// otherID marks the "Other: …" entry of a multi item; option ids never
// start with "~".
const otherID = "~other"

// choice is one line of an item's answer list.
type choice struct {
	key    string // shortcut shown beside it
	label  string
	detail string
	status assessment.Status
	value  assessment.Value // when status is answered (single-choice kinds)
	option string           // multi: the option id, or otherID
}

// editor answers the focused item. It holds what is being typed or ticked
// until the answer is given; then the model saves it.
type editor struct {
	c       *common
	it      *assessment.Item
	choices []choice
	cursor  int
	ticked  map[string]bool
	input   textinput.Model // count, text, or the "Other" of a multi
	note    textinput.Model
	noteOn  bool
	develop bool
	help    bool
	saved   *assessment.Answer
	// title is the question, wrapped to the screen: made on resize, not
	// on every view.
	title    []string
	titleFor titleKey
}

// titleKey is what the wrapped question depends on.
type titleKey struct {
	number string
	width  int
	dark   bool
}

// editResult is what a key did: an answer to save, whether to move on.
type editResult struct {
	save    *assessment.Answer
	clear   bool // remove the saved answer
	advance bool
	handled bool
	hint    string // nothing was given: how to give it
	refused error  // what was typed is no answer (a count that is not one): said, nothing saved
}

// newTextInput is a one-line field taking at most limit runes. Every
// question makes two, so they are copies of one field set up once.
func newTextInput(limit int) textinput.Model {
	in := blankTextInput()
	in.CharLimit = limit
	return in
}

var blankTextInput = sync.OnceValue(func() textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	// A steady cursor: no timer ticking while someone reads a question.
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	// Our item commands use these keys; the input keeps home/end/delete.
	in.KeyMap.LineStart.SetKeys("home", "ctrl+a")
	in.KeyMap.LineEnd.SetKeys("end")
	in.KeyMap.DeleteCharacterForward.SetKeys("delete")
	in.KeyMap.NextSuggestion.SetEnabled(false)
	in.KeyMap.PrevSuggestion.SetEnabled(false)
	in.KeyMap.AcceptSuggestion.SetEnabled(false)
	return in
})

func newEditor(c *common, it *assessment.Item, saved *assessment.Answer) *editor {
	return resetEditor(new(editor), c, it, saved)
}

// resetEditor makes e the editor of it, as new. The questions screen
// reuses one editor: with its two fields it is 16 KB, made per question.
func resetEditor(e *editor, c *common, it *assessment.Item, saved *assessment.Answer) *editor {
	ticked, choices := e.ticked, e.choices[:0]
	clear(ticked)
	if ticked == nil {
		ticked = map[string]bool{}
	}
	*e = editor{c: c, it: it, saved: saved, ticked: ticked, choices: choices}
	e.note = newTextInput(assessment.MaxNoteLen)
	e.note.Placeholder = c.T("note.placeholder")
	switch it.Kind {
	case assessment.KindText:
		e.input = newTextInput(assessment.MaxTextLen)
	case assessment.KindMulti:
		e.input = newTextInput(assessment.MaxOtherLen)
	default:
		e.input = newTextInput(9)
	}
	e.choices = appendChoices(e.choices, c, it)
	if e.single() && saved == nil {
		e.cursor = -1 // enter chooses nothing until an arrow puts the cursor on an answer
	}
	if saved != nil {
		e.develop = saved.Develop
		e.note.SetValue(saved.Note)
		switch saved.Status {
		case assessment.StatusAnswered:
			switch it.Kind {
			case assessment.KindMulti:
				for _, id := range saved.Value.List() {
					e.ticked[id] = true
				}
				if saved.Other != "" {
					e.ticked[otherID] = true
					e.input.SetValue(saved.Other)
				}
			case assessment.KindCount:
				e.input.SetValue(strconv.Itoa(saved.Value.Number()))
			case assessment.KindText:
				e.input.SetValue(saved.Value.String())
			default:
				e.cursor = max(0, slices.IndexFunc(e.choices, func(ch choice) bool {
					return ch.status == assessment.StatusAnswered && ch.value.Equal(saved.Value)
				}))
			}
		default:
			e.cursor = max(0, slices.IndexFunc(e.choices, func(ch choice) bool { return ch.status == saved.Status }))
		}
	}
	if e.typing() || it.Kind == assessment.KindCount {
		e.input.Focus() // a count takes digits; other keys stay commands
	}
	e.keepKeys()
	return e
}

// appendChoices appends an item's answers to out: its levels or options,
// then not applicable and don't know, always at hand.
func appendChoices(out []choice, c *common, it *assessment.Item) []choice {
	b := c.text
	switch it.Kind {
	case assessment.KindMaturity:
		for v := 0; v <= assessment.MaturityMax; v++ {
			out = append(out, choice{key: strconv.Itoa(v), label: b.Scales.Maturity[v], detail: it.Levels[v],
				status: assessment.StatusAnswered, value: assessment.Number(v)})
		}
	case assessment.KindSelfRating:
		for v := assessment.SelfRatingMin; v <= assessment.SelfRatingMax; v++ {
			out = append(out, choice{key: strconv.Itoa(v), label: b.Scales.Proficiency[v-assessment.SelfRatingMin],
				status: assessment.StatusAnswered, value: assessment.Number(v)})
		}
	case assessment.KindBand, assessment.KindYesNo:
		opts := it.Options
		if opts == nil {
			opts = b.Scales.YesNo
		}
		for i, o := range opts {
			out = append(out, choice{key: strconv.Itoa(i + 1), label: o.Text,
				status: assessment.StatusAnswered, value: assessment.String(o.ID)})
		}
	case assessment.KindMulti:
		for i, o := range it.Options {
			key := ""
			if i < 9 {
				key = strconv.Itoa(i + 1)
			}
			out = append(out, choice{key: key, label: o.Text, status: assessment.StatusAnswered, option: o.ID})
		}
		if it.Other {
			out = append(out, choice{key: "o", label: c.T("choice.other"), status: assessment.StatusAnswered, option: otherID})
		}
	default: // count and text are typed; the list holds only the two escapes
	}
	out = append(out,
		choice{key: "n", label: c.T("choice.na"), status: assessment.StatusNA},
		choice{key: "d", label: c.T("choice.unknown"), status: assessment.StatusUnknown})
	return out
}

// single reports whether the item takes one of its choices (a level, a
// rating, an option), picked by its key or by the cursor and enter.
func (e *editor) single() bool {
	switch e.it.Kind {
	case assessment.KindMaturity, assessment.KindSelfRating, assessment.KindBand, assessment.KindYesNo:
		return true
	}
	return false
}

// typing reports whether keys go into a text field rather than commands.
func (e *editor) typing() bool {
	if e.noteOn {
		return true
	}
	switch e.it.Kind {
	case assessment.KindText:
		return true
	case assessment.KindMulti:
		return e.choices[e.cursor].option == otherID
	}
	return false
}

// choosing: the item is answered by picking with keys, nothing typed (a
// number takes the keys as its text, separators included).
func (e *editor) choosing() bool {
	switch e.it.Kind {
	case assessment.KindCount, assessment.KindRatio:
		return false
	}
	return !e.typing()
}

// answer builds an answer of the item with the editor's note and flag.
func (e *editor) answer(status assessment.Status, v assessment.Value) *assessment.Answer {
	a := assessment.Answer{Item: e.it.ID, Status: status, Value: v,
		Note: assessment.CleanText(e.note.Value(), false), Develop: e.develop}
	if status == assessment.StatusAnswered && e.it.Kind == assessment.KindMulti && e.ticked[otherID] {
		a.Other = assessment.CleanText(e.input.Value(), false)
	}
	return &a
}

// pending is the answer the editor holds that differs from the saved one,
// if any: what leaving the item must save. A field left empty, or nothing
// ticked, is no answer: leaving keeps the saved one (only enter clears it,
// see emptied).
func (e *editor) pending() *assessment.Answer {
	var a *assessment.Answer
	switch e.it.Kind {
	case assessment.KindMulti:
		if len(e.ticked) == 0 {
			return nil
		}
		a = e.multiAnswer()
	case assessment.KindCount, assessment.KindText:
		v := strings.TrimSpace(e.input.Value())
		if v == "" {
			return nil
		}
		a = e.typedAnswer() // typed over a "don't know" too: the typing wins
	default:
		return nil // a choice is given by enter or its key, never by moving
	}
	if a == nil || (e.saved != nil && sameAnswer(*a, *e.saved)) {
		return nil
	}
	return a
}

func sameAnswer(a, b assessment.Answer) bool {
	return a.Item == b.Item && a.Status == b.Status && a.Value.Equal(b.Value) &&
		a.Other == b.Other && a.Note == b.Note && a.Develop == b.Develop
}

func (e *editor) multiAnswer() *assessment.Answer {
	ids := []string{}
	for _, o := range e.it.Options {
		if e.ticked[o.ID] {
			ids = append(ids, o.ID)
		}
	}
	return e.answer(assessment.StatusAnswered, assessment.List(ids))
}

func (e *editor) typedAnswer() *assessment.Answer {
	v := strings.TrimSpace(e.input.Value())
	if e.it.Kind == assessment.KindText {
		return e.answer(assessment.StatusAnswered, assessment.String(assessment.CleanText(v, true)))
	}
	n, err := assessment.ParseCount(v, e.c.loc.Lang())
	if err != nil {
		return nil
	}
	return e.answer(assessment.StatusAnswered, assessment.Number(n))
}

// typedRefusal says why the count typed is none (assessment.ParseCount);
// nil when it is one, or nothing is typed.
func (e *editor) typedRefusal() error {
	v := strings.TrimSpace(e.input.Value())
	if e.it.Kind != assessment.KindCount || v == "" {
		return nil
	}
	_, err := assessment.ParseCount(v, e.c.loc.Lang())
	return err
}

// keys are the bindings of the editor's state, kept per session in common.keySets.
func (e *editor) keys() questionKeys {
	if k := e.c.keySets[e.keySet()]; k != nil {
		return *k
	}
	return newQuestionKeys(e.c, e)
}

// keepKeys makes the bindings of the current state once per session;
// keys works without it, only slower.
func (e *editor) keepKeys() {
	if set := e.keySet(); e.c.keySets[set] == nil {
		if e.c.keySets == nil {
			e.c.keySets = map[questionKeySet]*questionKeys{}
		}
		k := newQuestionKeys(e.c, e)
		e.c.keySets[set] = &k
	}
}

// keySet is what the editor's bindings depend on.
func (e *editor) keySet() questionKeySet {
	return questionKeySet{lang: e.c.loc.Lang(), kind: e.it.Kind, choices: len(e.choices), typing: e.typing(),
		pending: e.pending() != nil}
}

// key handles a key press on the item.
func (e *editor) key(msg tea.KeyPressMsg) (editResult, tea.Cmd) {
	defer e.keepKeys() // the key may have changed the typing state
	k := msg.String()
	if e.noteOn {
		switch k {
		case "enter":
			e.noteOn = false
			e.note.Blur()
			e.note.SetValue(assessment.CleanText(e.note.Value(), false))
			return e.resave(), nil
		case "esc":
			e.noteOn = false
			e.note.Blur()
			if e.saved != nil {
				e.note.SetValue(e.saved.Note)
			}
			return editResult{handled: true}, nil
		}
		var cmd tea.Cmd
		e.note, cmd = e.note.Update(msg)
		return editResult{handled: true}, cmd
	}

	keys := e.keys() // the same bindings the help is made from
	switch {
	case matches(msg, keys.NA):
		return editResult{save: e.answer(assessment.StatusNA, assessment.Value{}), advance: true, handled: true}, nil
	case matches(msg, keys.Unknown):
		return editResult{save: e.answer(assessment.StatusUnknown, assessment.Value{}), advance: true, handled: true}, nil
	case matches(msg, keys.Help):
		e.help = !e.help
		return editResult{handled: true}, nil
	case matches(msg, keys.Note):
		e.noteOn = true
		return editResult{handled: true}, e.note.Focus()
	case matches(msg, keys.Develop):
		e.develop = !e.develop
		return e.resave(), nil
	}

	switch e.it.Kind {
	case assessment.KindCount:
		return e.countKey(msg)
	case assessment.KindText:
		return e.textKey(msg)
	case assessment.KindMulti:
		return e.multiKey(msg)
	}
	return e.choiceKey(msg, keys), nil
}

// resave saves the answer again after its note or flag changed; an item
// not answered yet keeps them until it is.
func (e *editor) resave() editResult {
	if e.saved == nil {
		return editResult{handled: true}
	}
	a := *e.saved
	a.Note, a.Develop = assessment.CleanText(e.note.Value(), false), e.develop
	return editResult{save: &a, handled: true}
}

// move moves the cursor; from none (-1), down goes to the first choice
// and up to the last.
func (e *editor) move(k string) bool {
	switch k {
	case "up", "k":
		e.cursor = (max(e.cursor, 0) + len(e.choices) - 1) % len(e.choices)
	case "down", "j":
		e.cursor = (e.cursor + 1) % len(e.choices)
	case "home":
		e.cursor = 0
	case "end":
		e.cursor = len(e.choices) - 1
	default:
		return false
	}
	return true
}

func (e *editor) pick(ch choice) editResult {
	return editResult{save: e.answer(ch.status, ch.value), advance: true, handled: true}
}

func (e *editor) choiceKey(msg tea.KeyPressMsg, keys questionKeys) editResult {
	k := msg.String()
	if matches(msg, keys.Move) && e.move(k) {
		return editResult{handled: true}
	}
	if matches(msg, keys.Choose) {
		if e.cursor < 0 { // nothing chosen yet: an impatient enter answers nothing
			return editResult{hint: e.c.T("question.choosefirst", "Keys", keys.answerKeys()), handled: true}
		}
		return e.pick(e.choices[e.cursor])
	}
	for i, ch := range e.choices {
		if ch.key == k {
			e.cursor = i
			return e.pick(ch)
		}
	}
	return editResult{}
}

func (e *editor) multiKey(msg tea.KeyPressMsg) (editResult, tea.Cmd) {
	k := msg.String()
	cur := e.choices[e.cursor]
	if k == "up" || k == "down" || (!e.typing() && e.move(k)) {
		e.move(k)
		if e.typing() {
			return editResult{handled: true}, e.input.Focus()
		}
		e.input.Blur()
		return editResult{handled: true}, nil
	}
	toggle := func(ch choice) editResult {
		if ch.status != assessment.StatusAnswered {
			return e.pick(ch)
		}
		e.ticked[ch.option] = !e.ticked[ch.option]
		if !e.ticked[ch.option] {
			delete(e.ticked, ch.option)
		}
		e.keepNoneAlone(ch.option)
		return editResult{handled: true}
	}
	switch k {
	case "enter":
		if cur.status != assessment.StatusAnswered { // not applicable or don't know, chosen
			clear(e.ticked)
			return e.pick(cur), nil
		}
		if len(e.ticked) == 0 { // never an empty answer: "none of these" is an option of its own
			if e.saved != nil && e.saved.Status == assessment.StatusAnswered {
				return e.emptied(), nil // everything unticked, then enter: as an emptied number
			}
			return editResult{hint: e.c.T("question.tickone"), handled: true}, nil
		}
		return editResult{save: e.multiAnswer(), advance: true, handled: true}, nil
	case "space", "x":
		if !e.typing() {
			return toggle(cur), nil
		}
	}
	if e.typing() {
		if k == "space" && e.input.Value() == "" {
			return editResult{handled: true}, nil // a text does not start with a blank (it was counted, unseen)
		}
		var cmd tea.Cmd
		before := e.input.Value()
		e.input, cmd = e.input.Update(msg)
		if v := strings.TrimSpace(e.input.Value()); v != before {
			if v == "" {
				delete(e.ticked, otherID)
			} else {
				e.ticked[otherID] = true
				e.keepNoneAlone(otherID)
			}
		}
		return editResult{handled: true}, cmd
	}
	for i, ch := range e.choices {
		if ch.key == k {
			e.cursor = i
			if ch.option == otherID {
				return editResult{handled: true}, e.input.Focus()
			}
			return toggle(ch), nil
		}
	}
	return editResult{}, nil
}

func (e *editor) countKey(msg tea.KeyPressMsg) (editResult, tea.Cmd) {
	k := msg.String()
	switch {
	case k == "enter":
		if strings.TrimSpace(e.input.Value()) == "" {
			return e.emptied(), nil
		}
		if err := e.typedRefusal(); err != nil {
			return editResult{refused: err, handled: true}, nil
		}
		return editResult{save: e.typedAnswer(), advance: true, handled: true}, nil
	case len(k) == 1 && strings.Contains("0123456789.,", k), k == "space", // digits, and the marks that group them
		k == "backspace", k == "delete", k == "left", k == "right":
		var cmd tea.Cmd
		e.input, cmd = e.input.Update(msg)
		return editResult{handled: true}, cmd
	}
	return editResult{}, nil
}

// emptied is enter on a typed field left empty, or on a multi item with
// nothing ticked: it clears a number, text or ticks given before (the
// screen showed them), never a not applicable or a don't know, and goes on.
func (e *editor) emptied() editResult {
	clear := e.saved != nil && e.saved.Status == assessment.StatusAnswered
	return editResult{clear: clear, advance: true, handled: true}
}

func (e *editor) textKey(msg tea.KeyPressMsg) (editResult, tea.Cmd) {
	if msg.String() == "enter" {
		if strings.TrimSpace(e.input.Value()) == "" {
			return e.emptied(), nil
		}
		return editResult{save: e.typedAnswer(), advance: true, handled: true}, nil
	}
	var cmd tea.Cmd
	e.input, cmd = e.input.Update(msg)
	return editResult{handled: true}, cmd
}

// view renders the focused item; focusLine is the line to keep on screen.
func (e *editor) view(number string, width int) (lines []string, focusLine int) {
	s := e.c.styles
	if e.title != nil && e.titleFor == (titleKey{number, width, e.c.styles.dark}) {
		lines = append(lines, e.title...)
	} else {
		lines = append(lines, e.titleLines(number, width)...)
	}
	indent := "    "
	if e.help {
		for _, l := range wrap(e.it.Help, width-len(indent)) {
			lines = append(lines, indent+s.dim.Render(l))
		}
	}
	typed := e.it.Kind == assessment.KindCount || e.it.Kind == assessment.KindText
	if typed {
		label := e.c.T("input.number")
		if e.it.Kind == assessment.KindText {
			label = e.c.T("input.text")
		}
		focusLine = len(lines)
		lines = append(lines, indent+label+" "+s.accent.Render("[")+e.input.View()+s.accent.Render("]"))
	}
	for i, ch := range e.choices {
		mark := "  "
		if i == e.cursor {
			mark = s.cursor.Render("› ")
			if !typed {
				focusLine = len(lines)
			}
		}
		box := ""
		if e.it.Kind == assessment.KindMulti && ch.status == assessment.StatusAnswered {
			box = "[ ] "
			if e.ticked[ch.option] {
				box = "[x] "
			}
		} else if e.saved != nil && e.saved.Status == ch.status &&
			(ch.status != assessment.StatusAnswered || ch.value.Equal(e.saved.Value)) {
			box = "(•) "
		} else {
			box = "( ) "
		}
		key := ""
		if ch.key != "" {
			key = s.key.Render(ch.key) + " "
		}
		label := ch.label
		if i == e.cursor {
			label = s.selected.Render(label)
		}
		head := indent[:2] + mark + box + key
		text := label
		if ch.detail != "" {
			text += s.dim.Render(" – " + ch.detail)
		}
		if ch.option == otherID {
			text += e.c.T("punct.colon") + e.input.View() // French puts a space before the colon
		}
		lines = append(lines, wrapIndent(head, text, width)...)
	}
	var extras []string
	if e.develop {
		extras = append(extras, s.accent.Render("★ "+e.c.T("develop.on")))
	}
	if e.noteOn {
		label := e.c.T("note.label") + " "
		count := fmt.Sprintf(" %d/%d", len([]rune(e.note.Value())), assessment.MaxNoteLen)
		if _, under := e.noteRoom(width); under { // narrow: the field goes under its label
			lines = append(lines, indent+label)
			label = ""
		}
		lines = append(lines, indent+label+e.note.View()+s.dim.Render(count))
		focusLine = len(lines) - 1
	} else if n := e.note.Value(); n != "" {
		extras = append(extras, s.dim.Render("✎ "+n))
	}
	if len(extras) > 0 && e.saved == nil {
		extras = append(extras, s.dim.Render("("+e.c.T("note.pending")+")"))
	}
	if len(extras) > 0 {
		lines = append(lines, wrapIndent(indent, strings.Join(extras, "  "), width)...)
	}
	if e.it.Kind == assessment.KindText || (e.it.Kind == assessment.KindMulti && e.ticked[otherID]) {
		lines = append(lines, indent+s.dim.Render(fmt.Sprintf("%d/%d", len([]rune(e.input.Value())), e.input.CharLimit)))
	}
	return lines, focusLine
}

// resize fits the fields to a screen width: Update's job, as a text
// field scrolls its text to its width as keys come.
// titleLines is the question under its number, wrapped to width.
func (e *editor) titleLines(number string, width int) []string {
	s := e.c.styles
	return wrapIndent(s.cursor.Render("▸ "+number+" "), s.bold.Render(e.it.Text), width)
}

// keepTitle wraps the question once for the screen's width.
func (e *editor) keepTitle(number string, width int) {
	e.title, e.titleFor = e.titleLines(number, width), titleKey{number, width, e.c.styles.dark}
}

func (e *editor) resize(width int) {
	label := e.c.T("input.number")
	if e.it.Kind == assessment.KindText {
		label = e.c.T("input.text")
	}
	room := max(10, width-4-lipgloss.Width(label)-4)
	if e.it.Kind == assessment.KindCount {
		room = min(room, 12)
	}
	e.input.SetWidth(room)
	if e.it.Kind == assessment.KindMulti { // "Other" sits after its label
		e.input.SetWidth(max(10, width-20))
	}
	room, _ = e.noteRoom(width)
	e.note.SetWidth(room)
	// The field shows room+1 cells and cuts a longer example bare, up to
	// the count: "…una scuola part 0/500". Cut here, it ends on an
	// ellipsis with a blank cell before the count's own.
	e.note.Placeholder = truncate(e.c.T("note.placeholder"), room)
	// The fields scroll their text to the new width at once.
	e.input.SetCursor(e.input.Position())
	e.note.SetCursor(e.note.Position())
}

// noteRoom is the width of the note field, and whether it goes under its
// label for want of room.
func (e *editor) noteRoom(width int) (int, bool) {
	const count = 8 // " 500/500"
	label := lipgloss.Width(e.c.T("note.label")) + 1
	if room := width - 4 - label - count - 2; room >= 10 {
		return room, false
	}
	return max(1, width-4-count-2), true
}

// restore gives an item not answered yet the note and flag kept for it.
func (e *editor) restore(w *walk) {
	if d, ok := w.drafts[e.it.ID]; ok && e.saved == nil {
		e.note.SetValue(d.note)
		e.develop = d.develop
	}
}

// keepDraft keeps the note and flag of an item not answered yet, so moving
// away loses neither.
func (e *editor) keepDraft(w *walk) {
	if e.saved == nil && !e.noteOn {
		w.keep(e.it.ID, assessment.CleanText(e.note.Value(), false), e.develop)
	}
}
