package storage

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"sync"
)

// A dialect is what differs between the two databases a Store runs on.
// The statements are written once, in SQLite's words; PostgreSQL's driver
// rewrites each statement once (postgres.go) and the few operations that
// have no shared syntax (the schema, locking, erasing for good) are
// methods here. Nothing else in the package asks which database it is.
type dialect struct {
	name string
	// readTx gives every read one snapshot: SQLite's BEGIN does; in
	// PostgreSQL only REPEATABLE READ does.
	readTx *sql.TxOptions
	// beginWrite runs first in every write transaction. SQLite's
	// BEGIN IMMEDIATE already holds the one write lock; PostgreSQL takes
	// an advisory lock, so that writers of every server take turns as on
	// SQLite and a read-then-write never races another server's.
	beginWrite func(ctx context.Context, tx txer) error
	// afterBulk runs after a large import: PostgreSQL plans its queries
	// on statistics, which must learn of the new rows at once (autovacuum
	// would, a minute later). Best effort: the import is done either way.
	afterBulk func(ctx context.Context, s *Store)
	// afterErase makes erased rows unreadable from the database's files.
	afterErase func(ctx context.Context, s *Store) error
	// transient: the failure may pass when the transaction is run again
	// (a lock, a serialization conflict, a lost connection).
	transient func(err error) bool
	attempts  int // runs of a transaction that keeps failing transiently
	// gaps: a writer waiting for the lock gets it only if the holder
	// leaves it free long enough (SQLite's busy handler polls); an import
	// then pauses between its transactions when someone waits. PostgreSQL
	// queues waiters of a lock in turn.
	gaps bool
	// caches: the driver prepares each statement text once per
	// connection by itself (pgx's statement cache).
	caches bool
	// changed is a query of one value that changes when anyone commits a
	// write: what a live view asks before reading anything else.
	changed string
}

var sqliteDialect = &dialect{
	name:       "sqlite",
	readTx:     &sql.TxOptions{ReadOnly: true}, // plain BEGIN
	beginWrite: func(context.Context, txer) error { return nil },
	afterBulk:  func(context.Context, *Store) {},
	afterErase: func(ctx context.Context, s *Store) error { return s.clearWAL(ctx) },
	transient:  isBusy,
	attempts:   3,
	gaps:       true,
	changed:    `PRAGMA data_version`,
}

// pgRewrites turn SQLite's words into PostgreSQL's, applied to each
// statement before its placeholders are numbered. Pragmas become the
// session settings with the same meaning, or nothing.
var pgRewrites = strings.NewReplacer(
	"max(?", "GREATEST(?", // scalar max of a parameter and a column
	"json_each(?) j", "json_array_elements_text(?::json) WITH ORDINALITY j(value, key)",
	"json_each(?)", "json_array_elements_text(?::json)",
	"group_concat(", "string_agg(",
	"char(30)", "chr(30)", "char(31)", "chr(31)",
	" LIMIT -1", " LIMIT ALL",
	// Check: PostgreSQL checks its own pages as it reads them; reading
	// every table whole is the check.
	"PRAGMA integrity_check(20)", `SELECT 'ok' FROM (SELECT (SELECT count(*) FROM participants) +
	(SELECT count(*) FROM assessments) + (SELECT count(*) FROM answers) + (SELECT count(*) FROM plans)) t`,
	// staging: a crash may lose the latest transactions, never half of one
	"PRAGMA synchronous = NORMAL", "SET synchronous_commit = off",
	"PRAGMA synchronous = FULL", "SET synchronous_commit = on",
	// erase vacuums instead (afterErase)
	"PRAGMA secure_delete = 0", "SELECT 0",
	"PRAGMA secure_delete = 1", "SELECT 1",
)

var pgStatements sync.Map // SQLite text → PostgreSQL text

// pgSQL is a statement in PostgreSQL's words: the rewrites above, then
// SQLite's placeholders (? and ?N) numbered $N, outside quotes and
// comments. The result is cached: each distinct statement is rewritten once.
func pgSQL(q string) string {
	if r, ok := pgStatements.Load(q); ok {
		return r.(string)
	}
	r := numberPlaceholders(pgRewrites.Replace(q))
	pgStatements.Store(q, r)
	return r
}

// numberPlaceholders follows SQLite's rule: ?N is parameter N, and a bare ?
// is one more than the largest number used before it.
func numberPlaceholders(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	last := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			end := len(q)
			if j := strings.IndexByte(q[i+1:], c); j >= 0 {
				end = i + j + 2
			}
			b.WriteString(q[i:end])
			i = end - 1
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i
			}
			b.WriteString(q[i : i+j])
			i += j - 1
		case c == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			n := last + 1
			if j > i+1 {
				n, _ = strconv.Atoi(q[i+1 : j])
			}
			last = max(last, n)
			b.WriteString("$" + strconv.Itoa(n))
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
