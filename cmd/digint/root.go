package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
	"github.com/digint/digint/tui"
)

// env is the outside world a command sees, so tests can give their own.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	loc    *i18n.Localizer // the command line's language
	// db is the database as the user named it with --db ("" for the
	// default), and lang the language --lang gave ("" when the locale
	// chose it), so that a command we suggest (commandLine) opens the
	// same one and speaks the same language.
	db, lang string
}

// T gives a text of the command line in the user's language.
func (e *env) T(id string, data ...any) string { return e.loc.T(id, data...) }

// count is a whole number written the user's way (10,000; 10 000; 10.000).
func (e *env) count(n int) string { return e.loc.Count(n) }

// N is a text with a plural form chosen by n.
func (e *env) N(id string, n int, data ...any) string { return e.loc.N(id, n, data...) }

// preLanguage finds the language before the flags are parsed, so that help
// texts are in it too: --lang (either form) wins over the locale.
func preLanguage(args []string, getenv func(string) string) string {
	for i, a := range args {
		v, ok := strings.CutPrefix(a, "--lang=")
		if !ok && a == "--lang" && i+1 < len(args) {
			v, ok = args[i+1], true
		}
		if lang, shipped := i18n.Given(v); ok && shipped {
			return lang
		}
	}
	return i18n.Detect(getenv)
}

// globals are the flags every command shares.
type globals struct {
	db         string
	lang       string
	accessible bool
	noColor    bool
	workshop   string
	kiosk      bool
	kioskIdle  time.Duration
	pool       storage.Pool // PostgreSQL only (addPoolFlags)
}

// addPoolFlags adds the PostgreSQL pool settings to a command that keeps a
// database open (serve, copy); the URL may set connect_timeout and
// statement_timeout too.
func addPoolFlags(e *env, c *cobra.Command, g *globals) {
	c.Flags().IntVar(&g.pool.MaxConns, "db-max-conns", storage.DefaultPool.MaxConns, e.T("cli.flag.dbmaxconns"))
	c.Flags().DurationVar(&g.pool.StatementTimeout, "db-timeout", storage.DefaultPool.StatementTimeout, e.T("cli.flag.dbtimeout"))
}

func newRoot(e *env, args []string) *cobra.Command {
	e.loc = i18n.MustNew(preLanguage(args, e.getenv))
	g := &globals{}
	root := &cobra.Command{
		Use:   "digint",
		Short: e.T("cli.root.short"),
		Long:  e.T("cli.root.long"),
		Args:  noArgsOf(e),
		RunE:  func(cmd *cobra.Command, _ []string) error { return runWizard(e, g) },
		// Errors are printed once, as one line, by main.
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			lang, err := g.language(e)
			if err != nil {
				return err
			}
			e.loc = i18n.MustNew(lang)
			if g.lang != "" {
				e.lang = lang // as shipped: "it", not "IT" or "it_IT"
			}
			e.db = g.db
			if cmd.Flags().Changed("db") && strings.TrimSpace(g.db) == "" { // an empty $VAR, most likely
				return usagef("%s", e.T("cli.db.empty"))
			}
			return nil
		},
	}
	root.SetIn(e.stdin)
	root.SetOut(newHelpWriter(e, e.stdout)) // only cobra and fang write here: help, completions
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(flagError(e))
	f := root.PersistentFlags()
	f.StringVar(&g.db, "db", "", e.T("cli.flag.db"))
	f.StringVar(&g.lang, "lang", "", e.T("cli.flag.lang", "List", langList()))
	f.BoolVar(&g.accessible, "accessible", false, e.T("cli.flag.accessible"))
	f.BoolVar(&g.noColor, "no-color", false, e.T("cli.flag.nocolor"))
	root.Flags().StringVar(&g.workshop, "workshop", "", e.T("cli.flag.workshop"))
	root.Flags().BoolVar(&g.kiosk, "kiosk", false, e.T("cli.flag.kiosk"))
	root.Flags().DurationVar(&g.kioskIdle, "kiosk-idle", tui.DefaultKioskIdle, e.T("cli.flag.kioskidle"))
	root.AddCommand(bankCmd(e, g), listCmd(e, g), exportCmd(e, g), importCmd(e, g), reportCmd(e, g),
		eraseCmd(e, g), versionCmd(e), workshopCmd(e, g), planCmd(e, g), checkCmd(e, g), serveCmd(e, g), copyCmd(e, g))
	translateCobra(e, root)
	addCompletions(e, g, root)
	fitLongs(shownCommand(root, args), helpWidth(e.stdout))
	return root
}

