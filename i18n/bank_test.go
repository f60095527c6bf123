package i18n

import (
	"testing"

	"github.com/digint/digint/assessment"
)

func TestBankTranslationsApply(t *testing.T) {
	b, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range BankLanguages() {
		tb, err := Bank(b, lang)
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		if len(tb.Items) != len(b.Items) {
			t.Fatalf("%s: items differ", lang)
		}
		if lang != Default && tb.Items[0].Text == b.Items[0].Text {
			t.Errorf("%s: first item is not translated", lang)
		}
		if b.Items[0].Text == tb.Items[0].Text && lang != Default {
			t.Errorf("%s: translating changed the English bank", lang)
		}
	}
}

// The items a translated bank asks are its own, translated ones.
func TestTranslatedBankAsksTranslatedItems(t *testing.T) {
	b, _ := assessment.Default()
	it, err := Bank(b, "it")
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []assessment.Mode{assessment.ModeFull, assessment.ModeQuick} {
		en, tr := b.Asked(mode), it.Asked(mode)
		if len(en) != len(tr) || en[0].ID != tr[0].ID {
			t.Fatalf("%s: the translated bank asks other items", mode)
		}
		if en[0].Text == tr[0].Text {
			t.Errorf("%s: the translated bank asks the English text %q", mode, tr[0].Text)
		}
	}
}
