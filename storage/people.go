package storage

import (
	"context"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/digint/digint/assessment"
)

// Who is the same person again: one rule, for every face that starts an
// assessment (the wizard, the accessible flow, served sessions).

// PersonKey is the form names and institutions are matched in: cleaned,
// Unicode-normalised (NFKC, so a decomposed "é" or a full-width letter is
// the plain one), case-folded ("ÉLODIE" is "élodie", "STRASSE" "straße")
// and with runs of spaces made one.
func PersonKey(s string) string {
	s = norm.NFKC.String(assessment.CleanText(s, false))
	return strings.Join(strings.Fields(cases.Fold().String(s)), " ")
}

// legacyNameKey is the key stores written before PersonKey hold (folded,
// not normalised): people stored then are still found.
func legacyNameKey(name string) string {
	return cases.Fold().String(assessment.CleanText(name, false))
}

// samePerson finds the stored person p is, if any: the same name (by
// PersonKey), and the same institution, or one of the two left blank when
// that leaves one institution. Among equals the same role wins, then the
// most recently active. Nobody without a name is ever linked: two
// anonymous people are never one. A new role does not make a new person:
// progress says the roles differ.
func samePerson(ctx context.Context, tx txer, p assessment.Participant) (string, bool, error) {
	key := PersonKey(p.Name)
	if key == "" {
		return "", false, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT p.id, p.name, p.role, p.institution FROM participants p
	WHERE p.name_key IN (?, ?)
	ORDER BY (SELECT max(a.updated_at) FROM assessments a WHERE a.participant_id = p.id) DESC NULLS LAST, p.created_at DESC, p.id`,
		key, legacyNameKey(p.Name))
	if err != nil {
		return "", false, err
	}
	defer rows.Close()
	var found []assessment.Participant // as stored, not made inert: the id found is written back as a key
	for rows.Next() {
		var q assessment.Participant
		if err := rows.Scan(&q.ID, &q.Name, &q.Role, &q.Institution); err != nil {
			return "", false, err
		}
		if PersonKey(q.Name) == key { // the legacy key may hold other spellings
			found = append(found, q)
		}
	}
	if err := rows.Err(); err != nil {
		return "", false, err
	}
	id, ok := pickSamePerson(p, found)
	return id, ok, nil
}

// pickSamePerson applies the rule of samePerson to the people of that name,
// most recently active first.
func pickSamePerson(p assessment.Participant, found []assessment.Participant) (string, bool) {
	inst := PersonKey(p.Institution)
	var match []assessment.Participant
	for _, q := range found {
		if PersonKey(q.Institution) == inst {
			match = append(match, q)
		}
	}
	if len(match) == 0 { // one side left the institution blank
		insts := map[string]bool{}
		for _, q := range found {
			if qi := PersonKey(q.Institution); inst == "" || qi == "" {
				insts[qi] = true
				match = append(match, q)
			}
		}
		if len(insts) != 1 {
			return "", false // none, or ambiguous: a new person
		}
	}
	if len(match) == 0 {
		return "", false
	}
	for _, q := range match {
		if q.Role == p.Role {
			return q.ID, true
		}
	}
	return match[0].ID, true
}
