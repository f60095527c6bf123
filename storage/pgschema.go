package storage

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"path"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// PostgreSQL's migrations mirror SQLite's, one for one, in its own words;
// the version applied is kept in digint_schema.
//
//go:embed migrations/postgres/*.sql
var pgMigrationFiles embed.FS

func pgMigrations() ([]migration, error) {
	entries, err := pgMigrationFiles.ReadDir("migrations/postgres")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for i, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != i+1 {
			return nil, fmt.Errorf("migration postgres/%s: want the number %03d at the start of its name", e.Name(), i+1)
		}
		data, err := pgMigrationFiles.ReadFile(path.Join("migrations/postgres", e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(data)})
	}
	return ms, nil
}

// pgCheckSchema refuses a database that is not digint's or is newer, then
// (unless ro) applies the missing migrations.
func pgCheckSchema(ctx context.Context, db *sql.DB, ro bool) error {
	if ro {
		tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return err
		}
		defer tx.Rollback()
		v, err := pgVersion(ctx, tx)
		if err == nil && v < len(mustPG()) {
			err = fmt.Errorf("%w (schema %d, this digint writes %d); open it once for writing to update it", ErrOlderSchema, v, len(mustPG()))
		}
		return err
	}
	return retryWith(ctx, pgTransient, 12, func() error { return pgMigrate(ctx, db) })
}

func mustPG() []migration {
	ms, err := pgMigrations()
	if err != nil {
		panic(err) // embedded at build time; a test guards it
	}
	return ms
}

// pgMigrate applies every missing migration in one transaction, under an
// advisory lock, so two servers starting at once apply them once.
func pgMigrate(ctx context.Context, db *sql.DB) error {
	ms := mustPG()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, pgMigrateLock); err != nil {
		return err
	}
	v, err := pgVersion(ctx, tx)
	if errors.Is(err, errNoSchema) {
		_, err = tx.ExecContext(ctx, `CREATE TABLE digint_schema (version INTEGER NOT NULL);
INSERT INTO digint_schema VALUES (0)`)
	}
	if err != nil {
		return err
	}
	if v == len(ms) {
		return nil
	}
	for _, m := range ms[v:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration postgres/%s: %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE digint_schema SET version = ?`, len(ms)); err != nil {
		return err
	}
	return tx.Commit()
}

// errNoSchema: an empty database, which opening for reading only finds as
// a missing SQLite file (fs.ErrNotExist): open it for writing first.
var errNoSchema = fmt.Errorf("no digint tables there yet: %w", fs.ErrNotExist)

// pgVersion is the schema version of the database: errNoSchema for an empty
// one, ErrNotDatabase for one holding other tables, ErrNewerSchema for one
// a newer digint wrote.
func pgVersion(ctx context.Context, tx *sql.Tx) (int, error) {
	var ours bool
	var others int
	err := tx.QueryRowContext(ctx, `SELECT to_regclass('digint_schema') IS NOT NULL,
	(SELECT count(*) FROM pg_tables WHERE schemaname = current_schema())`).Scan(&ours, &others)
	if err != nil {
		return 0, err
	}
	if !ours {
		if others > 0 {
			return 0, fmt.Errorf("%w: it holds %d tables of another application; digint left it untouched", ErrNotDatabase, others)
		}
		return 0, errNoSchema
	}
	var v int
	if err := tx.QueryRowContext(ctx, `SELECT version FROM digint_schema`).Scan(&v); err != nil {
		return 0, err
	}
	if n := len(mustPG()); v > n {
		return v, fmt.Errorf("%w (schema %d; this digint knows up to %d); digint left it untouched", ErrNewerSchema, v, n)
	}
	return v, nil
}

// pgTransient: a serialization conflict, a deadlock, a lost or refused
// connection, a server shutting down or restarting: running the whole
// transaction again may succeed.
func pgTransient(err error) bool {
	if err == nil {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "40001", pe.Code == "40P01", pe.Code == "53300",
			strings.HasPrefix(pe.Code, "08"), strings.HasPrefix(pe.Code, "57P"):
			return true
		}
		return false
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	return pgconn.SafeToRetry(err) || errors.As(err, &ce) || errors.As(err, &ne) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, sql.ErrConnDone) ||
		strings.Contains(err.Error(), "conn closed") || strings.Contains(err.Error(), "driver: bad connection")
}

// explainPG words PostgreSQL failures a user can act on; ok is false for
// errors that are not PostgreSQL's.
func explainPG(name, what string, err error) (error, bool) {
	var pe *pgconn.PgError
	var dnsErr *net.DNSError
	var e error
	switch {
	case errors.As(err, &pe) && pe.Code == "P0001" && closedWorkshop(err):
		e = ErrWorkshopClosed
	case errors.As(err, &pe) && pe.Code == "53100":
		e = fmt.Errorf("%w: no room left on the database server %s; everything saved before is intact (%w)", ErrDiskFull, name, err)
	case errors.As(err, &pe) && pe.Code == "25006":
		e = fmt.Errorf("%s is %w; the change was not saved, everything saved before is intact (%w)", name, ErrReadOnly, err)
	case errors.As(err, &pe) && (pe.Code == "28P01" || pe.Code == "28000"):
		e = faultf(name, "%s: %w (%w)", name, ErrAccessDenied, err)
	case errors.As(err, &pe) && pe.Code == "3D000":
		e = faultf(name, "%s: %w (%w)", name, ErrNoSuchDatabase, err)
	case errors.As(err, &pe) && pe.Code == "57014":
		e = fmt.Errorf("the database server %s took too long; the change was not saved, try again (%w)", name, err)
	case errors.As(err, &pe):
		e = err
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		e = faultf(name, "%s: %w (%w)", name, ErrUnknownHost, err)
	case pgTransient(err):
		e = faultf(name, "%w (%s); the change was not saved, everything saved before is intact; try again (%w)", ErrUnreachable, name, err)
	case errors.Is(err, ErrNotDatabase), errors.Is(err, ErrNewerSchema):
		e = faultf(name, "%s: %w", name, err)
	default:
		return err, false
	}
	if what == "" {
		return e, true
	}
	return fmt.Errorf("%s: %w", what, e), true
}
