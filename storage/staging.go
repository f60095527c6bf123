package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/digint/digint/assessment"
)

// An import never holds the write lock for long, so a wizard saving an
// answer meanwhile waits a fraction of a second, and a file is still all
// or nothing:
//
//  1. stage: the file is read as a stream; each assessment, once checked,
//     is kept as JSON in import_staged, a batch per short transaction. An
//     error anywhere in the file drops what was staged: nothing imported.
//  2. decide: one transaction marks the import 'applying'. From here the
//     import will happen: after a crash, FinishImports completes it.
//  3. apply: short transactions each store a batch of staged assessments
//     (newer updated_at wins, as always) and delete them from the stage.
//
// While an import applies, other readers may see part of it; nothing is
// ever left half-applied once it is finished.

// ImportReport tells what an import did.
type ImportReport struct {
	File    string
	Added   int // new assessments
	Updated int // stored ones replaced by a newer version
	Skipped int // stored already, and not older than the file's
	// Held: open in a session at the time (a live hold, see Hold), so left
	// as the session has it; importing the file again once it is closed
	// takes the file's copy if that is still the newer.
	Held int
}

const (
	stageBytes   = 2 << 20   // staged per transaction
	stageCount   = 256       // assessments staged per transaction
	chunkBytes   = 256 << 10 // staged per row, about
	chunkCount   = 32        // assessments staged per row, at most
	dropCount    = 16        // staged rows dropped per transaction
	abandonAfter = 10 * time.Minute
)

// An apply transaction holds the write lock about applyBudget when another
// writer waits (or may: PostgreSQL does not tell), else up to aloneBudget,
// then, if one waits, leaves it free for importGap: SQLite's busy handler
// polls, sleeping up to 100 ms at a time, so a writer of another program
// waiting there (a wizard) must find the lock free for long enough to meet
// it within a few polls; 2 ms starved such writers on a loaded machine.
var applyBudget = 50 * time.Millisecond // variables for tests

var aloneBudget = time.Second

const importGap = 25 * time.Millisecond

// Import reads a document and stores its assessments: an assessment already
// stored is replaced, answers and all, only when the file's is newer
// (updated_at); participants are updated with it; unknown workshops are
// created, titled with their code. An error anywhere imports nothing and
// names the file (name), the assessment and the item. Results in a file are
// never trusted and an import stores none.
func (s *Store) Import(ctx context.Context, name string, r io.Reader) (ImportReport, error) {
	return s.ImportWatched(ctx, name, r, nil)
}

// ImportProgress is how far a large import is: Read assessments read and
// checked so far; once the whole file is, Stored of them stored.
type ImportProgress struct {
	Read, Stored int
	Reading      bool // still reading the file
}

// ImportWatched is Import telling progress, when not nil, how far it is
// after each batch of a file too large for one transaction.
func (s *Store) ImportWatched(ctx context.Context, name string, r io.Reader, progress func(ImportProgress)) (ImportReport, error) {
	if progress == nil {
		progress = func(ImportProgress) {}
	}
	if err := s.FinishImports(ctx); err != nil {
		return ImportReport{File: name}, err
	}
	l := &lazyConn{s: s} // a connection of its own once the file needs a stage
	defer l.close()
	read := 0
	run, small, err := s.stage(ctx, l, name, r, func(p ImportProgress) { read = p.Read; progress(p) })
	if err != nil {
		if run != 0 {
			s.dropRun(context.WithoutCancel(ctx), l, run)
		}
		return ImportReport{File: name}, err
	}
	if run == 0 { // a small file: one short transaction, no stage
		l.close()
		return s.applySmall(ctx, name, small)
	}
	if err := l.write(ctx, func(tx txer) error {
		_, err := tx.ExecContext(ctx, `UPDATE imports SET state = 'applying', touched_at = ? WHERE id = ?`, formatTime(s.now()), run)
		return err
	}); err != nil {
		s.dropRun(context.WithoutCancel(ctx), l, run)
		return ImportReport{File: name}, s.fail(name+": import", err)
	}
	stored := func(n int) { progress(ImportProgress{Read: read, Stored: n}) }
	rep, err := s.apply(context.WithoutCancel(ctx), l, run, stored) // decided: not stopped half-way
	rep.File = name
	if err == nil {
		s.d.afterBulk(ctx, s)
	}
	return rep, s.fail(name+": import", err)
}

