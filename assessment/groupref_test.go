package assessment

import (
	"cmp"
	"math"
	"slices"
)

// The group report as it was computed before it could be built one
// assessment at a time: the reference the streaming builder must equal.

// Aggregate computes mean, median, min and max of every score of the bank's
// competences and matrix cells over the given results.
func refAggregate(b *Bank, results []Result) Group {
	g := Group{Assessments: len(results)}
	// Columns of values, one per score, filled in one pass over the results.
	nComp, nSec, nDim := len(b.Competences), len(b.Sections), len(b.Dimensions)
	scores := make([][]float64, nComp)
	gaps := make([][]float64, nComp)
	indexes := make([][]float64, nSec)
	cells := make([][]float64, nSec*nDim)
	pursued := make([]int, nSec)
	var overall []float64
	for _, r := range results {
		if r.Overall != nil {
			overall = append(overall, *r.Overall)
		}
		for ci, c := range r.Competences {
			if ci >= nComp || c.ID != b.Competences[ci].ID {
				continue // results of another bank
			}
			if c.Score != nil {
				scores[ci] = append(scores[ci], *c.Score)
				gaps[ci] = append(gaps[ci], *c.Gap)
			}
		}
		for si, s := range r.Sections {
			if si >= nSec || s.ID != b.Sections[si].ID {
				continue
			}
			if s.Pursued {
				pursued[si]++
			}
			if s.Index != nil {
				indexes[si] = append(indexes[si], *s.Index)
			}
			for di, d := range b.Dimensions {
				if c := s.Dimensions[d.ID]; c.Score != nil {
					cells[si*nDim+di] = append(cells[si*nDim+di], *c.Score)
				}
			}
		}
	}
	g.Overall = shown(overall)
	for ci, c := range b.Competences {
		g.Competences = append(g.Competences, GroupCompetence{ID: c.ID, Score: shown(scores[ci]), Gap: shown(gaps[ci])})
	}
	for si, s := range b.Sections {
		gs := GroupSection{ID: s.ID, Pursued: pursued[si], Index: shown(indexes[si]), Dimensions: map[string]*Stats{}}
		for di, d := range b.Dimensions {
			gs.Dimensions[d.ID] = shown(cells[si*nDim+di])
		}
		g.Sections = append(g.Sections, gs)
	}
	return g
}

// NewGroupReport computes the group report of records answered on bank b (records of
// another bank are left out). Free text and notes never enter it.
func refGroupReport(b *Bank, records []Record) GroupReport {
	var own []Record
	for _, r := range records {
		if r.Bank.ID == b.ID && r.Bank.Version == b.Version {
			own = append(own, r)
		}
	}
	g := GroupReport{Bank: BankRef{ID: b.ID, Version: b.Version}, Assessments: len(own), OtherVersions: len(records) - len(own),
		Roles: map[string]int{}, Discuss: []string{}, ByRole: []RoleGroup{}}
	results := make([]Result, len(own))
	byRole := map[string][]Result{}
	for i, r := range own {
		results[i] = r.Results
		if r.CompletedAt != nil {
			g.Complete++
		} else {
			g.InProgress++
		}
		g.Roles[r.Participant.Role]++
		byRole[r.Participant.Role] = append(byRole[r.Participant.Role], r.Results)
	}
	agg := refAggregate(b, results)
	g.Overall, g.Sections = agg.Overall, agg.Sections
	for _, c := range agg.Competences {
		t := GroupTarget{GroupCompetence: c, Targets: map[string]float64{}}
		for role := range g.Roles {
			if r, ok := b.Role(role); ok {
				t.Targets[role] = r.Targets[c.ID]
			}
		}
		g.Competences = append(g.Competences, t)
	}
	g.Items = refItemSpreads(b, own)
	g.Discuss = discuss(g.Items)
	g.Modules = refGroupModules(b, results)
	for _, role := range b.Roles {
		rs := byRole[role.ID]
		if len(rs) < MinGroup {
			continue
		}
		a := refAggregate(b, rs)
		rg := RoleGroup{Role: role.ID, N: len(rs), Overall: medianOf(a.Overall)}
		for _, c := range a.Competences {
			rg.Competences = append(rg.Competences, RoleCompetence{ID: c.ID, Score: medianOf(c.Score), Gap: medianOf(c.Gap)})
		}
		g.ByRole = append(g.ByRole, rg)
	}
	return g
}

