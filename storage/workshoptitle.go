package storage

import (
	"context"
	"time"
)

// A workshop's title travels with its exported assessments: the
// facilitator who imports the laptops' files sees the title, not the code.

// workshopTitles maps the codes of workshops that have a title of their
// own (not their code) to it.
func (s *Store) workshopTitles(ctx context.Context) (map[string]string, error) {
	titles := map[string]string{}
	err := s.read(ctx, func(tx txer) error {
		clear(titles)
		rows, err := tx.QueryContext(ctx, `SELECT code, title FROM workshops WHERE title <> code`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var code, title string
			if err := rows.Scan(&code, &title); err != nil {
				return err
			}
			titles[inert(code)] = inert(title) // keyed as assessments read their code
		}
		return rows.Err()
	})
	return titles, err
}

// ensureWorkshopTitled is ensureWorkshop for an imported assessment: a
// workshop made with its code for a title (a participant's laptop) gets
// the title the file carries; a title of its own is kept.
func ensureWorkshopTitled(ctx context.Context, tx execer, code, title string, now time.Time) error {
	if code == "" || title == "" {
		return ensureWorkshop(ctx, tx, code, now)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO workshops (code, title, created_at) VALUES (?1, ?2, ?3)
	ON CONFLICT (code) DO UPDATE SET title = ?2 WHERE workshops.title = workshops.code`, code, title, formatTime(now))
	return err
}