// lazyConn runs an import's transactions on one connection that syncs the
// log only at checkpoints and at the end (synchronous=NORMAL): a crash may
// lose its latest transactions, never part of one, and the import is
// staged again or finished from its stage. Its last transaction syncs
// everything before it: an import reported done is on disk.
type lazyConn struct {
	s    *Store
	conn *sql.Conn
}

func (l *lazyConn) open(ctx context.Context) error {
	if l.conn != nil {
		return nil
	}
	conn, err := l.s.db.Conn(ctx)
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA synchronous = NORMAL`); err != nil {
		conn.Close()
		return err
	}
	l.conn = conn
	return nil
}

// write is Store.write on the lazy connection.
func (l *lazyConn) write(ctx context.Context, fn func(txer) error) error {
	if err := l.open(ctx); err != nil {
		return err
	}
	l.s.writeMu.Lock()
	defer l.s.writeMu.Unlock()
	return l.s.retry(ctx, func() error { return l.s.d.transact(ctx, l.conn, fn) })
}

// durable makes the connection's next commits sync the log.
func (l *lazyConn) durable(ctx context.Context) error {
	_, err := l.conn.ExecContext(ctx, `PRAGMA synchronous = FULL`)
	return err
}

func (l *lazyConn) close() {
	if l.conn == nil {
		return
	}
	l.durable(context.Background()) // the pool's setting, before it is shared again
	l.conn.Close()
	l.conn = nil
}

// newRun registers an import, and drops imports abandoned while staging
// (their program died before deciding).
func (s *Store) newRun(ctx context.Context, l *lazyConn, name string) (int64, error) {
	var run int64
	now := s.now()
	err := l.write(ctx, func(tx txer) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM imports WHERE state = 'staging' AND touched_at < ?`,
			formatTime(now.Add(-abandonAfter))); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO imports (file, state, touched_at) VALUES (?, 'staging', ?) RETURNING id`,
			name, formatTime(now)).Scan(&run)
	})
	return run, err
}

type stagedBatch struct {
	first int // n of the first
	docs  [][]byte
	size  int
	last  bool // the file ends with it
}

// stage reads the file, checking each assessment, while earlier ones are
// written to the stage: on two cores, reading and writing overlap. A file
// that fits in one batch is not staged: it is returned, with run 0.
func (s *Store) stage(ctx context.Context, l *lazyConn, name string, r io.Reader, progress func(ImportProgress)) (run int64, small [][]byte, err error) {
	batches := make(chan stagedBatch, 1)
	stop := make(chan struct{})
	var readErr error
	go func() {
		defer close(batches)
		b := stagedBatch{first: 1}
		n := 0
		send := func() bool {
			select {
			case batches <- b:
				b = stagedBatch{first: n + 1}
				return true
			case <-stop:
				return false
			}
		}
		readErr = assessment.DecodeEach(r, s.cat, func(a *assessment.Assessment) error {
			doc, err := encodeStaged(a)
			if err != nil {
				return err
			}
			n++
			b.docs, b.size = append(b.docs, doc), b.size+len(doc)
			if (b.size >= stageBytes || len(b.docs) >= stageCount) && !send() {
				return errImportStopped
			}
			return nil
		})
		if readErr == nil {
			b.last = true
			send()
		}
	}()
	var writeErr error
	for b := range batches {
		if writeErr != nil {
			continue
		}
		if run == 0 && b.last {
			small = b.docs
			continue
		}
		if run == 0 {
			run, writeErr = s.newRun(ctx, l, name)
		}
		if writeErr == nil {
			writeErr = s.stageBatch(ctx, l, run, b)
			progress(ImportProgress{Read: b.first + len(b.docs) - 1, Reading: !b.last})
			s.yieldLock()
		}
		if writeErr != nil {
			close(stop) // the reader stops at its next assessment
		}
	}
	if writeErr != nil {
		return run, nil, s.fail(name+": import", writeErr)
	}
	if readErr != nil {
		return run, nil, fmt.Errorf("%s: %w", name, readErr)
	}
	return run, small, nil
}

// applySmall stores the assessments of a small file in one transaction.
func (s *Store) applySmall(ctx context.Context, name string, docs [][]byte) (ImportReport, error) {
	var rep ImportReport
	now := s.now()
	err := s.write(ctx, func(tx txer) error {
		rep = ImportReport{File: name} // a retry starts over
		im := s.prepared(tx)
		defer im.close()
		for i, doc := range docs {
			if err := s.applyOne(ctx, im, &rep, name, i+1, doc, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return ImportReport{File: name}, s.fail(name+": import", err)
	}
	return rep, nil
}

// applyOne stores the n-th assessment of a file, as staged, counting it.
func (s *Store) applyOne(ctx context.Context, im *preparedTx, rep *ImportReport, file string, n int, doc []byte, now time.Time) error {
	a, err := decodeStaged(doc)
	if err != nil {
		return fmt.Errorf("%s: assessment %d: staged copy unreadable: %w", file, n, err)
	}
	got, err := im.put(ctx, a, now)
	if err != nil {
		return fmt.Errorf("%s: assessment %d (%s): %w", file, n, a.ID, explain(s.path, "", err))
	}
	switch got {
	case added:
		rep.Added++
	case updated:
		rep.Updated++
	case heldOpen:
		rep.Held++
	default:
		rep.Skipped++
	}
	return nil
}

var errImportStopped = errors.New("import stopped")

// stageBatch stages a batch as rows of up to chunkCount assessments each
// (chunk), numbered by their first: a row costs the database more than
// its bytes.
func (s *Store) stageBatch(ctx context.Context, l *lazyConn, run int64, b stagedBatch) error {
	now := formatTime(s.now())
	var args []any
	for i := 0; i < len(b.docs); {
		first, size := i, 0
		for i < len(b.docs) && i-first < chunkCount && size < chunkBytes {
			size += len(b.docs[i])
			i++
		}
		args = append(args, run, b.first+first, chunk(b.docs[first:i], size))
	}
	return l.write(ctx, func(tx txer) error {
		if len(args) > 0 { // else only the touch: the file ended at a batch's end
			q := `INSERT INTO import_staged (import, n, body) VALUES ` +
				strings.TrimSuffix(strings.Repeat(`(?, ?, ?), `, len(args)/3), ", ")
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE imports SET touched_at = ? WHERE id = ? AND state = 'staging'`, now, run)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 { // dropped as abandoned: start again
			return errors.New("the import was dropped while it was staged (stalled over 10 minutes)")
		}
		return nil
	})
}

