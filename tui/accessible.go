package tui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/assessment/safe"
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
	// again reads the terminal anew after its end of input (ctrl+d),
	// where that is not the end of the kiosk; nil elsewhere.
	again func() *bufio.Scanner
	// tty is a kiosk's own terminal (nil elsewhere): the PIN is read from
	// it without echo, and its screen is cleared between participants.
	tty *os.File
	// personal: this participant was shown something of theirs (answers,
	// results, a code) that the next one must not find on the screen.
	personal bool
	// width tells the terminal's columns now, where out is one (else 0):
	// lines are broken between words there, not mid-word at its edge,
	// which a screen reader reading line by line says as two words.
	width func() int
	// interrupt is Options.Interrupt: ctrl+c read while a line is awaited
	// quits, and so does every prompt after it (interrupted); reading is
	// the line being read meanwhile. cut: a second one gave up the saves.
	interrupt        <-chan os.Signal
	interrupted, cut bool
	reading          chan bool
}

// errQuit ends the accessible flow at the user's request.
var errQuit = fmt.Errorf("quit")

// errClosedMidway ends a participant's questions: the facilitator closed
// the workshop and it takes no more answers.
var errClosedMidway = errors.New("workshop closed while answering")

// RunAccessible runs the wizard as plain questions and answers.
func RunAccessible(o Options, in io.Reader, out io.Writer) error {
	m, err := New(o)
	if err != nil {
		return err
	}
	lines := func() *bufio.Scanner {
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64*1024), 64*1024)
		return sc
	}
	p := &plain{c: m.c, m: m, in: lines(), out: out, width: o.Width, interrupt: o.Interrupt}
	if p.width == nil {
		p.width = terminalWidth(out)
	}
	if f, ok := in.(*os.File); ok && o.Policy == Kiosk && term.IsTerminal(f.Fd()) {
		// A shared laptop's keyboard: ctrl+c, ctrl+z and ctrl+d do not end
		// it; ctrl+d is taken as q (pause, or the PIN at the menu).
		defer keepTerminal()()
		p.again = lines
		if o, ok := out.(*os.File); ok && term.IsTerminal(o.Fd()) {
			p.tty = f
		}
	}
	err = p.askLanguage()
	if err == nil {
		err = p.run()
	}
	if err != nil && err != errQuit && err != io.EOF {
		m.Close()
		return err
	}
	p.leave()
	return m.Err()
}

// askLanguage lets someone whose language nothing told (a served session
// without LANG) choose it first, as the wizard's welcome does.
func (p *plain) askLanguage() error {
	c := p.c
	if !c.opts.AskLanguage || c.opts.ownList() {
		return nil
	}
	langs := i18n.Languages()
	names := make([]string, len(langs))
	for i, l := range langs {
		names[i] = l.Name
	}
	n, err := p.choose(c.T("welcome.language", "Language", languageName(c.loc.Lang())), names)
	if err != nil {
		return err
	}
	return c.setLanguage(langs[n].Tag)
}

// leave waits for the saves (saying how many are left) and says what the
// store holds, and what was not saved.
func (p *plain) leave() {
	p.drain()
	sv, m := p.c.saver, p.m
	msg := leftMsg{unsaved: sv.stop(cutWait)} // drained, cut, or waited for long enough
	m.held()(&msg)
	m.left(msg)
	p.say("%s", m.exitNote) // what was not saved is the error returned
}

// cutWait is how long a write under way may still take once a second
// ctrl+c gave up the saves, as on the full screen.
const cutWait = time.Second

// drain waits for the answers given to be stored, saying how many are
// left, up to drainLimit; ctrl+c meanwhile stops waiting: the saver gives
// up what is left, which leave names.
func (p *plain) drain() {
	sv := p.c.saver
	if n := sv.state().waiting; n > 0 && !p.cut {
		p.say("%s", p.c.N("saving.quitting", n))
	}
	p.await(drainLimit, func(ctx context.Context) {
		select {
		case <-waitFor(sv.flush()):
		case <-ctx.Done():
		}
	})
	if p.cut {
		sv.stop(0)
	}
}

// await runs fn, a last step of leaving, until it returns or limit passes
// (its context ends); ctrl+c meanwhile cuts the wait for it, and every
// await after it, to cutWait.
func (p *plain) await(limit time.Duration, fn func(context.Context)) {
	if p.cut {
		limit = cutWait
	}
	ctx, cancel := context.WithTimeout(bg(), limit)
	defer cancel()
	done := waitFor(func() tea.Msg { fn(ctx); return nil })
	select { // fn may go on aside past its time: the program is ending
	case <-done:
	case <-ctx.Done():
	case <-p.interrupt: // nil: never
		p.cut = true
		fmt.Fprintln(p.out) // after the terminal's "^C"
		select {
		case <-done:
		case <-time.After(cutWait):
		}
	}
}

