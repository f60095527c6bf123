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
