package tui

import (
	"errors"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/digint/digint/assessment"
	actionplan "github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/assessment/safe"
)

// The action plan, line by line: the same steps as the Plan screen (keep
// the proposal, add actions and areas, mark actions done, remove, carry
// over the earlier plan's open actions), each change saved before it is
// said to be.

// planSteps offers to make or change the plan of a, after its results.
func (p *plain) planSteps(a *assessment.Assessment) error {
	c := p.c
	for {
		line, err := p.ask(c.T("acc.plan.offer"))
		if errors.Is(err, io.EOF) || errors.Is(err, errQuit) || (err == nil && skips(line)) {
			return nil // no plan now: the results stand
		}
		if err != nil {
			return err
		}
		if yes(c, line) {
			break
		}
		// Anything else (a number typed out of habit) is asked again,
		// saying what is expected.
		p.say("%s", c.T("acc.plan.offer.again"))
	}
	r := assessment.Score(c.bank, a)
	subject := personPlan{a: a, r: r}
	pl, made, err := c.store.Plan(bg(), a.ID)
	if err != nil {
		p.say("%s", c.errorLine(err))
		return nil
	}
	if !made {
		pl = actionplan.Plan{Focus: actionplan.Propose(c.bank, a, r)}
		p.say("%s", c.T(subject.proposedKey()))
	}
	earlier := p.earlierPlan(a, r)
	for {
		p.sayPlan(pl)
		steps := planStepKeys(pl)
		if !made {
			steps = append(steps, "acc.plan.keep")
		}
		if earlier != nil && actionplan.Uncarried(*earlier, pl) > 0 {
			steps = append(steps, "acc.plan.carry")
		}
		steps = append(steps, "acc.plan.finish")
		labels := make([]string, len(steps))
		for i, k := range steps {
			// Its own words, not the Plan screen's key labels: a menu's
			// entries all in one form ("Conservare", not "conserva").
			labels[i] = c.T(k)
		}
		n, err := p.choose(c.T("acc.menu"), labels)
		if err != nil {
			return err
		}
		if steps[n] == "acc.plan.finish" {
			return nil
		}
		next, changed, err := p.planStep(steps[n], subject, pl, earlier)
		if err != nil {
			return err
		}
		if !changed || made && reflect.DeepEqual(next.Focus, pl.Focus) { // an edit that kept every field
			continue
		}
		saved, err := c.store.SavePlan(bg(), a.ID, next)
		if err != nil {
			p.say("%s", sentence(c.T("plan.state.notsaved"))+c.T("punct.colon")+safe.Line(c.why(err)))
			continue
		}
		pl, made = saved, true
		p.say("%s", sentence(c.T("plan.state.saved"))+".")
	}
}

// skips tells whether an answer to a yes-or-skip question skips: Enter, or
// n or no.
func skips(line string) bool {
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "", "n", "no":
		return true
	}
	return false
}

// planStepKeys are the steps that apply to pl, told apart by their text
// keys, never by their words: actions are added to an area, and changed,
// marked or removed once there are some.
func planStepKeys(pl actionplan.Plan) []string {
	var steps []string
	if len(pl.Focus) > 0 {
		steps = append(steps, "acc.plan.addaction")
	}
	if slices.ContainsFunc(pl.Focus, hasActions) {
		steps = append(steps, "acc.plan.editaction", "acc.plan.toggle", "acc.plan.removeaction")
	}
	steps = append(steps, "acc.plan.addfocus")
	if len(pl.Focus) > 0 {
		steps = append(steps, "acc.plan.remove")
	}
	return steps
}

func hasActions(f actionplan.Focus) bool { return len(f.Actions) > 0 }

