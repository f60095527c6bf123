package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/csv"
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
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
	"github.com/digint/digint/tui"
)

func workshopCmd(e *env, g *globals) *cobra.Command {
	w := &cobra.Command{
		Use:   "workshop",
		Short: e.T("cli.workshop.short"),
		Long:  e.T("cli.workshop.long"),
	}
	w.AddCommand(workshopNew(e, g), workshopList(e, g), workshopReport(e, g), workshopExport(e, g), workshopClose(e, g))
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
			if len(args) == 0 {
				return usagef("%s", e.T("cli.workshop.new.title"))
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
		Args:  noArgs,
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
					fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", w.Code, w.Title, w.Created.Local().Format(time.DateOnly), n, state)
				}
				return tw.Flush()
			})
		},
	}
}

// exportWorkshop exports a workshop's assessments.
func exportWorkshop(store *storage.Store, code string) (*assessment.Document, error) {
	if _, err := store.WorkshopStatus(context.Background(), code); err != nil {
		return nil, err
	}
	return store.Export(context.Background(), storage.Selection{Workshop: code})
}

// groupReport computes a workshop's group report straight from the store.
func groupReport(store *storage.Store, code string) (assessment.GroupReport, error) {
	if _, err := store.WorkshopStatus(context.Background(), code); err != nil {
		return assessment.GroupReport{}, err
	}
	return store.GroupReport(context.Background(), code)
}

func workshopReport(e *env, g *globals) *cobra.Command {
	var asJSON, plain, asHTML bool
	var compare, out string
	c := &cobra.Command{
		Use:   "report CODE",
		Short: e.T("cli.workshop.report.short"),
		Args: func(cmd *cobra.Command, args []string) error {
			if asHTML && asJSON {
				return usagef("%s", e.T("cli.report.htmljson"))
			}
			if out != "" && !asHTML {
				return usagef("%s", e.T("cli.report.outneedshtml"))
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
				rep, err := groupReport(store, code)
				if err != nil {
					return err
				}
				var progress *assessment.GroupProgress
				var earlier *assessment.GroupReport
				if compare != "" {
					er, err := groupReport(store, strings.ToUpper(compare))
					if err != nil {
						return err
					}
					p := assessment.CompareGroups(er, rep)
					progress, earlier = &p, &er
				}
				if asHTML {
					st, _ := store.WorkshopStatus(context.Background(), code)
					return writeGroupHTML(e, store, lang, code, st.Title, rep, earlier, strings.ToUpper(compare), out)
				}
				if asJSON {
					if progress != nil {
						return printJSON(e, struct {
							assessment.GroupReport
							Progress *assessment.GroupProgress `json:"progress"`
						}{rep, progress})
					}
					return printJSON(e, rep)
				}
				b, err := i18n.Bank(store.Catalog().Current(), lang)
				if err != nil {
					return err
				}
				st, _ := store.WorkshopStatus(context.Background(), code)
				if !plain && isTerminal(e.stdin) && isTerminal(e.stdout) {
					return tui.RunGroup(b, lang, st.Title, rep, progress, g.colorless(e))
				}
				return tui.PrintGroup(e.stdout, b, lang, st.Title, rep, progress, !g.colorless(e) && isTerminal(e.stdout))
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.T("cli.flag.groupjson"))
	c.Flags().StringVar(&compare, "compare", "", e.T("cli.flag.compare"))
	c.Flags().BoolVar(&plain, "print", false, e.T("cli.flag.print"))
	c.Flags().BoolVar(&asHTML, "html", false, e.T("cli.flag.reporthtml"))
	c.Flags().StringVarP(&out, "output", "o", "", e.T("cli.flag.output"))
	return c
}

func workshopExport(e *env, g *globals) *cobra.Command {
	var out, csvKind string
	c := &cobra.Command{
		Use:   "export CODE",
		Short: e.T("cli.workshop.export.short"),
		Args:  oneCode(e, "export"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if csvKind != "" && csvKind != "items" && csvKind != "competences" {
				return usagef("%s", e.T("cli.workshop.csv", "Kind", csvKind))
			}
			return g.withReader(e, func(store *storage.Store) error {
				doc, err := exportWorkshop(store, strings.ToUpper(args[0]))
				if err != nil {
					return err
				}
				if csvKind == "" {
					if out == "" || out == "-" {
						return doc.Write(e.stdout)
					}
					return writeFileAtomic(out, doc)
				}
				w := e.stdout
				if out != "" && out != "-" {
					f, err := os.OpenFile(out, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
					if err != nil {
						return err
					}
					defer f.Close()
					w = f
				}
				return writeCSV(w, store.Catalog().Current(), doc, csvKind)
			})
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "", e.T("cli.flag.output"))
	c.Flags().StringVar(&csvKind, "csv", "", e.T("cli.flag.csv"))
	return c
}

// writeCSV writes one row per participant and item, or per participant and
// competence. Free text and notes stay out: a spreadsheet travels further.
func writeCSV(w io.Writer, b *assessment.Bank, doc *assessment.Document, kind string) error {
	cw := csv.NewWriter(w)
	if kind == "items" {
		cw.Write([]string{"assessment", "participant", "role", "completed", "section", "dimension", "item", "kind", "status", "value", "score", "develop"})
	} else {
		cw.Write([]string{"assessment", "participant", "role", "completed", "competence", "score", "target", "gap", "evidence", "low_evidence"})
	}
	num := func(p *float64) string {
		if p == nil {
			return ""
		}
		return fmt.Sprintf("%.1f", *p)
	}
	for _, rec := range doc.Assessments {
		done := ""
		if rec.CompletedAt != nil {
			done = rec.CompletedAt.UTC().Format(time.RFC3339)
		}
		head := []string{rec.ID, rec.Participant.ID, rec.Participant.Role, done}
		if kind == "competences" {
			for _, c := range rec.Results.Competences {
				cw.Write(append(head, c.ID, num(c.Score), fmt.Sprintf("%.0f", c.Target), num(c.Gap),
					fmt.Sprint(c.Evidence), fmt.Sprint(c.LowEvidence)))
			}
			continue
		}
		answers := assessment.Index(rec.Answers)
		for _, a := range rec.Answers {
			it, ok := b.Item(a.Item)
			if !ok || it.Kind == assessment.KindText {
				continue
			}
			value := ""
			if !a.Value.IsZero() {
				data, _ := a.Value.MarshalJSON()
				value = strings.Trim(string(data), `"`)
			}
			score := ""
			if s, ok := it.ItemScore(answers); ok {
				score = fmt.Sprintf("%.1f", 100*s)
			}
			cw.Write(append(head, it.Section, it.Dimension, it.ID, string(it.Kind), string(a.Status), value, score, fmt.Sprint(a.Develop)))
		}
	}
	cw.Flush()
	return cw.Error()
}

func workshopClose(e *env, g *globals) *cobra.Command {
	var erase bool
	c := &cobra.Command{
		Use:   "close CODE",
		Short: e.T("cli.workshop.close.short"),
		Args:  oneCode(e, "close"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return g.withStore(e, func(store *storage.Store) error {
				code := strings.ToUpper(args[0])
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
