package tui

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// The accessible flow asks the same questions, one line at a time, with
// numbered choices a screen reader can follow; every answer is saved as it
// is given, as in the full-screen wizard.

type plain struct {
	c      *common
	m      *Model // its walk and exit note
	in     *bufio.Scanner
	out    io.Writer
	behind bool // an answer was not stored when said; say when all are
}

// errQuit ends the accessible flow at the user's request.
var errQuit = fmt.Errorf("quit")

// RunAccessible runs the wizard as plain questions and answers.
func RunAccessible(o Options, in io.Reader, out io.Writer) error {
	m, err := New(o)
	if err != nil {
		return err
	}
	p := &plain{c: m.c, m: m, in: bufio.NewScanner(in), out: out}
	p.in.Buffer(make([]byte, 64*1024), 64*1024)
	err = p.run()
	if err != nil && err != errQuit && err != io.EOF {
		m.Close()
		return err
	}
	p.leave()
	return m.Err()
}

// leave waits for the saves (saying how many are left) and says what the
// store holds, and what was not saved.
func (p *plain) leave() {
	sv, m := p.c.saver, p.m
	if n := sv.state().waiting; n > 0 {
		p.say("%s", p.c.N("saving.quitting", n))
	}
	msg := leftMsg{unsaved: sv.stop(drainLimit)}
	if m.walk != nil {
		msg.stored, msg.err = p.c.store.Assessment(bg(), m.walk.a.ID)
	}
	m.left(msg)
	p.say("%s", m.exitNote) // what was not saved is the error returned
}

// accWait is how long an answer may take to be stored before the flow
// says it is not stored yet and goes on.
const accWait = time.Second

// store queues a write of an item and says whether it is stored; one not
// stored in time goes on in the background, in order.
func (p *plain) store(w *walk, item string, fn func(context.Context) error) {
	sv := p.c.saver
	j := sv.enqueue(saveKey(w.a.ID, item), fn)
	select {
	case <-j.done:
		if j.err != nil {
			p.say("%s", p.c.T("status.error", "Error", j.err.Error()))
			return
		}
		p.say("%s", p.c.T("acc.savedone"))
	case <-time.After(accWait):
		p.behind = true
		if err := sv.state().err; err != nil {
			p.say("%s", p.c.T("acc.saving.wait", "Error", err.Error()))
		} else {
			p.say("%s", p.c.N("saving.pending", sv.state().waiting))
		}
	}
}

// caughtUp says once that every answer said to be pending is stored now.
func (p *plain) caughtUp() {
	if st := p.c.saver.state(); p.behind && st.waiting == 0 {
		p.behind = false
		if st.refused == 0 {
			p.say("%s", p.c.T("acc.saving.caughtup"))
		}
	}
}

// keepDraft keeps a note and flag given to an item not answered yet, and
// stores them when they changed.
func (p *plain) keepDraft(w *walk, ed *editor) {
	item := ed.it.ID
	before := w.drafts[item]
	ed.keepDraft(w)
	if d := w.drafts[item]; d != before && !w.answered(item) {
		wr, id := p.c.writes, w.a.ID
		sd := storage.Draft{Note: d.note, Develop: d.develop}
		p.store(w, item, func(ctx context.Context) error { return wr.SaveDraft(ctx, id, item, sd) })
	}
}

func (p *plain) say(format string, args ...any) { fmt.Fprintf(p.out, format+"\n", args...) }

// ask prints a prompt and reads one line; "q" quits anywhere.
func (p *plain) ask(prompt string) (string, error) {
	fmt.Fprint(p.out, prompt+" ")
	if !p.in.Scan() {
		if err := p.in.Err(); err != nil {
			return "", err
		}
		return "", io.EOF
	}
	line := strings.TrimSpace(p.in.Text())
	if line == "q" {
		return "", errQuit
	}
	return line, nil
}

// choose lists numbered options and returns the index picked.
func (p *plain) choose(title string, options []string) (int, error) {
	p.say("%s", title)
	for i, o := range options {
		p.say("  %d. %s", i+1, o)
	}
	for {
		line, err := p.ask(p.c.T("acc.number"))
		if err != nil {
			return 0, err
		}
		if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(options) {
			return n - 1, nil
		}
		p.say("%s", p.c.T("acc.badnumber", "Max", len(options)))
	}
}

