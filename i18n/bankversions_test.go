package i18n

import (
	"testing"

	"github.com/digint/digint/assessment"
)

// Every shipped bank version reads in every language: the current one with
// bank/<lang>.yaml, earlier ones with the texts frozen beside them.
func TestEveryBankVersionIsTranslated(t *testing.T) {
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range cat.Banks() {
		for _, lang := range BankLanguages()[1:] {
			tb, err := Bank(b, lang)
			if err != nil {
				t.Fatalf("%s %s: %v", b.Version, lang, err)
			}
			for _, id := range []string{"off-gate", "cur-str-goals"} {
				en, _ := b.Item(id)
				tr, _ := tb.Item(id)
				for i := range en.Options {
					if en.Options[i].Text == tr.Options[i].Text {
						t.Errorf("%s %s: %s option %s is not translated", b.Version, lang, id, en.Options[i].ID)
					}
				}
			}
		}
	}
}
