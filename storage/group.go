package storage

import (
	"context"
	"fmt"
	"slices"

	"github.com/digint/digint/assessment"
)

// GroupReport computes the group report of a workshop's assessments,
// reading them from the database one at a time: its memory grows with the
// few dozen numbers the report keeps of each participant, not with their
// answers. It reports on the version of the bank most of them answered
// (the newer on a tie; the current one for an empty workshop) and counts
// the others as OtherVersions: scores of different versions do not mix.
// An unknown workshop is ErrNotFound.
func (s *Store) GroupReport(ctx context.Context, workshop string) (assessment.GroupReport, error) {
	return s.GroupReportOf(ctx, workshop, false)
}

// GroupReportOf is GroupReport; completedOnly leaves out the assessments
// not finished yet (a stub of one answer moves a small group's medians),
// and counts them in UnfinishedLeftOut.
func (s *Store) GroupReportOf(ctx context.Context, workshop string, completedOnly bool) (assessment.GroupReport, error) {
	var gb *assessment.GroupBuilder
	var others, leftOut int
	err := s.read(ctx, func(tx txer) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM workshops WHERE code = ?`, workshop).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("workshop %s: %w", workshop, ErrNotFound)
		}
		b, rest, err := s.workshopBank(ctx, tx, workshop)
		if err != nil {
			return err
		}
		gb, others, leftOut = assessment.NewGroupBuilder(b), rest, 0 // afresh if the read is run again
		where := ` WHERE a.workshop = ? AND a.bank_id = ? AND a.bank_version = ?`
		if completedOnly {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM assessments a`+where+` AND a.completed_at IS NULL`,
				workshop, b.ID, b.Version).Scan(&leftOut); err != nil {
				return err
			}
			where += ` AND a.completed_at IS NOT NULL`
		}
		return inTurn(func(put func(*assessment.Assessment)) error {
			return s.eachStored(ctx, tx, 0, func(_ int64, a *assessment.Assessment) error {
				put(a)
				return nil
			}, where, workshop, b.ID, b.Version)
		}, gb.Add)
	})
	if err != nil {
		return assessment.GroupReport{}, s.fail("group report of "+workshop, err)
	}
	rep := gb.Report()
	rep.OtherVersions, rep.UnfinishedLeftOut = others, leftOut
	return rep, nil
}

// workshopBank is the known bank most of a workshop's assessments were
// answered on (the newer on a tie, the current one when there are none),
// and how many were answered on others.
func (s *Store) workshopBank(ctx context.Context, tx txer, workshop string) (*assessment.Bank, int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT bank_id, bank_version, count(*) FROM assessments WHERE workshop = ?
	GROUP BY bank_id, bank_version`, workshop)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	chosen, most, total := s.cat.Current(), 0, 0
	banks := s.cat.Banks() // oldest first
	order := func(b *assessment.Bank) int { return slices.Index(banks, b) }
	for rows.Next() {
		var ref assessment.BankRef
		var n int
		if err := rows.Scan(&ref.ID, &ref.Version, &n); err != nil {
			return nil, 0, err
		}
		total += n
		b, err := s.cat.Lookup(ref)
		if err != nil {
			continue // a bank this digint does not know: never reported
		}
		if n > most || n == most && order(b) > order(chosen) {
			chosen, most = b, n
		}
	}
	return chosen, total - most, rows.Err()
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
