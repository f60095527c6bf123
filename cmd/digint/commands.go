package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

func printJSON(e *env, v any) error { return writeJSON(e.stdout, v) }

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func bankCmd(e *env, g *globals) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "bank",
		Short: e.T("cli.bank.short"),
		Args:  noArgsOf(e),
		RunE: func(cmd *cobra.Command, _ []string) error {
			lang, err := g.language(e)
			if err != nil {
				return err
			}
			b, err := assessment.Default()
			if err != nil {
				return err
			}
			if b, err = i18n.Bank(b, lang); err != nil {
				return err
			}
			if asJSON {
				return printJSON(e, b)
			}
			return printBank(e, b)
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.T("cli.flag.json"))
	return c
}

func printBank(e *env, b *assessment.Bank) error {
	w, width := e.stdout, terminalWidth(e.stdout)
	fmt.Fprintf(w, "%s (%s %s)\n", b.Title, b.ID, b.Version)
	kinds := 0 // the kinds' column, as wide as its widest name in the language
	for _, it := range b.Items {
		kinds = max(kinds, ansi.StringWidth(e.T("cli.bank.kind."+string(it.Kind))))
	}
	for _, s := range b.Sections {
		fmt.Fprintf(w, "\n%s\n", s.Title)
		for _, it := range b.Items {
			if it.Section != s.ID {
				continue
			}
			quick := " "
			if it.Quick {
				quick = "*"
			}
			kind := e.T("cli.bank.kind." + string(it.Kind))
			head := fmt.Sprintf("  %s %-26s %s ", quick, it.ID, kind+strings.Repeat(" ", kinds-ansi.StringWidth(kind)))
			if width <= 0 { // not a terminal: one line each, for grep
				fmt.Fprintln(w, head+it.Text)
				continue
			}
			fmt.Fprintln(w, strings.Join(wrap(it.Text, head, width), "\n")) // under its column
		}
	}
	fmt.Fprintln(w, "\n* "+e.T("cli.bank.quick"))
	printBankTargets(e, b)
	return nil
}

// printBankTargets prints what the help promises beside the items: the
// competences with each role's target, the roles, and the training
// modules by course.
func printBankTargets(e *env, b *assessment.Bank) {
	w := e.stdout
	fmt.Fprintf(w, "\n%s\n", e.T("group.tab.roles"))
	for _, r := range b.Roles {
		fmt.Fprintf(w, "  %-26s %s\n", r.ID, r.Title)
	}
	fmt.Fprintf(w, "\n%s\n", e.T("tab.competences"))
	for _, co := range b.Competences {
		var targets []string
		for _, r := range b.Roles {
			targets = append(targets, r.ID+" "+e.loc.Number(r.Targets[co.ID]))
		}
		fmt.Fprintf(w, "  %-26s %s (%s)\n", co.ID, co.Title, strings.Join(targets, " · "))
	}
	fmt.Fprintf(w, "\n%s\n", e.T("tab.modules"))
	for _, course := range b.Courses {
		fmt.Fprintf(w, "  %s (%s)\n", course.Title, course.Role)
		for _, mod := range course.Modules {
			fmt.Fprintf(w, "    %-24s %s (%s)\n", mod.ID, mod.Title, mod.Partner)
		}
	}
}

// listPage is how many assessments list shows unless told otherwise.
const listPage = 50

