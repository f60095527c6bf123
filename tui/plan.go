package tui

import (
	"errors"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/assessment"
	actionplan "github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/assessment/safe"
)

// The plan screen: the focus areas of the action plan with their actions,
// changed in place; every change is saved at once, and shown as saved only
// when its transaction has committed.

type planScreen struct {
	subject planSubject
	person  *personPlan // nil for a workshop's plan
	// standalone: the screen is the whole program (a workshop's plan);
	// esc leaves it rather than going back to the results.
	standalone bool
	plan       actionplan.Plan
	made       bool // the plan was saved before; else it is the proposal
	// earlier is the plan of the person's previous assessment, if any,
	// with how its focus areas moved.
	earlier      *actionplan.Plan
	moves        []actionplan.Movement
	cursor       int
	form         *actionForm
	choose       *focusChooser
	removeArmed  bool // x pressed once: a second x removes
	pending      int  // saves not yet committed
	saveErr      error
	droppedCarry int
}

// planRow is a line the cursor can be on: a focus area (action < 0), one of
// its actions, or (focus == len) "add a focus area".
type planRow struct{ focus, action int }

const rowHeader, rowAdd = -1, -2

func (p *planScreen) rows() []planRow {
	var rows []planRow
	for i, f := range p.plan.Focus {
		rows = append(rows, planRow{i, rowHeader})
		for j := range f.Actions {
			rows = append(rows, planRow{i, j})
		}
		rows = append(rows, planRow{i, rowAdd})
	}
	return append(rows, planRow{len(p.plan.Focus), rowAdd})
}

// moveTo puts the cursor on a row, if it is there.
func (p *planScreen) moveTo(r planRow) {
	for i, x := range p.rows() {
		if x == r {
			p.cursor = i
		}
	}
}

func (p *planScreen) row() planRow {
	rows := p.rows()
	return rows[min(p.cursor, len(rows)-1)]
}

type planKeyMap struct {
	Up, Down, Edit, Add, Done, Remove, AddFocus, Keep, Carry, Back key.Binding
}

func newPlanKeys(c *common) planKeyMap {
	return planKeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑↓", c.T("key.move"))),
		Down:     key.NewBinding(key.WithKeys("down", "j")),
		Edit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", c.T("plan.key.edit"))),
		Add:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", c.T("plan.key.add"))),
		Done:     key.NewBinding(key.WithKeys("space"), key.WithHelp("space", c.T("plan.key.done"))),
		Remove:   key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", c.T("plan.key.remove"))),
		AddFocus: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", c.T("plan.key.addfocus"))),
		Keep:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", c.T("plan.key.keep"))),
		Carry:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", c.T("plan.key.carry"))),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", c.T("plan.key.back"))),
	}
}

type planLoadedMsg struct {
	a       *assessment.Assessment
	plan    actionplan.Plan
	made    bool
	earlier *actionplan.Plan
	moves   []actionplan.Movement
	err     error
	unread  bool // the plan itself could not be read: nothing to show or save over
}

// openPlan loads the plan of the assessment on the results screen, or
// proposes one, with the previous assessment's plan to check.
func (m *Model) openPlan() tea.Cmd {
	store, bank, a, r := m.c.store, m.c.bank, m.results.a, m.results.r
	kiosk := !m.c.opts.ownList()
	// Read once the saves queued before are stored: a plan left and opened
	// again at once would show (and then save) it without its last edit.
	stored := m.c.saver.do(markerKey, func() error { return nil })
	return tea.Sequence(stored, m.c.forTurn(func() tea.Msg {
		msg := planLoadedMsg{a: a}
		p, made, err := store.Plan(bg(), a.ID)
		if err != nil {
			msg.err, msg.unread = err, true
			return msg
		}
		if !made {
			p = actionplan.Plan{Focus: actionplan.Propose(bank, a, r)}
		}
		msg.plan, msg.made = p, made
		if kiosk { // a shared laptop looks up nobody's earlier work
			return msg
		}
		prev, err := store.Previous(bg(), a)
		if err != nil || prev == nil {
			msg.err = err
			return msg
		}
		if ep, ok, err := store.Plan(bg(), prev.ID); err == nil && ok {
			msg.earlier, msg.moves = &ep, actionplan.Review(bank, ep, a, r)
		}
		return msg
	}))
}