// noArgsOf refuses arguments to a command that takes none; to one with
// subcommands, the word is a mistyped command, with the nearest suggested.
func noArgsOf(e *env) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		switch {
		case len(args) == 0:
			return nil
		case c.HasAvailableSubCommands():
			return unknownCommand(e, c, args[0])
		}
		return usagef("%s", e.T("cli.err.noargs", "Arg", safe.Line(args[0]), "Path", c.CommandPath()))
	}
}

func langList() string {
	s := ""
	for i, l := range i18n.Languages() {
		if i > 0 {
			s += ", "
		}
		s += l.Tag
	}
	return s
}

// language is --lang, else the locale; an unknown --lang is bad usage.
func (g *globals) language(e *env) (string, error) {
	if g.lang != "" {
		lang, ok := i18n.Given(g.lang)
		if !ok {
			return "", usagef("%s", e.T("cli.lang.unknown", "Lang", safe.Line(g.lang), "List", langList()))
		}
		return lang, nil
	}
	return i18n.Detect(e.getenv), nil
}

// dbPath is the database --db or DIGINT_DB names, else the default one;
// a name that only looks like a connection is refused before any use.
func (g *globals) dbPath(e *env) (string, error) {
	db := cmp.Or(g.db, e.getenv("DIGINT_DB"))
	if db == "" {
		return storage.DefaultPath()
	}
	return db, explainStorage(e, storage.CheckName(db))
}

// mustExist refuses a database file that is not there, for a command
// that needs a workshop made in it before (a kiosk, a server): a mistyped
// --db would otherwise make an empty one and serve nobody.
func (g *globals) mustExist(e *env) error {
	path, err := g.dbPath(e)
	if err != nil || storage.IsPostgres(path) {
		return err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		key := "cli.db.none" // a --db mistyped, most likely
		if g.db == "" {
			key = "cli.db.none.yet" // the default database, or $DIGINT_DB, not made yet
		}
		return errors.New(e.T(key, "Path", safe.Line(path), "New", e.commandLine("workshop", "new", "TITLE")))
	}
	return nil
}

// open opens the database for a command that writes to it.
func (g *globals) open(e *env) (*storage.Store, error) {
	return g.openWith(e, false)
}

// openReader opens the database for a command that only reads: it takes no
// write lock, so it never waits for an import, and works on read-only
// media. A database of an older schema is opened for writing once, which
// updates it; so is the default database not made yet. A file named with
// --db or DIGINT_DB that is not there is refused: a mistyped path must
// not leave an empty database behind and list nothing.
func (g *globals) openReader(e *env) (*storage.Store, error) {
	if path, _ := g.dbPath(e); g.namedFile(e) && emptyFile(path) { // SQLite would make it a database
		return nil, &explained{text: e.T("open.notdatabase", "Path", path), err: storage.ErrNotDatabase}
	}
	s, err := g.openWith(e, true)
	switch {
	case errors.Is(err, fs.ErrNotExist) && g.namedFile(e):
		path, _ := g.dbPath(e)
		return nil, &explained{text: e.T("open.missing", "Path", shellWord(path)), err: err}
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, storage.ErrOlderSchema):
		return g.open(e)
	}
	return s, err
}

// emptyFile tells whether path is a regular file of no bytes.
func emptyFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Size() == 0
}

// namedFile tells whether the user named a SQLite file (--db, DIGINT_DB)
// rather than taking the default one. A PostgreSQL database is made by
// its administrator, and digint gives an empty one its tables; a server
// not reached is said when the database is opened for writing.
func (g *globals) namedFile(e *env) bool {
	path, err := g.dbPath(e)
	return err == nil && (g.db != "" || e.getenv("DIGINT_DB") != "") && !storage.IsPostgres(path)
}

// openWith opens the SQLite file or PostgreSQL database --db or DIGINT_DB
// names (storage.IsPostgres), with the pool settings.
func (g *globals) openWith(e *env, ro bool) (*storage.Store, error) {
	e.db = g.db
	path, err := g.dbPath(e)
	if err != nil {
		return nil, err
	}
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		return nil, err
	}
	s, err := storage.OpenWith(path, cat, storage.Options{ReadOnly: ro, Pool: g.pool})
	return s, explainStorage(e, err)
}

