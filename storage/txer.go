package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"sync"
)

// txer runs the statements of one transaction: a *sql.Tx, or on SQLite the
// pinned writer connection between its BEGIN IMMEDIATE and COMMIT.
type txer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	// StmtContext is a statement prepared on the Store (Store.stmt) as
	// this transaction runs it.
	StmtContext(ctx context.Context, st *sql.Stmt) *sql.Stmt
}

// pinnedWriter is the one connection a SQLite Store writes through, its
// transactions begun and committed by statements. A *sql.Tx starts a
// goroutine to watch its context, and another for each query inside it;
// on a key press's save those two cost about a quarter of the time above
// the disk's sync. A write holds writeMu, so the connection is never used
// by two at once.
type pinnedWriter struct {
	mu    sync.Mutex // guards conn against close
	db    *sql.DB
	src   *statements
	conn  *sql.Conn
	stmts map[*sql.Stmt]*sql.Stmt // Store.stmt's statements, prepared on conn
}

// pinnedTx is the writer's connection inside a transaction.
type pinnedTx struct {
	*sql.Conn
	stmts map[*sql.Stmt]*sql.Stmt
}

func (t pinnedTx) StmtContext(_ context.Context, st *sql.Stmt) *sql.Stmt { return t.stmts[st] }

// transact runs fn in one immediate transaction on the pinned connection:
// committed when fn and COMMIT succeed, else rolled back. BEGIN and COMMIT
// run to their end once begun (the driver would start a goroutine per
// statement to watch a context that can end); a context ended before
// either leaves nothing done, as with a *sql.Tx.
func (p *pinnedWriter) transact(ctx context.Context, fn func(txer) error) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	run := context.WithoutCancel(ctx)
	if err := p.begin(run); err != nil {
		return err
	}
	err := fn(pinnedTx{p.conn, p.stmts})
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		_, err = p.conn.ExecContext(run, "COMMIT")
	}
	if err != nil {
		// Whatever failed (a refusal, an ended context, a full disk at
		// COMMIT), nothing of this transaction stays; with no
		// transaction left open ROLLBACK fails harmlessly.
		p.conn.ExecContext(run, "ROLLBACK")
		p.dropIfBroken(err)
	}
	return err
}

// begin takes the write lock; a connection the driver gave up is replaced
// once.
func (p *pinnedWriter) begin(ctx context.Context) error {
	for tries := 0; ; tries++ {
		if err := p.pin(ctx); err != nil {
			return err
		}
		_, err := p.conn.ExecContext(ctx, "BEGIN IMMEDIATE")
		if err == nil || !p.dropIfBroken(err) || tries > 0 {
			return err
		}
	}
}

// pin takes the connection from the pool and prepares the Store's
// statements on it, once.
func (p *pinnedWriter) pin(ctx context.Context) error {
	if p.conn != nil {
		return nil
	}
	conn, err := p.db.Conn(ctx)
	if err != nil {
		return err
	}
	stmts := map[*sql.Stmt]*sql.Stmt{}
	for _, q := range p.src.texts() {
		st, err := conn.PrepareContext(ctx, q.text)
		if err != nil {
			conn.Close()
			return err
		}
		stmts[q.stmt] = st
	}
	p.conn, p.stmts = conn, stmts
	return nil
}

// dropIfBroken gives back a connection the driver says is unusable, and
// tells whether it did; the next write takes another.
func (p *pinnedWriter) dropIfBroken(err error) bool {
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) {
		p.closeConn()
		return true
	}
	return false
}

func (p *pinnedWriter) closeConn() {
	if p.conn == nil {
		return
	}
	for _, st := range p.stmts {
		st.Close()
	}
	p.conn.Close()
	p.conn, p.stmts = nil, nil
}

// close gives the connection back, waiting for a write under way.
func (p *pinnedWriter) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closeConn()
}
