package tui

import (
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
)

// On an AZERTY keyboard the digit row without shift types & é " ' ( …:
// where a digit answers, those keys answer as the digit under them; in a
// number they are not digits (1'200 is a Swiss thousand).
func TestAzertyDigitRowAnswers(t *testing.T) {
	store := openStore(t)
	d := drive(t, newModel(t, store, "fr"), 80, 24)
	d.startFull()
	s := d.until("the first question", func(s snapshot) bool { return s.screen == screenQuestions })
	s = d.goTo(t, firstOfKind(s, assessment.KindMaturity))
	d.keys("é")
	d.until("the next question", func(x snapshot) bool { return x.item == nil || x.item.ID != s.item.ID })
	d.settle()
	a, err := store.Assessment(bg(), s.walk.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got *assessment.Answer
	for i := range a.Answers {
		if a.Answers[i].Item == s.item.ID {
			got = &a.Answers[i]
		}
	}
	if got == nil || !got.Value.Equal(assessment.Number(2)) {
		t.Errorf("é on a maturity item stored %+v, want 2", got)
	}
	c := d.goTo(t, firstOfKind(s, assessment.KindCount))
	d.typeText("1'2")
	v := d.until("the number typed", func(x snapshot) bool { return strings.Contains(x.view, "[12 ") || strings.Contains(x.view, "142") })
	if strings.Contains(v.view, "142") || v.item.ID != c.item.ID {
		t.Errorf("' in a number became a digit:\n%s", v.view)
	}
}

// Line by line too, é answers 2 and "& é" ticks the first two.
func TestAzertyDigitRowLineByLine(t *testing.T) {
	b, _ := assessment.Default()
	var maturity, multi *assessment.Item
	in := "1\nAnne\n2\n\n2\n" // new, name, manager, no institution, full
	for _, it := range b.Asked(assessment.ModeFull) {
		switch {
		case it.Kind == assessment.KindMaturity && maturity == nil:
			maturity, in = it, in+"é\n"
		case it.Kind == assessment.KindMulti && multi == nil && len(it.Options) > 2:
			multi, in = it, in+"& é\n"
		case it.Kind == assessment.KindText:
			in += "\n"
		default:
			in += answered(0, it) + "\n"
		}
	}
	out := runPlain(t, openStore(t), "en", in)
	for _, want := range []string{
		"> Saved: 2 " + b.Scales.Maturity[2] + ".\n",
		"> Saved: 1 " + multi.Options[0].Text + "; 2 " + multi.Options[1].Text + ".\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("not said: %q", want)
		}
	}
	if strings.Contains(out, "Please type a number") {
		t.Errorf("a key of the digit row was refused:\n%s", out)
	}
}
