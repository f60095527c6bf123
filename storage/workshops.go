package storage

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/digint/digint/assessment"
)

// Workshop is a session run by a facilitator; assessments name it by code.
type Workshop struct {
	Code, Title string
	Created     time.Time
}

// CreateWorkshop adds a workshop. An empty title is the code.
func (s *Store) CreateWorkshop(ctx context.Context, code, title string) (Workshop, error) {
	if !assessment.ValidWorkshopCode(code) {
		return Workshop{}, fmt.Errorf("workshop code %q must be 3–16 capital letters, digits or '-', starting with a letter or digit", code)
	}
	title = assessment.CleanText(title, false)
	if title == "" {
		title = code
	}
	if n := utf8.RuneCountInString(title); n > assessment.MaxNameLen {
		return Workshop{}, fmt.Errorf("workshop %s: the title is %d characters long, the limit is %d", code, n, assessment.MaxNameLen)
	}
	w := Workshop{Code: code, Title: title, Created: s.now()}
	err := s.write(ctx, func(tx txer) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO workshops (code, title, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			w.Code, w.Title, formatTime(w.Created))
		if err != nil {
			return err
		}
		return mustAffect(res, fmt.Errorf("workshop %s: %w", code, ErrExists))
	})
	if err != nil {
		return Workshop{}, s.fail("create workshop "+code, err)
	}
	return w, nil
}

// Workshops lists the workshops, the newest first.
func (s *Store) Workshops(ctx context.Context) ([]Workshop, error) {
	var out []Workshop
	err := s.read(ctx, func(tx txer) error {
		rows, err := tx.QueryContext(ctx, `SELECT code, title, created_at FROM workshops ORDER BY created_at DESC, code`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				w       Workshop
				created string
			)
			if err := rows.Scan(&w.Code, &w.Title, &created); err != nil {
				return err
			}
			w.Code, w.Title = inert(w.Code), inert(w.Title)
			if w.Created, err = parseTime(created); err != nil {
				return fmt.Errorf("workshop %s: %w", w.Code, err)
			}
			out = append(out, w)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, s.fail("list workshops", err)
	}
	return out, nil
}
