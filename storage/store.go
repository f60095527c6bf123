// Package storage keeps participants, assessments, answers and workshops in
// one SQLite file, or one PostgreSQL database for central deployments, so
// that every answer is on disk the moment it is given, and imports and
// exports assessment documents. The two differ only in a dialect
// (dialect.go, postgres.go).
//
// A Store is safe for concurrent use, and several Stores (in one program or
// several, on one machine or several for PostgreSQL) may share a database:
// writes take its lock in turn.
package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/digint/digint/assessment"
)

// Store is an open database.
type Store struct {
	// Now gives the time stamps written; tests replace it. Defaults to
	// time.Now.
	Now func() time.Time

	db       *sql.DB
	path     string
	cat      *assessment.Catalog
	readOnly bool // opened with OpenReadOnly
	closed   sync.Once

	// writeMu serialises this Store's writes, so they queue in Go instead
	// of sleeping in SQLite's busy handler; other Stores and programs
	// still wait on SQLite's lock.
	writeMu sync.Mutex
	queued  atomic.Int32 // writers of this Store waiting for writeMu or writing
	group   group        // answers and starts waiting to share a commit (groupcommit.go)
	commits atomic.Int64 // write transactions committed (tests)
	mark    writerMark   // writers of other Stores (waiting_unix.go)
	gaps    atomic.Int64 // gaps an import left for other writers (tests)
	// stagedRead counts staged copies an import read to apply (tests).
	stagedRead atomic.Int64
	stmt       statements
	// pinned: SQLite's writes go through one connection (txer.go); nil on
	// PostgreSQL, whose round trips dwarf what it spares.
	pinned *pinnedWriter
	banks  sync.Map // assessment.BankRef → *bankInfo
	// assessmentBanks: the bank each assessment saved lately is on
	// (rememberBank), so that a save checks its answer before its one
	// statement (saveAnswerAtOnce).
	assessmentBanks sync.Map // id → assessment.BankRef
	rememberedBanks atomic.Int32

	checkpointWait time.Duration // 0: the busy timeout
	d              *dialect
}

// Close closes the database; the last connection to close checkpoints and
// removes the write-ahead log.
func (s *Store) Close() error {
	s.closed.Do(func() { opened(s.path, -1) })
	if s.pinned != nil {
		s.pinned.close()
	}
	s.stmt.close()
	s.mark.close()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// Path is the absolute path of the database file, or the PostgreSQL URL
// (without its password).
func (s *Store) Path() string { return s.path }

// Catalog holds the banks the store checks answers against.
func (s *Store) Catalog() *assessment.Catalog { return s.cat }

// now is the current time in UTC, without a monotonic reading.
func (s *Store) now() time.Time { return s.Now().UTC() }

// write runs fn in one immediate transaction, retrying it on SQLITE_BUSY.
func (s *Store) write(ctx context.Context, fn func(txer) error) error {
	if s.readOnly {
		return fmt.Errorf("%s was %w", s.path, ErrOpenedReadOnly)
	}
	s.queued.Add(1)
	defer s.queued.Add(-1)
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.d.gaps {
		defer s.mark.hold(s.path)()
	}
	return s.retry(ctx, func() error {
		if err := s.transact(ctx, fn); err != nil {
			return err
		}
		s.commits.Add(1)
		if lostAnswer != nil {
			return lostAnswer()
		}
		return nil
	})
}

// transact runs fn in one write transaction and commits it.
func (s *Store) transact(ctx context.Context, fn func(txer) error) error {
	if s.pinned != nil {
		return s.pinned.transact(ctx, fn)
	}
	return s.d.transact(ctx, s.db, fn)
}

// beginner begins transactions: a *sql.DB, or one *sql.Conn of it.
type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// transact runs fn in one write transaction on db and commits it.
func (d *dialect) transact(ctx context.Context, db beginner, fn func(txer) error) error {
	tx, err := db.BeginTx(ctx, nil) // SQLite: BEGIN IMMEDIATE (_txlock)
	if err != nil {
		return err
	}
	if err := d.beginWrite(ctx, tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// lostAnswer, set only by tests, fails a write after its commit, as a
// connection dropped while the server answered COMMIT does.
var lostAnswer func() error

// read runs fn in one read transaction, so it sees one snapshot.
func (s *Store) read(ctx context.Context, fn func(txer) error) error {
	return s.retry(ctx, func() error {
		tx, err := s.db.BeginTx(ctx, s.d.readTx)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		return fn(tx)
	})
}

// OnServer tells a database on a server (PostgreSQL), which others reach
// too, from a file on this computer.
func (s *Store) OnServer() bool { return s.d == pgDialect }

// retry runs a whole transaction again while it fails transiently.
func (s *Store) retry(ctx context.Context, fn func() error) error {
	return retryWith(ctx, s.d.transient, s.d.attempts, fn)
}

// fail explains SQLite and PostgreSQL failures; errors of our own already say what is
// wrong and pass unchanged.
func (s *Store) fail(what string, err error) error {
	if e, ok := explainPG(s.path, what, err); ok {
		return e
	}
	if err == nil || sqliteCode(err) == 0 {
		return err
	}
	return explain(s.path, what, err)
}

// Time stamps are stored as UTC text with a fixed nine-digit fraction, so
// that ORDER BY on the text is chronological (RFC3339Nano drops trailing
// zeros, and "…05Z" would sort after "…05.5Z").
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad time stamp %q in the database: %w", s, err)
	}
	return t, nil
}

func formatTimePtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return formatTime(*t)
}

