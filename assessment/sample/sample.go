// Package sample makes random but valid assessments for tests and
// benchmarks of every package that handles them.
package sample

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/digint/digint/assessment"
)

// Answers answers every item asked in mode with a random valid value, or now
// and then not applicable or don't know.
func Answers(b *assessment.Bank, rng *rand.Rand, mode assessment.Mode) []assessment.Answer {
	var out []assessment.Answer
	for _, it := range b.Asked(mode) {
		out = append(out, Answer(it, rng))
	}
	// A part is never larger than its whole: learners abroad among those enrolled.
	for _, it := range b.Items {
		if it.Kind != assessment.KindRatio {
			continue
		}
		ni := slices.IndexFunc(out, func(a assessment.Answer) bool { return a.Item == it.Numerator })
		di := slices.IndexFunc(out, func(a assessment.Answer) bool { return a.Item == it.Denominator })
		if ni >= 0 && di >= 0 && out[ni].Status == assessment.StatusAnswered && out[di].Status == assessment.StatusAnswered &&
			out[ni].Value.Number() > out[di].Value.Number() {
			out[ni].Value = assessment.Number(rng.IntN(out[di].Value.Number() + 1))
		}
	}
	return out
}

// Answer gives one random valid answer to an item.
func Answer(it *assessment.Item, rng *rand.Rand) assessment.Answer {
	a := assessment.Answer{Item: it.ID, Status: assessment.StatusAnswered}
	switch r := rng.IntN(20); {
	case r == 0 && !it.IsGate():
		a.Status = assessment.StatusNA
		return a
	case r == 1 && !it.IsGate():
		a.Status = assessment.StatusUnknown
		return a
	}
	switch it.Kind {
	case assessment.KindMaturity:
		a.Value = assessment.Number(rng.IntN(assessment.MaturityMax + 1))
	case assessment.KindSelfRating:
		a.Value = assessment.Number(assessment.SelfRatingMin + rng.IntN(assessment.SelfRatingMax))
	case assessment.KindCount:
		a.Value = assessment.Number(rng.IntN(500))
	case assessment.KindBand:
		a.Value = assessment.String(it.Options[rng.IntN(len(it.Options))].ID)
	case assessment.KindYesNo:
		// The middle answer is "partly", or a gate's "planned" (bank 1.1.0).
		mid := "partly"
		if len(it.Options) == 3 {
			mid = it.Options[1].ID
		}
		choices := []string{"yes", mid, "no"}
		if it.IsGate() {
			choices = []string{"yes", "yes", mid, "no"} // most people pursue
		}
		a.Value = assessment.String(choices[rng.IntN(len(choices))])
	case assessment.KindMulti:
		ids := []string{}
		none, hasNone := it.NoneOption()
		for _, o := range it.Options {
			if o.ID != none && rng.IntN(2) == 0 {
				ids = append(ids, o.ID)
			}
		}
		if it.Other && rng.IntN(3) == 0 {
			a.Other = "our own way"
		}
		if hasNone && len(ids) == 0 && a.Other == "" {
			ids = append(ids, none) // nothing applies, said explicitly
		}
		a.Value = assessment.List(ids)
	case assessment.KindText:
		a.Value = assessment.String(fmt.Sprintf("comment %d", rng.IntN(1000)))
	}
	if rng.IntN(4) == 0 {
		a.Note = "evidence: partnership agreement"
	}
	a.Develop = rng.IntN(3) == 0
	return a
}

var roles = []string{"trainer", "manager", "policy"}

// Assessment makes a complete random assessment with a fresh id.
func Assessment(b *assessment.Bank, rng *rand.Rand, mode assessment.Mode) *assessment.Assessment {
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(1e6)) * time.Second)
	done := start.Add(20 * time.Minute)
	role := roles[rng.IntN(len(roles))]
	if _, ok := b.Role(role); !ok {
		role = b.Roles[0].ID
	}
	return &assessment.Assessment{
		ID:          uuidFrom(rng),
		Participant: assessment.Participant{ID: uuidFrom(rng), Role: role},
		Bank:        assessment.BankRef{ID: b.ID, Version: b.Version},
		Mode:        mode,
		Language:    "en",
		StartedAt:   start,
		UpdatedAt:   done,
		CompletedAt: &done,
		Answers:     Answers(b, rng, mode),
	}
}

// uuidFrom draws a version-4 UUID from rng, so samples are reproducible.
func uuidFrom(rng *rand.Rand) string {
	var u [16]byte
	for i := range u {
		u[i] = byte(rng.UintN(256))
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// Partial answers a random share of the items asked in a random mode,
// leaving the rest open, for a random role.
func Partial(b *assessment.Bank, rng *rand.Rand) *assessment.Assessment {
	mode := []assessment.Mode{assessment.ModeFull, assessment.ModeQuick}[rng.IntN(2)]
	a := Assessment(b, rng, mode)
	fill := rng.Float64()
	a.Answers = slices.DeleteFunc(a.Answers, func(assessment.Answer) bool { return rng.Float64() > fill })
	a.CompletedAt = nil
	return a
}
