package assessment

import "testing"

func TestCompareWorkedExample(t *testing.T) {
	b := smallBank(t)
	before := Score(b, workedExample())
	later := workedExample()
	for i := range later.Answers {
		if later.Answers[i].Item == "h-band" {
			later.Answers[i].Value = String("b3") // 1/3 → 1
		}
	}
	later.Answers = append(later.Answers, ans("ab-mat", Number(2))) // was N/A, now 0.5
	p := Compare(before, Score(b, later))

	// networking: (1/3 + 0.5)/2 = 41.7 → (1 + 0.5 + 0.5)/3 = 66.7
	n := p.Competences[2]
	if n.ID != "networking" || n.Score == nil || *n.Score != (Delta{41.7, 66.7, 25}) {
		t.Errorf("networking moved %+v, want 41.7 → 66.7 (+25)", n.Score)
	}
	// its gap closed from 18.3 to 0
	if n.Gap == nil || *n.Gap != (Delta{18.3, 0, -18.3}) {
		t.Errorf("networking gap %+v, want 18.3 → 0", n.Gap)
	}
	// abroad/outcomes had no score before: nothing to compare
	if d := p.Sections[1].Dimensions["outcomes"]; d != nil {
		t.Errorf("a cell that was empty before has a delta: %+v", d)
	}
	// home/outcomes: (1/3 + 0.2083)/2 = 27.1 → (1 + 0.2083)/2 = 60.4
	if d := p.Sections[0].Dimensions["outcomes"]; d == nil || *d != (Delta{27.1, 60.4, 33.3}) {
		t.Errorf("home/outcomes moved %+v", d)
	}
	// funding did not move: (0.75·0.5 + 0.75 + 0.5) / 2.5
	if f := p.Competences[1]; f.Score == nil || f.Score.Change != 0 {
		t.Errorf("funding moved %+v", f.Score)
	}
}
