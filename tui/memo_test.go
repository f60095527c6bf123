package tui

import (
	"context"
	"math"
	"runtime"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// questionModel is a fresh full assessment on its first question, as a
// served participant sees it.
func questionModel(t *testing.T) *Model {
	t.Helper()
	return firstQuestion(t, openStore(t), assessment.ModeFull, 80, 24)
}

// firstQuestion is the question screen of a fresh assessment of mode on
// a screen of width×height.
func firstQuestion(tb testing.TB, store *storage.Store, mode assessment.Mode, width, height int) *Model {
	a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Language: "en", Mode: mode})
	if err != nil {
		tb.Fatal(err)
	}
	m := newModel(tb, store, "en")
	m.Update(tea.WindowSizeMsg{Width: width, Height: height})
	m.openWalk(a)
	m.Update(tea.WindowSizeMsg{Width: width, Height: height})
	return m
}

// holdSaves queues a write that waits until release is called, so the
// writes queued after it stay pending for as long as a test looks: the
// saver would otherwise commit them before the model reads its state.
func holdSaves(m *Model) (release func()) {
	gate := make(chan struct{})
	m.c.saver.enqueue("test-hold", func(context.Context) error {
		<-gate
		return nil
	})
	return sync.OnceFunc(func() { close(gate) })
}

// answerAndSettle answers the item in focus and waits for its write to
// commit, viewing after each message as a program does.
func answerAndSettle(t *testing.T, m *Model) {
	t.Helper()
	release := holdSaves(m)
	defer release()
	m.Update(keyPress("2"))
	m.View()
	if m.saves.waiting == 0 {
		t.Fatal("the answer was not queued")
	}
	m.Update(saveStateMsg{}) // the saver took it: still pending
	m.View()
	release()
	m.c.saver.flush()()
	m.Update(saveStateMsg{}) // committed
	m.View()
}

// A message from the saver that changes nothing shown makes no new screen:
// with hundreds of sessions, each key press brought two of them.
func TestQuietSaverMessageMakesNoScreen(t *testing.T) {
	m := questionModel(t)
	answerAndSettle(t, m)
	allocs := testing.AllocsPerRun(20, func() {
		m.Update(saveStateMsg{})
		m.View()
	})
	t.Logf("%.0f allocations per quiet message and view", allocs)
	if allocs > 60 {
		t.Errorf("a saver message that changes nothing shown costs %.0f allocations; want at most 60 (the screen is not made again)", allocs)
	}
}

// A key press that answers is made into a screen twice: the answer (shown
// pending) and its commit (shown saved), not once per message.
func TestAnswerRendersTwice(t *testing.T) {
	m := questionModel(t)
	before := m.memo.renders
	answerAndSettle(t, m)
	m.Update(saveStateMsg{})
	m.View()
	if got := m.memo.renders - before; got != 2 {
		t.Errorf("an answered key made %d screens; want 2 (pending, then saved)", got)
	}
}

// The memo never hides a change: after the commit the screen says saved,
// exactly as a screen made from scratch does.
func TestMemoShowsTheCommit(t *testing.T) {
	m := questionModel(t)
	release := holdSaves(m)
	defer release()
	m.Update(keyPress("2"))
	pending := ansi.Strip(m.View().Content)
	if !strings.Contains(pending, "…") {
		t.Fatalf("the answer does not show as pending:\n%s", pending)
	}
	release()
	m.c.saver.flush()()
	m.Update(saveStateMsg{})
	got := ansi.Strip(m.View().Content)
	if got == pending || !strings.Contains(got, "✓") {
		t.Errorf("the commit is not shown:\n%s", got)
	}
	if fresh := ansi.Strip(m.render()); got != fresh {
		t.Errorf("the kept screen differs from one made anew:\n%s\n---\n%s", got, fresh)
	}
}

// answerKey is a key that answers the item in focus and moves on, as a
// participant of a quick scan presses it.
func answerKey(it *assessment.Item) tea.KeyPressMsg {
	switch it.Kind {
	case assessment.KindMaturity, assessment.KindBand, assessment.KindYesNo:
		return keyPress("2")
	case assessment.KindSelfRating:
		return keyPress("3")
	}
	return keyPress("ctrl+d") // don't know: the one key every kind takes
}

// answerNext answers the item in focus as a program runs it: the key and
// the saver's two messages, each followed by a view; commit runs the
// write between them. It fails when the key did not answer and move on.
func answerNext(tb testing.TB, m *Model, commit func(write func())) {
	item := m.ed.it.ID
	m.Update(answerKey(m.ed.it))
	m.View()
	if m.screen == screenQuestions && m.ed.it.ID == item {
		tb.Fatalf("the key did not answer %s and move on: %q", item, m.status)
	}
	m.Update(saveStateMsg{})
	m.View()
	commit(func() { m.c.saver.flush()() })
	m.Update(saveStateMsg{})
	m.View()
}

func commitNow(write func()) { write() }

// quickScanModel is the question screen of a fresh quick scan at 100×30,
// the load test's terminal.
func quickScanModel(tb testing.TB, store *storage.Store) *Model {
	m := firstQuestion(tb, store, assessment.ModeQuick, 100, 30)
	m.View()
	return m
}

// Answering costs few allocations per key press: the screen is made once
// per change, its key help and progress bar are styled once per process,
// the editor and its key bindings are made once, and progress is counted
// without listing the path. (Made anew on each message, a key cost about
// 2,100 allocations; with an editor and bindings per item, 24 KB more.)
func TestAnswerKeyAllocations(t *testing.T) {
	m := quickScanModel(t, openStore(t))
	answerNext(t, m, commitNow) // the first view of each piece is made here
	// The counts are the process's: a goroutine left by another test adds
	// to a round (the race pass showed it), never takes away, so the
	// least of three rounds is this key's.
	const rounds, n = 3, 5
	perKey, bytes := math.Inf(1), math.Inf(1)
	for range rounds {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range n {
			answerNext(t, m, commitNow)
		}
		runtime.ReadMemStats(&after)
		perKey = min(perKey, float64(after.Mallocs-before.Mallocs)/n)
		bytes = min(bytes, float64(after.TotalAlloc-before.TotalAlloc)/n)
	}
	t.Logf("%.0f allocations, %.1f KB per answered key", perKey, bytes/1024)
	if perKey > 520 || bytes > 36<<10 {
		t.Errorf("an answered key costs %.0f allocations and %.1f KB; want at most 520 and 36 KB", perKey, bytes/1024)
	}
}

// BenchmarkAnswerKey is the wizard's share of an answered key on the
// question screen of a quick scan: the key and the saver's two messages,
// each followed by a view as a program does (the write itself is not
// timed), and the move to the next item.
func BenchmarkAnswerKey(b *testing.B) {
	store := openStore(b)
	m := quickScanModel(b, store)
	b.ReportAllocs()
	b.ResetTimer()
	untimed := func(write func()) {
		b.StopTimer()
		write()
		b.StartTimer()
	}
	for range b.N {
		answerNext(b, m, untimed)
		if m.screen != screenQuestions {
			b.StopTimer()
			m = quickScanModel(b, store)
			b.StartTimer()
		}
	}
}