func (m *Model) showPlan(msg planLoadedMsg) {
	if m.results == nil || msg.a.ID != m.results.a.ID {
		return // the user has moved on
	}
	m.clearStatus() // the results' last message ("exported to …") is not the plan's
	if msg.err != nil {
		m.setError(msg.err)
	}
	if msg.unread {
		return // an empty plan kept here would replace the stored one
	}
	person := &personPlan{a: msg.a, r: m.results.r}
	m.plan = &planScreen{subject: *person, person: person, plan: msg.plan, made: msg.made, earlier: msg.earlier, moves: msg.moves}
	m.screen = screenPlan
}

// savePlan stores the plan as it is now; the screen says "saving" until
// the store has committed it.
func (m *Model) savePlan() tea.Cmd {
	p := m.plan
	p.pending++
	store, subject, body := m.c.store, p.subject, p.plan
	save := m.c.saver.do(planKey, func() error { return subject.save(store, body) })
	return func() tea.Msg { return planSavedMsg{screen: p, err: save().(savedMsg).err} }
}

// planSavedMsg tells the plan screen that asked for a save its outcome.
type planSavedMsg struct {
	screen *planScreen
	err    error
}

// planSaved takes a plan save's outcome to the screen that asked for it,
// if it is still open (another plan's is not this one's).
func (m *Model) planSaved(msg planSavedMsg) {
	p, err := m.plan, msg.err
	if p == nil || p != msg.screen {
		return
	}
	p.pending = max(0, p.pending-1)
	p.saveErr = err
	if err == nil && p.pending == 0 {
		p.made = true
	}
}

func (m *Model) updatePlan(msg tea.Msg) tea.Cmd {
	p := m.plan
	key, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case p.form != nil:
		return m.updateActionForm(key)
	case p.choose != nil:
		return m.updateChooser(key)
	}
	k := p.keysHere(m.c)
	armed := p.removeArmed
	p.removeArmed = false
	if armed && !keyMatches(key, k.Remove) {
		return nil // any other key keeps what the first x named, and does nothing else
	}
	rows := p.rows()
	r := p.row()
	switch {
	case keyMatches(key, k.Up):
		p.cursor = (p.cursor + len(rows) - 1) % len(rows)
	case keyMatches(key, k.Down):
		p.cursor = (p.cursor + 1) % len(rows)
	case keyMatches(key, k.Back) && p.standalone:
		return m.quit()
	case keyMatches(key, k.Back):
		m.screen = screenResults
	case keyMatches(key, k.AddFocus):
		m.openChooser()
	case keyMatches(key, k.Add):
		p.form = newActionForm(m.c, p.plan.Focus[r.focus], r.focus, -1)
	case keyMatches(key, k.Edit):
		p.form = newActionForm(m.c, p.plan.Focus[r.focus], r.focus, r.action)
	case keyMatches(key, k.Done):
		a := &p.plan.Focus[r.focus].Actions[r.action]
		a.Done = !a.Done
		return m.savePlan()
	case keyMatches(key, k.Remove):
		if !armed {
			p.removeArmed = true
			return nil
		}
		m.removeRow(r)
		return m.savePlan()
	case keyMatches(key, k.Keep):
		return m.savePlan()
	case keyMatches(key, k.Carry):
		p.plan, p.droppedCarry = actionplan.CarryOver(m.c.bank, *p.earlier, p.plan, p.person.a, p.person.r)
		return m.savePlan()
	}
	return nil
}

