package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/digint/digint/assessment"
)

// An assessment's drafts (notes on open items) and its action plan travel
// with it in documents (version 2): read for an export, written on import.

// loadExtras fills in the drafts and plans of a batch of assessments.
func loadExtras(ctx context.Context, tx *sql.Tx, l loaded) error {
	list := seqList(l)
	rows, err := tx.QueryContext(ctx, `SELECT assessment, item, note, develop FROM drafts
	WHERE assessment IN (SELECT CAST(value AS INTEGER) FROM json_each(?)) ORDER BY assessment, item`, list)
	if err != nil {
		return err
	}
	for rows.Next() {
		var seq int64
		var d assessment.Draft
		if err := rows.Scan(&seq, &d.Item, &d.Note, &d.Develop); err != nil {
			rows.Close()
			return err
		}
		if a := l.bySeq[seq]; a != nil {
			a.Drafts = append(a.Drafts, d)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, `SELECT assessment, body FROM plans WHERE assessment IN (SELECT CAST(value AS INTEGER) FROM json_each(?))`, list)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		var body string
		if err := rows.Scan(&seq, &body); err != nil {
			return err
		}
		a := l.bySeq[seq]
		if a == nil {
			continue
		}
		a.Plan = new(assessment.Plan)
		if err := json.Unmarshal([]byte(body), a.Plan); err != nil {
			return fmt.Errorf("the plan of assessment %s: %w: %v", a.ID, ErrCorrupt, err)
		}
	}
	return rows.Err()
}

// putExtras stores the drafts and plan of an assessment just imported. A
// file without them (version 1, or nothing made) leaves what is stored:
// an import never takes a person's words away.
func (im *preparedTx) putExtras(ctx context.Context, seq int64, a *assessment.Assessment) error {
	if len(a.Drafts) > 0 {
		if _, err := im.ExecContext(ctx, `DELETE FROM drafts WHERE assessment = ?`, seq); err != nil {
			return err
		}
		for _, d := range a.Drafts {
			if _, err := im.ExecContext(ctx, `INSERT INTO drafts (assessment, item, note, develop) VALUES (?, ?, ?, ?)`,
				seq, d.Item, d.Note, d.Develop); err != nil {
				return err
			}
		}
	}
	if a.Plan == nil {
		return nil
	}
	body, err := json.Marshal(a.Plan)
	if err != nil {
		return err
	}
	_, err = im.ExecContext(ctx, `INSERT INTO plans (assessment, body, updated_at) VALUES (?, ?, ?)
	ON CONFLICT (assessment) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
		seq, string(body), formatTime(a.Plan.UpdatedAt))
	return err
}
