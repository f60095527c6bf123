package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
	"github.com/digint/digint/storage/pgtest"
)

// The PostgreSQL server goes down under a running assessment and comes
// back: answers given meanwhile are shown as not saved, with why, and
// tried again; once the server is back they are stored, the screen says
// saved, and nothing saved before was lost.
func TestPostgresOutageRetried(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL")
	}
	pg := pgtest.For(t)
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	store, err := storage.OpenWith(pg.URL("postgres"), cat, storage.Options{Pool: storage.Pool{ConnectTimeout: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	d := drive(t, newModel(t, store, "en"), 100, 30)
	// The welcome says truly where answers go: not "on this computer".
	s := d.until("welcome", func(s snapshot) bool { return s.screen == screenWelcome })
	if !strings.Contains(s.view, "in your organisation's") || strings.Contains(s.view, "this computer") {
		t.Errorf("the welcome of a database on a server:\n%s", s.view)
	}
	d.startFull()
	before := answerDontKnow(d, 3)
	s = d.until("saved", func(s snapshot) bool { return strings.Contains(s.view, "✓ saved") })
	id := s.walk.a.ID
	if n := storedAnswers(t, store, id); n != len(before) {
		t.Fatalf("%d answers stored before the outage, want %d", n, len(before))
	}

	if err := pg.Down(); err != nil {
		t.Fatal(err)
	}
	during := answerDontKnow(d, 3)
	s = d.until("the outage told", func(s snapshot) bool { return strings.Contains(s.view, "Not saved yet (3 waiting)") })
	if !strings.Contains(s.view, "cannot be reached") || strings.Contains(s.view, "✓ saved") {
		t.Errorf("the screen does not say why the answers wait:\n%s", s.view)
	}
	ticked := 0 // at most the answers stored before can show as saved
	for _, l := range itemLines(s.view) {
		if strings.Contains(l, "✓") {
			ticked++
		}
	}
	if ticked > len(before) {
		t.Errorf("%d answers shown as saved, %d are stored:\n%s", ticked, len(before), s.view)
	}
	time.Sleep(2 * time.Second) // several tries fail

	if err := pg.Up(); err != nil {
		t.Fatal(err)
	}
	d.until("saved after the outage", func(s snapshot) bool { return strings.Contains(s.view, "✓ saved") })
	a, err := store.Assessment(bg(), id)
	if err != nil {
		t.Fatal(err)
	}
	stored := assessment.Index(a.Answers)
	for _, item := range append(before, during...) {
		if ans, ok := stored[item]; !ok || ans.Status != assessment.StatusUnknown {
			t.Errorf("item %s: stored %+v, want don't know", item, ans)
		}
	}
	if len(a.Answers) != len(before)+len(during) {
		t.Errorf("%d answers stored, want %d", len(a.Answers), len(before)+len(during))
	}
}
