package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
	"github.com/digint/digint/tui"
)

func workshopCmd(e *env, g *globals) *cobra.Command {
	w := &cobra.Command{
		Use:   "workshop",
		Short: e.T("cli.workshop.short"),
		Long:  e.T("cli.workshop.long"),
		// A mistyped subcommand is an error (exit 2), not the help.
		Args: noArgsOf(e),
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	w.AddCommand(workshopNew(e, g), workshopList(e, g), workshopReport(e, g), workshopWatch(e, g), workshopExport(e, g), workshopClose(e, g), workshopReopen(e, g), workshopPlan(e, g), workshopCodes(e, g))
	return w
}

func oneCode(e *env, what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usagef("%s", e.T("cli.workshop.onecode", "What", what))
		}
		return nil
	}
}

func workshopNew(e *env, g *globals) *cobra.Command {
	var pin, code, joinWord string
	c := &cobra.Command{
		Use:   "new TITLE",
		Short: e.T("cli.workshop.new.short"),
		Args: func(_ *cobra.Command, args []string) error {
			if strings.TrimSpace(strings.Join(args, "")) == "" {
				return usagef("%s", e.T("cli.workshop.new.title"))
			}
			if code != "" && !assessment.ValidWorkshopCode(strings.ToUpper(code)) {
				return usagef("%s", e.T("problem.workshop", "Value", e.T("punct.quote", "Text", safe.Excerpt(code, 20))))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if pin == "" {
				p, err := askPIN(e)
				if err != nil {
					return err
				}
				pin = p
			}
			if err := pinFormat(e, pin); err != nil {
				return err
			}
			if joinWord != "" && storage.CheckJoinWord(joinWord) != nil {
				return usagef("%s", e.T("cli.joinword.bad", "Max", storage.MaxJoinWord))
			}
			return g.withStore(e, func(store *storage.Store) error {
				w, err := store.NewWorkshop(context.Background(), code, strings.Join(args, " "), pin)
				if errors.Is(err, storage.ErrExists) {
					return &explained{text: e.T("cli.workshop.exists", "Code", strings.ToUpper(code)), err: err}
				}
				if err != nil {
					return err
				}
				if joinWord != "" {
					if err := store.SetJoinWord(context.Background(), w.Code, joinWord); err != nil {
						return err
					}
				}
				fmt.Fprintf(e.stdout, "%s\n", w.Code)
				if isTerminal(e.stdout) {
					fmt.Fprintln(e.stderr, e.T("cli.workshop.created", "Title", w.Title, "Code", w.Code))
				}
				return nil
			})
		},
	}
	c.Flags().StringVar(&code, "code", "", e.T("cli.flag.code"))
	c.Flags().StringVar(&pin, "pin", "", e.T("cli.flag.pin", "Min", storage.MinPIN, "Max", storage.MaxPIN))
	c.Flags().StringVar(&joinWord, "join-word", "", e.T("cli.flag.joinword"))
	return c
}

// askPIN reads the facilitator's PIN. At a terminal it is not echoed (the
// room may be watching the projector) and asked twice; from a pipe it is
// one line.
func askPIN(e *env) (string, error) {
	if f, ok := e.stdin.(*os.File); ok && isTerminal(f) {
		pin, err := readSecret(e, f, e.T("cli.workshop.askpin", "Min", storage.MinPIN, "Max", storage.MaxPIN))
		if err != nil || pin == "" {
			return "", cmp.Or(err, usagef("%s", e.T("cli.workshop.nopinarg")))
		}
		if err := pinFormat(e, pin); err != nil {
			return "", err // said before the PIN is typed again
		}
		again, err := readSecret(e, f, e.T("cli.pin.again"))
		if err != nil {
			return "", err
		}
		if again != pin {
			return "", usagef("%s", e.T("cli.pin.mismatch"))
		}
		return pin, nil
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	pin := strings.TrimRight(line, "\r\n")
	if pin == "" {
		return "", usagef("%s", e.T("cli.workshop.nopinarg"))
	}
	return pin, nil
}

// readSecret prompts on standard error and reads a line without echo.
func readSecret(e *env, f *os.File, prompt string) (string, error) {
	fmt.Fprint(e.stderr, prompt+" ")
	b, err := term.ReadPassword(f.Fd())
	fmt.Fprintln(e.stderr)
	return strings.TrimRight(string(b), "\r\n"), err
}

// pinFormat says in the user's language why a PIN cannot be used.
func pinFormat(e *env, pin string) error {
	err := storage.CheckPINFormat(pin)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, storage.ErrPINLength):
		return usagef("%s", e.T("cli.pin.length", "Min", storage.MinPIN, "Max", storage.MaxPIN))
	case errors.Is(err, storage.ErrPINBlank):
		return usagef("%s", e.T("cli.pin.blank"))
	case errors.Is(err, storage.ErrPINControl):
		return usagef("%s", e.T("cli.pin.control"))
	}
	return usageError{err}
}

