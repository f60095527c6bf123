package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/digint/digint/assessment"
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
}

// globals are the flags every command shares.
type globals struct {
	db         string
	lang       string
	accessible bool
	noColor    bool
	workshop   string
	kiosk      bool
}

func newRoot(e *env) *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:   "digint",
		Short: "Self-assessment of the internationalisation of VET (DIG.INT benchmark)",
		Long: "digint walks you through the DIG.INT benchmark – curriculum internationalisation, offshore campuses, " +
			"dual and joint courses, international networks – saves every answer in a local SQLite file, and ends on " +
			"a radar of your seven competence gaps with the training modules that close them.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runWizard(e, g) },
		// Errors are printed once, as one line, by main.
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	f := root.PersistentFlags()
	f.StringVar(&g.db, "db", "", "database file (default $DIGINT_DB, else the user's data directory)")
	f.StringVar(&g.lang, "lang", "", "language: "+langList()+" (default from LC_ALL, LC_MESSAGES, LANG)")
	f.BoolVar(&g.accessible, "accessible", false, "plain line-by-line questions for screen readers")
	f.BoolVar(&g.noColor, "no-color", false, "no colours (also when NO_COLOR is set)")
	root.Flags().StringVar(&g.workshop, "workshop", "", "tie new assessments to a workshop (its code)")
	root.Flags().BoolVar(&g.kiosk, "kiosk", false, "shared-laptop mode for --workshop: fresh start per person, PIN to leave")
	root.AddCommand(bankCmd(e, g), listCmd(e, g), exportCmd(e, g), importCmd(e, g), reportCmd(e, g),
		eraseCmd(e, g), versionCmd(e), workshopCmd(e, g))
	return root
}

func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q", args[0])
	}
	return nil
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
		if !i18n.Supported(g.lang) {
			return "", usagef("language %q is not available (choose one of %s)", g.lang, langList())
		}
		return g.lang, nil
	}
	return i18n.Detect(e.getenv), nil
}

func (g *globals) dbPath(e *env) (string, error) {
	if g.db != "" {
		return g.db, nil
	}
	if p := e.getenv("DIGINT_DB"); p != "" {
		return p, nil
	}
	return storage.DefaultPath()
}

func (g *globals) open(e *env) (*storage.Store, error) {
	path, err := g.dbPath(e)
	if err != nil {
		return nil, err
	}
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		return nil, err
	}
	return storage.Open(path, cat)
}

func (g *globals) colorless(e *env) bool { return g.noColor || e.getenv("NO_COLOR") != "" }

func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

func runWizard(e *env, g *globals) error {
	lang, err := g.language(e)
	if err != nil {
		return err
	}
	accessible := g.accessible || e.getenv("TERM") == "dumb"
	if g.kiosk && g.workshop == "" {
		return usagef("--kiosk needs --workshop CODE")
	}
	if g.kiosk && accessible {
		return usagef("kiosk mode needs the full-screen wizard, not --accessible")
	}
	if !accessible && (!isTerminal(e.stdin) || !isTerminal(e.stdout)) {
		return fmt.Errorf("no terminal to show the wizard in; use --accessible for plain questions, " +
			"or a subcommand (bank, list, export, import, report, erase – see digint --help)")
	}
	store, err := g.open(e)
	if err != nil {
		return err
	}
	defer store.Close()
	opts := tui.Options{Store: store, Lang: lang, Kiosk: g.kiosk}
	if g.workshop != "" {
		st, err := store.WorkshopStatus(context.Background(), g.workshop)
		if err != nil {
			return err
		}
		if st.Closed != nil {
			return fmt.Errorf("workshop %s is closed", st.Code)
		}
		if g.kiosk && !st.HasPIN {
			return fmt.Errorf("workshop %s has no facilitator's PIN, so kiosk mode could not be left; create it with digint workshop new", st.Code)
		}
		opts.Workshop, opts.WorkshopTitle = st.Code, st.Title
	}
	if accessible {
		return tui.RunAccessible(opts, e.stdin, e.stdout)
	}
	note, err := tui.Run(opts, g.colorless(e))
	if note != "" {
		fmt.Fprintln(e.stdout, note)
	}
	return err
}
