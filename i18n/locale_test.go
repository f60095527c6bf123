package i18n

import "testing"

// A typed --lang names its language in any case, with or without a
// region or encoding; a language not shipped is refused.
func TestGivenLanguage(t *testing.T) {
	for typed, want := range map[string]string{"it": "it", "IT": "it", "it_IT": "it", "fr-BE.UTF-8": "fr", " Eu ": "eu", "xx": "", "": "", "de_DE": ""} {
		lang, ok := Given(typed)
		if ok != (want != "") || (ok && lang != want) {
			t.Errorf("Given(%q) = %q, %v; want %q", typed, lang, ok, want)
		}
	}
}
