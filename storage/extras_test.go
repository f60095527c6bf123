package storage

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
)

// Drafts and plans go out with an export and come back with an import, in
// small files and in big ones (which are staged).
func TestDraftsAndPlansTravel(t *testing.T) {
	for _, extra := range []int{0, 600} { // 600 others: the file is staged
		src := newStore(t)
		if extra > 0 {
			importBytes(t, src, sampleDocument(t, src.Catalog(), extra, 4))
		}
		a := startAssessment(t, src, assessment.ModeQuick)
		answers := answerAll(t, src, a, rand.New(rand.NewPCG(3, 3)))
		open := answers[len(answers)-1].Item
		if err := src.ClearAnswer(ctx, a.ID, open); err != nil {
			t.Fatal(err)
		}
		if err := src.SaveDraft(ctx, a.ID, open, Draft{Note: "ask the board", Develop: true}); err != nil {
			t.Fatal(err)
		}
		full, _ := src.Assessment(ctx, a.ID)
		b := src.Catalog().Current()
		p := plan.Plan{Focus: plan.Propose(b, full, assessment.Score(b, full))[:1]}
		p.Focus[0].Actions = []plan.Action{{What: "Visit partners", Due: "2027-04"}}
		if _, err := src.SavePlan(ctx, a.ID, p); err != nil {
			t.Fatal(err)
		}
		var file bytes.Buffer
		if err := src.WriteDocument(ctx, Selection{All: true}, &file); err != nil {
			t.Fatal(err)
		}
		dst := newStore(t)
		importBytes(t, dst, file.Bytes())
		got, made, err := dst.Plan(ctx, a.ID)
		if err != nil || !made || got.Focus[0].Actions[0].What != "Visit partners" || got.Focus[0].Key() != p.Focus[0].Key() {
			t.Errorf("others %d: plan after import: %+v, %v", extra, got, err)
		}
		drafts, err := dst.Drafts(ctx, a.ID)
		if err != nil || drafts[open].Note != "ask the board" || !drafts[open].Develop {
			t.Errorf("others %d: drafts after import: %+v, %v", extra, drafts, err)
		}
	}
}
