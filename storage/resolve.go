package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrAmbiguous: a short id fits more than one stored id.
var ErrAmbiguous = errors.New("ambiguous")

// Candidate is a stored assessment or person an id (or its start) names,
// with what a person needs to tell them apart.
type Candidate struct {
	ID      string
	Name    string    // the person's name, "" when anonymous
	Started time.Time // assessments only
	Mode    string    // assessments only: full or quick
}

// AmbiguousError lists (some of) the ids a short id fits.
type AmbiguousError struct {
	Kind       string // "assessment" or "participant"
	Prefix     string
	Candidates []Candidate // at most maxCandidates
	More       bool        // more fit than are listed
}

func (e *AmbiguousError) Error() string {
	ids := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		ids[i] = c.ID
	}
	more := ""
	if e.More {
		more = ", …"
	}
	return fmt.Sprintf("%s %s: %s (%s%s)", e.Kind, e.Prefix, ErrAmbiguous, strings.Join(ids, ", "), more)
}

func (e *AmbiguousError) Unwrap() error { return ErrAmbiguous }

// maxCandidates is how many ids an ambiguous short id lists.
const maxCandidates = 5

const (
	assessmentQuery = `SELECT a.id, p.name, a.started_at, a.mode
	FROM assessments a JOIN participants p ON p.id = a.participant_id`
	participantQuery = `SELECT p.id, p.name, '', '' FROM participants p`
)

// AssessmentsStarting lists up to limit assessments whose id starts with
// prefix (all when it is empty), in id order: for completing an id.
func (s *Store) AssessmentsStarting(ctx context.Context, prefix string, limit int) ([]Candidate, error) {
	var list []Candidate
	err := s.read(ctx, func(tx txer) (err error) {
		list, err = startingWith(ctx, tx, assessmentQuery, "a.id", prefix, limit)
		return err
	})
	return list, s.fail("list assessments", err)
}

// ParticipantsStarting is AssessmentsStarting for people's ids.
func (s *Store) ParticipantsStarting(ctx context.Context, prefix string, limit int) ([]Candidate, error) {
	var list []Candidate
	err := s.read(ctx, func(tx txer) (err error) {
		list, err = startingWith(ctx, tx, participantQuery, "p.id", prefix, limit)
		return err
	})
	return list, s.fail("list participants", err)
}

// startingWith reads the ids in prefix's range (as typed, or in lower or
// upper case), which the unique index on the id column answers without a
// scan.
func startingWith(ctx context.Context, tx txer, query, col, prefix string, limit int) ([]Candidate, error) {
	low, up := strings.ToLower(prefix), strings.ToUpper(prefix)
	return candidates(ctx, tx, query+` WHERE (`+col+` >= ? AND `+col+` < ?) OR (`+col+` >= ? AND `+col+` < ?)
		ORDER BY `+col+` LIMIT ?`, low, low+"\U0010FFFF", up, up+"\U0010FFFF", limit)
}

// ResolveAssessment finds the assessment whose id is, or starts with,
// prefix (case aside): the one home of short ids, for every command that
// takes one. None is ErrNotFound; several an *AmbiguousError.
func (s *Store) ResolveAssessment(ctx context.Context, prefix string) (Candidate, error) {
	return s.resolve(ctx, "assessment", prefix, assessmentQuery, "a.id")
}

// ResolveParticipant is ResolveAssessment for a person's id.
func (s *Store) ResolveParticipant(ctx context.Context, prefix string) (Candidate, error) {
	return s.resolve(ctx, "participant", prefix, participantQuery, "p.id")
}

// resolve looks the exact id up first (an id may be the prefix of a
// longer one), then the ids in prefix's range.
func (s *Store) resolve(ctx context.Context, kind, prefix, query, col string) (Candidate, error) {
	prefix = strings.TrimSpace(prefix)
	notFound := fmt.Errorf("%s %s: %w", kind, prefix, ErrNotFound)
	if prefix == "" {
		return Candidate{}, notFound
	}
	var found []Candidate
	err := s.read(ctx, func(tx txer) error {
		found = found[:0]
		list, err := candidates(ctx, tx, query+` WHERE `+col+` = ?`, prefix)
		if err != nil || len(list) > 0 {
			found = list
			return err
		}
		found, err = startingWith(ctx, tx, query, col, prefix, maxCandidates+1)
		return err
	})
	switch {
	case err != nil:
		return Candidate{}, s.fail("find "+kind+" "+prefix, err)
	case len(found) == 0:
		return Candidate{}, notFound
	case len(found) > 1:
		a := &AmbiguousError{Kind: kind, Prefix: prefix, Candidates: found}
		if len(found) > maxCandidates {
			a.Candidates, a.More = found[:maxCandidates], true
		}
		return Candidate{}, a
	}
	return found[0], nil
}

func candidates(ctx context.Context, tx txer, query string, args ...any) ([]Candidate, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Candidate
	for rows.Next() {
		var c Candidate
		var started string
		if err := rows.Scan(&c.ID, &c.Name, &started, &c.Mode); err != nil {
			return nil, err
		}
		c.ID, c.Name, c.Mode = inert(c.ID), inert(c.Name), inert(c.Mode)
		if started != "" {
			c.Started, _ = parseTime(started)
		}
		list = append(list, c)
	}
	return list, rows.Err()
}