// planStep carries out one chosen step (its text key) on a copy of the
// plan.
func (p *plain) planStep(step string, subject personPlan, pl actionplan.Plan, earlier *actionplan.Plan) (actionplan.Plan, bool, error) {
	c := p.c
	next := actionplan.Plan{Focus: append([]actionplan.Focus(nil), pl.Focus...)}
	switch step {
	case "acc.plan.keep":
		return next, true, nil
	case "acc.plan.carry":
		carried, dropped := actionplan.CarryOver(c.bank, *earlier, next, subject.a, subject.r)
		if dropped > 0 {
			p.say("%s", c.N("plan.dropped", dropped))
		}
		return carried, true, nil
	case "acc.plan.addfocus":
		var opts []actionplan.Focus
		var names []string
		have := map[string]bool{}
		for _, f := range next.Focus {
			have[f.Key()] = true
		}
		for _, f := range subject.areas(c.bank) {
			if !have[f.Key()] {
				f = subject.describe(c.bank, f)
				opts = append(opts, f)
				names = append(names, p.areaName(f))
			}
		}
		if len(next.Focus) >= actionplan.MaxFocus || len(opts) == 0 {
			p.say("%s", c.T("plan.err.too_many", "Max", actionplan.MaxFocus))
			return next, false, nil
		}
		i, err := p.chooseInPlan(c.T("plan.choose.title"), names)
		if i < 0 || err != nil {
			return next, false, err
		}
		next.Focus = append(next.Focus, opts[i])
		return next, true, nil
	}
	if len(next.Focus) == 0 {
		p.say("%s", c.T("plan.nothing"))
		return next, false, nil
	}
	// An action's change is asked of the areas that have actions.
	onAction := step != "acc.plan.remove" && step != "acc.plan.addaction"
	var names []string
	var areas []int
	for i, f := range next.Focus {
		if !onAction || hasActions(f) {
			names = append(names, p.areaName(f))
			areas = append(areas, i)
		}
	}
	if len(areas) == 0 {
		p.say("%s", c.T("plan.noactions"))
		return next, false, nil
	}
	k, err := p.chooseInPlan(c.T("acc.plan.which"), names)
	if k < 0 || err != nil {
		return next, false, err
	}
	i := areas[k]
	f := &next.Focus[i]
	f.Actions = append([]actionplan.Action(nil), f.Actions...)
	switch step {
	case "acc.plan.remove": // asked once more, as the wizard's x is pressed twice
		sure, err := p.ask(c.T("acc.plan.removeconfirm", "Area", names[k]))
		if err != nil || !yes(c, sure) {
			return next, false, err
		}
		next.Focus = append(next.Focus[:i:i], next.Focus[i+1:]...)
		return next, true, nil
	case "acc.plan.addaction":
		act, err := p.askAction(i+1, *f, actionplan.Action{})
		if errors.Is(err, errBackToPlan) {
			return next, false, nil
		}
		if err != nil {
			return next, false, err
		}
		f.Actions = append(f.Actions, act)
		return next, true, nil
	}
	j, err := p.chooseAction(f)
	if j < 0 || err != nil {
		return next, false, err
	}
	switch step {
	case "acc.plan.toggle":
		f.Actions[j].Done = !f.Actions[j].Done
	case "acc.plan.editaction":
		if f.Actions[j], err = p.askAction(i+1, *f, f.Actions[j]); err != nil {
			return next, false, err // never errBackToPlan: an action has what it does
		}
	case "acc.plan.removeaction":
		sure, err := p.ask(c.T("acc.plan.removeactionconfirm", "Action", safe.Line(f.Actions[j].What)))
		if err != nil || !yes(c, sure) {
			return next, false, err
		}
		f.Actions = append(f.Actions[:j:j], f.Actions[j+1:]...)
	}
	return next, true, nil
}

// chooseAction asks which action of f; -1 when it has none, or on Enter
// (back to the plan's menu).
func (p *plain) chooseAction(f *actionplan.Focus) (int, error) {
	if len(f.Actions) == 0 {
		p.say("%s", p.c.T("plan.noactions"))
		return -1, nil
	}
	var acts []string
	for _, a := range f.Actions {
		acts = append(acts, safe.Line(a.What))
	}
	return p.chooseInPlan(p.c.T("acc.plan.whichaction"), acts)
}

// askAction asks an action's fields one by one, starting from was (empty
// for a new action); each is checked as it is given and asked again with
// what is wrong. A field that has a value keeps it on Enter, and "-"
// clears it; Enter at the first field while it is empty (a new action)
// goes back to the plan's menu, errBackToPlan. Last, what it draws on is
// chosen among the area's guideline and modules, as on the Plan screen.
func (p *plain) askAction(focus int, area actionplan.Focus, was actionplan.Action) (actionplan.Action, error) {
	c := p.c
	a := was
	fields := []struct {
		name string
		now  string
		set  func(string) string // the problem with the value, "" when fine
	}{
		{"what", a.What, func(s string) string { a.What = s; return p.actionProblem(a, was.Due, focus, "what") }},
		{"lead", a.Lead, func(s string) string { a.Lead = s; return p.actionProblem(a, was.Due, focus, "lead") }},
		{"due", a.Due, func(s string) string { a.Due = s; return p.actionProblem(a, was.Due, focus, "due") }},
		{"indicator", a.Indicator, func(s string) string { a.Indicator = s; return p.actionProblem(a, was.Due, focus, "indicator") }},
		{"baseline", numberText(a.Baseline), func(s string) string { return numberInto(c, &a.Baseline, s) }},
		{"target", numberText(a.Target), func(s string) string { return numberInto(c, &a.Target, s) }},
	}
	for i, f := range fields {
		if f.now != "" {
			p.say("%s", c.T("acc.plan.current", "Value", safe.Line(f.now)))
		}
		back := i == 0 && f.now == "" // nothing typed yet: Enter leaves
		for {
			prompt := c.T("plan.field." + f.name)
			if f.name == "due" { // the form the screen shows in the empty field
				prompt += " " + c.T("plan.field.due.hint")
			}
			if back {
				prompt += " " + c.T("acc.plan.back")
			}
			line, err := p.ask(prompt)
			if err != nil {
				return a, err
			}
			value := assessment.CleanText(line, false)
			switch {
			case back && value == "":
				return was, errBackToPlan
			case value == "" && f.now != "":
				value = f.now
			case value == "-":
				value = ""
			}
			problem := f.set(value)
			if problem == "" {
				break
			}
			p.say("%s", problem)
		}
	}
	var err error
	a.DrawsOn, err = p.askSource(area, a.DrawsOn)
	return a, err
}

