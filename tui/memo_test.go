package tui

import (
	"runtime"
	"strings"
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
	store := openStore(t)
	a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Language: "en", Mode: assessment.ModeFull})
	if err != nil {
		t.Fatal(err)
	}
	m := newModel(t, store, "en")
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.openWalk(a)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return m
}

// answerAndSettle answers the item in focus and waits for its write to
// commit, viewing after each message as a program does.
func answerAndSettle(t *testing.T, m *Model) {
	t.Helper()
	m.Update(keyPress("2"))
	m.View()
	if m.saves.waiting == 0 {
		t.Fatal("the answer was not queued")
	}
	m.Update(saveStateMsg{}) // the saver took it: still pending
	m.View()
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
	m.Update(keyPress("2"))
	pending := ansi.Strip(m.View().Content)
	if !strings.Contains(pending, "…") {
		t.Fatalf("the answer does not show as pending:\n%s", pending)
	}
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

// Answering costs few allocations per key press: the screen is made once
// per change, and its key help and progress bar are styled once per
// process. (Made anew on each message, a key cost about 2,100.)
func TestAnswerKeyAllocations(t *testing.T) {
	m := questionModel(t)
	answerAndSettle(t, m) // the first view of each piece is made here
	const n = 8
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range n {
		m.Update(keyPress("2"))
		m.View()
		m.Update(saveStateMsg{})
		m.View()
		m.c.saver.flush()()
		m.Update(saveStateMsg{})
		m.View()
	}
	runtime.ReadMemStats(&after)
	perKey := float64(after.Mallocs-before.Mallocs) / n
	t.Logf("%.0f allocations per answered key", perKey)
	if perKey > 1000 {
		t.Errorf("an answered key costs %.0f allocations; want at most 1000", perKey)
	}
}

// BenchmarkAnswerKey is the wizard's share of an answered key on the
// question screen: the key and the saver's two messages, each followed by
// a view as a program does (the write itself is not timed).
func BenchmarkAnswerKey(b *testing.B) {
	store := openStore(b)
	m := newModel(b, store, "en")
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	open := func() {
		a, err := store.Start(bg(), storage.NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Language: "en", Mode: assessment.ModeFull})
		if err != nil {
			b.Fatal(err)
		}
		m.openWalk(a)
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		m.View()
	}
	open()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m.Update(keyPress("2"))
		m.View()
		m.Update(saveStateMsg{})
		m.View()
		b.StopTimer()
		m.c.saver.flush()()
		b.StartTimer()
		m.Update(saveStateMsg{})
		m.View()
		if m.screen != screenQuestions {
			b.StopTimer()
			open()
			b.StartTimer()
		}
	}
}