func refItemSpreads(b *Bank, records []Record) []ItemSpread {
	answers := make([]map[string]Answer, len(records))
	for i, r := range records {
		answers[i] = Index(r.Answers)
	}
	var out []ItemSpread
	for i := range b.Items {
		it := &b.Items[i]
		if it.Kind == KindText {
			continue // free text stays with its author
		}
		s := ItemSpread{Item: it.ID, Values: map[string]int{}}
		var scores []float64
		for j, ans := range answers {
			if !it.gate && !b.Pursued(it.Section, ans) {
				continue // a section not pursued says nothing about its items
			}
			if it.Kind != KindRatio {
				a, ok := ans[it.ID]
				if !ok {
					continue
				}
				switch a.Status {
				case StatusNA:
					s.NA++
					continue
				case StatusUnknown:
					s.Unknown++
					continue
				}
				s.Answered++
				for _, v := range valueKeys(a.Value) {
					s.Values[v]++
				}
			}
			if sc, ok := it.ItemScore(answers[j]); ok {
				if it.Kind == KindRatio {
					s.Answered++
				}
				scores = append(scores, round1(float64(100*sc)))
			}
		}
		if len(s.Values) == 0 || s.Answered < MinGroup {
			s.Values = nil
		}
		if len(scores) >= MinGroup {
			s.Spread = round1(stddev(scores))
		}
		s.Score = shown(scores)
		out = append(out, s)
	}
	return out
}

// groupModules ranks modules by their mean priority over the group.
func refGroupModules(b *Bank, results []Result) []GroupModule {
	out := []GroupModule{}
	if len(results) == 0 {
		return out
	}
	for _, m := range b.Modules() {
		gm := GroupModule{Module: m.ID, Course: m.Course, Role: m.Role}
		var sum float64
		for _, r := range results {
			for _, rec := range r.Recommendations {
				if rec.Module == m.ID {
					sum += rec.Priority
					gm.Participants++
				}
			}
		}
		gm.Priority = round1(sum / float64(len(results)))
		if gm.Priority > 0 {
			out = append(out, gm)
		}
	}
	slices.SortStableFunc(out, func(x, y GroupModule) int {
		if c := cmp.Compare(y.Priority, x.Priority); c != 0 {
			return c
		}
		return cmp.Compare(x.Module, y.Module)
	})
	return out
}

func stddev(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	var sq float64
	for _, x := range xs {
		sq += float64((x - mean) * (x - mean))
	}
	return math.Sqrt(sq / float64(len(xs)))
}

// RefGroupReport is the reference, for the tests outside the package.
var RefGroupReport = refGroupReport

// summarise sorts values in place and describes them; nil when empty.
// shown is the summary a group report gives: none of fewer than MinGroup
// people, whose median would be their own score.
func shown(values []float64) *Stats {
	if len(values) < MinGroup {
		return nil
	}
	return summarise(values)
}

func summarise(values []float64) *Stats {
	if len(values) == 0 {
		return nil
	}
	slices.Sort(values)
	var sum float64
	for _, v := range values {
		sum += v
	}
	n := len(values)
	median := values[n/2]
	if n%2 == 0 {
		median = (values[n/2-1] + values[n/2]) / 2
	}
	return &Stats{N: n, Mean: round1(sum / float64(n)), Median: round1(median), Min: values[0], Max: values[n-1]}
}
