package main

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/digint/digint/assessment/safe"
)

// printError writes one clear line on stderr, in the user's language.
func (e *env) printError(w io.Writer, _ fang.Styles, err error) {
	// Errors quote ids, file names and values from files: one short,
	// inert line, whatever they hold.
	msg := "digint: " + safe.Excerpt(explainFile(e, err).Error(), maxErrorRunes)
	if exitCode(err) == 2 {
		msg += " (" + e.T("cli.err.seehelp") + ")"
	}
	fmt.Fprintln(w, wrapLines(msg, terminalWidth(w)))
}

// say writes a line of prose on stdout, broken between words where it is
// a terminal.
func (e *env) say(line string) {
	fmt.Fprintln(e.stdout, wrapLines(line, terminalWidth(e.stdout)))
}

// wrapLines breaks each line of s wider than width between words, under
// its own indent: a terminal breaks a long line mid-word. A width of 0
// (not a terminal) leaves s as it is.
func wrapLines(s string, width int) string {
	if width <= 0 {
		return s
	}
	lines := strings.Split(s, "\n")
	var out []string
	for _, line := range lines {
		if ansi.StringWidth(line) <= width {
			out = append(out, line)
			continue
		}
		rest := strings.TrimLeft(line, " ")
		out = append(out, wrap(rest, line[:len(line)-len(rest)], width)...)
	}
	return strings.Join(out, "\n")
}

// pflag words its errors in English, with no type: these patterns take
// them apart to say the same in the user's language.
var (
	reUnknownFlag  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown flag: (--\S+)$`) })
	reUnknownShort = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown shorthand flag: '(.)' in (-\S+)$`) })
	reNeedsArg     = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^flag needs an argument: (?:'(.)' in -\S+|(--\S+))$`)
	})
	reBadValue = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^invalid argument "(.*)" for "(?:-., )?(--\S+)" flag: `)
	})
)

// flagError translates a flag's parse error, with a suggestion for a
// mistyped flag; it is always bad usage (exit 2).
func flagError(e *env) func(*cobra.Command, error) error {
	return func(c *cobra.Command, err error) error {
		s := err.Error()
		var msg string
		if m := reUnknownFlag().FindStringSubmatch(s); m != nil {
			msg = e.T("cli.err.unknownflag", "Flag", m[1]) + didYouMean(e, flagSuggestions(c, strings.TrimPrefix(m[1], "--")))
		} else if m := reUnknownShort().FindStringSubmatch(s); m != nil {
			msg = e.T("cli.err.unknownflag", "Flag", "-"+m[1])
		} else if m := reNeedsArg().FindStringSubmatch(s); m != nil {
			msg = e.T("cli.err.needsvalue", "Flag", cmpOr(m[2], "-"+m[1]))
		} else if m := reBadValue().FindStringSubmatch(s); m != nil {
			msg = e.T("cli.err.badvalue", "Value", safe.Line(m[1]), "Flag", m[2]) + valueHint(e, c, m[2])
		} else {
			return usageError{err}
		}
		return usageError{errors.New(msg)}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// valueHint says what kind of value a flag takes.
func valueHint(e *env, c *cobra.Command, flag string) string {
	f := c.Flags().Lookup(strings.TrimPrefix(flag, "--"))
	if f == nil {
		return ""
	}
	var hint string
	switch f.Value.Type() {
	case "int":
		hint = e.T("cli.err.wantint")
	case "duration":
		hint = e.T("cli.err.wantduration")
	case "bool":
		hint = e.T("cli.err.wantbool")
	default:
		return ""
	}
	return e.T("punct.colon") + hint // French puts a space before the colon
}

// unknownCommand refuses a word that is no command of c, suggesting the
// nearest (cobra's own measure).
func unknownCommand(e *env, c *cobra.Command, word string) error {
	msg := e.T("cli.err.unknowncommand", "Name", safe.Line(word), "Path", c.CommandPath())
	return usageError{errors.New(msg + didYouMean(e, c.SuggestionsFor(word)))}
}

// didYouMean is "; did you mean …?" in the user's language, or "".
func didYouMean(e *env, list []string) string {
	if len(list) == 0 {
		return ""
	}
	return e.T("cli.err.didyoumean", "List", strings.Join(list, ", "))
}

// flagSuggestions are the flags of c whose names are near name.
// A persistent flag is among both the command's flags and those it
// inherits: each is named once.
func flagSuggestions(c *cobra.Command, name string) []string {
	var out []string
	seen := map[string]bool{}
	visit := func(f *pflag.Flag) {
		if f.Hidden || seen[f.Name] {
			return
		}
		if distance(strings.ToLower(name), f.Name) <= 2 || (len(name) > 1 && strings.HasPrefix(f.Name, name)) {
			seen[f.Name] = true
			out = append(out, "--"+f.Name)
		}
	}
	c.Flags().VisitAll(visit)
	c.InheritedFlags().VisitAll(visit)
	return out
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// explainFile says in the user's language why a file could not be read or
// written, naming it.
func explainFile(e *env, err error) error {
	if text, ok := e.loc.FileError(err); ok {
		return errors.New(text)
	}
	return err
}
