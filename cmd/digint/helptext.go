package main

import (
	"io"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
)

// fang's help has its section titles and the placeholders of the usage
// line in English, with no way to set them (fang v2.0.1: help.go). Its
// help writes each title, and the usage block, in one Write: helpWriter
// puts those into the user's language on the way out.
//
// fang also leaves a command's or a flag's description as one line, which
// a narrow terminal breaks mid-word at its left edge: rows wider than the
// terminal are wrapped here, under their description's column.
type helpWriter struct {
	w      io.Writer
	titles map[string]string // USAGE → the title in the user's language
	usage  [][2]string       // [command] → its words in the user's language
	width  int               // the terminal's columns; 0: not a terminal, no wrapping
	titled bool              // a help title was written: rows follow (not a completion script)
}

func newHelpWriter(e *env, w io.Writer) *helpWriter {
	up := func(key string) string { return strings.ToUpper(e.T(key)) }
	return &helpWriter{w: w,
		titles: map[string]string{"USAGE": up("cli.help.usage"), "COMMANDS": up("cli.help.commands"),
			"FLAGS": up("cli.help.flags"), "EXAMPLES": up("cli.help.examples")},
		usage: [][2]string{{"[command]", "[" + e.T("cli.help.command") + "]"}, {"[args]", "[" + e.T("cli.help.args") + "]"},
			{"[--flags]", "[--" + e.T("cli.help.flagsword") + "]"}},
		width: min(terminalWidth(w), fangWidth),
	}
}

func (h *helpWriter) Write(p []byte) (int, error) {
	s := string(p)
	plain := strings.TrimSpace(ansi.Strip(s))
	if t, ok := h.titles[plain]; ok {
		s, h.titled = strings.Replace(s, plain, t, 1), true
	} else if s = h.fit(h.placeholders(s)); s == string(p) {
		return h.w.Write(p)
	}
	if _, err := io.WriteString(h.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}

// placeholders translates the usage line's placeholders. fang aligned
// the column after them for the English words; every line with one moves
// its column by the most the words can grow, so the column stays straight.
func (h *helpWriter) placeholders(s string) string {
	grow, most, found := 0, 0, false
	for k, r := range h.usage {
		d := utf8.RuneCountInString(r[1]) - utf8.RuneCountInString(r[0])
		if k < 2 { // [command] and [args] never come together
			most = max(most, d)
		} else {
			most += max(d, 0)
		}
		if n := strings.Count(s, r[0]); n > 0 {
			s, grow, found = strings.ReplaceAll(s, r[0], r[1]), grow+n*d, true
		}
	}
	if !found {
		return s
	}
	end := strings.IndexByte(s, '\n')
	if end < 0 {
		end = len(s)
	}
	after := 0 // the gap follows the last placeholder
	for _, r := range h.usage {
		if i := strings.LastIndex(s[:end], r[1]); i >= 0 {
			after = max(after, i+len(r[1]))
		}
	}
	if gap := strings.Index(s[after:end], "  "); gap >= 0 && most > grow {
		gap += after
		s = s[:gap] + strings.Repeat(" ", most-grow) + s[gap:]
	}
	return s
}

// helpRow is a command's or a flag's row of the help: its key (words
// single-spaced), then two spaces or more, then the description.
var helpRow = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^( +\S+(?: \S+)*  +)\S`) })

// minDescription is the narrowest a description column is kept; when
// the keys leave less, every row puts its description on the lines below
// its key, so that the rows stay alike.
const minDescription = 32

// fit wraps the help rows of s to the terminal: a description goes on
// under its own column, broken between words.
func (h *helpWriter) fit(s string) string {
	if h.width <= 0 || !h.titled {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		plain := ansi.Strip(line)
		m := helpRow().FindStringSubmatchIndex(plain)
		if m == nil {
			continue
		}
		col := ansi.StringWidth(plain[:m[3]])
		below := h.width-col < minDescription
		if !below && ansi.StringWidth(line) <= h.width {
			continue
		}
		key, desc := ansi.Cut(line, 0, col), ansi.Cut(line, col, ansi.StringWidth(line))
		indent := col
		if below {
			indent = min(2*longPad, col)
			key = strings.TrimRight(key, " ") + "\n" + strings.Repeat(" ", indent)
		}
		// Between words only: "--lang" or "--kiosk" cut at its hyphen
		// would be copied as two words.
		wrapped := wrap(desc, "", max(h.width-indent, 1))
		lines[i] = key + strings.Join(wrapped, "\n"+strings.Repeat(" ", indent))
	}
	return strings.Join(lines, "\n")
}

const (
	descIndent = 2   // fang's indent of a command's description
	longPad    = 4   // fang's indent of the rows of its help
	fangWidth  = 120 // the widest fang lays its help out
)

// helpOn shows the help of the command args name; a word that names none
// is refused as an unknown command is (cobra showed the general help and
// exited 0).
func helpOn(e *env, root *cobra.Command, args []string) error {
	c, rest, err := root.Find(args)
	if err != nil || c == nil || len(rest) > 0 {
		parent, word := root, ""
		if len(args) > 0 {
			word = args[len(args)-1]
		}
		if c != nil {
			parent = c
		}
		return unknownCommand(e, parent, word)
	}
	return c.Help()
}

// translateCobra puts the commands and flags cobra adds by itself (help,
// completion, -h, -v) into the user's language: cobra words them in
// English when it adds them, so they are added here first.
func translateCobra(e *env, root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Short, c.Long = e.T("cli.help.short"), ""
			c.RunE = func(_ *cobra.Command, args []string) error { return helpOn(e, root, args) }
		case "completion":
			c.Short, c.Long = e.T("cli.completion.short"), e.T("cli.completion.long")
			for _, sh := range c.Commands() {
				sh.Short, sh.Long = e.T("cli.completion.shell", "Shell", sh.Name()), e.T("cli.completion.long")
				if f := sh.Flags().Lookup("no-descriptions"); f != nil {
					f.Usage = e.T("cli.completion.nodesc")
				}
			}
		}
	}
	root.Flags().BoolP("version", "v", false, e.T("cli.flag.version"))
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.SuggestionsMinimumDistance = 2
		c.InitDefaultHelpFlag()
		c.Flags().Lookup("help").Usage = e.T("cli.flag.help", "Name", c.CommandPath())
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// helpWidth is the width fang lays a command's description out in: the
// terminal's, up to fangWidth, else fangWidth.
func helpWidth(w io.Writer) int {
	if t := terminalWidth(w); t > 0 {
		return min(t, fangWidth)
	}
	return fangWidth
}

// shownCommand is the command whose help args would show ("help X" shows
// X's): the one description worth fitting, not all of them at every start.
func shownCommand(root *cobra.Command, args []string) *cobra.Command {
	c, rest, err := root.Find(args)
	if err != nil {
		return root
	}
	if c.Name() == "help" && c.Parent() == root {
		if shown, _, err := root.Find(rest); err == nil {
			return shown
		}
	}
	return c
}

// fitLongs breaks c's description (its short one where it has no other)
// between words, within fang's width less its indent: fang would break it
// at hyphens too, "--" at a line's end and "lang" on the next.
func fitLongs(c *cobra.Command, width int) {
	text := c.Long
	if text == "" {
		text = c.Short
	}
	var paragraphs []string
	for _, p := range strings.Split(text, "\n") {
		paragraphs = append(paragraphs, strings.Join(wrap(p, "", max(width-descIndent, 1)), "\n"))
	}
	c.Long = strings.Join(paragraphs, "\n")
}
