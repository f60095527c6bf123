package tui

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/assessment"
)

// startForm asks what starts an assessment: name, role, institution and
// mode, one field focused at a time. It is ours rather than huh's: huh
// built its fields anew and drew each of them twice on every key, which was
// a quarter of a served room's CPU while everyone filled it in. Here what a
// key does not change (titles, help, options, key help) is laid out when
// the form opens and when the size or background changes; a frame only
// joins those lines and draws the focused input.
type startForm struct {
	c      *common
	keys   startKeys
	fields []formField
	focus  int
	roles  []string          // the role of each option of the role field
	modes  []assessment.Mode // the mode of each option of the mode field

	// Laid out by layout, for the size and styles of c.
	title []string
	help  [][]string // the key help of each field
}

// formField is a text input or a choice among options.
type formField struct {
	title, desc string
	choice      bool
	input       textinput.Model // a text field's
	options     []string        // a choice's labels
	chosen      int
	err         string // why the value was refused, shown under the field

	// Laid out by layout.
	head, headOn []string   // title and description, unfocused and focused
	opts         [][]string // per option: not chosen, chosen, chosen and focused (rows of optRows)
	optRows      []int      // how many lines each option takes
	left, right  string     // the brackets around an input
	errLines     []string
}

// The start form's fields, in order.
const (
	fieldName = iota
	fieldRole
	fieldInstitution
	fieldMode
)

// Option lines of a choice: the chosen one is marked by words, not colour.
const (
	optPlain = iota
	optChosen
	optFocused
)

// startKeys are the form's keys; the help of each field is made of them.
type startKeys struct {
	Next, Choose, Start, Back, Up, Down, Cancel key.Binding
}

func newStartKeys(c *common) startKeys {
	return startKeys{
		Next:   bind([]string{"enter", "tab"}, "enter", c.T("key.next")),
		Choose: bind([]string{"enter", "tab"}, "enter", c.T("key.choose")),
		Start:  bind([]string{"enter"}, "enter", c.T("key.start")),
		Back:   bind([]string{"shift+tab"}, "shift+tab", c.T("key.back")),
		Up:     bind([]string{"up", "k"}, "↑", c.T("key.up")),
		Down:   bind([]string{"down", "j"}, "↓", c.T("key.down")),
		Cancel: bind([]string{"esc"}, "esc", c.T("key.cancel")),
	}
}

// formLimit bounds what a text field holds: past the allowed length, so a
// paste too long is kept to be shortened, and shown refused, not cut.
const formLimit = 4 * assessment.MaxNameLen

func newStartForm(c *common) *startForm {
	f := &startForm{c: c, keys: newStartKeys(c)}
	text := func(title, desc string) formField {
		in := newTextInput(formLimit)
		return formField{title: title, desc: desc, input: in}
	}
	role := formField{title: c.T("start.role"), choice: true}
	for _, r := range c.text.Roles {
		role.options = append(role.options, r.Title)
		f.roles = append(f.roles, r.ID)
	}
	mode := formField{title: c.T("start.mode"), choice: true, options: []string{
		c.T("start.mode.quick", "Count", c.bank.Questions(assessment.ModeQuick)),
		c.T("start.mode.full", "Count", c.bank.Questions(assessment.ModeFull)),
	}}
	f.modes = []assessment.Mode{assessment.ModeQuick, assessment.ModeFull}
	f.fields = []formField{
		text(c.T("start.name"), c.nameHelp()),
		role,
		text(c.T("start.institution"), c.T("start.institution.help")),
		mode,
	}
	f.fields[fieldName].input.Focus()
	f.layout()
	return f
}

// values are what the form holds.
func (f *startForm) values() startValues {
	return startValues{
		name:        f.fields[fieldName].input.Value(),
		institution: f.fields[fieldInstitution].input.Value(),
		role:        f.roles[f.fields[fieldRole].chosen],
		mode:        f.modes[f.fields[fieldMode].chosen],
	}
}

// formStep is what a message did to the form.
type formStep int

const (
	formGoing formStep = iota
	formDone
	formCancelled
)

// update takes a message: keys move between fields and choose, the rest
// goes to the focused input.
func (f *startForm) update(msg tea.Msg) (formStep, tea.Cmd) {
	fd := &f.fields[f.focus]
	last := f.focus == len(f.fields)-1
	k, isKey := msg.(tea.KeyPressMsg)
	switch {
	case isKey && matches(k, f.keys.Cancel):
		return formCancelled, nil
	case isKey && matches(k, f.keys.Back):
		if f.focus > 0 {
			f.move(f.focus - 1)
		}
	case isKey && last && matches(k, f.keys.Start):
		for i := range f.fields {
			if !f.check(i) {
				f.move(i)
				return formGoing, nil
			}
		}
		return formDone, nil
	case isKey && !last && matches(k, f.keys.Next):
		if f.check(f.focus) {
			f.move(f.focus + 1)
		}
	case isKey && fd.choice && matches(k, f.keys.Up):
		fd.chosen = max(0, fd.chosen-1)
	case isKey && fd.choice && matches(k, f.keys.Down):
		fd.chosen = min(len(fd.options)-1, fd.chosen+1)
	case !fd.choice:
		var cmd tea.Cmd
		fd.input, cmd = fd.input.Update(msg)
		if fd.err != "" { // shortened enough: the refusal goes
			f.check(f.focus)
		}
		return formGoing, cmd
	}
	return formGoing, nil
}