// withStore runs fn on the database opened for writing, and closes it.
func (g *globals) withStore(e *env, fn func(*storage.Store) error) error {
	return g.with(e, g.open, fn)
}

// withReader runs fn on the database opened for reading, and closes it.
func (g *globals) withReader(e *env, fn func(*storage.Store) error) error {
	return g.with(e, g.openReader, fn)
}

func (g *globals) with(e *env, open func(*env) (*storage.Store, error), fn func(*storage.Store) error) error {
	store, err := open(e)
	if err != nil {
		return err
	}
	defer store.Close()
	return explainFile(e, explainStorage(e, fn(store)))
}

func (g *globals) colorless(e *env) bool { return g.noColor || e.getenv("NO_COLOR") != "" }

func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// minKioskIdle keeps a slow reader from being handed over mid-question.
const minKioskIdle = 30 * time.Second

func runWizard(e *env, g *globals) error {
	lang, err := g.language(e)
	if err != nil {
		return err
	}
	accessible := g.accessible || e.getenv("TERM") == "dumb"
	if g.kiosk && g.workshop == "" {
		return usagef("%s", e.T("cli.kiosk.workshop"))
	}
	if g.kiosk && g.kioskIdle < minKioskIdle {
		return usagef("%s", e.T("cli.kiosk.idle", "Min", minKioskIdle))
	}
	if !accessible && (!isTerminal(e.stdin) || !isTerminal(e.stdout)) {
		return errors.New(e.T("cli.noterminal"))
	}
	if g.kiosk {
		if err := g.mustExist(e); err != nil { // a kiosk serves a workshop made before
			return err
		}
	}
	store, err := g.open(e)
	if err != nil {
		return err
	}
	defer store.Close()
	opts := tui.Options{Store: store, Lang: lang, KioskIdle: g.kioskIdle, Self: e.commandLine(), Again: e.comeBack(accessible)}
	if g.kiosk {
		opts.Policy = tui.Kiosk
	}
	if g.workshop != "" {
		st, err := resolveWorkshop(e, store, g.workshop, g.kiosk)
		if err != nil {
			return err
		}
		opts.Workshop, opts.WorkshopTitle = st.Code, st.Title
	}
	if accessible {
		if !g.kiosk { // a kiosk's keys end nothing (tui keeps its terminal)
			defer takeInterrupts(&opts)()
		}
		return tui.RunAccessible(opts, e.stdin, e.stdout)
	}
	note, err := tui.Run(opts, g.colorless(e))
	if note != "" {
		fmt.Fprintln(e.stdout, note) // wrapped to the screen by the wizard
	}
	return err
}

// takeInterrupts hands ctrl+c to the line-by-line flow, which leaves as
// q does (the answers stored, the assessment let go of, the note said);
// so do a terminal closed (SIGHUP) and SIGTERM. Left to the process, each
// killed it mid-save, and the assessment stayed held for HoldFor.
func takeInterrupts(o *tui.Options) (stop func()) {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	o.Interrupt = sig
	return func() { signal.Stop(sig) }
}

// resolveWorkshop finds the workshop new assessments belong to. Someone
// joining on their own laptop has no workshop yet: it is created with their
// first assessment. Kiosk mode needs the PIN, so its workshop must have been
// created with one, and a closed workshop takes no one.
func resolveWorkshop(e *env, store *storage.Store, code string, kiosk bool) (storage.WorkshopStatus, error) {
	code = strings.ToUpper(code)
	st, err := workshopStatus(e, store, code)
	if errors.Is(err, storage.ErrNotFound) && !kiosk && assessment.ValidWorkshopCode(code) {
		return storage.WorkshopStatus{Workshop: storage.Workshop{Code: code, Title: code}}, nil
	}
	if err != nil {
		return st, err
	}
	if st.Closed != nil {
		return st, errors.New(e.T("cli.workshop.closed", "Code", st.Code))
	}
	if kiosk && !st.HasPIN {
		return st, errors.New(e.T("cli.workshop.nopin", "Code", st.Code))
	}
	return st, nil
}

// noArgs is noArgsOf for a command without the user's language at hand.
func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q", args[0])
	}
	return nil
}