func workshopList(e *env, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: e.T("cli.workshop.list.short"),
		Args:  noArgsOf(e),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return g.withReader(e, func(store *storage.Store) error {
				ws, err := store.Workshops(context.Background())
				if err != nil {
					return err
				}
				if len(ws) == 0 {
					fmt.Fprintln(e.stdout, e.T("cli.workshop.none"))
					return nil
				}
				tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, e.T("cli.workshop.header"))
				for _, w := range ws {
					n, err := store.Count(context.Background(), storage.Filter{Workshop: w.Code})
					if err != nil {
						return err
					}
					st, err := store.WorkshopStatus(context.Background(), w.Code)
					if err != nil {
						return err
					}
					state := e.T("cli.workshop.open")
					if st.Closed != nil {
						state = e.T("cli.workshop.isclosed")
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", safe.Line(w.Code), safe.Line(w.Title), w.Created.Local().Format(time.DateOnly), n, state)
				}
				return tw.Flush()
			})
		},
	}
}

// workshopStatus is the store's, with a missing workshop said in the
// user's language.
func workshopStatus(e *env, store *storage.Store, code string) (storage.WorkshopStatus, error) {
	st, err := store.WorkshopStatus(context.Background(), code)
	if errors.Is(err, storage.ErrNotFound) {
		return st, &explained{text: e.T("cli.workshop.notfound", "Code", safe.Line(code), "List", e.commandLine("workshop", "list")), err: err}
	}
	return st, err
}

// groupBank is the bank a group report was made on, its texts in lang.
func groupBank(store *storage.Store, rep assessment.GroupReport, lang string) (*assessment.Bank, error) {
	b, err := store.Catalog().Lookup(rep.Bank)
	if err != nil {
		b = store.Catalog().Current()
	}
	return i18n.Bank(b, lang)
}

// knownWorkshop is the workshop code an argument names (codes are upper
// case), once the store knows it: workshopStatus says why not.
func knownWorkshop(e *env, store *storage.Store, arg string) (string, error) {
	code := strings.ToUpper(arg)
	_, err := workshopStatus(e, store, code)
	return code, err
}

// groupReport computes a workshop's group report straight from the store;
// completedOnly leaves out the assessments not finished yet.
func groupReport(e *env, store *storage.Store, code string, completedOnly bool) (assessment.GroupReport, error) {
	if _, err := workshopStatus(e, store, code); err != nil {
		return assessment.GroupReport{}, err
	}
	bulkWork()
	return store.GroupReportOf(context.Background(), code, completedOnly)
}