func keyMatches(k tea.KeyPressMsg, b key.Binding) bool { return key.Matches(k, b) }

// keysHere are the plan's keys, enabled as far as they act on the row
// under the cursor: the help shows those, and only those match.
func (p *planScreen) keysHere(c *common) planKeyMap {
	k := newPlanKeys(c)
	r := p.row()
	inArea := r.focus < len(p.plan.Focus)
	switch {
	case !inArea: // "+ add a focus area": enter adds one, as f does
		k.AddFocus = key.NewBinding(key.WithKeys("f", "enter"), key.WithHelp("enter/f", c.T("plan.key.addfocus")))
		k.Edit.SetEnabled(false)
	case r.action == rowAdd: // "+ add an action": enter adds one, as a does
		k.Add = key.NewBinding(key.WithKeys("a", "enter"), key.WithHelp("enter/a", c.T("plan.key.add")))
		k.Edit.SetEnabled(false)
	case r.action == rowHeader:
		k.Edit.SetEnabled(false)
	}
	k.Add.SetEnabled(inArea)
	k.Done.SetEnabled(r.action >= 0)
	k.Remove.SetEnabled(inArea && r.action != rowAdd)
	k.Keep.SetEnabled(!p.made)
	k.Carry.SetEnabled(p.canCarry())
	if p.standalone { // no results behind it: esc leaves the program
		k.Back.SetHelp("esc", c.T("key.quit"))
	}
	return k
}

// confirmRemoval is what the second x will remove, in words.
func (p *planScreen) confirmRemoval(c *common) string {
	r := p.row()
	if r.action >= 0 {
		return c.T("plan.confirmremove.action")
	}
	if n := len(p.plan.Focus[r.focus].Actions); n > 0 {
		return c.N("plan.confirmremove.withactions", n)
	}
	return c.T("plan.confirmremove")
}

// canCarry tells whether an earlier plan has open actions this one lacks.
func (p *planScreen) canCarry() bool {
	return p.earlier != nil && actionplan.Uncarried(*p.earlier, p.plan) > 0
}

// removeRow removes an action, or a whole focus area from its header.
func (m *Model) removeRow(r planRow) {
	p := m.plan
	f := &p.plan.Focus[r.focus]
	if r.action >= 0 {
		f.Actions = append(f.Actions[:r.action:r.action], f.Actions[r.action+1:]...)
	} else {
		p.plan.Focus = append(p.plan.Focus[:r.focus:r.focus], p.plan.Focus[r.focus+1:]...)
	}
	p.cursor = min(p.cursor, len(p.rows())-1)
}

func (m *Model) planView() string {
	c, s, w := m.c, m.c.styles, m.c.width
	p := m.plan
	if p.form != nil {
		return m.actionFormView()
	}
	if p.choose != nil {
		return m.chooserView()
	}
	state := c.T("plan.state.proposed")
	switch {
	case p.saveErr != nil:
		state = s.err.Render("✗ " + c.T("plan.state.notsaved"))
	case p.pending > 0:
		state = s.warn.Render(c.T("plan.state.saving", "Count", p.pending))
	case p.made:
		state = s.ok.Render("✓ " + c.T("plan.state.saved"))
	}
	// The title and whether the plan is saved stay in sight, however long
	// the earlier plan's review above the list.
	head := []string{spread(s.title.Render(c.T("plan.title")), state, w)}
	if p.saveErr != nil {
		head = append(head, wrap(s.err.Render(c.T("status.error", "Error", safe.Line(c.why(p.saveErr)))), w)...)
	}
	var lines []string
	if !p.made {
		lines = append(lines, wrap(s.dim.Render(c.T(p.subject.proposedKey())), w)...)
	}
	lines = append(lines, m.earlierPlanLines(w)...)
	lines = append(lines, "")
	focus := 0
	rows := p.rows()
	for i, r := range rows {
		mark := "  "
		if i == p.cursor {
			mark = s.cursor.Render("› ")
			focus = len(lines)
		}
		lines = append(lines, m.planRowLines(r, mark, i == p.cursor, w)...)
	}
	k := p.keysHere(c)
	help := m.keyHelp(w, helpPairs(m.c.loc, k.Up, k.Edit, k.Add, k.Done, k.Remove, k.AddFocus, k.Keep, k.Carry, k.Back)...)
	if p.removeArmed {
		help = append(wrap(s.warn.Render(p.confirmRemoval(c)), w), help...)
	}
	return m.pageUnder(head, lines, focus, help)
}

