package tui

import (
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/assessment/sample"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// TestWatchFollowsARoom: the live view, driven by its own tick messages
// while another store saves a room's answers, ends on the figures of a
// full recomputation, and showed some of them while they arrived.
func TestWatchFollowsARoom(t *testing.T) {
	writer := openStore(t)
	b := writer.Catalog().Current()
	if _, err := writer.NewWorkshop(bg(), "K7PQ2X", "Bologna", "246810"); err != nil {
		t.Fatal(err)
	}
	reader, err := storage.OpenReadOnly(writer.Path(), writer.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	reader.Now = func() time.Time { return fixedNow.Add(24 * time.Hour) } // every save a day old: paused
	w, err := reader.WatchGroup(bg(), "K7PQ2X")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	m, err := newWatchModel(bg(), w, b, "K7PQ2X", "en")
	if err != nil {
		t.Fatal(err)
	}
	if m.Init() == nil {
		t.Fatal("the live view starts no tick")
	}

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		rng := rand.New(rand.NewPCG(5, 5))
		for i := range 7 {
			a, err := writer.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Role: b.Roles[i%3].ID},
				Language: "en", Mode: assessment.ModeQuick, Workshop: "K7PQ2X"})
			if err != nil {
				t.Error(err)
				return
			}
			for _, it := range b.Asked(a.Mode) {
				if err := writer.SaveAnswer(bg(), a.ID, sample.Answer(it, rng)); err != nil {
					t.Error(err)
					return
				}
			}
			if i%2 == 0 {
				if err := writer.Complete(bg(), a.ID); err != nil {
					t.Error(err)
					return
				}
			}
		}
	}()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	// One tick: the model asks for a refresh, the refresh runs (as the
	// program would run the command), its result comes back.
	tick := func() {
		_, cmd := m.Update(watchTick{})
		if cmd == nil {
			t.Fatal("a tick starts no refresh")
		}
		if _, again := m.Update(watchTick{}); again != nil {
			t.Fatal("a second refresh started while one was under way")
		}
		if _, next := m.Update(cmd()); next == nil {
			t.Fatal("no next tick after a refresh")
		}
	}
	for waiting := true; waiting; {
		select {
		case <-done:
			waiting = false
		case <-time.After(time.Millisecond):
		}
		tick()
	}
	tick()

	full, err := reader.GroupReport(bg(), "K7PQ2X")
	if err != nil {
		t.Fatal(err)
	}
	text, _ := i18n.Bank(b, "en")
	if want := report.BuildGroup(text, "K7PQ2X", "Bologna", full, nil, ""); !reflect.DeepEqual(m.gp.r, want) {
		t.Errorf("the live view differs from a full recomputation\n got %+v\nwant %+v", m.gp.r, want)
	}
	if m.version < 2 {
		t.Errorf("the view changed %d times while 7 people answered", m.version)
	}
	m.width, m.height = 80, 24
	view := ansi.Strip(m.View().Content)
	if !strings.Contains(view, "7 joined") || !strings.Contains(view, "4 finished") || !strings.Contains(view, "3 paused") {
		t.Errorf("the live counts are missing:\n%s", view)
	}
	// On a projector: the room's figures at 80×24 and 200×60.
	for _, size := range [][2]int{{80, 24}, {200, 60}} {
		for tab, name := range []string{"radar", "discuss"} {
			m.Update(keyPress(string(rune('1' + tab))))
			got := groupView(&m.groupModel, size[0], size[1])
			checkFits(t, got, size[0], size[1])
			golden(t, filepath.Join("testdata", "TestWatchFollowsARoom", name+"-"+sizeName(size)+".golden"), got)
		}
	}

	// Closed, nobody answers or continues: who finished and who did not.
	if err := writer.CloseWorkshop(bg(), "K7PQ2X", false); err != nil {
		t.Fatal(err)
	}
	tick()
	view = ansi.Strip(m.View().Content)
	if !strings.Contains(view, "4 finished · 3 did not finish") || strings.Contains(view, "paused") || strings.Contains(view, "answering") {
		t.Errorf("the counts once closed:\n%s", view)
	}
}
