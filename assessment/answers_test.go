package assessment_test

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// The answers by position say what Index and the bank's own look-ups say:
// the answer to each item (a later one wins; one to an unknown item is
// left out), each item's score, and which sections are pursued.
func TestAnswersOfIsIndex(t *testing.T) {
	bank, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 5))
	for n := range 40 {
		mode := []assessment.Mode{assessment.ModeFull, assessment.ModeQuick}[n%2]
		a := sample.Assessment(bank, rng, mode)
		// An earlier answer given again, and one to an item the bank lacks.
		first := a.Answers[0]
		a.Answers = append([]assessment.Answer{sample.Answer(&bank.Items[len(bank.Items)-1], rng), {Item: "no-such-item"}},
			a.Answers...)
		a.Answers = append(a.Answers, sample.Answer(mustItem(t, bank, first.Item), rng))
		idx, x := assessment.Index(a.Answers), bank.AnswersOf(a)
		for i := range bank.Items {
			it := &bank.Items[i]
			want, wantOK := idx[it.ID]
			got, ok := x.Get(it.ID)
			at := x.At(i)
			if ok != wantOK || ok && (!got.Value.Equal(want.Value) || got.Status != want.Status || at == nil || !at.Value.Equal(got.Value) || at.Note != got.Note) {
				t.Fatalf("%s: answer %v %v (at %v), Index has %v %v", it.ID, got, ok, at, want, wantOK)
			}
			ws, wok := it.ItemScore(idx)
			s1, ok1 := x.ItemScore(it)
			s2, ok2 := x.ScoreAt(i)
			s3, ok3 := it.ScoreBy(x.Get)
			if s1 != ws || ok1 != wok || s2 != ws || ok2 != wok || s3 != ws || ok3 != wok {
				t.Fatalf("%s: scores %v %v and %v %v, ItemScore %v %v", it.ID, s1, ok1, s2, ok2, ws, wok)
			}
		}
		for _, s := range bank.Sections {
			if x.Pursued(s.ID) != bank.Pursued(s.ID, idx) {
				t.Fatalf("section %s: pursued differs", s.ID)
			}
		}
		if r, x2 := assessment.ScoreAnswers(bank, a); !reflect.DeepEqual(r, assessment.Score(bank, a)) || !reflect.DeepEqual(x2, x) {
			t.Fatal("ScoreAnswers differs from Score and AnswersOf")
		}
		if _, ok := x.Get("no-such-item"); ok {
			t.Fatal("an answer to an unknown item is looked up")
		}
	}
}

func mustItem(t *testing.T, b *assessment.Bank, id string) *assessment.Item {
	it, ok := b.Item(id)
	if !ok {
		t.Fatalf("no item %s", id)
	}
	return it
}
