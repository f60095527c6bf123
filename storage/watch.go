package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/digint/digint/assessment"
)

// A workshop's live view: the group report kept up to date as answers
// arrive, rereading only the assessments that changed.

// Watch settings: how far behind a writer's clock may be (it takes the time
// before it waits for the lock), how often every assessment's time stamp is
// compared anyway (imports keep a file's older times; erasing leaves no
// newer one), and how recent a save makes someone "answering".
const (
	watchSlack     = 10 * time.Second
	watchReconcile = 10 * time.Second
	ActiveWithin   = 2 * time.Minute
)

// GroupWatch follows one workshop. Not safe for concurrent use.
type GroupWatch struct {
	s    *Store
	code string
	// conn is kept: SQLite's data_version tells a connection whether
	// another one committed since it last asked.
	conn      *sql.Conn
	bank      *assessment.Bank // the version most of the workshop answered, as GroupReport
	gb        *assessment.GroupBuilder
	seen      map[int64]watched // by seq: what the report holds
	maxSeq    int64
	latest    string // the newest updated_at seen
	version   string
	reconcile time.Time // when every time stamp was last compared
	view      GroupView
}

type watched struct {
	id       string
	updated  string
	complete bool
}

// GroupView is what the live view shows.
type GroupView struct {
	Title  string
	Closed bool
	Report assessment.GroupReport
	// Answering: assessments in progress with a save in the last
	// ActiveWithin; the others in progress have paused.
	Answering int
	// Reread is how many assessments the last refresh read again (or
	// took out, erased).
	Reread int
}