// waitFor runs cmd aside; the channel closes once it returned.
func waitFor(cmd tea.Cmd) <-chan struct{} {
	done := make(chan struct{})
	go func() { cmd(); close(done) }()
	return done
}

// accWait is how long an answer may take to be stored before the flow
// says it is not stored yet and goes on.
const accWait = time.Second

// store queues a write of an item and says whether it is stored; one not
// stored in time goes on in the background, in order. It returns the
// refusal of a write refused at once.
func (p *plain) store(w *walk, item string, fn func(context.Context) error) error {
	err := p.commit(w, item, fn, p.c.T("acc.savedone"))
	if err != nil {
		p.say("%s", p.c.errorLine(err))
	}
	return err
}

// saveAnswer stores an answer as store does, and once it is stored says
// it back ("Saved: 2 Developing."): a screen reader's user hears what was
// taken. A refusal is left for the caller to say.
func (p *plain) saveAnswer(w *walk, it *assessment.Item, a assessment.Answer) error {
	wr, id := p.c.writes, w.a.ID
	done := p.c.T("acc.savedanswer", "Answer", strings.TrimSuffix(p.said(it, a), "."))
	return p.commit(w, a.Item, func(ctx context.Context) error { return wr.SaveAnswer(ctx, id, a) }, done)
}

// commit queues fn and waits for it; done is said once it is stored. A
// write that follows the answer the user was told is saved (the
// completion), with done "", says only what went wrong or is late.
func (p *plain) commit(w *walk, item string, fn func(context.Context) error, done string) error {
	sv := p.c.saver
	j := sv.enqueue(saveKey(w.a.ID, item), fn)
	select {
	case <-j.done:
		if j.err != nil {
			return j.err
		}
		if done != "" {
			p.say("%s", done)
		}
	case <-time.After(accWait):
		p.behind = true
		if err := sv.state().err; err != nil {
			p.say("%s", p.c.T("acc.saving.wait", "Error", p.c.cause(err)))
		} else {
			p.say("%s", p.c.N("saving.pending", sv.state().waiting))
		}
	}
	return nil
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

func (p *plain) say(format string, args ...any) {
	fmt.Fprint(p.out, p.fit(fmt.Sprintf(format, args...))+"\n")
}

// fit breaks each line of s wider than the terminal between words, its
// continuation under the line's indent; off a terminal s is left whole.
func (p *plain) fit(s string) string {
	if p.width == nil {
		return s
	}
	return fitLines(s, p.width())
}

// terminalWidth tells the columns of out now where it is a terminal (a
// window resized between two lines is followed), else 0.
func terminalWidth(out io.Writer) func() int {
	f, ok := out.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return func() int { return 0 }
	}
	return func() int {
		w, _, _ := term.GetSize(f.Fd())
		return w
	}
}

// ask prints a prompt and reads one line; "q" quits anywhere, and so
// does ctrl+c where the caller hands it over (Options.Interrupt).
func (p *plain) ask(prompt string) (string, error) {
	fmt.Fprint(p.out, p.fit(prompt)+" ")
	read, err := p.scan()
	if err != nil {
		fmt.Fprintln(p.out) // the terminal's "^C" ends the prompt's line
		return "", err
	}
	if !read {
		if err := p.in.Err(); err != nil {
			return "", err
		}
		if p.again != nil {
			p.in = p.again()
			fmt.Fprintln(p.out)
			return "", errQuit
		}
		return "", io.EOF
	}
	line := strings.TrimSpace(p.in.Text())
	if line == "q" {
		return "", errQuit
	}
	return line, nil
}

// scan reads the next line as p.in.Scan does; errQuit once an interrupt
// comes first. The line is read aside, so that the wait can end; a line
// being read when it does is left to the next scan.
func (p *plain) scan() (bool, error) {
	switch {
	case p.interrupt == nil:
		return p.in.Scan(), nil
	case p.interrupted:
		return false, errQuit
	case p.reading == nil:
		read, in := make(chan bool, 1), p.in
		go func() { read <- in.Scan() }()
		p.reading = read
	}
	select {
	case ok := <-p.reading:
		p.reading = nil
		return ok, nil
	case <-p.interrupt:
		p.interrupted = true
		return false, errQuit
	}
}

// choose lists numbered options and returns the index picked.
func (p *plain) choose(title string, options []string) (int, error) {
	return p.pick(title, options, false)
}

// chooseInPlan is choose for a step of the plan: an empty line (Enter)
// goes back to the plan's menu, -1, as its prompt says.
func (p *plain) chooseInPlan(title string, options []string) (int, error) {
	return p.pick(title, options, true)
}