// errBackToPlan leaves a step of the plan for its menu, nothing changed.
var errBackToPlan = errors.New("back to the plan")

// askSource asks what an action draws on: a number from the list, Enter
// keeping what it drew on (nothing, for a new action), "-" nothing.
func (p *plain) askSource(area actionplan.Focus, was string) (string, error) {
	c := p.c
	sources := append([]string{""}, actionplan.Sources(area)...)
	p.say("%s", c.T("plan.field.source"))
	for i, s := range sources {
		title := c.T("plan.field.nosource")
		if s != "" {
			title = actionplan.SourceTitle(c.text, s)
		}
		p.say("  %d. %s", i+1, title)
	}
	if was != "" {
		p.say("%s", c.T("acc.plan.current", "Value", actionplan.SourceTitle(c.text, was)))
	}
	for {
		line, err := p.ask(c.T("acc.number"))
		switch n, bad := strconv.Atoi(line); {
		case err != nil || line == "":
			return was, err
		case line == "-":
			return "", nil
		case bad == nil && n >= 1 && n <= len(sources):
			return sources[n-1], nil
		case len(sources) == 1:
			p.say("%s", c.T("acc.badnumber.one"))
		default:
			p.say("%s", c.T("acc.badnumber", "Min", 1, "Max", len(sources)))
		}
	}
}

// actionProblem is what is wrong with one field of an action, in words;
// wasDue is its month before the edit, which may have passed.
func (p *plain) actionProblem(a actionplan.Action, wasDue string, focus int, field string) string {
	if field != "what" && a.What == "" {
		a.What = "-" // checked already; only this field counts here
	}
	err := errors.Join(actionplan.CheckAction(p.c.bank, a, focus, 1), actionplan.CheckGivenDue(a, wasDue, p.c.now(), focus, 1))
	for _, e := range unwrapAll(err) {
		var fe *actionplan.FieldError
		if errors.As(e, &fe) && fe.Field == field {
			return fieldProblem(p.c, fe)
		}
	}
	return ""
}

func numberInto(c *common, dst **float64, s string) string {
	x, ok := actionplan.ParseIndicatorValue(s)
	if !ok {
		return c.T("plan.err.not_number")
	}
	*dst = x
	return ""
}

func (p *plain) areaName(f actionplan.Focus) string {
	c := p.c
	return c.T("plan.focus."+string(f.Kind), "Name", actionplan.Subject(c.text, f)) + " (" + c.focusScore(f) + ")"
}

// sayPlan reads the plan out: each area, what serves it, its actions.
func (p *plain) sayPlan(pl actionplan.Plan) {
	c := p.c
	p.say("")
	p.say("%s", c.T("plan.title")+".")
	if len(pl.Focus) == 0 {
		p.say("%s", c.T("plan.nothing"))
	}
	for i, f := range pl.Focus {
		p.say("%d. %s.", i+1, p.areaName(f))
		if g := actionplan.SourceTitle(c.text, f.Guideline); g != "" {
			p.say("%s.", c.T("plan.guideline", "Title", g))
		}
		if len(f.Actions) == 0 {
			p.say("%s", c.T("plan.noactions"))
		}
		for _, a := range f.Actions {
			state := ""
			if a.Done {
				state = " (" + c.T("plan.action.done") + ")"
			}
			p.say("- %s%s.", actionSummary(c, a), state)
		}
	}
}

// earlierPlan says how the previous assessment's plan moved, and returns
// it for carrying over; nil when there is none (or on a shared laptop).
func (p *plain) earlierPlan(a *assessment.Assessment, r assessment.Result) *actionplan.Plan {
	c := p.c
	if c.shared() {
		return nil
	}
	prev, err := c.store.Previous(bg(), a)
	if err != nil || prev == nil {
		return nil
	}
	ep, ok, err := c.store.Plan(bg(), prev.ID)
	if err != nil || !ok {
		return nil
	}
	p.say("%s", c.T("plan.earlier"))
	for _, mv := range actionplan.Review(c.bank, ep, a, r) {
		line := c.T("plan.moved", "Name", actionplan.Subject(c.text, mv.Focus), "Then", c.score(mv.Then), "Now", c.score(mv.Now))
		if n := len(mv.Open); n > 0 {
			line += ", " + c.N("plan.open", n)
		}
		p.say("%s.", line)
	}
	return &ep
}

// sentence is s with a capital first letter, as a line of its own reads.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
