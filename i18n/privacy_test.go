package i18n

import (
	"strings"
	"testing"
)

// What the welcome, the name field and the kiosk's pause screen say about
// who sees the answers is true: in a workshop the facilitator's export
// holds names and notes. No text promises that nobody else sees them.
func TestPrivacyTextsAreTrue(t *testing.T) {
	facilitator := map[string]string{"en": "facilitator", "it": "facilitatore", "fr": "animateur", "es": "facilitador",
		"nl": "begeleider", "ro": "facilitator", "eu": "dinamizatzaile"}
	promises := []string{"Nobody else", "Only kept", "stay on this computer", "Nessun altro", "Resta solo", "Personne d’autre",
		"uniquement", "Nadie más", "Solo se guarda", "Niemand anders", "alleen op", "Nimeni altcineva", "doar pe", "Beste inork", "soilik"}
	for _, l := range Languages() {
		loc := MustNew(l.Tag)
		for _, key := range []string{"welcome.intro", "start.name.help", "kiosk.paused.how"} {
			text := loc.T(key)
			if !strings.Contains(text, facilitator[l.Tag]) {
				t.Errorf("%s %s does not say the facilitator exports the answers: %q", l.Tag, key, text)
			}
			for _, p := range promises {
				if strings.Contains(text, p) {
					t.Errorf("%s %s still promises %q", l.Tag, key, p)
				}
			}
		}
	}
}