// WatchGroup reads a workshop's group report and keeps what it needs to
// bring it up to date. An unknown workshop is ErrNotFound.
func (s *Store) WatchGroup(ctx context.Context, code string) (*GroupWatch, error) {
	code = strings.ToUpper(code)
	var b *assessment.Bank
	if err := s.read(ctx, func(tx txer) (err error) {
		b, _, err = s.workshopBank(ctx, tx, code)
		return err
	}); err != nil {
		return nil, s.fail("watch workshop "+code, err)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, s.fail("watch workshop "+code, err)
	}
	w := &GroupWatch{s: s, code: code, conn: conn, bank: b, gb: assessment.NewGroupBuilder(b),
		seen: map[int64]watched{}, version: "none yet"}
	if _, err := w.Refresh(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	return w, nil
}

// Close gives the kept connection back.
func (w *GroupWatch) Close() error {
	if w.conn == nil {
		return nil
	}
	return w.conn.Close()
}

// Bank is the version of the bank the report is on: the one most of the
// workshop answered when the watch began (the current one if none yet).
func (w *GroupWatch) Bank() *assessment.Bank { return w.bank }

// View is the view as of the last refresh.
func (w *GroupWatch) View() GroupView { return w.view }

// Refresh brings the view up to date and tells whether the report changed.
// When nothing was written since the last call it reads one number; else
// the assessments written since, and now and then every time stamp.
func (w *GroupWatch) Refresh(ctx context.Context) (bool, error) {
	if w.conn == nil {
		conn, err := w.s.db.Conn(ctx)
		if err != nil {
			return false, w.s.fail("watch workshop "+w.code, err)
		}
		w.conn, w.version = conn, "new connection" // its data_version is its own
	}
	changed, err := w.refresh(ctx)
	if err != nil && Transient(err) {
		// A connection the server ended (a restart, a failover) stays
		// dead: the next refresh takes a new one.
		w.conn.Close()
		w.conn = nil
	}
	return changed, err
}

func (w *GroupWatch) refresh(ctx context.Context) (bool, error) {
	var v string
	if err := w.conn.QueryRowContext(ctx, w.s.d.changed).Scan(&v); err != nil {
		return false, w.s.fail("watch workshop "+w.code, err)
	}
	now := w.s.now()
	full := now.Sub(w.reconcile) >= watchReconcile
	if v == w.version && !full {
		w.view.Answering = w.answering(now)
		return false, nil
	}
	changed, err := w.read(ctx, full)
	if err != nil {
		return false, w.s.fail("watch workshop "+w.code, err)
	}
	w.version = v
	if full {
		w.reconcile = now
	}
	w.view.Reread = changed
	if changed > 0 || w.view.Report.Roles == nil {
		w.view.Report = w.gb.Report()
	}
	w.view.Answering = w.answering(now)
	return changed > 0, nil
}

// read finds and rereads what changed, in one snapshot, and says how many
// assessments it read again or took out.
func (w *GroupWatch) read(ctx context.Context, full bool) (int, error) {
	tx, err := w.conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var closed sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT title, closed_at FROM workshops WHERE code = ?`, w.code).Scan(&w.view.Title, &closed)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("workshop %s: %w", w.code, ErrNotFound)
	}
	if err != nil {
		return 0, err
	}
	w.view.Title, w.view.Closed = inert(w.view.Title), closed.Valid
	heads, err := w.headers(ctx, tx, full)
	if err != nil {
		return 0, err
	}
	var stale []any
	for seq, h := range heads {
		if old, ok := w.seen[seq]; !ok || old.updated != h.updated {
			stale = append(stale, seq)
		}
	}
	removed := 0
	if full {
		for seq, old := range w.seen {
			if _, ok := heads[seq]; !ok { // erased
				w.gb.Remove(old.id)
				delete(w.seen, seq)
				removed++
			}
		}
	}
	n := removed
	for len(stale) > 0 {
		chunk := stale[:min(len(stale), 500)]
		stale = stale[len(chunk):]
		err := w.s.eachStored(ctx, tx, 0, func(seq int64, a *assessment.Assessment) error {
			if old, ok := w.seen[seq]; ok && old.id != a.ID { // SQLite gave an erased one's seq again
				w.gb.Remove(old.id)
			}
			w.gb.Put(a.ID, a)
			w.seen[seq] = watched{id: a.ID, updated: heads[seq].updated, complete: a.CompletedAt != nil}
			n++
			return nil
		}, ` WHERE a.seq IN (?`+strings.Repeat(`, ?`, len(chunk)-1)+`)`, chunk...)
		if err != nil {
			return 0, err
		}
	}
	return n, nil
}

// headers are the time stamps of the workshop's assessments that may have
// changed: those new since the last look (by seq, whatever their times)
// and those saved lately (through the indexes on updated_at); with full,
// every one.
func (w *GroupWatch) headers(ctx context.Context, tx txer, full bool) (map[int64]watched, error) {
	queries := []watchQuery{{`SELECT seq, updated_at FROM assessments WHERE workshop = ?1`, byWorkshop}}
	since := ""
	if !full {
		if t, err := parseTime(w.latest); err == nil {
			since = formatTime(t.Add(-watchSlack))
		}
		queries = watchQueries
	}
	heads := map[int64]watched{}
	for _, q := range queries {
		args := []any{w.code}
		switch q.after {
		case bySeq:
			args = append(args, w.maxSeq)
		case byTime:
			args = append(args, since)
		}
		rows, err := tx.QueryContext(ctx, q.sql, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var seq int64
			var h watched
			if err := rows.Scan(&seq, &h.updated); err != nil {
				rows.Close()
				return nil, err
			}
			heads[seq] = h
			w.maxSeq = max(w.maxSeq, seq)
			w.latest = max(w.latest, h.updated)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return heads, nil
}

// watchQueries find what may have changed without reading every
// assessment: new rows by seq, saved rows by the indexes on updated_at of
// unfinished and of completed assessments (migration 007). Comparing
// workshop || ” keeps the planner off the workshop's index, which would
// walk all of it (SQLite's + does the same, but only in SQLite).
var watchQueries = []watchQuery{
	{`SELECT seq, updated_at FROM assessments WHERE seq > ?2 AND workshop || '' = ?1`, bySeq},
	{`SELECT seq, updated_at FROM assessments WHERE completed_at IS NULL AND updated_at >= ?2 AND workshop || '' = ?1`, byTime},
	{`SELECT seq, updated_at FROM assessments WHERE completed_at IS NOT NULL AND updated_at >= ?2 AND workshop || '' = ?1`, byTime},
}

// watchQuery is a query of headers and what its ?2 is: the last seq seen,
// the time from which saves count, or none.
type watchQuery struct {
	sql   string
	after int
}

const (
	byWorkshop = iota
	bySeq
	byTime
)

// answering counts the assessments in progress saved within ActiveWithin.
func (w *GroupWatch) answering(now time.Time) int {
	since := formatTime(now.Add(-ActiveWithin))
	n := 0
	for _, h := range w.seen {
		if !h.complete && h.updated >= since {
			n++
		}
	}
	return n
}
