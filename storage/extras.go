package storage

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/digint/digint/assessment"
)

// An assessment's drafts (notes on open items) and its action plan travel
// with it in documents (version 2): read for an export with its answers
// (eachStored), written on import.

// putExtras stores the drafts and plan of an assessment just imported. A
// file without them (version 1, or nothing made) leaves what is stored:
// an import never takes a person's words away.
func (im *preparedTx) putExtras(ctx context.Context, seq int64, a *assessment.Assessment) error {
	if len(a.Drafts) > 0 {
		if _, err := im.ExecContext(ctx, `DELETE FROM drafts WHERE assessment = ?`, seq); err != nil {
			return err
		}
		// One statement for them all (4 parameters each; a bank has far
		// fewer items than SQLite's 32,766 parameters allow).
		args := make([]any, 0, 4*len(a.Drafts))
		for _, d := range a.Drafts {
			args = append(args, seq, d.Item, d.Note, d.Develop)
		}
		if _, err := im.ExecContext(ctx, `INSERT INTO drafts (assessment, item, note, develop) VALUES `+
			strings.TrimSuffix(strings.Repeat(`(?, ?, ?, ?), `, len(a.Drafts)), ", "), args...); err != nil {
			return err
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
