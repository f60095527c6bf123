package storage

import (
	"context"
	"database/sql"
)

// statements are prepared once per Store for the paths taken on every key
// press: saving and clearing an answer.
type statements struct {
	touch, upsertAnswer, deleteAnswer *sql.Stmt
	// saveAnswer saves an answer in one statement, a round trip of its
	// own (PostgreSQL: pgSaveAnswer); nil where the transaction of touch
	// and upsertAnswer costs as little.
	saveAnswer *sql.Stmt
}

const (
	// touch bumps updated_at and tells the assessment's bank in one go;
	// no row means no such assessment. updated_at never goes back (a copy
	// from a laptop whose clock runs ahead must not outrank later edits).
	sqlTouch = `UPDATE assessments SET updated_at = max(?2, updated_at) WHERE id = ?1
RETURNING seq, bank_id, bank_version, updated_at`

	sqlUpsertAnswer = `INSERT INTO answers (assessment, item, status, value, other, note, develop, answered_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (assessment, item) DO UPDATE SET status = excluded.status, value = excluded.value,
	other = excluded.other, note = excluded.note, develop = excluded.develop, answered_at = excluded.answered_at`

	sqlDeleteAnswer = `DELETE FROM answers WHERE assessment = ? AND item = ?`
)

// statementText is a prepared statement and the text it was prepared from.
type statementText struct {
	stmt *sql.Stmt
	text string
}

// texts are the statements prepare made, to prepare again on one
// connection (pinnedWriter).
func (st *statements) texts() []statementText {
	return []statementText{{st.touch, sqlTouch}, {st.upsertAnswer, sqlUpsertAnswer}, {st.deleteAnswer, sqlDeleteAnswer}}
}

func (st *statements) prepare(ctx context.Context, db *sql.DB) error {
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{{&st.touch, sqlTouch}, {&st.upsertAnswer, sqlUpsertAnswer}, {&st.deleteAnswer, sqlDeleteAnswer}} {
		s, err := db.PrepareContext(ctx, p.sql)
		if err != nil {
			st.close()
			return err
		}
		*p.stmt = s
	}
	return nil
}

func (st *statements) close() {
	for _, s := range []*sql.Stmt{st.touch, st.upsertAnswer, st.deleteAnswer, st.saveAnswer} {
		if s != nil {
			s.Close()
		}
	}
}