// dropRun forgets a staged import, in short transactions. Whatever is left
// after a failure here is dropped by a later import.
func (s *Store) dropRun(ctx context.Context, l *lazyConn, run int64) {
	for {
		var left int64
		err := l.write(ctx, func(tx txer) error {
			res, err := tx.ExecContext(ctx, `DELETE FROM import_staged WHERE import = ?1 AND n IN
	(SELECT n FROM import_staged WHERE import = ?1 ORDER BY n LIMIT ?2)`, run, dropCount)
			if err != nil {
				return err
			}
			if left, _ = res.RowsAffected(); left == 0 {
				_, err = tx.ExecContext(ctx, `DELETE FROM imports WHERE id = ?`, run)
			}
			return err
		})
		if err != nil || left == 0 {
			return
		}
	}
}

// FinishImports completes the imports that were decided but not finished
// (their program died while applying): what a crash leaves is completed,
// never half there. Import calls it; Open finishes the stalled ones.
func (s *Store) FinishImports(ctx context.Context) error { return s.finishImports(ctx, 0) }

// stallAfter: an import applying whose program has not moved it on for
// this long has died (its batches take a fraction of a second).
const stallAfter = 30 * time.Second

// finishImports finishes the decided imports not moved on for idle.
func (s *Store) finishImports(ctx context.Context, idle time.Duration) error {
	var runs []int64
	before := "9999" // every one: later than any time stamp
	if idle > 0 {
		before = formatTime(s.now().Add(-idle))
	}
	err := s.read(ctx, func(tx txer) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM imports WHERE state = 'applying' AND touched_at <= ? ORDER BY id`, before)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			runs = append(runs, id)
		}
		return rows.Err()
	})
	if err != nil {
		return s.fail("finish an earlier import", err)
	}
	if len(runs) == 0 {
		return nil
	}
	l := &lazyConn{s: s}
	defer l.close()
	for _, run := range runs {
		if _, err := s.apply(ctx, l, run, func(int) {}); err != nil {
			return s.fail("finish an earlier import", err)
		}
	}
	return nil
}

// apply stores a decided import's staged assessments, a batch per
// transaction, and forgets the import once done. Another program finishing
// the same import meanwhile is harmless: a batch deletes what it applied.
func (s *Store) apply(ctx context.Context, l *lazyConn, run int64, stored func(int)) (ImportReport, error) {
	now := s.now()
	for {
		var done bool
		var so ImportReport
		err := l.write(ctx, func(tx txer) error {
			var err error
			so, done, err = s.applyBatch(ctx, tx, run, now)
			return err
		})
		if err != nil {
			return ImportReport{}, err
		}
		stored(so.Added + so.Updated + so.Skipped + so.Held)
		if done {
			break
		}
		s.yieldLock()
	}
	// The end, synced: it syncs every transaction before it.
	if err := l.durable(ctx); err != nil {
		return ImportReport{}, err
	}
	var rep ImportReport
	err := l.write(ctx, func(tx txer) error {
		err := tx.QueryRowContext(ctx, `DELETE FROM imports WHERE id = ? RETURNING added, updated, skipped, held`, run).
			Scan(&rep.Added, &rep.Updated, &rep.Skipped, &rep.Held)
		if errors.Is(err, sql.ErrNoRows) { // finished by another program
			return nil
		}
		return err
	})
	return rep, err
}

// yieldLock leaves the write lock free for a moment between an import's
// transactions, when a writer of this Store or another waits for it (the
// import's own transactions do not count: lazyConn.write marks nothing).
func (s *Store) yieldLock() {
	if !s.d.gaps || s.queued.Load() == 0 && !s.mark.othersWrite(s.path) {
		return
	}
	s.gaps.Add(1)
	time.Sleep(importGap)
}

// othersWait tells whether another writer waits for the lock, or may.
func (s *Store) othersWait() bool {
	return !s.d.gaps || s.queued.Load() > 0 || s.mark.othersWrite(s.path)
}

// applyBatch applies staged assessments, in file order, for about
// applyBudget (aloneBudget when no one else waits), and tells whether the
// stage is now empty. A row applied in part is left holding the rest.
func (s *Store) applyBatch(ctx context.Context, tx txer, run int64, now time.Time) (rep ImportReport, done bool, err error) {
	var file string
	err = tx.QueryRowContext(ctx, `SELECT file, added, updated, skipped, held FROM imports WHERE id = ?`, run).
		Scan(&file, &rep.Added, &rep.Updated, &rep.Skipped, &rep.Held)
	if errors.Is(err, sql.ErrNoRows) {
		return rep, true, nil // finished by another program
	}
	if err != nil {
		return rep, false, err
	}
	// The staged copies are now in the tables: no need to zero them.
	if _, err := tx.ExecContext(ctx, `PRAGMA secure_delete = 0`); err != nil {
		return rep, false, err
	}
	im := s.prepared(tx)
	defer im.close()
	start := time.Now()
	over := func() bool {
		took := time.Since(start)
		return took > aloneBudget || took > applyBudget && s.othersWait()
	}
	for { // at least one assessment a transaction, however slow
		done, err = s.applyChunk(ctx, im, &rep, run, file, now, over)
		if done || err != nil || over() {
			break
		}
	}
	if _, err2 := tx.ExecContext(ctx, `PRAGMA secure_delete = 1`); err == nil {
		err = err2
	}
	if err != nil {
		return rep, false, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE imports SET added = ?, updated = ?, skipped = ?, held = ?, touched_at = ? WHERE id = ?`,
		rep.Added, rep.Updated, rep.Skipped, rep.Held, formatTime(s.now()), run)
	return rep, done, err
}