func (p *plain) pick(title string, options []string, back bool) (int, error) {
	p.say("%s", title)
	for i, o := range options {
		p.say("  %d. %s", i+1, o)
	}
	prompt := p.c.T("acc.number")
	if back {
		prompt = p.c.T("acc.plan.number")
	}
	for {
		line, err := p.ask(prompt)
		if err != nil {
			return 0, err
		}
		if back && line == "" {
			return -1, nil
		}
		if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(options) {
			return n - 1, nil
		}
		if len(options) == 1 {
			p.say("%s", p.c.T("acc.badnumber.one"))
		} else {
			p.say("%s", p.c.T("acc.badnumber", "Min", 1, "Max", len(options)))
		}
	}
}

func (p *plain) run() error {
	c := p.c
	p.say("%s", c.T("welcome.title"))
	if c.shared() && c.opts.WorkshopTitle != "" { // which room this is, as the screens' title says
		p.say("%s", c.T("kiosk.workshop", "Title", safe.Line(c.opts.WorkshopTitle)))
	}
	p.say("%s", c.intro())
	p.say("%s", c.T("acc.howto"))
	if c.opts.Policy != Kiosk { // one person: at their terminal, or served
		return p.session()
	}
	// A shared laptop: one person after another, until the facilitator's PIN.
	for {
		err := p.session()
		switch {
		case errors.Is(err, errLeave):
			return nil
		case errors.Is(err, io.EOF) || errors.Is(err, context.Canceled):
			return err // nobody left to ask
		case err != nil && !errors.Is(err, errQuit):
			// One participant's trouble never opens the laptop: it is
			// said, and the next one starts.
			p.say("%s", c.errorLine(err))
		}
		p.handOver()
	}
}

// hold takes the assessment for this session (holds.go) and keeps it
// renewed until stop, which lets go of it; held is false when another
// session has it open. A store that cannot say refuses nothing.
func (p *plain) hold(id string) (stop func(), held bool) {
	store, holder := p.c.store, p.c.holds.holder
	if ok, err := store.Hold(bg(), id, holder); err == nil && !ok {
		return nil, false
	}
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(holdRenew)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				store.Renew(bg(), id, holder)
			case <-done:
				return
			}
		}
	}()
	return func() {
		close(done)
		p.drain() // the last answers first, then the next session takes it
		p.await(drainLimit, func(ctx context.Context) { store.Release(ctx, id, holder) })
	}, true
}

// errLeave ends a kiosk once the facilitator gave the PIN.
var errLeave = errors.New("leave")

// session is one person's turn: the menu, then the questions or results.
func (p *plain) session() error {
	a, results, err := p.menu()
	if err != nil || a == nil {
		return err
	}
	stop, held := p.hold(a.ID)
	if !held {
		p.say("%s", p.c.T("serve.inuse"))
		return nil
	}
	defer stop()
	a = heldCopy(p.c.store, a)
	if a.Language != p.c.loc.Lang() && i18n.Supported(a.Language) {
		// An assessment goes on in the language it was started in.
		if err := p.c.setLanguage(a.Language); err != nil {
			return err
		}
	}
	if results {
		p.results(a)
		return p.planSteps(a)
	}
	return p.answer(a)
}

// menu asks what to do: start, continue, or (not on a shared laptop) see
// earlier results. A kiosk lists nobody: a participant continues with
// their code, and q there asks the facilitator's PIN.
func (p *plain) menu() (a *assessment.Assessment, results bool, err error) {
	c := p.c
	options := []string{c.T("welcome.new")}
	first := 1 // the first listed assessment's place in the menu
	if c.shared() {
		options = append(options, c.T("kiosk.continue"))
		first = 2
	}
	var listed []storage.Summary
	switch {
	case c.opts.Policy == Local:
		listed, err = recent(c.store)
	case c.opts.ownList(): // served to a known key: only theirs
		listed, err = listOwn(c, storage.Filter{Limit: 2 * maxResume})
	}
	if err != nil {
		return nil, false, err
	}
	for _, u := range listed {
		options = append(options, p.entry(u))
	}
	pick, err := p.choose(c.T("acc.menu"), options)
	switch {
	case errors.Is(err, errQuit) && c.opts.Policy == Kiosk:
		return nil, false, p.askPIN()
	case err != nil:
		return nil, false, err
	case pick <= 1 && c.shared() && p.workshopClosed():
		p.say("%s", c.T("kiosk.workshopclosed")) // nothing to start or continue
		return nil, false, nil
	case pick == 0:
		a, err = p.start()
		return a, false, err
	case c.shared() && pick == 1:
		a, err = p.byCode()
		return a, false, err
	}
	u := listed[pick-first]
	if u.CompletedAt != nil {
		a, err = c.store.Assessment(bg(), u.ID)
		return a, true, err
	}
	// An unfinished assessment goes on on the current bank.
	a, err = c.store.Continue(bg(), u.ID)
	return a, false, err
}

