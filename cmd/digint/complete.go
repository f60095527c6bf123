package main

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// maxCompletions bounds what a completion reads from a large database.
const maxCompletions = 100

type completer = func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective)

// peek runs fn on the database opened for reading only: completing never
// makes a database, never updates one, and never waits for a writer. No
// database, no completions.
func (g *globals) peek(e *env, fn func(*storage.Store) []cobra.Completion) []cobra.Completion {
	path, err := g.dbPath(e)
	if err != nil {
		return nil
	}
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		return nil
	}
	s, err := storage.OpenReadOnly(path, cat)
	if err != nil {
		return nil
	}
	defer s.Close()
	return fn(s)
}

// completeIDs offers assessment ids, each with whose it is, when and
// which kind; one argument unless many is set.
func completeIDs(e *env, g *globals, many bool) completer {
	return func(_ *cobra.Command, args []string, typed string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 && !many {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return g.peek(e, func(s *storage.Store) []cobra.Completion {
			list, _ := s.AssessmentsStarting(context.Background(), typed, maxCompletions)
			return candidates(e, list)
		}), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeParticipants offers people's ids, with their names.
func completeParticipants(e *env, g *globals) completer {
	return func(_ *cobra.Command, _ []string, typed string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return g.peek(e, func(s *storage.Store) []cobra.Completion {
			list, _ := s.ParticipantsStarting(context.Background(), typed, maxCompletions)
			return candidates(e, list)
		}), cobra.ShellCompDirectiveNoFileComp
	}
}

func candidates(e *env, list []storage.Candidate) []cobra.Completion {
	out := make([]cobra.Completion, len(list))
	for i, c := range list {
		out[i] = cobra.CompletionWithDesc(c.ID, describe(e, c))
	}
	return out
}

// completeCodes offers workshop codes, with their titles; one argument
// (a flag's value, or a command's code).
func completeCodes(e *env, g *globals) completer {
	return func(_ *cobra.Command, args []string, typed string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return g.peek(e, func(s *storage.Store) []cobra.Completion {
			ws, _ := s.Workshops(context.Background())
			var out []cobra.Completion
			for _, w := range ws {
				if strings.HasPrefix(w.Code, strings.ToUpper(typed)) && len(out) < maxCompletions {
					out = append(out, cobra.CompletionWithDesc(w.Code, safe.Line(w.Title)))
				}
			}
			return out
		}), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeLang offers the languages, each named in itself.
func completeLang(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, l := range i18n.Languages() {
		out = append(out, cobra.CompletionWithDesc(l.Tag, l.Name))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// fixed offers a fixed list of values.
func fixed(values ...string) completer {
	return func(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// addCompletions hangs the completions on the commands and flags that
// take ids, codes and languages.
func addCompletions(e *env, g *globals, root *cobra.Command) {
	root.RegisterFlagCompletionFunc("lang", completeLang)
	root.RegisterFlagCompletionFunc("workshop", completeCodes(e, g))
	for _, c := range root.Commands() {
		switch c.Name() {
		case "report", "plan":
			c.ValidArgsFunction = completeIDs(e, g, false)
		case "export":
			c.ValidArgsFunction = completeIDs(e, g, true)
			c.RegisterFlagCompletionFunc("participant", completeParticipants(e, g))
		case "erase":
			c.ValidArgsFunction = completeIDs(e, g, false)
			c.RegisterFlagCompletionFunc("participant", completeParticipants(e, g))
		case "workshop":
			for _, w := range c.Commands() {
				switch w.Name() {
				case "report", "export", "close":
					w.ValidArgsFunction = completeCodes(e, g)
				}
				if w.Flags().Lookup("compare") != nil {
					w.RegisterFlagCompletionFunc("compare", completeCodes(e, g))
				}
				if w.Flags().Lookup("csv") != nil {
					w.RegisterFlagCompletionFunc("csv", fixed("items", "competences"))
					w.RegisterFlagCompletionFunc("sep", fixed(",", ";", "tab"))
				}
			}
		}
	}
}
