package main

import (
	"strings"
	"testing"
)

// A PIN of spaces or with control characters could not be typed again at
// the kiosk: refused with a clear message, in the user's language.
func TestWorkshopNewRefusesUntypablePINs(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--pin", "      "}, "only spaces"},
		{[]string{"--pin", "\t \t \t "}, "only spaces"},
		{[]string{"--pin", "4711\x1b47"}, "control or invisible"},
		{[]string{"--pin", "4711\u202e47"}, "control or invisible"},
		{[]string{"--pin", "12"}, "6 to 16 characters"},
		{[]string{"--pin", "      ", "--lang", "it"}, "solo di spazi"},
		{[]string{"--pin", "4711\x0047", "--lang", "eu"}, "kontrol-karaktererik"},
	} {
		out, stderr, code := run(t, dir, append([]string{"workshop", "new", "Lyon"}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) || out != "" {
			t.Errorf("%q: exit %d, %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
	if out, _, _ := run(t, dir, "workshop", "list"); strings.Contains(out, "Lyon") {
		t.Errorf("a workshop was created with a refused PIN:\n%s", out)
	}
}