// entry names an assessment of the menu: whose, and how far.
func (p *plain) entry(u storage.Summary) string {
	c := p.c
	who := safe.Line(u.Participant.Name)
	if who == "" {
		who = c.T("welcome.anonymous")
	}
	role := u.Participant.Role
	if r, ok := c.text.Role(role); ok {
		role = r.Title
	}
	if u.CompletedAt != nil {
		return c.T("welcome.results", "Who", who, "Role", role, "When", ago(c, c.now().Sub(*u.CompletedAt)))
	}
	return c.T("welcome.resume", "Who", who, "Role", role, "Done", u.Answered, "Total", u.Asked,
		"When", ago(c, c.now().Sub(u.UpdatedAt)))
}

// answer walks the questions of a, then completes it and says its results.
func (p *plain) answer(a *assessment.Assessment) error {
	c := p.c
	w := newWalk(c.text, a)
	p.m.walk = w
	if drafts, err := c.store.Drafts(bg(), a.ID); err == nil {
		for item, d := range drafts {
			w.drafts[item] = draft{note: d.Note, develop: d.Develop}
		}
	}
	w.firstOpen("")
	if err := p.questionsAndReview(w); err != nil {
		switch {
		case errors.Is(err, errClosedMidway):
			if c.opts.Policy == Served { // the last words: with the line that takes their results home
				p.m.served.why = c.T("kiosk.closedmidway") // leave adds the code
			} else {
				p.say("%s", c.T("kiosk.closedmidway"))
			}
			return nil
		case errors.Is(err, errQuit) && c.shared():
			return p.pause(a)
		}
		return err
	}
	store := c.store
	complete := func(ctx context.Context) error { return store.Complete(ctx, a.ID) }
	switch err := p.commit(w, "", complete, ""); {
	case errors.Is(err, storage.ErrWorkshopClosed):
		c.saver.flush()() // answers still being written count in what is said
		p.say("%s", p.m.closedNote())
	case err != nil:
		p.say("%s", c.errorLine(err))
	}
	p.results(w.assessment())
	if err := p.planSteps(w.assessment()); err != nil {
		return err
	}
	if !c.shared() {
		p.say("%s", c.T("acc.done", "ID", a.ID, "Digint", c.self()))
	}
	return nil
}

func (p *plain) start() (*assessment.Assessment, error) {
	c := p.c
	p.personal = true // a name typed is theirs, answered or not
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
		c.T("start.mode.quick", "Count", c.bank.Questions(assessment.ModeQuick)),
		c.T("start.mode.full", "Count", c.bank.Questions(assessment.ModeFull))})
	if err != nil {
		return nil, err
	}
	return c.store.Start(bg(), storage.NewAssessment{
		Participant: assessment.Participant{Name: name, Role: c.bank.Roles[role].ID, Institution: inst},
		Language:    c.loc.Lang(), Mode: []assessment.Mode{assessment.ModeQuick, assessment.ModeFull}[mode],
		Workshop: c.opts.Workshop, SamePerson: c.opts.Policy == Local, Key: c.opts.Key})
}

// questionsAndReview asks the questions, then, while some are still open,
// offers to answer those or to see the results as they are (the wizard's
// review): a question skipped is never left behind unsaid.
func (p *plain) questionsAndReview(w *walk) error {
	if err := p.questions(w); err != nil {
		return err
	}
	for {
		open := w.unanswered()
		if len(open) == 0 {
			return nil
		}
		p.say("")
		n, err := p.choose(p.c.N("review.open", len(open)), []string{p.c.T("acc.review.answer"), p.c.T("review.results")})
		if err != nil || n == 1 {
			return err
		}
		for _, it := range open {
			w.jump(it.ID)
			p.sayPosition(w, it)
			if _, err := p.item(w, it); err != nil {
				return err
			}
		}
	}
}

// sayPosition says where the question it is, and how many are answered.
func (p *plain) sayPosition(w *walk, it *assessment.Item) {
	done, total := w.progress("")
	p.say("")
	if it.Optional() {
		p.say("%s", p.c.T("acc.position.optional", "Done", done, "Total", total))
		return
	}
	p.say("%s", p.c.T("acc.position", "Number", (&Model{c: p.c, walk: w}).sectionNumber(it), "Done", done, "Total", total))
}

