package assessment

import (
	"cmp"
	"math"
	"slices"
	"strconv"
)

// MinGroup is the fewest people a breakdown may show: smaller groups could
// be told apart.
const MinGroup = 3

// Disagreement: items whose scores spread at least this much (standard
// deviation, on the 0–1 scale) are flagged for discussion, at most
// MaxDiscuss of them, widest first.
const (
	Disagreement = 0.25
	MaxDiscuss   = 5
)

// GroupReport is what a workshop's assessments come to together.
type GroupReport struct {
	Assessments int            `json:"assessments"`
	Complete    int            `json:"complete"`
	InProgress  int            `json:"in_progress"`
	Roles       map[string]int `json:"roles"`
	Overall     *Stats         `json:"overall"`
	Competences []GroupTarget  `json:"competences"`
	Sections    []GroupSection `json:"sections"`
	Items       []ItemSpread   `json:"items"`
	Discuss     []string       `json:"discuss"`
	Modules     []GroupModule  `json:"modules"`
	ByRole      []RoleGroup    `json:"by_role"`
}

// GroupTarget is a competence across the group, with the target of each
// role present.
type GroupTarget struct {
	GroupCompetence
	Targets map[string]float64 `json:"targets"`
}

// ItemSpread is how the group answered one item.
type ItemSpread struct {
	Item     string         `json:"item"`
	Answered int            `json:"answered"`
	NA       int            `json:"na"`
	Unknown  int            `json:"unknown"`
	Values   map[string]int `json:"values,omitempty"` // answers by value: level, option id…
	Score    *Stats         `json:"score"`            // 0–100
	Spread   float64        `json:"spread"`           // standard deviation of the scores, 0–100
}

// GroupModule is a training module and how much it would close the
// group's gaps: the mean of its priority over everyone.
type GroupModule struct {
	Module       string  `json:"module"`
	Course       string  `json:"course"`
	Role         string  `json:"role"`
	Priority     float64 `json:"priority"`
	Participants int     `json:"participants"` // to whom it is recommended
}

// RoleGroup is the breakdown of one role; only roles with MinGroup people
// or more have one.
type RoleGroup struct {
	Role        string            `json:"role"`
	N           int               `json:"n"`
	Overall     *Stats            `json:"overall"`
	Competences []GroupCompetence `json:"competences"`
}

// NewGroupReport computes the group report of records answered on bank b (records of
// another bank are left out). Free text and notes never enter it.
func NewGroupReport(b *Bank, records []Record) GroupReport {
	var own []Record
	for _, r := range records {
		if r.Bank.ID == b.ID && r.Bank.Version == b.Version {
			own = append(own, r)
		}
	}
	g := GroupReport{Assessments: len(own), Roles: map[string]int{}, Discuss: []string{}, ByRole: []RoleGroup{}}
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
	agg := Aggregate(b, results)
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
	g.Items = itemSpreads(b, own)
	g.Discuss = discuss(g.Items)
	g.Modules = groupModules(b, results)
	for _, role := range b.Roles {
		rs := byRole[role.ID]
		if len(rs) < MinGroup {
			continue
		}
		a := Aggregate(b, rs)
		g.ByRole = append(g.ByRole, RoleGroup{Role: role.ID, N: len(rs), Overall: a.Overall, Competences: a.Competences})
	}
	return g
}

func itemSpreads(b *Bank, records []Record) []ItemSpread {
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
		if len(s.Values) == 0 {
			s.Values = nil
		}
		s.Spread = round1(stddev(scores))
		s.Score = summarise(scores)
		out = append(out, s)
	}
	return out
}

// valueKeys names a value for a distribution: one key, or one per ticked
// option.
func valueKeys(v Value) []string {
	switch v.shape {
	case shapeNumber:
		return []string{strconv.Itoa(v.num)}
	case shapeString:
		return []string{v.str}
	case shapeList:
		return v.list
	}
	return nil
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

// discuss picks the items where the group disagrees most.
func discuss(items []ItemSpread) []string {
	var wide []ItemSpread
	for _, s := range items {
		if s.Score != nil && s.Score.N >= MinGroup && s.Spread >= 100*Disagreement {
			wide = append(wide, s)
		}
	}
	slices.SortStableFunc(wide, func(x, y ItemSpread) int { return cmp.Compare(y.Spread, x.Spread) })
	out := []string{}
	for _, s := range wide[:min(MaxDiscuss, len(wide))] {
		out = append(out, s.Item)
	}
	return out
}

// groupModules ranks modules by their mean priority over the group.
func groupModules(b *Bank, results []Result) []GroupModule {
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

// GroupProgress compares two group reports: the medians that moved.
type GroupProgress struct {
	Overall     *Delta            `json:"overall"`
	Competences []CompetenceDelta `json:"competences"`
	Sections    []SectionDelta    `json:"sections"`
}

func median(s *Stats) *float64 {
	if s == nil {
		return nil
	}
	return &s.Median
}

// CompareGroups reports how the group medians moved from earlier to later.
func CompareGroups(earlier, later GroupReport) GroupProgress {
	p := GroupProgress{Overall: delta(median(earlier.Overall), median(later.Overall))}
	for _, lc := range later.Competences {
		cd := CompetenceDelta{ID: lc.ID}
		for _, ec := range earlier.Competences {
			if ec.ID == lc.ID {
				cd.Score, cd.Gap = delta(median(ec.Score), median(lc.Score)), delta(median(ec.Gap), median(lc.Gap))
			}
		}
		p.Competences = append(p.Competences, cd)
	}
	for _, ls := range later.Sections {
		sd := SectionDelta{ID: ls.ID, Dimensions: map[string]*Delta{}}
		for _, es := range earlier.Sections {
			if es.ID == ls.ID {
				sd.Index = delta(median(es.Index), median(ls.Index))
				for d, lv := range ls.Dimensions {
					sd.Dimensions[d] = delta(median(es.Dimensions[d]), median(lv))
				}
			}
		}
		p.Sections = append(p.Sections, sd)
	}
	return p
}
