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
