package assessment

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func ans(item string, v Value) Answer { return Answer{Item: item, Status: StatusAnswered, Value: v} }

func ptr(f float64) *float64 { return &f }

func eqPtr(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func show(p *float64) any {
	if p == nil {
		return "null"
	}
	return *p
}

// The worked example: every expected number below is computed by hand from
// testdata/small.yaml, as the comments show.
func workedExample() *Assessment {
	return &Assessment{
		Participant: Participant{ID: "p", Role: "trainer"},
		Mode:        ModeFull,
		Answers: []Answer{
			ans("h-mat", Number(3)), // 3/4 = 0.75
			{Item: "h-multi", Status: StatusAnswered, Value: List([]string{"a"}), Other: "x"}, // (1+1)/2 = 1
			ans("h-self", Number(4)),           // (4-1)/4 = 0.75
			ans("h-band", String("b1")),        // 1/3
			ans("h-enrolled", Number(400)),     // ratio 10/400 = 0.025
			ans("h-mobile", Number(10)),        // 0.025/0.12 = 0.208333
			ans("ab-gate", String("yes")),      // pursued, not scored
			ans("ab-yn", String("partly")),     // 0.5
			{Item: "ab-mat", Status: StatusNA}, // out of every mean
		},
	}
}

func TestScoreWorkedExample(t *testing.T) {
	b := smallBank(t)
	r := Score(b, workedExample())

	cells := []struct {
		section, dim string
		want         *float64
		answered     int
	}{
		{"home", "strategy", ptr(83.3), 3}, // (0.75 + 1 + 0.75) / 3
		{"home", "outcomes", ptr(27.1), 2}, // (1/3 + 0.208333) / 2
		{"abroad", "strategy", ptr(50), 1}, // the gate does not count
		{"abroad", "outcomes", nil, 0},     // only an N/A: no score, not zero
	}
	for _, c := range cells {
		s := r.Sections[slices.IndexFunc(r.Sections, func(s SectionResult) bool { return s.ID == c.section })]
		got := s.Dimensions[c.dim]
		if !eqPtr(got.Score, c.want) || got.Answered != c.answered {
			t.Errorf("%s/%s = %v (%d answered), want %v (%d)", c.section, c.dim, show(got.Score), got.Answered, show(c.want), c.answered)
		}
	}
	if !eqPtr(r.Sections[0].Index, ptr(55.2)) || !eqPtr(r.Sections[1].Index, ptr(50)) {
		t.Errorf("section indexes = %v, %v; want 55.2, 50", show(r.Sections[0].Index), show(r.Sections[1].Index))
	}
	if !eqPtr(r.Overall, ptr(52.6)) { // (55.2 + 50) / 2
		t.Errorf("overall = %v, want 52.6", show(r.Overall))
	}

	comps := []CompetenceResult{
		// global: (0.75·1 + 1·1 + 0.208333·2) / 4 = 0.541667
		{ID: "global", Score: ptr(54.2), Target: 80, Gap: ptr(25.8), Evidence: 3},
		// funding: (0.75·0.5 + 0.75·1 + 0.5·1) / 2.5 = 0.65
		{ID: "funding", Score: ptr(65), Target: 50, Gap: ptr(0), Evidence: 3},
		// networking: (1/3 + 0.5) / 2; ab-mat's N/A stays out
		{ID: "networking", Score: ptr(41.7), Target: 60, Gap: ptr(18.3), Evidence: 2},
	}
	for i, want := range comps {
		got := r.Competences[i]
		if got.ID != want.ID || !eqPtr(got.Score, want.Score) || got.Target != want.Target ||
			!eqPtr(got.Gap, want.Gap) || got.Evidence != want.Evidence || got.LowEvidence {
			t.Errorf("competence %d = %+v score %v gap %v, want %+v score %v gap %v",
				i, got, show(got.Score), show(got.Gap), want, show(want.Score), show(want.Gap))
		}
	}

	// Trainer modules first: t-1 closes global (25.8·1), t-2 networking
	// (18.3·0.5 = 9.15 → 9.2); then the manager's m-1 (18.3·1; funding has
	// no gap and gives no reason).
	wantRecs := []struct {
		module   string
		priority float64
		reasons  []string
	}{
		{"t-1", 25.8, []string{"global"}},
		{"t-2", 9.2, []string{"networking"}},
		{"m-1", 18.3, []string{"networking"}},
	}
	if len(r.Recommendations) != len(wantRecs) {
		t.Fatalf("recommendations = %+v", r.Recommendations)
	}
	for i, w := range wantRecs {
		got := r.Recommendations[i]
		var reasons []string
		for _, rs := range got.Reasons {
			reasons = append(reasons, rs.Competence)
		}
		if got.Module != w.module || got.Priority != w.priority || !slices.Equal(reasons, w.reasons) {
			t.Errorf("recommendation %d = %+v, want %s %v %v", i, got, w.module, w.priority, w.reasons)
		}
	}

	// Weakest dimensions: outcomes (27.1, abroad has none), then strategy
	// ((83.3 + 50) / 2 = 66.65, which in binary is just above the half).
	wantG := []GuidelineAdvice{{"qual", "outcomes", 27.1}, {"gov", "strategy", 66.7}}
	if !slices.Equal(r.Guidelines, wantG) {
		t.Errorf("guidelines = %+v, want %+v", r.Guidelines, wantG)
	}

	// 10 items take answers (the ratio does not); h-note, a comment box
	// left empty, is optional: never asked, never open.
	wantCounts := Counts{Asked: 9, Answered: 8, NA: 1, Unknown: 0, Unanswered: 0}
	if r.Counts != wantCounts {
		t.Errorf("counts = %+v, want %+v", r.Counts, wantCounts)
	}
}

func TestGateNoMeansNotPursued(t *testing.T) {
	b := smallBank(t)
	a := workedExample()
	for i := range a.Answers {
		if a.Answers[i].Item == "ab-gate" {
			a.Answers[i].Value = String("no")
		}
	}
	r := Score(b, a)
	ab := r.Sections[1]
	if ab.Pursued || ab.Index != nil || ab.Dimensions["strategy"].Score != nil {
		t.Fatalf("abroad should be not pursued with no scores: %+v", ab)
	}
	if !eqPtr(r.Overall, r.Sections[0].Index) {
		t.Errorf("overall %v should be the home index %v alone", show(r.Overall), show(r.Sections[0].Index))
	}
	// networking now rests on h-band alone: 1/3 → 33.3, and is low on evidence.
	n := r.Competences[2]
	if !eqPtr(n.Score, ptr(33.3)) || n.Evidence != 1 || !n.LowEvidence {
		t.Errorf("networking = %+v score %v", n, show(n.Score))
	}
	// Asked: the 7 home items that are not optional, and the gate.
	if r.Counts.Asked != 7 {
		t.Errorf("asked = %d, want 7", r.Counts.Asked)
	}
	for _, status := range []Status{StatusNA} {
		a.Answers = append(a.Answers, Answer{Item: "ab-gate", Status: status})
		if b.Pursued("abroad", Index(a.Answers)) {
			t.Errorf("a gate answered %s should mean not pursued", status)
		}
	}
}

func TestNothingAnsweredHasNoScores(t *testing.T) {
	b := smallBank(t)
	r := Score(b, &Assessment{Participant: Participant{Role: "manager"}, Mode: ModeQuick})
	if r.Overall != nil || len(r.Recommendations) != 0 || len(r.Guidelines) != 0 {
		t.Fatalf("empty assessment should score nothing: %+v", r)
	}
	for _, c := range r.Competences {
		if c.Score != nil || c.Gap != nil || !c.LowEvidence || c.Target == 0 {
			t.Errorf("competence %s = %+v", c.ID, c)
		}
	}
	// Quick scan: the 4 quick items and the gate are asked.
	if r.Counts.Asked != 5 || r.Counts.Unanswered != 5 {
		t.Errorf("counts = %+v", r.Counts)
	}
}

func TestItemScores(t *testing.T) {
	b := smallBank(t)
	cases := []struct {
		answers []Answer
		item    string
		want    float64
		ok      bool
	}{
		{[]Answer{ans("h-mat", Number(0))}, "h-mat", 0, true},
		{[]Answer{ans("h-mat", Number(4))}, "h-mat", 1, true},
		{[]Answer{ans("h-band", String("b0"))}, "h-band", 0, true},
		{[]Answer{ans("h-band", String("b3"))}, "h-band", 1, true},
		{[]Answer{ans("h-multi", List(nil))}, "h-multi", 0, true},
		{[]Answer{ans("h-multi", List([]string{"a", "b", "c"}))}, "h-multi", 1, true}, // capped at saturation
		{[]Answer{ans("h-multi", List([]string{"c"}))}, "h-multi", 0.5, true},
		{[]Answer{ans("h-self", Number(1))}, "h-self", 0, true},
		{[]Answer{ans("h-self", Number(5))}, "h-self", 1, true},
		{[]Answer{ans("ab-yn", String("no"))}, "ab-yn", 0, true},
		{[]Answer{ans("ab-yn", String("yes"))}, "ab-yn", 1, true},
		{[]Answer{{Item: "ab-yn", Status: StatusUnknown}}, "ab-yn", 0, false},
		{[]Answer{ans("h-mobile", Number(60)), ans("h-enrolled", Number(100))}, "h-share", 1, true}, // 60 % is far above 12 %: capped
		{[]Answer{ans("h-mobile", Number(6)), ans("h-enrolled", Number(100))}, "h-share", 0.5, true},
		{[]Answer{ans("h-mobile", Number(6)), ans("h-enrolled", Number(0))}, "h-share", 0, false}, // no learners: no share
		{[]Answer{ans("h-mobile", Number(6))}, "h-share", 0, false},
		{[]Answer{ans("h-mobile", Number(6)), {Item: "h-enrolled", Status: StatusUnknown}}, "h-share", 0, false},
		{[]Answer{ans("h-mobile", Number(6))}, "h-mobile", 0, false}, // counts are not scored
		{[]Answer{ans("ab-gate", String("yes"))}, "ab-gate", 0, false},
	}
	for _, c := range cases {
		it, _ := b.Item(c.item)
		got, ok := it.ItemScore(Index(c.answers))
		if ok != c.ok || (ok && abs(got-c.want) > 1e-12) {
			t.Errorf("%s with %+v = %v, %v; want %v, %v", c.item, c.answers, got, ok, c.want, c.ok)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// A ratio takes no answer of any status: it is computed from its counts.
func TestRatioTakesNoAnswer(t *testing.T) {
	b := smallBank(t)
	for _, st := range []Status{StatusAnswered, StatusNA, StatusUnknown} {
		if err := b.CheckAnswer(Answer{Item: "h-share", Status: st}); err == nil {
			t.Errorf("a ratio answered %s was accepted", st)
		}
	}
}

// Indexes are means of unrounded scores: three cells of 1/3 and one of
// 0.35 give 33.75 → 33.8, where means of rounded cells would give 33.7.
func TestIndexFromUnroundedScores(t *testing.T) {
	var idx mean
	for _, v := range []float64{1.0 / 3, 1.0 / 3, 1.0 / 3, 0.35} {
		idx.add(v, 1)
	}
	var nums scores
	if p := nums.percent(idx); *p != 33.8 {
		t.Errorf("index = %v, want 33.8", *p)
	}
}

// A part cannot be larger than its whole.
func TestCheckShares(t *testing.T) {
	b := smallBank(t)
	ok := Index([]Answer{ans("h-mobile", Number(10)), ans("h-enrolled", Number(400))})
	if err := b.CheckShares(ok); err != nil {
		t.Errorf("10 of 400: %v", err)
	}
	bad := Index([]Answer{ans("h-mobile", Number(2000)), ans("h-enrolled", Number(1250))})
	var se *ShareError
	if err := b.CheckShares(bad); !errors.As(err, &se) || se.N != 2000 || se.D != 1250 || !strings.Contains(err.Error(), "h-mobile") {
		t.Errorf("2000 of 1250: %v", err)
	}
}