// planRowLines draws one row of the plan list.
func (m *Model) planRowLines(r planRow, mark string, here bool, w int) []string {
	c, s, p := m.c, m.c.styles, m.plan
	if r.focus == len(p.plan.Focus) {
		return []string{"", mark + s.accent.Render("+ "+c.T("plan.addfocus"))}
	}
	f := p.plan.Focus[r.focus]
	switch r.action {
	case rowHeader:
		num := strconv.Itoa(r.focus+1) + " "
		title := c.T("plan.focus."+string(f.Kind), "Name", actionplan.Subject(c.text, f))
		if here {
			num, title = s.selected.Render(num), s.selected.Render(title)
		}
		// The title's lines start under its first word, and its score
		// ("· score 50") is never split across two lines.
		score := strings.ReplaceAll(" · "+c.focusScore(f), " ", "\u00a0")[len("\u00a0"):]
		out := wrapIndent(mark+num, title+" "+s.dim.Render(score), w)
		var serves []string
		if g := actionplan.SourceTitle(c.text, f.Guideline); g != "" {
			serves = append(serves, c.T("plan.guideline", "Title", g))
		}
		if len(f.Modules) > 0 {
			var ts []string
			for _, id := range f.Modules {
				ts = append(ts, actionplan.SourceTitle(c.text, id))
			}
			serves = append(serves, c.T("plan.modules", "List", strings.Join(ts, c.T("punct.semicolon"))))
		}
		for _, sv := range serves {
			out = append(out, wrapIndent("    ", s.dim.Render(sv), w)...)
		}
		return out
	case rowAdd:
		return []string{mark + "    " + s.dim.Render("+ "+c.T("plan.addaction"))}
	}
	a := f.Actions[r.action]
	box := "☐ "
	if a.Done {
		box = s.ok.Render("☑ ")
	}
	return wrapIndent(mark+"  "+box, actionSummary(m.c, a), w)
}

func actionSummary(c *common, a actionplan.Action) string {
	parts := []string{safe.Line(a.What)}
	if a.Lead != "" {
		parts = append(parts, c.T("plan.action.lead", "Who", safe.Line(a.Lead)))
	}
	if a.Due != "" {
		parts = append(parts, c.T("plan.action.due", "Month", safe.Line(a.Due)))
	}
	if ind := indicatorText(c, a); ind != "" {
		parts = append(parts, ind)
	}
	if t := actionplan.SourceTitle(c.text, a.DrawsOn); t != "" {
		parts = append(parts, t)
	}
	return strings.Join(parts, " · ")
}

// indicatorText is "indicator from → to", as far as it is given.
func indicatorText(c *common, a actionplan.Action) string {
	ind := safe.Line(a.Indicator)
	if a.Target != nil {
		from := "?"
		if a.Baseline != nil {
			from = c.loc.Number(*a.Baseline)
		}
		ind = strings.TrimSpace(ind + " " + from + " → " + c.loc.Number(*a.Target))
	}
	return ind
}

