package assessment

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func record(b *Bank, role string, done bool, answers ...Answer) Record {
	a := Assessment{Participant: Participant{Role: role}, Mode: ModeFull, Answers: answers,
		Bank: BankRef{ID: b.ID, Version: b.Version}}
	if done {
		t := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
		a.CompletedAt = &t
	}
	return Record{Assessment: a, Results: Score(b, &a)}
}

func TestGroupReportByHand(t *testing.T) {
	b := smallBank(t)
	recs := []Record{
		record(b, "trainer", true, ans("h-mat", Number(0)), ans("h-band", String("b0")), ans("ab-gate", String("yes")), ans("ab-mat", Number(2)), ans("h-note", String("private"))),
		record(b, "trainer", true, ans("h-mat", Number(4)), ans("h-band", String("b3")), ans("ab-gate", String("no")), ans("ab-mat", Number(4))),
		record(b, "trainer", false, ans("h-mat", Number(2)), Answer{Item: "h-band", Status: StatusNA}),
		record(b, "manager", true, ans("h-mat", Number(4)), ans("h-band", String("b3"))),
	}
	g := NewGroupReport(b, recs)
	if g.Assessments != 4 || g.Complete != 3 || g.InProgress != 1 || g.Roles["trainer"] != 3 || g.Roles["manager"] != 1 {
		t.Fatalf("counts: %+v", g)
	}
	spread := map[string]ItemSpread{}
	for _, s := range g.Items {
		spread[s.Item] = s
	}
	// h-mat: scores 0, 100, 50, 100 → median 75, mean 62.5, SD = 41.5.
	hm := spread["h-mat"]
	if hm.Answered != 4 || hm.Values["4"] != 2 || hm.Values["0"] != 1 || hm.Score.Median != 75 || hm.Score.Mean != 62.5 || hm.Spread != 41.5 {
		t.Errorf("h-mat = %+v score %+v", hm, hm.Score)
	}
	// h-band: 0, 100, N/A, 100.
	hb := spread["h-band"]
	if hb.Answered != 3 || hb.NA != 1 || hb.Score.N != 3 || hb.Score.Min != 0 {
		t.Errorf("h-band = %+v", hb)
	}
	// ab-mat was answered also by someone whose gate said no: only the
	// other answer counts, and one is too few to show.
	if am := spread["ab-mat"]; am.Answered != 1 || am.Score != nil || am.Values != nil {
		t.Errorf("ab-mat: %+v", am)
	}
	// Two people answered the gate: what each said is not shown, as no
	// figure of fewer than MinGroup people is (a median of one is theirs).
	if gate := spread["ab-gate"]; gate.Answered != 2 || gate.Values != nil {
		t.Errorf("gate distribution of two shown: %+v", gate)
	}
	for _, s := range g.Sections {
		if s.ID == "abroad" && (s.Index != nil || s.Dimensions["strategy"] != nil) {
			t.Errorf("the one person abroad is shown: %+v", s)
		}
	}
	if _, ok := spread["h-note"]; ok {
		t.Error("free text entered the group report")
	}
	// Disagreement: h-mat (41.5) and h-band (47.1) both spread over 25;
	// the wider first.
	if !slices.Equal(g.Discuss, []string{"h-band", "h-mat"}) {
		t.Errorf("discuss = %v", g.Discuss)
	}
	// Only the trainers are 3 or more: the manager gets no breakdown.
	if len(g.ByRole) != 1 || g.ByRole[0].Role != "trainer" || g.ByRole[0].N != 3 {
		t.Errorf("by role = %+v", g.ByRole)
	}
	// Targets of the roles present, per competence.
	if tg := g.Competences[0].Targets; tg["trainer"] != 80 || tg["manager"] != 50 || len(tg) != 2 {
		t.Errorf("targets = %+v", tg)
	}
}

// The group's figures are those of the individual reports put together.
func TestGroupMatchesIndividualReports(t *testing.T) {
	b, _ := Default()
	rng := rand.New(rand.NewPCG(4, 4))
	var recs []Record
	for range 31 {
		a := &Assessment{Participant: Participant{Role: b.Roles[rng.IntN(3)].ID}, Mode: ModeFull,
			Bank: BankRef{ID: b.ID, Version: b.Version}}
		for _, it := range b.Asked(ModeFull) {
			if it.Kind == KindMaturity && rng.IntN(4) > 0 {
				a.Answers = append(a.Answers, ans(it.ID, Number(rng.IntN(5))))
			}
		}
		recs = append(recs, Record{Assessment: *a, Results: Score(b, a)})
	}
	g := NewGroupReport(b, recs)
	for ci, c := range g.Competences {
		var vals []float64
		for _, r := range recs {
			if s := r.Results.Competences[ci].Score; s != nil {
				vals = append(vals, *s)
			}
		}
		slices.Sort(vals)
		med := vals[len(vals)/2] // 31 people: odd unless some have no score
		if len(vals)%2 == 0 {
			med = round1((vals[len(vals)/2-1] + vals[len(vals)/2]) / 2)
		}
		if c.Score.Median != med || c.Score.Min != vals[0] || c.Score.Max != vals[len(vals)-1] {
			t.Errorf("%s: group %+v, individual median %v min %v max %v", c.ID, c.Score, med, vals[0], vals[len(vals)-1])
		}
	}
	// A module's group priority is the mean of the individual priorities.
	for _, gm := range g.Modules[:3] {
		var sum float64
		for _, r := range recs {
			for _, rec := range r.Results.Recommendations {
				if rec.Module == gm.Module {
					sum += rec.Priority
				}
			}
		}
		if want := round1(sum / float64(len(recs))); gm.Priority != want {
			t.Errorf("%s: group priority %v, mean of individuals %v", gm.Module, gm.Priority, want)
		}
	}
	for i := 1; i < len(g.Modules); i++ {
		if g.Modules[i-1].Priority < g.Modules[i].Priority {
			t.Fatalf("modules out of order at %d", i)
		}
	}
}

func TestCompareGroups(t *testing.T) {
	b := smallBank(t)
	three := func(v int) GroupReport {
		r := record(b, "trainer", true, ans("h-mat", Number(v)))
		return NewGroupReport(b, []Record{r, r, r})
	}
	before, after := three(1), three(3)
	p := CompareGroups(before, after)
	// global rests on h-mat alone: 25 → 75.
	if d := p.Competences[0].Score; d == nil || *d != (Delta{25, 75, 50}) {
		t.Errorf("global moved %+v", d)
	}
	if d := p.Sections[0].Dimensions["strategy"]; d == nil || d.Change != 50 {
		t.Errorf("home/strategy moved %+v", d)
	}
}