// check tells whether field i's value may be kept, and says why not under it.
func (f *startForm) check(i int) bool {
	fd := &f.fields[i]
	fd.err = ""
	if !fd.choice && utf8.RuneCountInString(strings.TrimSpace(fd.input.Value())) > assessment.MaxNameLen {
		fd.err = f.c.T("start.toolong", "What", fd.title, "Max", assessment.MaxNameLen)
	}
	f.layoutErr(fd)
	return fd.err == ""
}

// move focuses field i; only a focused input shows its cursor.
func (f *startForm) move(i int) {
	f.fields[f.focus].input.Blur()
	f.focus = i
	if !f.fields[i].choice {
		f.fields[i].input.Focus() // the cursor does not blink: no command
	}
}

// formWidth is the width the form is laid out in: lines short enough to
// read on a wide terminal.
func (f *startForm) formWidth() int { return max(10, min(f.c.width, 80)) }

// layout makes the lines that do not change with a key, for the current
// size, styles and language.
func (f *startForm) layout() {
	c, s, w := f.c, f.c.styles, f.formWidth()
	f.title = f.title[:0]
	for _, l := range wrap(c.T("start.title"), w) {
		f.title = append(f.title, s.title.Render(l))
	}
	f.title = append(f.title, "")
	f.help = f.help[:0]
	for i := range f.fields {
		fd := &f.fields[i]
		fd.head, fd.headOn = fd.head[:0], fd.headOn[:0]
		for j, l := range wrap(fd.title, w-2) {
			mark := "▸ "
			if j > 0 {
				mark = "  "
			}
			fd.head = append(fd.head, "  "+s.bold.Render(l))
			fd.headOn = append(fd.headOn, s.cursor.Render(mark+l))
		}
		if fd.desc != "" {
			for _, l := range wrap(fd.desc, w-2) {
				fd.head = append(fd.head, "  "+s.dim.Render(l))
			}
			fd.headOn = append(fd.headOn, fd.head[len(fd.headOn):]...)
		}
		if fd.choice {
			f.layoutOptions(fd, w)
		} else {
			fd.left, fd.right = "  "+s.accent.Render("["), s.accent.Render("]")
			fd.input.SetWidth(max(1, w-6)) // indent, brackets and the cursor past the end
			fd.input.SetCursor(fd.input.Position())
		}
		f.layoutErr(fd)
		f.help = append(f.help, keyHelp(s, c.width, helpPairs(c.loc, f.fieldKeys(i)...)))
	}
}

// layoutOptions makes each option's lines in its three looks.
func (f *startForm) layoutOptions(fd *formField, w int) {
	s := f.c.styles
	fd.opts, fd.optRows = fd.opts[:0], fd.optRows[:0]
	for _, label := range fd.options {
		var rows []string
		wrapped := wrap(label, w-8)
		for look, mark := range []string{"  ( ) ", "  (•) ", s.cursor.Render("› ") + "(•) "} {
			for j, l := range wrapped {
				switch {
				case j > 0:
					l = "        " + l
				case look == optPlain:
					l = "  " + mark + l
				default:
					l = "  " + mark + s.selected.Render(l)
				}
				rows = append(rows, l)
			}
		}
		fd.opts = append(fd.opts, rows)
		fd.optRows = append(fd.optRows, len(wrapped))
	}
}

func (f *startForm) layoutErr(fd *formField) {
	fd.errLines = fd.errLines[:0]
	if fd.err == "" {
		return
	}
	for _, l := range wrap("✗ "+fd.err, f.formWidth()-2) {
		fd.errLines = append(fd.errLines, "  "+f.c.styles.err.Render(l))
	}
}

// fieldKeys are the keys that work in field i, as its help shows them.
func (f *startForm) fieldKeys(i int) []key.Binding {
	k := f.keys
	var bs []key.Binding
	if f.fields[i].choice {
		bs = append(bs, k.Up, k.Down)
	}
	switch {
	case i == len(f.fields)-1:
		bs = append(bs, k.Start)
	case f.fields[i].choice:
		bs = append(bs, k.Choose)
	default:
		bs = append(bs, k.Next)
	}
	if i > 0 {
		bs = append(bs, k.Back)
	}
	return append(bs, k.Cancel)
}

// view is the form's lines and where the focused field is in them
// (first and last line), so that a short screen keeps it in sight.
func (f *startForm) view() (lines []string, first, last int) {
	lines = make([]string, 0, 32)
	lines = append(lines, f.title...)
	for i := range f.fields {
		fd := &f.fields[i]
		on := i == f.focus
		if i > 0 {
			lines = append(lines, "")
		}
		if on {
			first = len(lines)
			lines = append(lines, fd.headOn...)
		} else {
			lines = append(lines, fd.head...)
		}
		if fd.choice {
			for j, rows := range fd.opts {
				look := optPlain
				if j == fd.chosen {
					look = optChosen
					if on {
						look = optFocused
					}
				}
				n := fd.optRows[j]
				lines = append(lines, rows[look*n:(look+1)*n]...)
			}
		} else {
			lines = append(lines, fd.left+fd.input.View()+fd.right)
		}
		lines = append(lines, fd.errLines...)
		if on {
			last = len(lines) - 1
		}
	}
	return lines, first, last
}

// around picks at most height lines, as many from the top as can be while
// lines first to last show (from first when they take more than height).
func around(lines []string, first, last, height int) []string {
	if height <= 0 {
		return nil
	}
	start := min(max(0, last+1-height), first)
	return lines[start:min(len(lines), start+height)]
}
