package main

import (
	"cmp"
	"context"
	"errors"
	"strings"

	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/storage"
)

// assessmentID finds the assessment an id or its start names (the export
// file is named with the first eight characters): every command that takes
// an assessment id goes through it, and so through storage's one resolver.
func assessmentID(e *env, store *storage.Store, id string) (storage.Candidate, error) {
	if strings.TrimSpace(id) == "" {
		return storage.Candidate{}, usagef("%s", e.T("cli.id.empty"))
	}
	c, err := store.ResolveAssessment(context.Background(), id)
	return c, explainID(e, err, "cli.report.notfound", id)
}

// participantID is assessmentID for a person's id.
func participantID(e *env, store *storage.Store, id string) (storage.Candidate, error) {
	if strings.TrimSpace(id) == "" {
		return storage.Candidate{}, usagef("%s", e.T("cli.id.empty"))
	}
	c, err := store.ResolveParticipant(context.Background(), id)
	return c, explainID(e, err, "cli.id.nonparticipant", id)
}

// explainID says in the user's language that an id names nothing, or
// several (listed briefly, with who and when, so the right one is found).
func explainID(e *env, err error, notFound, id string) error {
	var amb *storage.AmbiguousError
	switch {
	case errors.As(err, &amb):
		list := make([]string, len(amb.Candidates))
		for i, c := range amb.Candidates {
			list[i] = c.ID + " (" + describe(e, c) + ")"
		}
		s := strings.Join(list, e.T("punct.semicolon"))
		if amb.More {
			s += e.T("punct.semicolon") + e.T("cli.id.more")
		}
		return usagef("%s", e.T("cli.id.ambiguous", "ID", safe.Line(id), "List", s))
	case errors.Is(err, storage.ErrNotFound):
		return errors.New(e.T(notFound, "ID", safe.Line(id)))
	}
	return err
}

// describe names whose an assessment is, when and which kind, or who a
// person is.
func describe(e *env, c storage.Candidate) string {
	name := cmp.Or(safe.Line(c.Name), e.T("welcome.anonymous"))
	if c.Started.IsZero() {
		return name
	}
	return name + ", " + dateOf(c.Started) + ", " + e.T("mode."+c.Mode)
}