// questions walks the items in order until the end of the path.
func (p *plain) questions(w *walk) error {
	c := p.c
	section, dimension := "", ""
	for {
		it := w.item()
		// Said in words, without decoration a screen reader would read out.
		if it.Section != section {
			section, dimension = it.Section, ""
			sec, _ := c.text.Section(section)
			p.say("")
			p.say("%s", c.T("faces.acc.section", "Title", sec.Title, "Purpose", sec.Purpose))
		}
		if it.Dimension != dimension {
			dimension = it.Dimension
			title := dimension
			if d, ok := c.text.Dimension(dimension); ok {
				title = d.Title
			}
			p.say("%s", c.T("faces.acc.dimension", "Title", title))
		}
		p.caughtUp()
		p.sayPosition(w, it)
		move, err := p.item(w, it)
		if err != nil {
			return err
		}
		if move < 0 {
			if !w.prev() {
				p.say("%s", c.T("faces.acc.first"))
			}
			continue
		}
		if !w.next() {
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
		p.say("%s", c.T("acc.current", "Answer", p.said(it, a)))
	}
	ed.restore(w)
	p.say("%s", it.Text)
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
	p.sayKeys(ed)
	prompt := ">"
	if it.Kind == assessment.KindText {
		prompt = c.T("faces.acc.textprompt") // the slash commands in the prompt itself
	}
	for {
		line, err := p.ask(prompt)
		if err != nil {
			return 0, err
		}
		if it.Kind == assessment.KindText && len([]rune(line)) == 1 {
			// One letter is more likely a command typed without its slash.
			keep, err := p.ask(c.T("faces.acc.oneletter", "Text", line))
			if err != nil {
				return 0, err
			}
			if !yes(c, keep) {
				continue
			}
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
			var why string
			if a, why, err = p.parse(ed, it, line); err != nil {
				return 0, err
			}
			if a == nil {
				p.say("%s", why)
				continue
			}
		}
		clean := a.Clean()
		if err := c.bank.CheckAnswer(clean); err != nil {
			p.say("%s", c.errorLine(err))
			continue
		}
		if share := shareConflict(c.bank, w.answers, clean); share != nil {
			p.say("%s", c.T("error.ratio", "N", share.N, "D", share.D))
			continue
		}
		before, had := w.answers[clean.Item]
		w.set(clean)
		if err := p.saveAnswer(w, it, clean); err != nil {
			if had { // refused: the walk holds what the store holds
				w.answers[clean.Item] = before
			} else {
				delete(w.answers, clean.Item)
			}
			if errors.Is(err, storage.ErrWorkshopClosed) { // said as the questions end
				c.workshopClosed = true
				return 0, errClosedMidway
			}
			p.say("%s", c.errorLine(err))
		}
		return 1, nil
	}
}

// sayKeys says what a question takes, in one line: a text's slash
// commands are in its prompt. A checklist answered says that the numbers
// typed replace its answer, and (with Other) that o alone adds to it.
func (p *plain) sayKeys(ed *editor) {
	c := p.c
	switch it := ed.it; it.Kind {
	case assessment.KindText:
		p.say("%s", c.T("acc.text"))
	case assessment.KindCount: // no answers to number: a number is typed
		p.say("%s", c.T("acc.keys.count"))
	case assessment.KindMulti:
		keys, replace := "acc.keys.multi", "acc.multi.replace"
		if it.Other {
			keys, replace = keys+".other", replace+".other"
		}
		p.say("%s", c.T(keys))
		if s := ed.saved; s != nil && s.Status == assessment.StatusAnswered {
			p.say("%s", c.T(replace))
		}
	default:
		p.say("%s", c.T("acc.keys"))
	}
}

// parse reads an answer typed as numbers, a number or text; nil and what
// to say when it is not one (an error only when the person quits).
func (p *plain) parse(ed *editor, it *assessment.Item, line string) (*assessment.Answer, string, error) {
	switch it.Kind {
	case assessment.KindCount: // read as on the full screen
		n, err := assessment.ParseCount(line, p.c.loc.Lang())
		if err != nil {
			return nil, sentence(p.c.why(err)) + ".", nil
		}
		return ed.answer(assessment.StatusAnswered, assessment.Number(n)), "", nil
	case assessment.KindText:
		return ed.answer(assessment.StatusAnswered, assessment.String(line)), "", nil
	case assessment.KindMulti:
		return p.parseMulti(ed, line)
	}
	ch, ok := answerChoice(ed, line)
	if !ok {
		return nil, p.notAnAnswer(ed), nil
	}
	return ed.answer(assessment.StatusAnswered, ch.value), "", nil
}

// parseMulti reads a checklist's answer: the numbers typed are all that
// apply, in place of the answer so far, and o asks for Other's text; o
// alone adds Other to the answer so far, or changes its text (sayKeys).
func (p *plain) parseMulti(ed *editor, line string) (*assessment.Answer, string, error) {
	ticked, other := map[string]bool{}, false
	for _, k := range strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == ',' }) {
		ch, ok := answerChoice(ed, k)
		switch {
		case !ok:
			return nil, p.notAnAnswer(ed), nil
		case ch.option == otherID:
			other = true
		default:
			ticked[ch.option] = true
		}
	}
	if len(ticked) == 0 && !other { // separators alone: no option named, no answer to store
		return nil, p.notAnAnswer(ed), nil
	}
	saved := ed.saved
	if saved != nil && saved.Status != assessment.StatusAnswered {
		saved = nil
	}
	if other && len(ticked) == 0 && saved != nil {
		for _, id := range saved.Value.List() {
			ticked[id] = true
		}
	}
	if none, ok := ed.it.NoneOption(); ok && ticked[none] && (len(ticked) > 1 || other) {
		return nil, p.noneAlone(ed), nil // said before Other's text is typed in vain
	}
	text := ""
	if other {
		var err error
		if text, err = p.askOther(saved); err != nil || text == "" {
			return nil, p.c.T("acc.other.empty"), err
		}
		ticked[otherID] = true
	}
	ed.ticked = ticked
	ed.input.SetValue(text)
	return ed.multiAnswer(), "", nil
}

