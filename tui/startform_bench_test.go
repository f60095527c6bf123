package tui

import (
	"reflect"
	"syscall"
	"testing"
	"time"

	"charm.land/bubbles/v2/cursor"
	tea "charm.land/bubbletea/v2"
)

// BenchmarkStartForm is one person through the start form: open it (n on
// the welcome), type "Ana", four enters, the screen made after every
// message as a program makes it. Commands run and their messages come
// back, as in a program, except timers (a blink: served sessions drop
// them) and the command that stores the assessment (not the form's cost).
// cpu-ns/op is the process's CPU time, which the timers left running do
// not inflate as they do the wall clock.
func BenchmarkStartForm(b *testing.B) {
	m := newModel(b, openStore(b), "en")
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.View()
	keys := []tea.KeyPressMsg{keyPress("A"), keyPress("n"), keyPress("a"),
		keyPress("enter"), keyPress("enter"), keyPress("enter"), keyPress("enter")}
	step := func(msg tea.Msg) {
		_, cmd := m.Update(msg)
		m.View()
		benchRun(m, cmd)
	}
	b.ReportAllocs()
	cpu := cpuTime()
	n := 0
	for b.Loop() {
		m.screen = screenWelcome
		step(keyPress("n"))
		for _, k := range keys {
			step(k)
		}
		if m.start != nil {
			b.Fatal("four enters did not complete the form")
		}
		n++
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(n), "cpu-ns/op")
}

// benchRun runs cmd and the commands its messages lead to, until the form
// is done.
func benchRun(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil || m.start == nil {
			continue
		}
		msg, ok := await(c, 20*time.Millisecond)
		if !ok {
			continue // a timer
		}
		if cmds, ok := cmdList(msg); ok { // a batch or a sequence
			queue = append(queue, cmds...)
			continue
		}
		if _, blink := msg.(cursor.BlinkMsg); blink || msg == nil {
			continue
		}
		_, next := m.Update(msg)
		m.View()
		queue = append(queue, next)
	}
}

// cmdList unpacks a batch or a sequence (whose type is not exported).
func cmdList(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

// cpuTime is the CPU time the process used so far, in nanoseconds.
func cpuTime() int64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return u.Utime.Nano() + u.Stime.Nano()
}

// BenchmarkStartFormKey is one key typed in the form's name field (a
// letter, then backspace), the screen made after it.
func BenchmarkStartFormKey(b *testing.B) {
	m := newModel(b, openStore(b), "en")
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	_, cmd := m.Update(keyPress("n"))
	m.View()
	benchRun(m, cmd)
	keys := []tea.KeyPressMsg{keyPress("a"), keyPress("backspace")}
	b.ReportAllocs()
	cpu := cpuTime()
	n := 0
	for b.Loop() {
		_, cmd := m.Update(keys[n%2])
		m.View()
		benchRun(m, cmd)
		n++
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(n), "cpu-ns/op")
}

// BenchmarkStartFormOpen is opening the form (n on the welcome) and its
// first screen.
func BenchmarkStartFormOpen(b *testing.B) {
	m := newModel(b, openStore(b), "en")
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.View()
	b.ReportAllocs()
	cpu := cpuTime()
	n := 0
	for b.Loop() {
		m.screen = screenWelcome
		_, cmd := m.Update(keyPress("n"))
		m.View()
		benchRun(m, cmd)
		n++
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(n), "cpu-ns/op")
}
