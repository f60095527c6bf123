package tui

import (
	"context"
	"errors"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// saver stores the wizard's writes one at a time, in the order they were
// given, off the update loop. A write counts as saved only once its
// transaction has committed. A write that fails stays at the head of the
// queue and is tried again after a growing pause, so no later write
// overtakes it; only a write the store refuses for good (its assessment is
// gone) is set aside, reported, and no longer blocks the ones after it.
type saver struct {
	mu      sync.Mutex
	queue   []*saveJob // queue[0] is being written
	refused []*saveJob // failed for good, until a later write of the key commits
	lastErr error      // why the head failed last; nil once it commits
	closed  bool       // takes no more writes

	wake    chan struct{} // cap 1: a write was queued or the saver closed
	changed chan struct{} // cap 1: the state changed
	stopped chan struct{} // closed when the worker has ended
	stopCtx context.CancelFunc
	ctx     context.Context // writes run in it; cancelled only when giving up
}

// saveJob is one write. Writes with the same key (one item of one
// assessment) are shown together: the item is pending while any is.
type saveJob struct {
	key  string
	fn   func(context.Context) error
	done chan struct{} // closed when committed or refused
	err  error         // why it was refused
}

// Pauses between tries of a failing write.
const (
	retryFirst = 100 * time.Millisecond
	retryMax   = 3 * time.Second
)

// drainLimit is how long the saver goes on after its session ended (a
// dropped connection): the last answers are still stored.
const drainLimit = 30 * time.Second

// errSaverClosed refuses writes given after the saver stopped.
var errSaverClosed = errors.New("the program was ending; not saved")

// newSaver starts a saver. When ctx ends (the session is over), the saver
// takes no more writes and stores the ones queued, for up to drainLimit.
func newSaver(ctx context.Context) *saver {
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s := &saver{wake: make(chan struct{}, 1), changed: make(chan struct{}, 1),
		stopped: make(chan struct{}), stopCtx: cancel, ctx: wctx}
	go s.run()
	go func() {
		select {
		case <-ctx.Done():
			s.stop(drainLimit)
		case <-s.stopped:
		}
	}()
	return s
}

func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// enqueue queues a write behind every earlier one.
func (s *saver) enqueue(key string, fn func(context.Context) error) *saveJob {
	j := &saveJob{key: key, fn: fn, done: make(chan struct{})}
	s.mu.Lock()
	if s.closed {
		j.err = errSaverClosed
		s.refused = append(s.refused, j)
		close(j.done)
	} else {
		s.queue = append(s.queue, j)
	}
	s.mu.Unlock()
	signal(s.wake)
	signal(s.changed)
	return j
}

// do queues a write and reports it with a savedMsg once it is committed
// (or refused for good); writes queued later wait for it.
func (s *saver) do(what string, fn func() error) tea.Cmd {
	j := s.enqueue(what, func(context.Context) error { return fn() })
	return func() tea.Msg {
		<-j.done
		return savedMsg{what: what, err: j.err}
	}
}

// savedMsg reports a write committed (err nil) or refused for good.
type savedMsg struct {
	what string
	err  error
}

// head waits for the next write; false once closed with nothing left or
// given up.
func (s *saver) head() (*saveJob, bool) {
	for {
		s.mu.Lock()
		if len(s.queue) > 0 && s.ctx.Err() == nil {
			j := s.queue[0]
			s.mu.Unlock()
			return j, true
		}
		done := s.closed && len(s.queue) == 0 || s.ctx.Err() != nil
		s.mu.Unlock()
		if done {
			return nil, false
		}
		select {
		case <-s.wake:
		case <-s.ctx.Done():
		}
	}
}

func (s *saver) run() {
	defer close(s.stopped)
	defer signal(s.changed)
	pause := retryFirst
	for {
		j, ok := s.head()
		if !ok {
			return
		}
		err := j.fn(s.ctx)
		if err != nil && s.ctx.Err() != nil {
			return // given up: the write stays unsaved
		}
		s.finish(j, err)
		signal(s.changed)
		if err == nil || refusedForGood(err) {
			pause = retryFirst
			continue
		}
		select {
		case <-time.After(pause):
		case <-s.ctx.Done():
		}
		pause = min(2*pause, retryMax)
	}
}

// finish records the outcome of the head's try.
func (s *saver) finish(j *saveJob, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case err == nil:
		s.queue = s.queue[1:]
		s.lastErr = nil
		// A committed write supersedes an earlier refused one of its key.
		kept := s.refused[:0]
		for _, r := range s.refused {
			if r.key != j.key {
				kept = append(kept, r)
			}
		}
		s.refused = kept
		close(j.done)
	case refusedForGood(err):
		s.queue = s.queue[1:]
		s.lastErr = nil
		j.err = err
		s.refused = append(s.refused, j)
		close(j.done)
	default:
		s.lastErr = err
	}
}