func (p *plain) run() error {
	c := p.c
	p.say("%s", c.T("welcome.title"))
	p.say("%s", c.T("welcome.intro"))
	p.say("%s", c.T("acc.howto"))
	unfinished, err := listOwn(c, storage.Filter{Unfinished: true, Limit: maxResume})
	if err != nil {
		return err
	}
	options := []string{c.T("welcome.new")}
	for _, u := range unfinished[:min(maxResume, len(unfinished))] {
		who := u.Participant.Name
		if who == "" {
			who = c.T("welcome.anonymous")
		}
		role := u.Participant.Role
		if r, ok := c.text.Role(role); ok {
			role = r.Title
		}
		options = append(options, c.T("welcome.resume", "Who", who, "Role", role,
			"Done", u.Answered, "Total", u.Asked, "When", ago(c, c.now().Sub(u.UpdatedAt))))
	}
	pick, err := p.choose(c.T("acc.menu"), options)
	if err != nil {
		return err
	}
	var a *assessment.Assessment
	if pick == 0 {
		if a, err = p.start(); err != nil {
			return err
		}
	} else if a, err = c.store.Assessment(bg(), unfinished[pick-1].ID); err != nil {
		return err
	} else if a.Language != c.loc.Lang() && i18n.Supported(a.Language) {
		// An assessment goes on in the language it was started in.
		if err := c.setLanguage(a.Language); err != nil {
			return err
		}
	}
	w := newWalk(c.text, a)
	p.m.walk = w
	if drafts, err := c.store.Drafts(bg(), a.ID); err == nil {
		for item, d := range drafts {
			w.drafts[item] = draft{note: d.Note, develop: d.Develop}
		}
	}
	w.firstOpen("")
	if err := p.questions(w); err != nil {
		return err
	}
	store := c.store
	p.store(w, "", func(ctx context.Context) error { return store.Complete(ctx, a.ID) })
	p.results(assessment.Score(c.bank, w.assessment()))
	p.say("\n%s", c.T("acc.done", "ID", a.ID))
	return nil
}

func (p *plain) start() (*assessment.Assessment, error) {
	c := p.c
	name, err := p.ask(c.T("start.name") + strings.TrimRight(c.T("punct.colon"), " "))
	if err != nil {
		return nil, err
	}
	var roles []string
	for _, r := range c.text.Roles {
		roles = append(roles, r.Title)
	}
	role, err := p.choose(c.T("start.role"), roles)
	if err != nil {
		return nil, err
	}
	inst, err := p.ask(c.T("start.institution") + strings.TrimRight(c.T("punct.colon"), " "))
	if err != nil {
		return nil, err
	}
	mode, err := p.choose(c.T("start.mode"), []string{
		c.T("start.mode.quick", "Count", len(c.bank.Asked(assessment.ModeQuick))),
		c.T("start.mode.full", "Count", len(c.bank.Asked(assessment.ModeFull)))})
	if err != nil {
		return nil, err
	}
	return c.store.Start(bg(), storage.NewAssessment{
		Participant: assessment.Participant{Name: name, Role: c.bank.Roles[role].ID, Institution: inst},
		Language:    c.loc.Lang(), Mode: []assessment.Mode{assessment.ModeQuick, assessment.ModeFull}[mode],
		Workshop: c.opts.Workshop, Key: c.opts.Key})
}

// questions walks the items in order until the end of the path.
func (p *plain) questions(w *walk) error {
	c := p.c
	section := ""
	for {
		it := w.item()
		if it.Section != section {
			section = it.Section
			sec, _ := c.text.Section(section)
			p.say("\n== %s ==\n%s", sec.Title, sec.Purpose)
		}
		p.caughtUp()
		done, total := w.progress("")
		p.say("\n%s", c.T("acc.position", "Number", (&Model{c: c, walk: w}).sectionNumber(it), "Done", done, "Total", total))
		move, err := p.item(w, it)
		if err != nil {
			return err
		}
		ok := w.next()
		if move < 0 {
			ok = w.prev()
		}
		if !ok && move >= 0 {
			return nil
		}
	}
}