// askOther asks Other's text; Enter keeps the one saved, if any.
func (p *plain) askOther(saved *assessment.Answer) (string, error) {
	c := p.c
	prompt := c.T("choice.other") + strings.TrimRight(c.T("punct.colon"), " ")
	if saved != nil && saved.Other != "" {
		prompt = c.T("acc.other.keep", "Other", c.T("choice.other"), "Text", safe.Excerpt(saved.Other, 60))
	}
	text, err := p.ask(prompt)
	if text == "" && saved != nil {
		text = saved.Other
	}
	return text, err
}

// noneAlone says that a checklist's "none of these" goes alone, by its
// number and words.
func (p *plain) noneAlone(ed *editor) string {
	none, _ := ed.it.NoneOption()
	for _, ch := range ed.choices {
		if ch.option == none && ch.status == assessment.StatusAnswered {
			return p.c.T("acc.multi.nonealone", "None", ch.label, "Key", ch.key)
		}
	}
	return p.c.T("acc.again")
}

// notAnAnswer says what a question takes when what was typed is none of
// its answers: the range of its numbers, as a menu says it.
func (p *plain) notAnAnswer(ed *editor) string {
	lo, hi := -1, -1
	for _, ch := range ed.choices {
		if n, err := strconv.Atoi(ch.key); err == nil && ch.status == assessment.StatusAnswered {
			if lo < 0 {
				lo = n
			}
			hi = n
		}
	}
	if lo < 0 {
		return p.c.T("acc.again")
	}
	return p.c.T("acc.badnumber", "Min", lo, "Max", hi)
}

// said is an answer as the line-by-line flow reads it back: as the
// wizard sums it up, but a checklist by the number and words of each
// answer ticked, not their count, which tells a screen reader's user
// nothing they can check.
func (p *plain) said(it *assessment.Item, a assessment.Answer) string {
	c := p.c
	if it.Kind != assessment.KindMulti || a.Status != assessment.StatusAnswered {
		return c.summary(it, a)
	}
	var ticked []string
	for i, o := range it.Options {
		switch {
		case !slices.Contains(a.Value.List(), o.ID):
		case i < 9: // the keys there are (appendChoices)
			ticked = append(ticked, strconv.Itoa(i+1)+" "+o.Text)
		default:
			ticked = append(ticked, o.Text)
		}
	}
	if a.Other != "" {
		ticked = append(ticked, "o "+c.T("choice.other")+c.T("punct.colon")+safe.Line(a.Other))
	}
	return strings.Join(ticked, c.T("punct.semicolon"))
}

// answerChoice finds the answer with the key typed (the digit row of an
// AZERTY keyboard without shift as its digits: unshiftedDigit).
func answerChoice(ed *editor, key string) (choice, bool) {
	if d, ok := azertyDigits[key]; ok {
		key = string(d)
	}
	for _, ch := range ed.choices {
		if ch.key == key && ch.status == assessment.StatusAnswered {
			return ch, true
		}
	}
	return choice{}, false
}

// yes tells whether an answer to a yes/no question is yes, in the user's
// language or in English.
func yes(c *common, answer string) bool {
	a := strings.ToLower(strings.TrimSpace(answer))
	return a != "" && (a == "y" || a == "yes" || strings.HasPrefix(strings.ToLower(c.T("faces.acc.yes")), a))
}

// workshopClosed asks the store whether the facilitator closed the
// workshop; a failure to ask is taken as open (the write then says).
func (p *plain) workshopClosed() bool {
	st, err := p.c.store.WorkshopStatus(bg(), p.c.opts.Workshop)
	return err == nil && st.Closed != nil
}

// askPIN asks the facilitator's PIN: errLeave when it is right, nil (the
// next person's menu) when not.
func (p *plain) askPIN() error {
	c := p.c
	if p.waits(storage.GuessPIN) {
		return nil
	}
	pin, err := p.askSecret(c.T("kiosk.pin"))
	if err != nil {
		return err
	}
	ok, err := c.store.CheckPIN(bg(), c.opts.Workshop, pin)
	switch {
	case p.refusedTry(err):
	case err != nil:
		p.say("%s", c.errorLine(err))
	case ok:
		p.m.exitNote = c.T("kiosk.closed")
		return errLeave
	default:
		p.say("%s", c.T("kiosk.wrongpin"))
		p.waits(storage.GuessPIN)
	}
	return nil
}

