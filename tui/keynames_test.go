package tui

import (
	"testing"

	"github.com/digint/digint/i18n"
)

// The key help names keys as the user's keyboard prints them; what every
// keyboard prints alike stays, and so do the separators.
func TestKeyNamesInTheLanguage(t *testing.T) {
	for _, c := range []struct{ lang, keys, want string }{
		{"es", "enter/f", "intro/f"},
		{"es", "shift+tab", "mayús+tab"},
		{"es", "↑↓ enter", "↑↓ intro"},
		{"es", "pgup/pgdown", "repág/avpág"},
		{"fr", "1-8/space", "1-8/espace"},
		{"it", "enter", "invio"},
		{"it", "esc/ctrl+o", "esc/ctrl+o"},
		{"en", "shift+tab", "shift+tab"},
		{"nl", "ctrl+c", "ctrl+c"},
	} {
		if got := keyNames(i18n.MustNew(c.lang), c.keys); got != c.want {
			t.Errorf("%s: keyNames(%q) = %q, want %q", c.lang, c.keys, got, c.want)
		}
	}
}

// The matrix moves between columns with [ ] or with the keys beside them
// that need no AltGr, and each language's help names the pair its
// keyboards type (French AZERTY: , and ;).
func TestMatrixColumnKeysWithoutAltGr(t *testing.T) {
	store := openStore(t)
	for _, c := range []struct{ lang, help string }{{"en", "↑↓ [ ]"}, {"fr", "↑↓ , ;"}, {"it", "↑↓ , ."}} {
		m := newModel(t, store, c.lang)
		k := newResultsKeys(m.c, 5, true, false)
		if got := k.Up.Help().Key; got != c.help {
			t.Errorf("%s: the cell keys are shown as %q, want %q", c.lang, got, c.help)
		}
		for _, r := range []string{"]", ".", ";"} {
			if !matches(keyPress(r), k.Right) {
				t.Errorf("%s: %s does not move right", c.lang, r)
			}
		}
		for _, l := range []string{"[", ","} {
			if !matches(keyPress(l), k.Left) {
				t.Errorf("%s: %s does not move left", c.lang, l)
			}
		}
	}
}
