package storage

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/digint/digint/assessment"
)

// GroupReport computes the group report of a workshop's assessments
// answered on the current bank, reading them from the database one at a
// time: its memory grows with the few dozen numbers the report keeps of
// each participant, not with their answers. An unknown workshop is
// ErrNotFound.
func (s *Store) GroupReport(ctx context.Context, workshop string) (assessment.GroupReport, error) {
	b := s.cat.Current()
	var gb *assessment.GroupBuilder
	err := s.read(ctx, func(tx *sql.Tx) error {
		gb = assessment.NewGroupBuilder(b) // afresh if the read is run again
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM workshops WHERE code = ?`, workshop).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("workshop %s: %w", workshop, ErrNotFound)
		}
		return inTurn(func(put func(*assessment.Assessment)) error {
			return s.eachStored(ctx, tx, 0, func(_ int64, a *assessment.Assessment) error {
				put(a)
				return nil
			}, ` WHERE a.workshop = ? AND a.bank_id = ? AND a.bank_version = ?`, workshop, b.ID, b.Version)
		}, gb.Add)
	})
	if err != nil {
		return assessment.GroupReport{}, s.fail("group report of "+workshop, err)
	}
	return gb.Report(), nil
}

// inTurn runs read in this goroutine and use, on what it puts, in another,
// a batch at a time: on two cores, reading the database and scoring what
// was read take one each. Only a few batches wait between them.
func inTurn(read func(put func(*assessment.Assessment)) error, use func(*assessment.Assessment)) error {
	const batch = 64
	ch := make(chan []*assessment.Assessment, 4)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for list := range ch {
			for _, a := range list {
				use(a)
			}
		}
	}()
	var list []*assessment.Assessment
	err := read(func(a *assessment.Assessment) {
		if list = append(list, a); len(list) == batch {
			ch <- list
			list = make([]*assessment.Assessment, 0, batch)
		}
	})
	if len(list) > 0 {
		ch <- list
	}
	close(ch)
	<-done
	return err
}