// applyChunk applies the first staged row, or its assessments until over
// tells to stop, leaving the rest staged; done: nothing was left to apply.
func (s *Store) applyChunk(ctx context.Context, im *preparedTx, rep *ImportReport, run int64, file string, now time.Time, over func() bool) (done bool, err error) {
	var first int
	var body []byte
	err = im.QueryRowContext(ctx, `SELECT n, body FROM import_staged WHERE import = ? ORDER BY n LIMIT 1`, run).Scan(&first, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	off, k := 0, 0
	for off < len(body) {
		doc, next := unchunk(body, off)
		if next < 0 {
			return false, fmt.Errorf("%s: assessment %d: staged copy unreadable: %w", file, first+k, errBadStage)
		}
		s.stagedRead.Add(1)
		if err := s.applyOne(ctx, im, rep, file, first+k, doc, now); err != nil {
			return false, err
		}
		off, k = next, k+1
		if off < len(body) && over() {
			// The rest stays, renumbered by its first (SQL counts bytes from 1).
			_, err := im.ExecContext(ctx, `UPDATE import_staged SET n = ?, body = substr(body, ?) WHERE import = ? AND n = ?`,
				first+k, off+1, run, first)
			return false, err
		}
	}
	_, err = im.ExecContext(ctx, `DELETE FROM import_staged WHERE import = ? AND n = ?`, run, first)
	return false, err
}
