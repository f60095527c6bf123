package storage

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"path"
	"strconv"
	"strings"
)

// Migrations are numbered files, NNN_what.sql, applied in order; the
// number of the last one applied is the file's PRAGMA user_version.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migrations, checking that they are
// numbered 1, 2, 3… without gaps.
func migrations() ([]migration, error) {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for i, e := range entries { // ReadDir sorts by name
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want the number %03d at the start of its name", e.Name(), i+1)
		}
		data, err := migrationFiles.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(data)})
	}
	return ms, nil
}

// schemaVersion is the version the current code writes.
func schemaVersion() int {
	ms, err := migrations()
	if err != nil {
		panic(err) // embedded at build time; TestMigrationsNumbered guards it
	}
	return len(ms)
}

// migrate brings the database up to version upTo, one transaction per
// migration. The version is read inside each transaction, which takes the
// write lock first, so two programs opening the same new file at once do
// not both apply a migration.
func migrate(ctx context.Context, db *sql.DB, upTo int) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	for _, m := range ms[:upTo] {
		if err := retryBusy(ctx, func() error { return applyMigration(ctx, db, m) }); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	switch {
	case v >= m.version:
		return nil
	case v != m.version-1:
		return fmt.Errorf("the database is at schema %d, the migration needs %d", v, m.version-1)
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	// PRAGMA takes no parameters; the version is a number we made.
	if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(m.version)); err != nil {
		return err
	}
	return tx.Commit()
}
