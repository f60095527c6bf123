package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// A count is read by one rule (assessment.ParseCount) on both faces: in
// Spanish "1.200" and "1 200" are 1200, and "1,5" is refused, in Spanish
// quotation marks, with nothing stored.
func TestCountReadAlikeOnBothFaces(t *testing.T) {
	t.Run("full screen", func(t *testing.T) {
		store := openStore(t)
		a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Role: "trainer"},
			Mode: assessment.ModeFull, Language: "es"})
		if err != nil {
			t.Fatal(err)
		}
		m := walking(t, store, a, "es", 100, 40)
		for _, id := range []string{"cur-out-enrolled", "cur-out-mobile"} {
			if !m.walk.jump(id) {
				t.Fatalf("no %s", id)
			}
			m.focusItem()
			typeInto(m, "1,5")
			press(m, "enter")
			press(m, "tab") // nor does leaving take it
			if v := view(m); m.walk.item().ID != id || !strings.Contains(v, "«1,5» no es un número entero") {
				t.Errorf("%s: \"1,5\" is not refused:\n%s", id, v)
			}
			press(m, "backspace", "backspace", "backspace")
		}
		m.walk.jump("cur-out-enrolled")
		m.focusItem()
		typeInto(m, "1.200")
		press(m, "enter")
		typeInto(m, "1 200")
		press(m, "enter")
		m.c.saver.stop(10 * time.Second)
		checkCounts(t, store, a.ID)
	})
	t.Run("line by line", func(t *testing.T) {
		store := openStore(t)
		counts := 0
		in := quickScan(func(n int, it *assessment.Item) string {
			if it.Kind != assessment.KindCount {
				return answered(n, it)
			}
			counts++
			if counts == 1 {
				return "1,5\n1.200"
			}
			return "1 200"
		})
		out := runPlain(t, store, "es", in+"q\n")
		if !strings.Contains(out, "«1,5» no es un número entero: escriba cifras, como 1200 o 1.200.") {
			t.Errorf("\"1,5\" is not refused:\n%s", out)
		}
		list, _ := store.List(bg(), storage.Filter{})
		checkCounts(t, store, list[0].ID)
	})
}

func checkCounts(t *testing.T, store *storage.Store, id string) {
	t.Helper()
	a, err := store.Assessment(bg(), id)
	if err != nil {
		t.Fatal(err)
	}
	got := assessment.Index(a.Answers)
	for _, item := range []string{"cur-out-enrolled", "cur-out-mobile"} {
		if !got[item].Value.Equal(assessment.Number(1200)) {
			t.Errorf("%s stored %+v, want 1200", item, got[item])
		}
	}
}