func workshopReport(e *env, g *globals) *cobra.Command {
	var asJSON, plain, asHTML, completed bool
	var compare, out string
	c := &cobra.Command{
		Use:   "report CODE",
		Short: e.T("cli.workshop.report.short"),
		Args: func(cmd *cobra.Command, args []string) error {
			if asHTML && asJSON {
				return usagef("%s", e.T("cli.report.htmljson"))
			}
			return oneCode(e, "report")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := g.language(e)
			if err != nil {
				return err
			}
			return g.withReader(e, func(store *storage.Store) error {
				code := strings.ToUpper(args[0])
				if strings.EqualFold(compare, code) {
					return usagef("%s", e.T("cli.workshop.samecompare", "Code", code))
				}
				screen := !plain && !asJSON && !asHTML && out == "" && isTerminal(e.stdin) && isTerminal(e.stdout)
				if screen && compare == "" && !completed { // the screen follows new answers (a server or kiosks may be writing)
					if _, err := workshopStatus(e, store, code); err != nil {
						return err
					}
					return tui.RunWatch(commandContext(cmd), store, code, lang, g.colorless(e))
				}
				rep, err := groupReport(e, store, code, completed)
				if err != nil {
					return err
				}
				var progress *assessment.GroupProgress
				var earlier *assessment.GroupReport
				if compare != "" {
					er, err := groupReport(e, store, strings.ToUpper(compare), completed)
					if err != nil {
						return err
					}
					if er.Bank != rep.Bank && er.Assessments > 0 && rep.Assessments > 0 { // scores of two versions do not compare
						return errors.New(e.T("cli.workshop.compareversions", "Code", safe.Line(strings.ToUpper(compare)),
							"Other", er.Bank.ID+" "+er.Bank.Version, "This", rep.Bank.ID+" "+rep.Bank.Version))
					}
					p := assessment.CompareGroups(er, rep)
					progress, earlier = &p, &er
				}
				st, _ := store.WorkshopStatus(context.Background(), code)
				if asHTML {
					return writeGroupHTML(e, store, lang, st, rep, earlier, strings.ToUpper(compare), out)
				}
				wp, made, err := store.WorkshopPlan(context.Background(), code)
				if err != nil {
					return err
				}
				if asJSON {
					doc := struct {
						Workshop string `json:"workshop"`
						Closed   bool   `json:"closed,omitempty"` // takes no answers
						assessment.GroupReport
						Progress *assessment.GroupProgress `json:"progress,omitempty"`
						Plan     *plan.Plan                `json:"plan,omitempty"`
					}{Workshop: code, Closed: st.Closed != nil, GroupReport: rep, Progress: progress}
					if made {
						doc.Plan = &wp
					}
					return writeOutput(e, out, func(w io.Writer) error { return writeJSON(w, doc) })
				}
				b, err := groupBank(store, rep, lang)
				if err != nil {
					return err
				}
				r := report.BuildGroup(b, code, st.Title, rep, earlier, strings.ToUpper(compare))
				r.Closed = st.Closed != nil
				if screen {
					return tui.RunGroup(lang, r, g.colorless(e))
				}
				colour := !g.colorless(e) && out == "" && isTerminal(e.stdout)
				return writeOutput(e, out, func(w io.Writer) error {
					if err := tui.PrintGroup(w, lang, r, colour); err != nil || !made {
						return err
					}
					sw := &firstError{w: w}
					t := textReport{e: e, w: sw, width: textWidth}
					t.head(e.T("plan.title") + " – " + e.T("plan.updated", "Date", dateOf(wp.UpdatedAt)))
					t.plan(report.GroupPlanOf(b, r, wp))
					return sw.err
				})
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.T("cli.flag.groupjson"))
	c.Flags().StringVar(&compare, "compare", "", e.T("cli.flag.compare"))
	c.Flags().BoolVar(&plain, "print", false, e.T("cli.flag.print"))
	c.Flags().BoolVar(&completed, "completed", false, e.T("cli.flag.completed"))
	c.Flags().BoolVar(&asHTML, "html", false, e.T("cli.flag.reporthtml"))
	c.Flags().StringVarP(&out, "output", "o", "", e.T("cli.flag.output"))
	return c
}

// workshopWatch follows a workshop's group report as answers arrive, on
// the database opened for reading, beside the programs that write it.
func workshopWatch(e *env, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "watch CODE",
		Short: e.T("cli.workshop.watch.short"),
		Long:  e.T("cli.workshop.watch.long"),
		Args:  oneCode(e, "watch"),
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := g.language(e)
			if err != nil {
				return err
			}
			return g.withReader(e, func(store *storage.Store) error {
				code, err := knownWorkshop(e, store, args[0])
				if err != nil {
					return err
				}
				if !isTerminal(e.stdin) || !isTerminal(e.stdout) {
					return usagef("%s", e.T("cli.workshop.watch.terminal", "Code", code))
				}
				return tui.RunWatch(commandContext(cmd), store, code, lang, g.colorless(e))
			})
		},
	}
}

func commandContext(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}

func workshopExport(e *env, g *globals) *cobra.Command {
	var out, csvKind, sep string
	c := &cobra.Command{
		Use:   "export CODE",
		Short: e.T("cli.workshop.export.short"),
		Long:  e.T("cli.workshop.export.short") + ".\n\n" + e.T("cli.csv.long"),
		Args:  oneCode(e, "export"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if csvKind != "" && csvKind != "items" && csvKind != "competences" {
				return usagef("%s", e.T("cli.workshop.csv", "Kind", csvKind))
			}
			lang, err := g.language(e)
			if err != nil {
				return err
			}
			f, err := csvFormatFor(e, lang, sep)
			if err != nil {
				return err
			}
			bulkWork()
			return g.withReader(e, func(store *storage.Store) error {
				ctx := context.Background()
				code, err := knownWorkshop(e, store, args[0])
				if err != nil {
					return err
				}
				sel := storage.Selection{Workshop: code}
				return writeOutput(e, out, func(w io.Writer) error {
					if csvKind == "" {
						return store.WriteDocument(ctx, sel, w)
					}
					return writeCSV(ctx, w, store, sel, csvKind, f)
				})
			})
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "", e.T("cli.flag.output"))
	c.Flags().StringVar(&csvKind, "csv", "", e.T("cli.flag.csv"))
	c.Flags().StringVar(&sep, "sep", "", e.T("cli.flag.sep"))
	return c
}

func workshopClose(e *env, g *globals) *cobra.Command {
	var erase bool
	c := &cobra.Command{
		Use:   "close CODE",
		Short: e.T("cli.workshop.close.short"),
		Args:  oneCode(e, "close"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withStore(e, func(store *storage.Store) error {
				code, err := knownWorkshop(e, store, args[0])
				if err != nil {
					return err
				}
				if erase && !confirm(e, e.T("cli.erase.workshop", "Code", code)) {
					fmt.Fprintln(e.stdout, e.T("cli.erase.cancelled"))
					return nil
				}
				if err := store.CloseWorkshop(context.Background(), code, erase); err != nil {
					return err
				}
				if erase {
					fmt.Fprintln(e.stdout, e.T("cli.workshop.erased", "Code", code))
				} else {
					fmt.Fprintln(e.stdout, e.T("cli.workshop.closedmsg", "Code", code))
				}
				return nil
			})
		},
	}
	c.Flags().BoolVar(&erase, "erase", false, e.T("cli.flag.erase"))
	return c
}

// workshopReopen lets a closed workshop take answers again, for a late
// laptop's export; the facilitator closes it again once merged.
func workshopReopen(e *env, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "reopen CODE",
		Short: e.T("cli.workshop.reopen.short"),
		Args:  oneCode(e, "reopen"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withStore(e, func(store *storage.Store) error {
				code, err := knownWorkshop(e, store, args[0])
				if err != nil {
					return err
				}
				reopened, err := store.ReopenWorkshop(context.Background(), code)
				switch {
				case err != nil:
					return err
				case reopened:
					fmt.Fprintln(e.stdout, e.T("cli.workshop.reopened", "Code", code))
				default:
					fmt.Fprintln(e.stdout, e.T("cli.workshop.notclosed", "Code", code))
				}
				return nil
			})
		},
	}
}