// waits says how long until the next try of a PIN or code, as the kiosk's
// screen counts down, when the store makes one wait after wrong tries.
func (p *plain) waits(kind storage.GuessKind) bool {
	until, err := p.c.store.GuessWait(bg(), p.c.opts.Workshop, kind)
	return err == nil && p.sayWait(until)
}

// refusedTry says the wait the store imposed on a try; false if err is
// not one.
func (p *plain) refusedTry(err error) bool {
	var w *storage.WaitError
	return errors.As(err, &w) && p.sayWait(w.Until)
}

func (p *plain) sayWait(until time.Time) bool {
	wait := until.Sub(p.c.now())
	if wait <= 0 {
		return false
	}
	p.say("%s", p.c.N("kiosk.wait", ceilSeconds(wait)))
	return true
}

// byCode continues a paused assessment of the workshop by its code; nil
// when the code is wrong (said).
func (p *plain) byCode() (*assessment.Assessment, error) {
	c := p.c
	p.personal = true // a code typed opens their answers: it must not stay on the screen
	if p.waits(storage.GuessCode) {
		return nil, nil
	}
	code, err := p.ask(c.T("kiosk.code"))
	if err != nil {
		return nil, err
	}
	a, err := c.store.ByResumeCode(c.ctx(), c.opts.Workshop, code)
	switch {
	case p.refusedTry(err):
		return nil, nil
	case errors.Is(err, storage.ErrNotFound):
		p.say("%s", c.T("kiosk.wrongcode"))
		p.waits(storage.GuessCode)
		return nil, nil
	case err != nil:
		p.say("%s", c.errorLine(err))
		return nil, nil
	}
	return a, nil
}

// pause gives a kiosk participant who stops the code to continue with,
// once their answers are stored (served, the session's last words do).
func (p *plain) pause(a *assessment.Assessment) error {
	c := p.c
	c.saver.flush()() // the code only once the answers are stored
	if c.opts.Policy == Served {
		return nil // the session ends, and its last words give the code
	}
	code, err := c.store.ResumeCode(bg(), a.ID)
	if err != nil {
		p.say("%s", c.errorLine(err))
		return nil
	}
	p.say("%s", c.T("kiosk.paused"))
	p.say("%s", code)
	p.say("%s", c.T("kiosk.paused.how"))
	return nil
}

// askSecret asks for the facilitator's PIN: on a kiosk's terminal without
// echo, so that the room does not read it; elsewhere as any answer.
func (p *plain) askSecret(prompt string) (string, error) {
	if p.tty == nil {
		return p.ask(prompt)
	}
	fmt.Fprint(p.out, p.fit(prompt)+" ")
	typed, err := term.ReadPassword(p.tty.Fd())
	fmt.Fprintln(p.out)
	if errors.Is(err, io.EOF) {
		return "", errQuit // the terminal gone: never the kiosk's end (ctrl+d is read past)
	}
	if err != nil {
		return "", err
	}
	if line := strings.TrimSpace(string(typed)); line != "q" {
		return line, nil
	}
	return "", errQuit
}

// handOver forgets the participant: the next one starts in the kiosk's
// language with nothing of theirs in memory, and on a kiosk's terminal
// with nothing of theirs on the screen, once they say they are done.
func (p *plain) handOver() {
	if p.tty != nil && p.personal {
		p.ask(p.c.T("acc.kiosk.done")) // any answer, or none, ends the turn
		fmt.Fprint(p.out, ansi.CursorHomePosition+ansi.EraseEntireScreen+ansi.EraseEntireDisplay)
	}
	p.personal = false
	p.m.walk = nil
	if err := p.c.setLanguage(p.c.opts.Lang); err != nil {
		p.say("%s", p.c.errorLine(err))
	}
	p.say("")
	p.say("%s", p.c.T("welcome.title"))
}

// results says the report of a, from the report model as every face: the
// overall index, the competences with low evidence, the matrix, the
// modules, the guidelines, the develop list and the progress.
func (p *plain) results(a *assessment.Assessment) {
	c := p.c
	var rep report.Individual
	if c.shared() { // a shared laptop looks up nobody's earlier work
		rep = report.Build(c.text, a, nil, nil)
	} else {
		msg := loadResults(c.store, c.text, a)
		if msg.err != nil {
			p.say("%s", c.errorLine(msg.err))
		}
		rep = msg.rep
	}
	p.say("")
	p.say("%s", c.T("results.title"))
	overall := c.T("results.overall", "Score", c.score(rep.Overall))
	if rep.Overall != nil {
		overall += ", " + rep.OverallLevel.Name
	}
	p.say("%s.", sentence(overall))
	for _, co := range rep.Competences {
		line := c.T("acc.competence.none", "Competence", co.Title, "Target", c.loc.Number(co.Target))
		if co.Score != nil && co.Gap != nil {
			line = c.T("acc.competence", "Competence", co.Title, "Score", c.score(co.Score), "Target", c.loc.Number(co.Target), "Gap", c.loc.Number(*co.Gap))
		}
		if co.LowEvidence {
			line += " " + sentence(c.T("radar.lowevidence")) + "."
		}
		p.say("%s", line)
	}
	p.matrix(rep)
	p.modules(rep)
	p.guidelines(rep)
	p.develop(rep)
	p.notes(rep)
	p.progress(rep)
}

