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

// CopyReport tells what Copy moved, and the checksum both stores share.
type CopyReport struct {
	Assessments, Participants, Workshops int
	Plans                                int    // personal plans and workshops' group plans
	Checksum                             string // SHA-256 of the document and the rows it does not hold, hex
}

// Copy moves every assessment, participant, workshop (title, PIN, join
// word, closing, group plan), plan, resume code and returning SSH key from
// src into the empty dst (SQLite or PostgreSQL, either way), streaming the
// assessments as a document. It then checks that dst holds as many of
// each as src and that both give the same checksum.
func Copy(ctx context.Context, src, dst *Store) (CopyReport, error) {
	var rep CopyReport
	if n, err := dst.count(ctx, "assessments"); err != nil || n > 0 {
		return rep, cmpErr(err, fmt.Errorf("copy to %s: %w", dst.Path(), ErrNotEmpty))
	}
	if err := copyWorkshops(ctx, src, dst, false); err != nil {
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
	for _, t := range copiedRows {
		if err := copyRows(ctx, src, dst, t); err != nil {
			return rep, err
		}
	}
	return verifyCopy(ctx, src, dst)
}

// rowTable is a table Copy moves row by row, after the assessments: read
// gives its rows as text, in an order both dialects share (PostgreSQL's
// columns compare as "C"), and insert stores one of them (?1… in read's
// order). Documents carry plans too (version 2): the source's row wins.
type rowTable struct {
	table, read, insert string
}

var copiedRows = []rowTable{
	{"workshop_plans", `SELECT workshop, body, updated_at FROM workshop_plans ORDER BY workshop`,
		`INSERT INTO workshop_plans (workshop, body, updated_at) VALUES (?1, ?2, ?3)
ON CONFLICT (workshop) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`},
	{"plans", `SELECT a.id, p.body, p.updated_at FROM plans p JOIN assessments a ON a.seq = p.assessment ORDER BY a.id`,
		`INSERT INTO plans (assessment, body, updated_at) SELECT seq, ?2, ?3 FROM assessments WHERE id = ?1
ON CONFLICT (assessment) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`},
	{"resume_codes", `SELECT r.code, a.id, r.created_at FROM resume_codes r JOIN assessments a ON a.seq = r.assessment ORDER BY r.code`,
		`INSERT INTO resume_codes (code, assessment, created_at) SELECT ?1, seq, ?3 FROM assessments WHERE id = ?2`},
	{"key_identities", `SELECT fingerprint, participant, created_at FROM key_identities ORDER BY fingerprint`,
		`INSERT INTO key_identities (fingerprint, participant, created_at) VALUES (?1, ?2, ?3)`},
}

// workshopRows are the workshops as the checksum reads them.
const workshopRows = `SELECT code, title, created_at, pin_hash, join_hash, coalesce(closed_at, '') FROM workshops ORDER BY code`

// eachRow calls fn with each row of query, its columns as text.
func (s *Store) eachRow(ctx context.Context, query string, fn func([]string) error) error {
	return s.read(ctx, func(tx txer) error {
		rows, err := tx.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			return err
		}
		vals, ptrs := make([]string, len(cols)), make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			if err := fn(vals); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// copyRows copies a table's rows, a few hundred per transaction.
func copyRows(ctx context.Context, src, dst *Store, t rowTable) error {
	var batch [][]any
	flush := func() error {
		err := dst.write(ctx, func(tx txer) error {
			for _, args := range batch {
				if _, err := tx.ExecContext(ctx, t.insert, args...); err != nil {
					return err
				}
			}
			return nil
		})
		batch = batch[:0]
		return dst.fail("copy the "+t.table, err)
	}
	err := src.eachRow(ctx, t.read, func(row []string) error {
		args := make([]any, len(row))
		for i, v := range row {
			args[i] = v
		}
		if batch = append(batch, args); len(batch) == 500 {
			return flush()
		}
		return nil
	})
	if err != nil {
		return src.fail("copy the "+t.table, err)
	}
	return flush()
}

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

func (s *Store) count(ctx context.Context, table string) (int, error) {
	var n int
	err := s.read(ctx, func(tx txer) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n)
	})
	return n, s.fail("count "+table, err)
}

// copyWorkshops writes src's workshops to dst; closing them waits until
// withClosing, as a closed workshop takes no answers.
func copyWorkshops(ctx context.Context, src, dst *Store, withClosing bool) error {
	type ws struct {
		code, title, created, pin, join string
		closed                          sql.NullString
	}
	var all []ws
	err := src.read(ctx, func(tx txer) error {
		rows, err := tx.QueryContext(ctx, `SELECT code, title, created_at, pin_hash, join_hash, closed_at FROM workshops ORDER BY code`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var w ws
			if err := rows.Scan(&w.code, &w.title, &w.created, &w.pin, &w.join, &w.closed); err != nil {
				return err
			}
			all = append(all, w)
		}
		return rows.Err()
	})
	if err != nil {
		return src.fail("copy the workshops", err)
	}
	return dst.fail("copy the workshops", dst.write(ctx, func(tx txer) error {
		for _, w := range all {
			closed := sql.NullString{}
			if withClosing {
				closed = w.closed
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO workshops (code, title, created_at, pin_hash, join_hash, closed_at) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (code) DO UPDATE SET title = excluded.title, created_at = excluded.created_at,
	pin_hash = excluded.pin_hash, join_hash = excluded.join_hash, closed_at = excluded.closed_at`,
				w.code, w.title, w.created, w.pin, w.join, closed); err != nil {
				return err
			}
		}
		return nil
	}))
}

// verifyCopy compares the counts and the documents both stores export at
// one time stamp.
func verifyCopy(ctx context.Context, src, dst *Store) (CopyReport, error) {
	var rep CopyReport
	var others int // checked, not reported
	for _, c := range []struct {
		table string
		n     *int
	}{{"assessments", &rep.Assessments}, {"participants", &rep.Participants}, {"workshops", &rep.Workshops},
		{"plans", &rep.Plans}, {"workshop_plans", &rep.Plans}, {"resume_codes", &others}, {"key_identities", &others}} {
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
	if rep.Assessments == 0 && rep.Workshops == 0 {
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

func tableReads() []string {
	var qs []string
	for _, t := range copiedRows {
		qs = append(qs, t.read)
	}
	return qs
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
	// The rows documents do not carry, table by table.
	for _, q := range append([]string{workshopRows}, tableReads()...) {
		fmt.Fprintf(h, "\x00\x00%s", q)
		err := s.eachRow(ctx, q, func(row []string) error {
			for _, v := range row {
				fmt.Fprintf(h, "\x00%s", v)
			}
			return nil
		})
		if err != nil {
			return "", s.fail("read the rows to compare", err)
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}