func parseTimePtr(s sql.NullString) (*time.Time, error) {
	if !s.Valid {
		return nil, nil
	}
	t, err := parseTime(s.String)
	return &t, err
}

// bankInfo is a bank with what the store looks up often.
type bankInfo struct {
	*assessment.Bank
	order     map[string]int // item id → position in the bank
	asked     map[assessment.Mode][]*assessment.Item
	askedItem map[assessment.Mode]map[string]*assessment.Item
}

// bank finds the bank an assessment was answered on, in the catalog.
func (s *Store) bank(ref assessment.BankRef) (*bankInfo, error) {
	if bi, ok := s.banks.Load(ref); ok {
		return bi.(*bankInfo), nil
	}
	b, err := s.cat.Lookup(ref)
	if err != nil {
		return nil, err
	}
	bi := &bankInfo{Bank: b, order: make(map[string]int, len(b.Items)),
		asked: map[assessment.Mode][]*assessment.Item{}, askedItem: map[assessment.Mode]map[string]*assessment.Item{}}
	for i, it := range b.Items {
		bi.order[it.ID] = i
	}
	for _, m := range []assessment.Mode{assessment.ModeFull, assessment.ModeQuick} {
		bi.asked[m] = b.Asked(m)
		bi.askedItem[m] = map[string]*assessment.Item{}
		for _, it := range bi.asked[m] {
			bi.askedItem[m][it.ID] = it
		}
	}
	s.banks.Store(ref, bi)
	return bi, nil
}

// rememberBank notes the bank of an assessment for its next saves; the
// notes are forgotten wholesale past a few thousand, keeping memory flat.
func (s *Store) rememberBank(id string, ref assessment.BankRef) {
	if s.stmt.saveAnswer == nil {
		return
	}
	if ref == s.currentBank() {
		s.assessmentBanks.Delete(id) // the guess without a note
		return
	}
	if s.rememberedBanks.Add(1) > 4096 {
		s.assessmentBanks.Clear()
		s.rememberedBanks.Store(0)
	}
	s.assessmentBanks.Store(id, ref)
}

func (s *Store) currentBank() assessment.BankRef {
	b := s.cat.Current()
	return assessment.BankRef{ID: b.ID, Version: b.Version}
}

// sortAnswers puts answers in bank order; answers to items the bank does not
// know (which the store never writes) go last, by id.
func (bi *bankInfo) sortAnswers(as []assessment.Answer) {
	pos := func(a assessment.Answer) int {
		if i, ok := bi.order[a.Item]; ok {
			return i
		}
		return len(bi.order)
	}
	slices.SortFunc(as, func(x, y assessment.Answer) int {
		if d := pos(x) - pos(y); d != 0 {
			return d
		}
		return strings.Compare(x.Item, y.Item)
	})
}
