package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"time"
)

// ErrNotEmpty: a copy goes into an empty database only, so that the copy
// can be checked whole against its source.
var ErrNotEmpty = errors.New("the destination already holds assessments; copy into an empty database")

// CopyReport tells what Copy moved, and the checksum both stores' documents
// (and workshops' group plans) share.
type CopyReport struct {
	Assessments, Participants, Workshops int
	Plans                                int    // personal plans and workshops' group plans
	Checksum                             string // SHA-256 of the document and group plans, hex
}

// Copy moves every assessment, participant, workshop (title, PIN, closing,
// group plan) and plan from src into the empty dst (SQLite or PostgreSQL, either way),
// streaming the assessments as a document. It then checks that dst holds
// as many of each as src and that both export the same document.
func Copy(ctx context.Context, src, dst *Store) (CopyReport, error) {
	var rep CopyReport
	if n, err := dst.count(ctx, "assessments"); err != nil || n > 0 {
		return rep, cmpErr(err, fmt.Errorf("copy to %s: %w", dst.Path(), ErrNotEmpty))
	}
	if err := copyWorkshops(ctx, src, dst, false); err != nil {
		return rep, err
	}
	if err := copyWorkshopPlans(ctx, src, dst); err != nil {
		return rep, err
	}
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(src.WriteDocument(ctx, Selection{All: true}, pw)) }()
	if _, err := dst.Import(ctx, src.Path(), pr); err != nil {
		pr.CloseWithError(err)
		return rep, fmt.Errorf("copy to %s: %w", dst.Path(), err)
	}
	if err := copyWorkshops(ctx, src, dst, true); err != nil { // closed ones, now their answers are in
		return rep, err
	}
	if err := copyPlans(ctx, src, dst); err != nil {
		return rep, err
	}
	return verifyCopy(ctx, src, dst)
}

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

func (s *Store) count(ctx context.Context, table string) (int, error) {
	var n int
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n)
	})
	return n, s.fail("count "+table, err)
}

// copyWorkshops writes src's workshops to dst; closing them waits until
// withClosing, as a closed workshop takes no answers.
func copyWorkshops(ctx context.Context, src, dst *Store, withClosing bool) error {
	type ws struct {
		code, title, created, pin string
		closed                    sql.NullString
	}
	var all []ws
	err := src.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT code, title, created_at, pin_hash, closed_at FROM workshops ORDER BY code`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var w ws
			if err := rows.Scan(&w.code, &w.title, &w.created, &w.pin, &w.closed); err != nil {
				return err
			}
			all = append(all, w)
		}
		return rows.Err()
	})
	if err != nil {
		return src.fail("copy the workshops", err)
	}
	return dst.fail("copy the workshops", dst.write(ctx, func(tx *sql.Tx) error {
		for _, w := range all {
			closed := sql.NullString{}
			if withClosing {
				closed = w.closed
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO workshops (code, title, created_at, pin_hash, closed_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (code) DO UPDATE SET title = excluded.title, created_at = excluded.created_at,
	pin_hash = excluded.pin_hash, closed_at = excluded.closed_at`, w.code, w.title, w.created, w.pin, closed); err != nil {
				return err
			}
		}
		return nil
	}))
}

// copyWorkshopPlans copies the workshops' group plans (a few per workshop
// at most: one each), after the workshops they belong to.
func copyWorkshopPlans(ctx context.Context, src, dst *Store) error {
	type pl struct{ code, body, updated string }
	var all []pl
	err := src.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT workshop, body, updated_at FROM workshop_plans ORDER BY workshop`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p pl
			if err := rows.Scan(&p.code, &p.body, &p.updated); err != nil {
				return err
			}
			all = append(all, p)
		}
		return rows.Err()
	})
	if err != nil {
		return src.fail("copy the group plans", err)
	}
	return dst.fail("copy the group plans", dst.write(ctx, func(tx *sql.Tx) error {
		for _, p := range all {
			if _, err := tx.ExecContext(ctx, `INSERT INTO workshop_plans (workshop, body, updated_at) VALUES (?, ?, ?)
ON CONFLICT (workshop) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`, p.code, p.body, p.updated); err != nil {
				return err
			}
		}
		return nil
	}))
}

// copyPlans copies the plans, a few hundred per transaction.
func copyPlans(ctx context.Context, src, dst *Store) error {
	type pl struct{ id, body, updated string }
	var batch []pl
	flush := func() error {
		err := dst.write(ctx, func(tx *sql.Tx) error {
			for _, p := range batch {
				// Documents carry plans too (version 2): the copy's own
				// wins, as it is the source's.
				if _, err := tx.ExecContext(ctx, `INSERT INTO plans (assessment, body, updated_at)
SELECT seq, ?, ? FROM assessments WHERE id = ?
ON CONFLICT (assessment) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`, p.body, p.updated, p.id); err != nil {
					return err
				}
			}
			return nil
		})
		batch = batch[:0]
		return dst.fail("copy the plans", err)
	}
	err := src.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT a.id, p.body, p.updated_at FROM plans p JOIN assessments a ON a.seq = p.assessment ORDER BY a.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p pl
			if err := rows.Scan(&p.id, &p.body, &p.updated); err != nil {
				return err
			}
			if batch = append(batch, p); len(batch) == 500 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return rows.Err()
	})
	if err != nil {
		return src.fail("copy the plans", err)
	}
	return flush()
}

// verifyCopy compares the counts and the documents both stores export at
// one time stamp.
func verifyCopy(ctx context.Context, src, dst *Store) (CopyReport, error) {
	var rep CopyReport
	for _, c := range []struct {
		table string
		n     *int
	}{{"assessments", &rep.Assessments}, {"participants", &rep.Participants}, {"workshops", &rep.Workshops},
		{"plans", &rep.Plans}, {"workshop_plans", &rep.Plans}} {
		a, err := src.count(ctx, c.table)
		if err != nil {
			return rep, err
		}
		b, err := dst.count(ctx, c.table)
		if err != nil {
			return rep, err
		}
		if a != b {
			return rep, fmt.Errorf("copy to %s: %d %s there, %d in %s", dst.Path(), b, c.table, a, src.Path())
		}
		*c.n += a
	}
	if rep.Assessments == 0 && rep.Plans == 0 {
		return rep, nil
	}
	sa, err := documentSum(ctx, src)
	if err != nil {
		return rep, err
	}
	sb, err := documentSum(ctx, dst)
	if err != nil {
		return rep, err
	}
	if sa != sb {
		return rep, fmt.Errorf("copy to %s: its assessments differ from those of %s (checksums %s and %s)", dst.Path(), src.Path(), sb, sa)
	}
	rep.Checksum = sa
	return rep, nil
}

// copyTime stamps both exports compared, so the documents can be equal.
var copyTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func documentSum(ctx context.Context, s *Store) (string, error) {
	saved := s.Now
	s.Now = func() time.Time { return copyTime }
	defer func() { s.Now = saved }()
	h := sha256.New()
	if err := s.WriteDocument(ctx, Selection{All: true}, h); err != nil {
		return "", err
	}
	// The group plans, which documents do not carry, as rows in order.
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT workshop, body, updated_at FROM workshop_plans ORDER BY workshop`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var code, body, updated string
			if err := rows.Scan(&code, &body, &updated); err != nil {
				return err
			}
			fmt.Fprintf(h, "\x00%s\x00%s\x00%s", code, body, updated)
		}
		return rows.Err()
	})
	if err != nil {
		return "", s.fail("read the group plans", err)
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}
