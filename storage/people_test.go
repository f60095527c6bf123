package storage

import (
	"testing"

	"github.com/digint/digint/assessment"
)

// The same person again is found forgivingly (case, spaces, Unicode forms,
// an institution left blank), never by guessing between two people, and
// never for someone who gave no name.
func TestSamePersonAgain(t *testing.T) {
	s := newStore(t)
	start := func(name, role, inst string, link bool) string {
		t.Helper()
		a, err := s.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: name, Role: role, Institution: inst},
			Language: "en", Mode: assessment.ModeQuick, SamePerson: link})
		if err != nil {
			t.Fatal(err)
		}
		return a.Participant.ID
	}
	giulia := start("Giulia Rossi", "trainer", "ITS Lombardia", true)
	for _, again := range []struct{ name, role, inst string }{
		{"giulia rossi", "trainer", "its lombardia"},
		{"  GIULIA   Rossi ", "trainer", "ITS  Lombardia "},
		{"Giulia Rossi", "trainer", ""},              // institution left blank
		{"Giulia Rossi", "manager", "ITS Lombardia"}, // a new role, the same person
	} {
		if id := start(again.name, again.role, again.inst, true); id != giulia {
			t.Errorf("%q %s %q is a new person", again.name, again.role, again.inst)
		}
	}
	if id := start("Giulia Rossi", "trainer", "ITS Lombardia", false); id == giulia {
		t.Error("linked although asked not to (a shared laptop)")
	}
	// A decomposed é (e + U+0301) is the composed one.
	elodie := start("Élodie Martin", "trainer", "Lycée Pro", true)
	if id := start("E\u0301LODIE MARTIN", "trainer", "lyce\u0301e pro", true); id != elodie {
		t.Error("Unicode forms of one name make two people")
	}
	// Two people of one name at two institutions: a blank institution
	// cannot tell which, so it is a new person.
	a1 := start("Ana Ruiz", "trainer", "CIFP Bilbao", true)
	a2 := start("Ana Ruiz", "trainer", "IES Madrid", true)
	if a1 == a2 {
		t.Fatal("two institutions, one person")
	}
	if id := start("Ana Ruiz", "trainer", "", true); id == a1 || id == a2 {
		t.Error("a blank institution picked one of two people")
	}
	// Nobody without a name is linked to anybody.
	if x, y := start("", "trainer", "ITS Lombardia", true), start("  ", "trainer", "ITS Lombardia", true); x == y {
		t.Error("two anonymous people are one")
	}
}