// refusedForGood tells a write that no retry can store: its assessment or
// workshop is gone, or the data is refused.
func refusedForGood(err error) bool {
	return errors.Is(err, storage.ErrNotFound) || errors.Is(err, errSaverClosed) || !storage.Transient(err)
}

// saveState is what the screen shows of the saver.
type saveState struct {
	pending map[string]int   // key → writes not committed yet
	failed  map[string]error // key → why its write is not saved (retried, or refused)
	err     error            // the error being retried, if any
	waiting int              // items (keys) with a write not committed yet
	refused int              // items with a write refused for good
	done    bool             // the saver has ended
}

func (s *saver) state() saveState {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := saveState{pending: map[string]int{}, failed: map[string]error{}, err: s.lastErr}
	for _, j := range s.queue {
		if j.key != markerKey { // it writes nothing: nothing of it waits to be saved
			st.pending[j.key]++
		}
	}
	st.waiting = len(st.pending)
	for _, j := range s.refused {
		st.failed[j.key] = j.err
	}
	st.refused = len(st.failed)
	if s.lastErr != nil && len(s.queue) > 0 {
		st.failed[s.queue[0].key] = s.lastErr
	}
	select {
	case <-s.stopped:
		st.done = true
	default:
	}
	return st
}

// saveStateMsg tells the model that the saver's state changed.
type saveStateMsg struct{}

// listen waits for the next change of state.
func (s *saver) listen() tea.Cmd {
	return func() tea.Msg {
		select {
		case <-s.changed:
		case <-s.stopped:
		}
		return saveStateMsg{}
	}
}

// flushedMsg says that every write queued before the flush is done.
type flushedMsg struct{}

// flush waits for every write queued so far to commit or be refused.
func (s *saver) flush() tea.Cmd {
	s.mu.Lock()
	jobs := append([]*saveJob(nil), s.queue...)
	s.mu.Unlock()
	return func() tea.Msg {
		for _, j := range jobs {
			select {
			case <-j.done:
			case <-s.stopped:
				return flushedMsg{}
			}
		}
		return flushedMsg{}
	}
}

// stop takes no more writes and waits up to limit for the queued ones;
// then it gives up on what is left. It returns the keys not saved.
func (s *saver) stop(limit time.Duration) []string {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	signal(s.wake)
	select {
	case <-s.stopped:
	case <-time.After(limit):
		s.stopCtx()
		<-s.stopped
	}
	return s.unsaved()
}

// forgetRefused drops the writes refused for good, once they were told:
// on a shared laptop they are the last person's, not the next one's.
func (s *saver) forgetRefused() {
	s.mu.Lock()
	s.refused = nil
	s.mu.Unlock()
	signal(s.changed)
}

// unsaved lists the keys of writes not committed, in order, once each.
func (s *saver) unsaved() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var keys []string
	seen := map[string]bool{}
	for _, j := range append(append([]*saveJob(nil), s.refused...), s.queue...) {
		if !seen[j.key] {
			seen[j.key] = true
			keys = append(keys, j.key)
		}
	}
	return keys
}

// writer is what the wizard's saves go through: the store (tests put a
// slow or failing store in its place).
type writer interface {
	SaveAnswer(ctx context.Context, assessmentID string, a assessment.Answer) error
	ClearAnswer(ctx context.Context, assessmentID, item string) error
	SaveDraft(ctx context.Context, assessmentID, item string, d storage.Draft) error
}

// saveKey names the writes of one item of one assessment; the item ""
// is the assessment's completion. Other writes are named by one word
// (planKey, and markers that write nothing): no space.
func saveKey(assessmentID, item string) string { return assessmentID + " " + item }

// completionKey names the write that marks an assessment complete.
func completionKey(assessmentID string) string { return saveKey(assessmentID, "") }

// planKey names a write of a plan; markerKey a write of nothing, queued to
// wait for the writes before it.
const (
	planKey   = "plan"
	markerKey = "marker"
)