func (p *plain) matrix(rep report.Individual) {
	c := p.c
	p.say("")
	p.say("%s", c.T("report.matrix.intro"))
	for _, row := range rep.Matrix {
		if !row.Pursued {
			p.say("%s%s%s.", row.Section.Title, c.T("punct.colon"), c.T("overview.notpursued"))
			continue
		}
		var cells []string
		for i, cell := range row.Cells {
			cells = append(cells, rep.Dimensions[i].Title+" "+p.scoreLevel(cell.Score, cell.Level))
		}
		index := p.scoreLevel(row.Index, row.IndexLevel)
		semi := c.T("punct.semicolon")
		p.say("%s%s%s %s%s%s.", row.Section.Title, c.T("punct.colon"), c.T("matrix.index"), index, semi, strings.Join(cells, semi))
	}
}

// scoreLevel is "50 (Developing)", or "(no answer yet)" without a score.
func (p *plain) scoreLevel(score *float64, level report.Level) string {
	if score == nil {
		return "(" + p.c.T("score.none") + ")"
	}
	return p.c.loc.Number(*score) + " (" + level.Name + ")"
}

func (p *plain) modules(rep report.Individual) {
	c := p.c
	if len(rep.Modules) == 0 {
		return
	}
	p.say("")
	p.say("%s", c.T("modules.intro"))
	for i, mod := range rep.Modules {
		if i == rep.FirstMore() { // past the recommendation: by priority alone
			p.say("%s", c.T("report.modules.more"))
		}
		p.say("%d. %s (%s, %s).", i+1, mod.Title, mod.Course, mod.Partner)
		for _, rs := range mod.Reasons {
			p.say("   %s", c.T("modules.reason", "Competence", rs.Competence, "Gap", c.loc.Number(rs.Gap)))
		}
	}
}

func (p *plain) guidelines(rep report.Individual) {
	c := p.c
	p.say("")
	if len(rep.Guidelines) == 0 {
		p.say("%s", c.T("guidelines.none"))
		return
	}
	p.say("%s", c.T("guidelines.intro"))
	for _, g := range rep.Guidelines {
		p.say("%s (%s %s).", g.Title, g.Dimension, c.loc.Number(g.Score))
		for _, a := range g.Advice {
			p.say("   %s", a)
		}
	}
}

func (p *plain) develop(rep report.Individual) {
	c := p.c
	p.say("")
	if len(rep.Develop) == 0 {
		p.say("%s", c.T("report.develop.none"))
		return
	}
	p.say("%s", c.T("results.develop", "Label", c.T("develop.on")))
	p.entries(rep.Develop)
}

// notes reads the other answers the person wrote something in.
func (p *plain) notes(rep report.Individual) {
	if len(rep.Notes) == 0 {
		return
	}
	p.say("")
	p.say("%s", p.c.T("report.notes")+strings.TrimRight(p.c.T("punct.colon"), " "))
	p.entries(rep.Notes)
}

func (p *plain) entries(es []report.Entry) {
	for _, e := range es {
		p.say("%s (%s).", e.Item.Title, e.Section)
		for _, l := range entryLines(p.c, e) {
			p.say("   %s", l)
		}
	}
}

func (p *plain) progress(rep report.Individual) {
	c := p.c
	pr := rep.Progress
	if pr == nil {
		return
	}
	p.say("")
	p.say("%s", c.T("report.progress.since", "Date", pr.Date.Format("2006-01-02"), "Mode", c.T("mode."+string(pr.Mode)), "Version", pr.Bank.Version))
	if len(pr.Incomparable) > 0 {
		p.say("%s", c.T("report.mismatch.intro"))
		for _, m := range pr.Incomparable {
			p.say("   %s", c.T("report.mismatch."+string(m)))
		}
	}
	change := func(name string, d *assessment.Delta) {
		if d == nil {
			p.say("%s: %s.", name, c.T("progress.nocompare"))
			return
		}
		p.say("%s: %s → %s (%s).", name, c.loc.Number(d.Before), c.loc.Number(d.After), withSign(c, d.Change))
	}
	change(c.T("progress.overall"), pr.Overall)
	for _, ch := range pr.Competences {
		change(ch.Title, ch.Delta)
	}
	for _, ch := range pr.Sections {
		change(ch.Title, ch.Delta)
	}
}

// withSign is a change with its sign, said rather than drawn.
func withSign(c *common, x float64) string {
	if x > 0 {
		return "+" + c.loc.Number(x)
	}
	return c.loc.Number(x)
}
