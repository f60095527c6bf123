package storage

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/digint/digint/assessment"
)

// IsPostgres tells whether a --db value names a PostgreSQL database (a
// postgres:// or postgresql:// URL, or "postgres:" alone for the PG*
// environment variables) rather than a SQLite file.
func IsPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres:") || strings.HasPrefix(db, "postgresql:")
}

var (
	// urlLike is a scheme of two letters or more and a slash ("C:/" is a
	// drive): postgress://, Postgres://, file:/.
	urlLike = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]+:/`) })
	// keywordLike is libpq's "host=… dbname=…" form, which pgx reads but
	// digint does not take (it would look like a file name).
	keywordLike = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(^|\s)(host|hostaddr|port|dbname|user|password|sslmode|service)\s*=`)
	})
	// userSecret is a URL's user:PASSWORD@ of any scheme, when no parser
	// could read it: up to the last "@", spaces and all, so that no part
	// of a password shows (more may be hidden, never less).
	userSecret = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*:/*[^/@:\s]*:).*@`)
	})
	// keySecret is password=VALUE in libpq's form: quoted, or up to a
	// space that is not escaped; querySecret is the same in a URL's query.
	keySecret = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'?|(?:[^\s\\]|\\.)*)`)
	})
	querySecret = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)([?&]password=)[^&#]*`) })
)

// CheckName refuses a --db value that looks like a connection but is
// not a postgres:// URL (ErrNotAName): as a path it would become a file
// named after it, password included. Every other value is a file's path.
func CheckName(db string) error {
	if IsPostgres(db) || !urlLike().MatchString(db) && !keywordLike().MatchString(db) {
		return nil
	}
	return &Fault{Path: Redacted(db), Err: fmt.Errorf("%s: %w", Redacted(db), ErrNotAName)}
}

// Pool limits the connections a Store keeps to a PostgreSQL server, and
// how long it waits; SQLite ignores it. Zero fields take the defaults.
type Pool struct {
	MaxConns       int           // open connections at most (default 10)
	MaxIdle        int           // kept open while idle (default 4)
	MaxLifetime    time.Duration // a connection is replaced after this (default 30 min)
	ConnectTimeout time.Duration // to reach the server (default 5 s)
	// StatementTimeout ends a statement, or a wait for the write lock,
	// that runs longer (default 30 s): a stuck server shows as a failed
	// save the user is told of, not a frozen screen.
	StatementTimeout time.Duration
}

// DefaultPool suits one `digint serve` of a few hundred sessions beside
// others on one server (PostgreSQL allows 100 connections by default).
var DefaultPool = Pool{MaxConns: 10, MaxIdle: 4, MaxLifetime: 30 * time.Minute,
	ConnectTimeout: 5 * time.Second, StatementTimeout: 30 * time.Second}

func (p Pool) orDefault() Pool {
	d := DefaultPool
	if p.MaxConns > 0 {
		d.MaxConns = p.MaxConns
	}
	if p.MaxIdle > 0 {
		d.MaxIdle = min(p.MaxIdle, d.MaxConns)
	}
	if p.MaxLifetime > 0 {
		d.MaxLifetime = p.MaxLifetime
	}
	if p.ConnectTimeout > 0 {
		d.ConnectTimeout = p.ConnectTimeout
	}
	if p.StatementTimeout > 0 {
		d.StatementTimeout = p.StatementTimeout
	}
	return d
}

// Advisory lock keys: writes take turns on the first, migrations on the
// second ("DIGI" and "DIGM"); they are per database.
const (
	pgWriteLock   = 0x44494749
	pgMigrateLock = 0x4449474d
)

var pgDialect = &dialect{
	name:    "postgres",
	changed: `SELECT pg_current_wal_lsn()::text`, // moves with every write
	readTx:  &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead},
	beginWrite: func(ctx context.Context, tx txer) error {
		_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, pgWriteLock)
		return err
	},
	afterBulk: func(ctx context.Context, s *Store) {
		s.db.ExecContext(ctx, `ANALYZE participants, assessments, answers`)
	},
	afterErase: pgVacuum,
	transient:  pgTransient,
	attempts:   12, // about 2 s: a server restarting, a connection replaced
	caches:     true,
}

// openPostgres opens the PostgreSQL database the URL names, bringing its
// schema up to date (unless ro). A database holding another application's
// tables, or written by a newer digint, is refused untouched.
func openPostgres(dsn string, cat *assessment.Catalog, ro bool, pool Pool) (*Store, error) {
	name := Redacted(dsn)
	if dsn == "postgres:" || dsn == "postgresql:" {
		dsn = "" // the PG* environment variables alone
	}
	p := pool.orDefault()
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, &Fault{Path: name, Err: fmt.Errorf("open %s: %w: %w", name, ErrBadURL, err)}
	}
	if !strings.Contains(dsn, "connect_timeout") {
		cfg.ConnectTimeout = p.ConnectTimeout
	}
	if _, ok := cfg.RuntimeParams["statement_timeout"]; !ok {
		cfg.RuntimeParams["statement_timeout"] = fmt.Sprint(p.StatementTimeout.Milliseconds())
	}
	// A program that dies inside a transaction must not hold the write lock.
	if _, ok := cfg.RuntimeParams["idle_in_transaction_session_timeout"]; !ok {
		cfg.RuntimeParams["idle_in_transaction_session_timeout"] = "60000"
	}
	if ro {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	db := sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg)})
	db.SetMaxOpenConns(p.MaxConns)
	db.SetMaxIdleConns(p.MaxIdle)
	db.SetConnMaxLifetime(p.MaxLifetime)
	s := &Store{Now: time.Now, db: db, path: name, cat: cat, readOnly: ro, d: pgDialect}
	ctx := context.Background()
	if err := pgCheckSchema(ctx, db, ro); err != nil {
		db.Close()
		return nil, s.fail("open "+name, err)
	}
	if !ro {
		err := s.stmt.prepare(ctx, db)
		if err == nil {
			s.stmt.saveAnswer, err = db.PrepareContext(ctx, pgSaveAnswer)
		}
		if err != nil {
			s.stmt.close()
			db.Close()
			return nil, s.fail("open "+name, err)
		}
		if err := s.finishImports(ctx, stallAfter); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// Redacted names a database for a message: a PostgreSQL URL, or a name
// that looks like a connection, without its password; a file's path as it
// is.
func Redacted(db string) string {
	switch {
	case IsPostgres(db):
		if u, err := url.Parse(db); err == nil && strings.Contains(db, "://") {
			return redactURL(u)
		}
		return maskURL(db) // one the parser cannot read
	case urlLike().MatchString(db):
		return maskURL(db) // a look-alike is shown as typed
	case keywordLike().MatchString(db):
		return keySecret().ReplaceAllString(db, "${1}xxxxx")
	}
	return db // a file's path
}

// redactURL is u without its password, in its user part or its query.
func redactURL(u *url.URL) string {
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// maskURL masks by pattern the password of a URL no parser reads.
func maskURL(db string) string {
	return querySecret().ReplaceAllString(userSecret().ReplaceAllString(db, "${1}xxxxx@"), "${1}xxxxx")
}

// pgConnector hands out connections that speak the package's SQL.
type pgConnector struct{ driver.Connector }

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{Conn: conn.(*stdlib.Conn)}, nil
}

// pgConn rewrites each statement to PostgreSQL's words (pgSQL) and passes
// booleans as the 0 and 1 both schemas store.
//
// SQLite lets a transaction walk two queries in step (eachAssessment);
// PostgreSQL's protocol has one result open per connection. So a statement
// sent while a result is still open first reads the rest of that result
// into memory (pgRows.drain): the older query is the outer, smaller one.
type pgConn struct {
	*stdlib.Conn
	open *pgRows // the result being read from the server, if any
}

func (c *pgConn) Prepare(q string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), q)
}

// pgSent counts what is sent to a PostgreSQL server, each a round trip:
// statements prepared and run, transactions begun. Tests count it.
var pgSent atomic.Int64

func (c *pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	pgSent.Add(1)
	return c.Conn.BeginTx(ctx, opts)
}

func (c *pgConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	pgSent.Add(1)
	c.drainOpen()
	st, err := c.Conn.PrepareContext(ctx, pgSQL(q))
	if err != nil {
		return nil, err
	}
	return &pgStmt{st.(*stdlib.Stmt), c}, nil
}

func (c *pgConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	pgSent.Add(1)
	c.drainOpen()
	return c.Conn.ExecContext(ctx, pgSQL(q), pgArgs(args))
}

func (c *pgConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	pgSent.Add(1)
	c.drainOpen()
	return c.track(c.Conn.QueryContext(ctx, pgSQL(q), pgArgs(args)))
}

func (c *pgConn) drainOpen() {
	if c.open != nil {
		c.open.drain()
		c.open = nil
	}
}

func (c *pgConn) track(rows driver.Rows, err error) (driver.Rows, error) {
	if err != nil {
		return nil, err
	}
	c.open = &pgRows{Rows: rows, conn: c}
	return c.open, nil
}

type pgStmt struct {
	*stdlib.Stmt
	conn *pgConn
}

func (s *pgStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	pgSent.Add(1)
	s.conn.drainOpen()
	return s.Stmt.ExecContext(ctx, pgArgs(args))
}

func (s *pgStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	pgSent.Add(1)
	s.conn.drainOpen()
	return s.conn.track(s.Stmt.QueryContext(ctx, pgArgs(args)))
}

// pgRows reads from the server until drained, then from memory.
type pgRows struct {
	driver.Rows
	conn    *pgConn
	drained bool
	buf     [][]driver.Value
	err     error
}

func (r *pgRows) Next(dest []driver.Value) error {
	if !r.drained {
		return r.Rows.Next(dest)
	}
	if len(r.buf) == 0 {
		return cmpErr(r.err, io.EOF)
	}
	copy(dest, r.buf[0])
	r.buf = r.buf[1:]
	return nil
}

func (r *pgRows) drain() {
	n := len(r.Columns())
	for {
		row := make([]driver.Value, n)
		if err := r.Rows.Next(row); err != nil {
			if err != io.EOF {
				r.err = err
			}
			break
		}
		for i, v := range row {
			if b, ok := v.([]byte); ok { // the driver may reuse its buffer
				row[i] = bytes.Clone(b)
			}
		}
		r.buf = append(r.buf, row)
	}
	r.Rows.Close()
	r.drained = true
}

func (r *pgRows) Close() error {
	if r.conn.open == r {
		r.conn.open = nil
	}
	if r.drained {
		return nil
	}
	return r.Rows.Close()
}

func pgArgs(args []driver.NamedValue) []driver.NamedValue {
	for i, a := range args {
		if b, ok := a.Value.(bool); ok {
			args[i].Value = int64(0)
			if b {
				args[i].Value = int64(1)
			}
		}
	}
	return args
}

// pgVacuum: PostgreSQL leaves deleted rows in the table files until a
// vacuum; VACUUM FULL writes the tables anew without them and removes the
// old files (their blocks go back to the file system). Every table that
// held a person's words is listed: the import stage held whole documents.
// It cannot run in a
// transaction, and holds each table alone while it runs: erasing is rare.
// It may take longer than a statement is allowed to: no limit here.
func pgVacuum(ctx context.Context, s *Store) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SET statement_timeout = 0`); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `RESET statement_timeout`)
	if err := pgAwaitOlderSnapshots(ctx, conn); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `VACUUM FULL answers, drafts, plans, resume_codes, assessments, participants, workshops, guess_limits,
	workshop_plans, key_identities, imports, import_staged`)
	return err
}

// pgAwaitOlderSnapshots waits (up to pgSnapshotWait) until no other
// session of this database holds a snapshot taken before the erase
// committed: rows deleted under such a snapshot are "recently dead", and
// VACUUM FULL copies them into the new files (a live view's read, or
// autovacuum's analyze, is enough). The erase's rows are older than the
// transaction id taken here.
func pgAwaitOlderSnapshots(ctx context.Context, conn *sql.Conn) error {
	var mark string
	if err := conn.QueryRowContext(ctx, `SELECT pg_current_xact_id()::xid::text`).Scan(&mark); err != nil {
		return err
	}
	deadline := time.Now().Add(pgSnapshotWait)
	for {
		var older int
		err := conn.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xmin IS NOT NULL
AND age(backend_xmin) > age($1::xid)`, mark).Scan(&older)
		if err != nil || older == 0 || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// pgSnapshotWait bounds the wait for older snapshots: a session that
// keeps one open longer is not waited for (its rows go at the next vacuum).
const pgSnapshotWait = 10 * time.Second

// pgSaveAnswer stores an answer and moves its assessment's updated_at in
// one statement, its own transaction: one round trip instead of five
// (begin, lock, touch, upsert, commit). It takes the write lock first, as
// every write does, and changes nothing unless the assessment is on the
// bank the answer was checked against (?10, ?11): no row back sends the
// save the long way (SaveAnswer). updated_at never goes back: a stored
// time ahead of this clock moves one nanosecond past itself (the fixed
// 30-character form of formatTime; another form takes the long way).
const pgSaveAnswer = `WITH lock AS (SELECT pg_advisory_xact_lock(?12)),
touched AS (UPDATE assessments SET updated_at = CASE
	WHEN updated_at < ?9 THEN ?9
	WHEN substr(updated_at, 21, 9) < '999999999' THEN
		substr(updated_at, 1, 20) || lpad((substr(updated_at, 21, 9)::int + 1)::text, 9, '0') || 'Z'
	ELSE to_char(substr(updated_at, 1, 19)::timestamp + interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS') || '.000000000Z' END
	WHERE id = ?1 AND bank_id = ?10 AND bank_version = ?11 AND EXISTS (SELECT FROM lock)
		AND (updated_at < ?9 OR updated_at ~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$')
	RETURNING seq)
INSERT INTO answers (assessment, item, status, value, other, note, develop, answered_at)
SELECT seq, ?2, ?3, ?4, ?5, ?6, ?7, ?8 FROM touched
ON CONFLICT (assessment, item) DO UPDATE SET status = excluded.status, value = excluded.value,
	other = excluded.other, note = excluded.note, develop = excluded.develop, answered_at = excluded.answered_at
RETURNING assessment`