// item asks one item; it returns -1 to go back, else 1.
func (p *plain) item(w *walk, it *assessment.Item) (int, error) {
	c := p.c
	ed := newEditor(c, it, nil)
	if a, ok := w.answers[it.ID]; ok {
		ed = newEditor(c, it, &a)
		p.say("%s", c.T("acc.current", "Answer", c.summary(it, a)))
	}
	ed.restore(w)
	p.say("%s", it.Text)
	typed := it.Kind == assessment.KindCount || it.Kind == assessment.KindText
	for _, ch := range ed.choices {
		if ch.status != assessment.StatusAnswered {
			continue
		}
		text := ch.label
		if ch.detail != "" {
			text += " – " + ch.detail
		}
		p.say("  %s. %s", ch.key, text) // the same keys as on the full screen
	}
	if it.Kind != assessment.KindText {
		p.say("%s", c.T("acc.keys"))
	}
	switch {
	case it.Kind == assessment.KindText:
		p.say("%s", c.T("acc.text"))
	case it.Kind == assessment.KindMulti:
		hint := c.T("acc.multi")
		if it.Other {
			hint += " (o: " + c.T("choice.other") + ")"
		}
		p.say("%s", hint)
	case typed:
		p.say("%s", c.T("acc.typed"))
	}
	for {
		line, err := p.ask(">")
		if err != nil {
			return 0, err
		}
		var a *assessment.Answer
		command := strings.ToLower(line)
		if it.Kind == assessment.KindText && line != "" {
			// Any word can be a comment: here commands start with a slash,
			// and whatever else is typed is the answer (the default case).
			cmd, isCommand := strings.CutPrefix(command, "/")
			command = cmd
			if !isCommand {
				command = "/"
			}
		}
		switch command {
		case "":
			p.keepDraft(w, ed)
			return 1, nil // skip
		case "b":
			p.keepDraft(w, ed)
			return -1, nil
		case "h", "?":
			p.say("%s", it.Help)
			continue
		case "n":
			a = ed.answer(assessment.StatusNA, assessment.Value{})
		case "d":
			a = ed.answer(assessment.StatusUnknown, assessment.Value{})
		case "e":
			note, err := p.ask(c.T("note.label"))
			if err != nil {
				return 0, err
			}
			ed.note.SetValue(note)
			p.say("%s", c.T("acc.noted"))
			p.keepDraft(w, ed)
			continue
		case "t":
			ed.develop = !ed.develop
			p.say("%s", c.T("acc.develop", "On", ed.develop))
			p.keepDraft(w, ed)
			continue
		default:
			if a, err = p.parse(ed, it, line); err != nil {
				return 0, err
			}
			if a == nil {
				p.say("%s", c.T("acc.again"))
				continue
			}
		}
		clean := a.Clean()
		if err := c.bank.CheckAnswer(clean); err != nil {
			p.say("%s", c.T("status.error", "Error", err.Error()))
			continue
		}
		if share := shareConflict(c.bank, w.answers, clean); share != nil {
			p.say("%s", c.T("error.ratio", "N", share.N, "D", share.D))
			continue
		}
		w.set(clean)
		wr, id := c.writes, w.a.ID
		p.store(w, clean.Item, func(ctx context.Context) error { return wr.SaveAnswer(ctx, id, clean) })
		return 1, nil
	}
}

// parse reads an answer typed as numbers, a number or text; nil when it
// is not one (an error only when the person quits).
func (p *plain) parse(ed *editor, it *assessment.Item, line string) (*assessment.Answer, error) {
	switch it.Kind {
	case assessment.KindCount:
		if n, err := strconv.Atoi(line); err == nil && n >= 0 {
			return ed.answer(assessment.StatusAnswered, assessment.Number(n)), nil
		}
		return nil, nil
	case assessment.KindText:
		return ed.answer(assessment.StatusAnswered, assessment.String(line)), nil
	case assessment.KindMulti:
		ed.ticked = map[string]bool{}
		for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == ',' }) {
			ch, ok := answerChoice(ed, f)
			if !ok {
				return nil, nil
			}
			if ch.option != otherID {
				ed.ticked[ch.option] = true
				continue
			}
			other, err := p.ask(p.c.T("choice.other") + strings.TrimRight(p.c.T("punct.colon"), " "))
			if err != nil {
				return nil, err
			}
			if other == "" {
				return nil, nil
			}
			ed.input.SetValue(other)
			ed.ticked[otherID] = true
		}
		return ed.multiAnswer(), nil
	}
	ch, ok := answerChoice(ed, line)
	if !ok {
		return nil, nil
	}
	return ed.answer(assessment.StatusAnswered, ch.value), nil
}

// answerChoice finds the answer with the key typed.
func answerChoice(ed *editor, key string) (choice, bool) {
	for _, ch := range ed.choices {
		if ch.key == key && ch.status == assessment.StatusAnswered {
			return ch, true
		}
	}
	return choice{}, false
}

func (p *plain) results(r assessment.Result) {
	c := p.c
	m := &Model{c: c}
	p.say("\n== %s ==", c.T("results.title"))
	p.say("%s", c.T("results.overall", "Score", c.score(r.Overall)))
	for _, co := range r.Competences {
		gap := "–"
		if co.Gap != nil {
			gap = c.loc.Number(*co.Gap)
		}
		p.say("%s", c.T("acc.competence", "Competence", m.competenceTitle(co.ID), "Score", c.score(co.Score),
			"Target", c.loc.Number(co.Target), "Gap", gap))
	}
	if len(r.Recommendations) > 0 {
		p.say("\n%s", c.T("modules.intro"))
		for i, rec := range r.Recommendations[:min(5, len(r.Recommendations))] {
			for _, mod := range c.text.Modules() {
				if mod.ID == rec.Module {
					p.say("%d. %s", i+1, mod.Title)
				}
			}
			for _, rs := range rec.Reasons {
				p.say("   %s", c.T("modules.reason", "Competence", m.competenceTitle(rs.Competence), "Gap", c.loc.Number(rs.Gap)))
			}
		}
	}
}
