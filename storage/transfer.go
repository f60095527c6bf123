package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"

	"github.com/digint/digint/assessment"
)

// Selection says what to export; the assessments named by any field are
// exported (a union), each once.
type Selection struct {
	IDs         []string
	Participant string // all of this person's assessments
	Workshop    string // all of this workshop's assessments
	All         bool
}

// Export makes a document of the selected assessments, oldest first, with
// their results computed afresh. An id, participant or workshop that is not
// stored is an error naming it. It holds them all: for a few (a report, a
// group); ExportEach and WriteDocument stream.
func (s *Store) Export(ctx context.Context, sel Selection) (*assessment.Document, error) {
	var as []*assessment.Assessment
	if err := s.ExportEach(ctx, sel, func(a *assessment.Assessment) error {
		as = append(as, a)
		return nil
	}); err != nil {
		return nil, err
	}
	d, err := assessment.NewDocument(s.cat, as, s.now())
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return d, nil
}

// WriteDocument writes the document of the selected assessments to w, one
// batch in memory at a time. The rows read are parsed, scored and encoded
// in a goroutine of their own while the next are read: on two cores, the
// database's work takes one and ours the other.
func (s *Store) WriteDocument(ctx context.Context, sel Selection, w io.Writer) error {
	titles, err := s.workshopTitles(ctx)
	if err != nil {
		return s.fail("export", err)
	}
	w, stopBehind := writeBehind(w)
	defer stopBehind()
	dw, err := assessment.NewDocumentWriter(w, s.cat, s.now())
	if err != nil {
		return err
	}
	// Rows go to the encoder and come back to be filled again: their
	// buffers are reused, and no more than exportBatch are ever made.
	ch, free := make(chan *storedRow, exportBatch), make(chan *storedRow, exportBatch)
	for range exportBatch {
		free <- new(storedRow)
	}
	failed := make(chan error, 1) // the encoder's error, once
	done := make(chan error, 1)
	go func() {
		p := answerParser{reuse: true} // each assessment is written before the next is parsed
		var err error
		for r := range ch {
			if err == nil {
				if err = p.parse(s, r); err == nil {
					r.a.WorkshopTitle = titles[r.a.Workshop]
					err = dw.Add(r.a)
				}
				if err != nil {
					failed <- err
				}
			}
			r.a = nil
			free <- r
		}
		done <- err
	}()
	err = s.exportRows(ctx, sel, func() *storedRow { return <-free }, func(r *storedRow) error {
		select {
		case ch <- r:
			return nil
		case err := <-failed:
			return err
		}
	})
	close(ch)
	if encErr := <-done; err == nil {
		err = encErr
	}
	if err != nil {
		return err // nothing written past the buffer's first few records
	}
	return dw.Close()
}

// exportBatch is how many assessments wait between the reader and the
// encoder of an export.
const exportBatch = 128

// ExportEach hands the selected assessments, oldest first and each with its
// answers in bank order, to fn, from one snapshot, one at a time. An
// id, participant or workshop that is not stored is an error naming it,
// given before fn is called.
func (s *Store) ExportEach(ctx context.Context, sel Selection, fn func(*assessment.Assessment) error) error {
	var p answerParser
	var row storedRow
	return s.exportRows(ctx, sel, func() *storedRow { return &row }, func(r *storedRow) error {
		if err := p.parse(s, r); err != nil {
			return err
		}
		return fn(r.a)
	})
}

// exportRows is ExportEach with the rows unparsed (see eachRaw).
func (s *Store) exportRows(ctx context.Context, sel Selection, next func() *storedRow, fn func(*storedRow) error) error {
	var c conditions
	switch {
	case sel.All:
	case len(sel.IDs) == 0 && sel.Participant == "" && sel.Workshop == "":
		return errors.New("export: nothing selected")
	default:
		if len(sel.IDs) > 0 {
			c.add(inList, jsonList(sel.IDs))
		}
		if sel.Participant != "" {
			c.add(`a.participant_id = ?`, sel.Participant)
		}
		if sel.Workshop != "" {
			c.add(`a.workshop = ?`, sel.Workshop)
		}
	}
	called := false // fn's work cannot be taken back: no retry after it
	err := s.read(ctx, func(tx txer) error {
		if called {
			return errExportInterrupted
		}
		if err := checkSelection(ctx, tx, sel); err != nil {
			return err
		}
		return s.eachRaw(ctx, tx, partAll, next, func(r *storedRow) error {
			called = true
			return fn(r)
		}, c.sql("OR"), c.args...)
	})
	return s.fail("export", err)
}

var errExportInterrupted = errors.New("export: the database was busy after part of the export was written")

// checkSelection fails on the first id, participant or workshop of sel that
// is not stored.
func checkSelection(ctx context.Context, tx txer, sel Selection) error {
	if len(sel.IDs) > 0 {
		var missing sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT j.value FROM json_each(?) j
	WHERE NOT EXISTS (SELECT 1 FROM assessments a WHERE a.id = j.value) ORDER BY j.key LIMIT 1`, jsonList(sel.IDs)).Scan(&missing)
		if err == nil {
			return fmt.Errorf("export: assessment %s: %w", missing.String, ErrNotFound)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	for _, check := range []struct{ what, table, column, value string }{
		{"participant", "participants", "id", sel.Participant},
		{"workshop", "workshops", "code", sel.Workshop},
	} {
		if check.value == "" {
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+check.table+` WHERE `+check.column+` = ?`, check.value).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("export: %s %s: %w", check.what, check.value, ErrNotFound)
		}
	}
	return nil
}
