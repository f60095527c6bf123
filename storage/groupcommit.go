package storage

import (
	"context"
	"sync"
)

// Group commit: writes that arrive while another is committing wait
// together and then share one transaction, so a room of served sessions
// pays one durable COMMIT per batch, not one per answer. Each write runs
// under its own savepoint, so a refused one undoes nothing of the others,
// and every caller returns only after the shared COMMIT: saved still means
// committed.

// sharedWrite is one caller's write waiting for a batch.
type sharedWrite struct {
	ctx  context.Context
	fn   func(txer) error
	done chan error    // the write's outcome, after the COMMIT
	lead chan struct{} // this caller commits the next batch
}

// group is the queue of writes waiting for the current batch to end.
type group struct {
	mu      sync.Mutex
	waiting []*sharedWrite
	leading bool // a caller is committing a batch
}

// writeShared runs fn in a write transaction it may share with writes
// queued at the same moment (see above).
func (s *Store) writeShared(ctx context.Context, fn func(txer) error) error {
	w := &sharedWrite{ctx: ctx, fn: fn, done: make(chan error, 1), lead: make(chan struct{}, 1)}
	g := &s.group
	g.mu.Lock()
	g.waiting = append(g.waiting, w)
	lead := !g.leading
	g.leading = true
	g.mu.Unlock()
	if !lead {
		select {
		case err := <-w.done:
			return err
		case <-w.lead:
		}
	}
	g.mu.Lock()
	batch := g.waiting
	g.waiting = nil
	g.mu.Unlock()
	s.commitBatch(batch)
	// Hand over to the first write that arrived meanwhile, so that no
	// caller keeps committing others' batches while its own is done.
	g.mu.Lock()
	if len(g.waiting) > 0 {
		g.waiting[0].lead <- struct{}{}
	} else {
		g.leading = false
	}
	g.mu.Unlock()
	return <-w.done
}

// commitBatch runs the writes of batch in one transaction and tells each
// its outcome.
func (s *Store) commitBatch(batch []*sharedWrite) {
	if len(batch) == 1 {
		w := batch[0]
		w.done <- s.write(w.ctx, w.fn)
		return
	}
	outcome := make([]error, len(batch))
	err := s.write(context.Background(), func(tx txer) error {
		for i, w := range batch {
			var err error
			if outcome[i], err = s.underSavepoint(tx, w); err != nil {
				return err
			}
		}
		return nil
	})
	for i, w := range batch {
		if err != nil {
			w.done <- err
		} else {
			w.done <- outcome[i]
		}
	}
}

// underSavepoint runs one write of a batch: its own refusal is its
// outcome and is undone alone; a failure that may pass (a busy database)
// or a broken savepoint fails the whole transaction, which write retries.
func (s *Store) underSavepoint(tx txer, w *sharedWrite) (outcome, err error) {
	if err := w.ctx.Err(); err != nil {
		return err, nil
	}
	if _, err := tx.ExecContext(context.Background(), `SAVEPOINT shared_write`); err != nil {
		return nil, err
	}
	if outcome = w.fn(tx); outcome != nil {
		if s.d.transient(outcome) {
			return nil, outcome
		}
		if _, err := tx.ExecContext(context.Background(), `ROLLBACK TO SAVEPOINT shared_write`); err != nil {
			return nil, err
		}
	}
	_, err = tx.ExecContext(context.Background(), `RELEASE SAVEPOINT shared_write`)
	return outcome, err
}
