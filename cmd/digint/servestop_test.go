package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// Stopping serve while a session cannot store an answer (another program
// holds the database): serve says the session still saves and waits for
// it, and the answer is stored once the database is free. A second ctrl+c
// stops it at once, and says a session was cut.
func TestServeStopWaitsForSaves(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program, and waits out the stop's first 8 s")
	}
	bin := buildDigint(t)
	for _, again := range []bool{false, true} {
		dir := t.TempDir()
		db := filepath.Join(dir, "room.db")
		code := workshopBy(t, bin, db, "Stop")
		srv := startServe(t, bin, db, dir, "a")
		cat, err := assessment.DefaultCatalog()
		if err != nil {
			t.Fatal(err)
		}
		store, err := storage.Open(db, cat)
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		items := cat.Current().Asked(assessment.ModeQuick)

		tm, id := beginServed(t, srv, store, code)
		if err := answer(store, tm, id, items, 0, 1); err != nil {
			t.Fatal(err)
		}
		unlock := lockDatabase(t, db)
		keys, _ := keysFor(items[1])
		tm.send(keys) // waits for the database
		time.Sleep(200 * time.Millisecond)
		srv.proc.Signal(os.Interrupt)
		if err := until(func() (bool, error) { return strings.Contains(srv.out.text(), "still storing"), nil }); err != nil {
			t.Fatalf("serve never said a session still saves:\n%s", srv.out.text())
		}
		if again {
			srv.proc.Signal(os.Interrupt)
		} else {
			unlock()
		}
		select {
		case <-srv.exited:
		case <-time.After(20 * time.Second):
			t.Fatalf("serve did not end:\n%s", srv.out.text())
		}
		unlock()
		a, err := store.Assessment(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		cut := strings.Contains(srv.out.text(), "1 session was cut")
		if again && (!cut || len(a.Answers) != 1) || !again && (cut || len(a.Answers) != 2) {
			t.Errorf("second ctrl+c %v: %d answers stored; serve said:\n%s", again, len(a.Answers), srv.out.text())
		}
	}
}

// beginServed starts a quick scan in a session of srv and gives the
// session and the assessment's id.
func beginServed(t *testing.T, srv *serveProc, store *storage.Store, code string) (*sshTerm, string) {
	t.Helper()
	c, err := srv.dial(code)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	tm, err := openTerm(c)
	if err == nil {
		err = tm.waitFor("Start a new assessment")
	}
	if err != nil {
		t.Fatal(err)
	}
	tm.send("n")
	if err := tm.waitFor("New assessment"); err != nil {
		t.Fatal(err)
	}
	mark := len(tm.out.text())
	tm.send("Ana", "\r", "\r", "\r", "\r")
	id, err := idOf(store, code, "Ana")
	if err == nil {
		err = until(func() (bool, error) { return strings.Contains(tm.out.text()[mark:], "answered:"), nil })
	}
	if err != nil {
		t.Fatalf("the questions never showed (%v):\n%s", err, tail(tm.out.text()))
	}
	return tm, id
}

// lockDatabase holds the database's write lock, as another program
// writing it would, until the function it gives is called.
func lockDatabase(t *testing.T, path string) (unlock func()) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(context.Background())
	if err == nil {
		_, err = conn.ExecContext(context.Background(), "BEGIN IMMEDIATE")
	}
	if err != nil {
		t.Fatal(err)
	}
	done := false
	return func() {
		if !done {
			done = true
			conn.ExecContext(context.Background(), "ROLLBACK")
			conn.Close()
			db.Close()
		}
	}
}