// earlierPlanLines show how the previous assessment's focus areas moved.
func (m *Model) earlierPlanLines(w int) []string {
	c, s, p := m.c, m.c.styles, m.plan
	if p.earlier == nil {
		return nil
	}
	lines := []string{"", s.bold.Render(truncate(c.T("plan.earlier"), w))}
	for _, mv := range p.moves {
		change := ""
		if mv.Change != nil {
			change = " (" + signed(c, *mv.Change) + ")"
		}
		line := c.T("plan.moved", "Name", actionplan.Subject(c.text, mv.Focus), "Then", c.score(mv.Then), "Now", c.score(mv.Now)) + change
		if n := len(mv.Open); n > 0 {
			line += " · " + c.N("plan.open", n)
		}
		lines = append(lines, wrapIndent("  ", line, w)...)
	}
	if p.droppedCarry > 0 {
		lines = append(lines, s.warn.Render(truncate(c.N("plan.dropped", p.droppedCarry), w)))
	}
	return lines
}

func signed(c *common, v float64) string {
	if v > 0 {
		return "+" + c.loc.Number(v)
	}
	return c.loc.Number(v)
}

// The action form: one action's fields, typed in place.

type actionForm struct {
	focus, action int // action −1: a new one
	inputs        []textinput.Model
	sources       []string // what the action may draw on; "" first
	source        int
	at            int // the field with the cursor; len(inputs) is the source
	errs          map[string]string
}

var actionFields = []struct {
	name  string
	limit int
}{{"what", actionplan.MaxWhatLen}, {"lead", actionplan.MaxLeadLen}, {"due", 7}, {"indicator", actionplan.MaxIndicatorLen}, {"baseline", 12}, {"target", 12}}

func newActionForm(c *common, f actionplan.Focus, focus, action int) *actionForm {
	form := &actionForm{focus: focus, action: action, sources: append([]string{""}, actionplan.Sources(f)...), errs: map[string]string{}}
	var a actionplan.Action
	if action >= 0 {
		a = f.Actions[action]
	}
	values := []string{a.What, a.Lead, a.Due, a.Indicator, numberText(a.Baseline), numberText(a.Target)}
	for i, fl := range actionFields {
		in := newTextInput(fl.limit)
		in.SetValue(values[i])
		if fl.name == "due" {
			in.Placeholder = c.T("plan.field.due.hint")
		}
		form.inputs = append(form.inputs, in)
	}
	for i, s := range form.sources {
		if s == a.DrawsOn {
			form.source = i
		}
	}
	form.inputs[0].Focus()
	return form
}

func numberText(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

type formKeyMap struct {
	Next, Prev, Choose, Save, Cancel key.Binding
}

func newFormKeys(c *common) formKeyMap {
	return formKeyMap{
		Next:   key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", c.T("key.next"))),
		Prev:   key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", c.T("key.back"))),
		Choose: key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←→", c.T("key.choose"))),
		Save:   key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("enter", c.T("key.save"))),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", c.T("key.cancel"))),
	}
}

func (m *Model) updateActionForm(k tea.KeyPressMsg) tea.Cmd {
	f := m.plan.form
	keys := newFormKeys(m.c)
	n := len(f.inputs) + 1
	move := func(to int) { f.focusOn((to + n) % n) }
	switch {
	case key.Matches(k, keys.Cancel):
		m.plan.form = nil
	case key.Matches(k, keys.Next):
		move(f.at + 1)
	case key.Matches(k, keys.Prev):
		move(f.at - 1)
	case key.Matches(k, keys.Save):
		return m.submitAction()
	case f.at == len(f.inputs) && key.Matches(k, keys.Choose):
		step := 1
		if k.String() == "left" {
			step = len(f.sources) - 1
		}
		f.source = (f.source + step) % len(f.sources)
	case f.at < len(f.inputs):
		before := f.inputs[f.at].Value()
		var cmd tea.Cmd
		f.inputs[f.at], cmd = f.inputs[f.at].Update(k)
		if f.inputs[f.at].Value() != before { // what was wrong is being mended
			delete(f.errs, actionFields[f.at].name)
		}
		return cmd
	}
	return nil
}

