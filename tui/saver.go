package tui

import (
	"sync"

	tea "charm.land/bubbletea/v2"
)

// saver runs writes to the store one at a time in the order they were
// asked for, off the update loop: an answer changed twice quickly is stored
// as last given.
type saver struct {
	jobs  chan saveJob
	done  chan struct{}
	close sync.Once
}

type saveJob struct {
	fn     func() error
	what   string
	result chan error
}

// savedMsg reports a finished write.
type savedMsg struct {
	what string
	err  error
}

func newSaver() *saver {
	s := &saver{jobs: make(chan saveJob, 1024), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		for j := range s.jobs {
			j.result <- j.fn()
		}
	}()
	return s
}

// do queues a write now (so order is kept) and reports it when done.
func (s *saver) do(what string, fn func() error) tea.Cmd {
	j := saveJob{fn: fn, what: what, result: make(chan error, 1)}
	s.jobs <- j
	return func() tea.Msg { return savedMsg{what: what, err: <-j.result} }
}

// wait lets every queued write finish; the saver takes no more.
func (s *saver) wait() {
	s.close.Do(func() { close(s.jobs) })
	<-s.done
}