func listCmd(e *env, g *globals) *cobra.Command {
	var asJSON bool
	limit, offset := -1, 0 // -1: the default (a page, or all for --json)
	c := &cobra.Command{
		Use:   "list",
		Short: e.T("cli.list.short"),
		Args:  noArgsOf(e),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if limit < -1 || (limit == -1 && cmd.Flags().Changed("limit")) || offset < 0 {
				return usagef("%s", e.T("cli.list.badpage"))
			}
			if limit == -1 {
				limit = listPage
				if asJSON {
					limit = 0 // a program reading it wants everything
				}
			}
			f := storage.Filter{Limit: limit, Offset: offset}
			return g.withReader(e, func(store *storage.Store) error {
				if asJSON {
					return listJSON(e, store, f)
				}
				return listTable(e, store, f)
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, e.T("cli.flag.json"))
	c.Flags().IntVar(&limit, "limit", -1, e.T("cli.flag.limit"))
	c.Flags().Lookup("limit").DefValue = "0" // -1 is no value to type: the help shows none
	c.Flags().IntVar(&offset, "offset", 0, e.T("cli.flag.offset"))
	return c
}

// listJSON writes the list as one JSON array, each assessment as it is
// read from the database.
func listJSON(e *env, store *storage.Store, f storage.Filter) error {
	w := bufio.NewWriter(e.stdout)
	sep := "[\n  "
	err := store.Each(context.Background(), f, func(s storage.Summary) error {
		data, err := json.MarshalIndent(s, "  ", "  ")
		if err != nil {
			return err
		}
		w.WriteString(sep)
		sep = ",\n  "
		_, err = w.Write(data)
		return err
	})
	if err != nil {
		return err
	}
	if sep == "[\n  " {
		w.WriteString("[]\n")
	} else {
		w.WriteString("\n]\n")
	}
	return w.Flush()
}

// commandLine is a digint command to type, a hint the user can copy as it
// is: with the options of this run that the command needs to do the same,
// the database given by --db and the language given by --lang (one the
// locale chose is chosen again the same way). The one place that decides
// which options a suggested command repeats.
func (e *env) commandLine(args ...string) string {
	words := []string{"digint"}
	if e.lang != "" {
		words = append(words, "--lang", e.lang)
	}
	if e.db != "" {
		words = append(words, "--db", shellWord(safe.Line(storage.Redacted(e.db))))
	}
	return strings.Join(append(words, args...), " ")
}

// comeBack is the command that brings the wizard back as this run has it:
// commandLine's, and line by line when this run is (--accessible, or a
// dumb terminal that chose it): someone with a screen reader who types it
// must not land on the full screen.
func (e *env) comeBack(accessible bool) string {
	if accessible {
		return e.commandLine("--accessible")
	}
	return e.commandLine()
}

// shellWord quotes s for a POSIX shell when it holds anything but plain
// path characters.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:@,=") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// listTable writes the list as a table, a block of rows at a time so a
// long list is not held in memory, and says how to see more when a page
// is not all there is.
func listTable(e *env, store *storage.Store, f storage.Filter) error {
	ctx := context.Background()
	b, err := assessment.Default()
	if err != nil {
		return err
	}
	if b, err = i18n.Bank(b, e.loc.Lang()); err != nil {
		return err
	}
	out := bufio.NewWriterSize(e.stdout, 64<<10) // tabwriter writes each cell and pad on its own
	width := terminalWidth(e.stdout)
	table := newListWriter(out, strings.Split(e.T("cli.list.header"), "\t"), width)
	n := 0
	modes := map[assessment.Mode]string{} // translated once, not on every row
	err = store.Each(ctx, f, func(s storage.Summary) error {
		done := "–"
		if s.CompletedAt != nil {
			done = s.CompletedAt.Local().Format(time.DateTime)
		}
		name := cmp.Or(safe.Line(s.Participant.Name), "–")
		role := safe.Line(s.Participant.Role)
		if r, ok := b.Role(role); ok {
			role = r.Title
		}
		mode, ok := modes[s.Mode]
		if !ok {
			mode = e.T("mode." + string(s.Mode))
			modes[s.Mode] = mode
		}
		n++
		return table.add(s.ID, name, role, mode, fmt.Sprintf("%d/%d", s.Answered, s.Asked), s.UpdatedAt.Local().Format(time.DateTime), done)
	})
	if err != nil {
		return err
	}
	if n == 0 && f.Offset == 0 {
		fmt.Fprintln(e.stdout, e.T("cli.list.none"))
		return nil
	}
	if n == 0 { // paged past the end
		total, err := store.Count(ctx, storage.Filter{})
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stderr, e.T("cli.list.pastend", "Offset", e.count(f.Offset), "Total", e.count(total)))
		return nil
	}
	if err := table.flush(); err != nil {
		return err
	}
	if f.Limit > 0 && n == f.Limit {
		total, err := store.Count(ctx, storage.Filter{})
		if err != nil {
			return err
		}
		if total > f.Offset+n {
			next := []string{"list", "--offset", strconv.Itoa(f.Offset + n)}
			if f.Limit != listPage {
				next = append(next, "--limit", strconv.Itoa(f.Limit))
			}
			fmt.Fprintln(e.stderr, e.T("cli.list.more", "From", e.count(f.Offset+1), "To", e.count(f.Offset+n), "Total", e.count(total),
				"Next", e.commandLine(next...), "All", e.commandLine("list", "--limit", "0")))
		}
	}
	return nil
}

func exportCmd(e *env, g *globals) *cobra.Command {
	var all bool
	var participant, out string
	c := &cobra.Command{
		Use:   "export [ID...]",
		Short: e.T("cli.export.short"),
		Long:  e.T("cli.export.long"),
		RunE: func(cmd *cobra.Command, ids []string) error {
			if len(ids) == 0 && !all && participant == "" {
				return usagef("%s", e.T("cli.export.what"))
			}
			bulkWork()
			return g.withReader(e, func(store *storage.Store) error {
				sel, err := selection(e, store, ids, participant)
				if err != nil {
					return err
				}
				sel.All = all
				return writeOutput(e, out, func(w io.Writer) error {
					return store.WriteDocument(context.Background(), sel, w)
				})
			})
		},
	}
	c.Flags().BoolVar(&all, "all", false, e.T("cli.flag.exportall"))
	c.Flags().StringVar(&participant, "participant", "", e.T("cli.flag.exportparticipant"))
	c.Flags().StringVarP(&out, "output", "o", "", e.T("cli.flag.output"))
	return c
}

// selection resolves the short ids of an export.
func selection(e *env, store *storage.Store, ids []string, participant string) (storage.Selection, error) {
	var sel storage.Selection
	for _, id := range ids {
		c, err := assessmentID(e, store, id)
		if err != nil {
			return sel, err
		}
		sel.IDs = append(sel.IDs, c.ID)
	}
	if participant != "" {
		c, err := participantID(e, store, participant)
		if err != nil {
			return sel, err
		}
		sel.Participant = c.ID
	}
	return sel, nil
}

func importCmd(e *env, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE...",
		Short: e.T("cli.import.short"),
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("%s", e.T("cli.import.what"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, files []string) error {
			return g.withStore(e, func(store *storage.Store) error {
				return importFiles(e, store, files)
			})
		},
	}
}

func eraseCmd(e *env, g *globals) *cobra.Command {
	var all bool
	var participant string
	c := &cobra.Command{
		Use:   "erase ID | --participant ID | --all",
		Short: e.T("cli.erase.short"),
		RunE: func(cmd *cobra.Command, ids []string) error {
			n := len(ids)
			if participant != "" {
				n++
			}
			if all {
				n++
			}
			if n != 1 {
				return usagef("%s", e.T("cli.erase.what"))
			}
			return g.withStore(e, func(store *storage.Store) error {
				return erase(e, store, firstOr(ids, ""), participant, all)
			})
		},
	}
	c.Flags().BoolVar(&all, "all", false, e.T("cli.flag.eraseall"))
	c.Flags().StringVar(&participant, "participant", "", e.T("cli.flag.eraseparticipant"))
	return c
}

// erase asks before it erases, naming whose assessment (date, mode) or
// which person: an id alone says nothing to the one who must say yes.
func erase(e *env, store *storage.Store, id, participant string, all bool) error {
	ctx := context.Background()
	var what string
	var do func() error
	switch {
	case all:
		what = e.T("cli.erase.all", "Path", store.Path())
		do = func() error { return store.EraseAll(ctx) }
	case participant != "":
		c, err := participantID(e, store, participant)
		if err != nil {
			return err
		}
		what = e.T("cli.erase.personnamed", "Who", describe(e, c), "ID", c.ID)
		do = func() error { return store.EraseParticipant(ctx, c.ID) }
	default:
		c, err := assessmentID(e, store, id)
		if err != nil {
			return err
		}
		what = e.T("cli.erase.assessmentof", "Who", describe(e, c), "ID", c.ID)
		do = func() error { return store.EraseAssessment(ctx, c.ID) }
	}
	if !confirm(e, what) {
		fmt.Fprintln(e.stdout, e.T("cli.erase.cancelled"))
		return nil
	}
	if err := do(); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.T("cli.erase.done", "What", what))
	e.say(e.T("cli.erase.files")) // copies made earlier hold names and notes too
	return nil
}

func versionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: e.T("cli.version.short"),
		Args:  noArgsOf(e),
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(e.stdout, versionLine())
			return nil
		},
	}
}

// versionLine names the program, its bank and its document format by
// their identifiers only, so it reads the same in every language without a
// catalog; the bank is named, not built, so that version stays quick.
func versionLine() string {
	b := assessment.DefaultRef()
	return fmt.Sprintf("digint %s (%s %s, %s v%d)", programVersion(), b.ID, b.Version,
		assessment.DocumentFormat, assessment.DocumentVersion)
}

func firstOr(list []string, def string) string {
	if len(list) > 0 {
		return list[0]
	}
	return def
}

// confirm asks a person at a terminal to type yes before something is
// erased for good; scripts (no terminal) are not asked.
func confirm(e *env, what string) bool {
	if !isTerminal(e.stdin) {
		return true
	}
	fmt.Fprint(e.stderr, wrapLines(e.T("cli.erase.confirm", "What", what), terminalWidth(e.stderr))+" ")
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	return confirmed(e, line)
}

// confirmed tells whether a typed line is the language's yes (or yes),
// its accents optional.
func confirmed(e *env, line string) bool {
	answer := withoutAccents(strings.ToLower(strings.TrimSpace(line)))
	return answer == withoutAccents(e.T("cli.erase.yes")) || answer == "yes"
}

// withoutAccents is s with the accented vowels of the partner languages
// plain: "si" confirms as "sì" or "sí" does, typed on any keyboard.
func withoutAccents(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'à', 'á', 'â', 'ä':
			return 'a'
		case 'è', 'é', 'ê', 'ë':
			return 'e'
		case 'ì', 'í', 'î', 'ï':
			return 'i'
		case 'ò', 'ó', 'ô', 'ö':
			return 'o'
		case 'ù', 'ú', 'û', 'ü':
			return 'u'
		}
		return r
	}, s)
}