// focusOn puts the cursor on field i (len(inputs): what it draws on).
// typed tells whether anything was typed in the form.
func (f *actionForm) typed() bool {
	for _, in := range f.inputs {
		if strings.TrimSpace(in.Value()) != "" {
			return true
		}
	}
	return false
}

func (f *actionForm) focusOn(i int) {
	if f.at < len(f.inputs) {
		f.inputs[f.at].Blur()
	}
	f.at = i
	if f.at < len(f.inputs) {
		f.inputs[f.at].Focus()
	}
}

// submitAction checks the form; a good action goes into the plan and is
// saved, a bad one keeps the form open with each field's problem.
func (m *Model) submitAction() tea.Cmd {
	p, f := m.plan, m.plan.form
	a, errs := f.read(m.c)
	if len(errs) == 0 {
		clean := actionplan.Clean(actionplan.Plan{Focus: []actionplan.Focus{{Actions: []actionplan.Action{a}}}}).Focus[0].Actions[0]
		was := actionplan.Action{}
		if f.action >= 0 {
			was = p.plan.Focus[f.focus].Actions[f.action]
			clean.Done = was.Done
		}
		err := errors.Join(actionplan.CheckAction(m.c.bank, clean, f.focus+1, 1),
			actionplan.CheckGivenDue(clean, was.Due, m.c.now(), f.focus+1, 1))
		if err != nil {
			var fe *actionplan.FieldError
			for _, e := range unwrapAll(err) {
				if errors.As(e, &fe) {
					errs[fe.Field] = fieldProblem(m.c, fe)
				}
			}
		}
		a = clean
	}
	if len(errs) > 0 {
		f.errs = errs
		for i, fl := range actionFields { // the cursor goes to the first field to mend
			if errs[fl.name] != "" {
				f.focusOn(i)
				break
			}
		}
		return nil
	}
	focus := &p.plan.Focus[f.focus]
	at := f.action
	if at < 0 {
		focus.Actions = append(focus.Actions, a)
		at = len(focus.Actions) - 1
	} else {
		focus.Actions[at] = a // Done kept: the form does not show it
	}
	p.form = nil
	p.moveTo(planRow{f.focus, at})
	return m.savePlan()
}

// unwrapAll lists the errors joined in err, however deep; none for nil.
func unwrapAll(err error) []error {
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		if err == nil {
			return nil
		}
		return []error{err}
	}
	var out []error
	for _, e := range j.Unwrap() {
		out = append(out, unwrapAll(e)...)
	}
	return out
}

// read takes the action from the form; numbers that do not parse are named.
func (f *actionForm) read(c *common) (actionplan.Action, map[string]string) {
	errs := map[string]string{}
	v := func(i int) string { return strings.TrimSpace(f.inputs[i].Value()) }
	a := actionplan.Action{What: v(0), Lead: v(1), Due: v(2), Indicator: v(3), DrawsOn: f.sources[f.source]}
	for i, dst := range []**float64{&a.Baseline, &a.Target} {
		if x, ok := actionplan.ParseIndicatorValue(v(4 + i)); ok {
			*dst = x
		} else {
			errs[actionFields[4+i].name] = c.T("plan.err.not_number")
		}
	}
	return a, errs
}

func fieldProblem(c *common, fe *actionplan.FieldError) string {
	return c.T("plan.err."+fe.Reason, "Max", fe.Max, "Now", c.now().Format("2006-01"))
}

func (m *Model) actionFormView() string {
	c, s, w := m.c, m.c.styles, m.c.width
	p, f := m.plan, m.plan.form
	focus := p.plan.Focus[f.focus]
	lines := []string{s.title.Render(truncate(c.T("plan.form.title"), w))}
	lines = append(lines, wrap(s.dim.Render(c.T("plan.focus."+string(focus.Kind), "Name", actionplan.Subject(c.text, focus))), w)...)
	lines = append(lines, "")
	cursorLine := 0
	for i, fl := range actionFields {
		mark := "  "
		if i == f.at {
			mark = s.cursor.Render("› ")
			cursorLine = len(lines)
		}
		lines = append(lines, mark+s.bold.Render(truncate(c.T("plan.field."+fl.name), w-2)))
		in := f.inputs[i]
		in.SetWidth(max(8, w-6))
		lines = append(lines, "    "+in.View())
		if e := f.errs[fl.name]; e != "" {
			lines = append(lines, wrapIndent("    ", s.err.Render("✗ "+e), w)...)
		}
	}
	mark := "  "
	if f.at == len(f.inputs) {
		mark = s.cursor.Render("› ")
		cursorLine = len(lines)
	}
	src := c.T("plan.field.nosource")
	if id := f.sources[f.source]; id != "" {
		src = actionplan.SourceTitle(c.text, id)
	}
	lines = append(lines, mark+s.bold.Render(truncate(c.T("plan.field.source"), w-2)), "    ‹ "+truncate(src, max(4, w-8))+" ›")
	keys := newFormKeys(c)
	keys.Choose.SetEnabled(f.at == len(f.inputs))
	return m.page(lines, cursorLine, m.keyHelp(w, helpPairs(m.c.loc, keys.Next, keys.Prev, keys.Choose, keys.Save, keys.Cancel)...))
}

// The focus chooser: any competence, matrix cell or asked item not in the
// plan yet.

type focusChooser struct {
	options []actionplan.Focus
	cursor  int
}

func (m *Model) openChooser() {
	p, b := m.plan, m.c.bank
	if len(p.plan.Focus) >= actionplan.MaxFocus {
		m.status, m.statusErr = m.c.T("plan.err.too_many", "Max", actionplan.MaxFocus), true
		return
	}
	have := map[string]bool{}
	for _, f := range p.plan.Focus {
		have[f.Key()] = true
	}
	var opts []actionplan.Focus
	for _, f := range p.subject.areas(b) {
		if !have[f.Key()] {
			opts = append(opts, p.subject.describe(b, f))
		}
	}
	p.choose = &focusChooser{options: opts}
}

func (m *Model) updateChooser(k tea.KeyPressMsg) tea.Cmd {
	p, ch := m.plan, m.plan.choose
	n := len(ch.options)
	keys := m.chooserKeys()
	switch {
	case matches(k, keys.Move) && (k.String() == "up" || k.String() == "k"):
		ch.cursor = (ch.cursor + n - 1) % max(1, n)
	case matches(k, keys.Move):
		ch.cursor = (ch.cursor + 1) % max(1, n)
	case matches(k, keys.Cancel):
		p.choose = nil
	case matches(k, keys.Confirm):
		if n == 0 {
			p.choose = nil
			return nil
		}
		p.plan.Focus = append(p.plan.Focus, ch.options[ch.cursor])
		p.choose = nil
		p.moveTo(planRow{len(p.plan.Focus) - 1, rowAdd})
		return m.savePlan()
	}
	return nil
}

func (m *Model) chooserKeys() stepKeys {
	return newStepKeys(m.c, m.c.T("plan.key.addthis"), m.c.T("key.cancel"), true)
}

func (m *Model) chooserView() string {
	c, s, w := m.c, m.c.styles, m.c.width
	ch := m.plan.choose
	lines := []string{s.title.Render(truncate(c.T("plan.choose.title"), w)), ""}
	focus := 0
	for i, f := range ch.options {
		mark := "  "
		if i == ch.cursor {
			mark = s.cursor.Render("› ")
			focus = len(lines)
		}
		label := c.T("plan.focus."+string(f.Kind), "Name", actionplan.Subject(c.text, f))
		lines = append(lines, mark+truncate(label+s.dim.Render(" · "+c.focusScore(f)), w-2))
	}
	help := m.helpLines(w, 0, m.chooserKeys().help()...)
	return m.page(lines, focus, help)
}
