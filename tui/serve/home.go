package serve

import (
	"context"
	"errors"

	"charm.land/ssh"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/assessment/report"
	reporthtml "github.com/digint/digint/assessment/report/html"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// takeHome writes a participant's report (HTML) or export (JSON) to the
// session's output, found by their resume code. A wrong code is refused
// with the same line whether or not the code exists elsewhere, and counts
// as a wrong guess (the store makes the next try wait).
func (s *Server) takeHome(sess ssh.Session, workshop, what, code string) {
	ctx := context.Background()
	a, err := s.cfg.Store.ByCode(ctx, workshop, code)
	if err != nil {
		if !errors.Is(err, storage.ErrNotFound) && !errors.Is(err, storage.ErrTooManyTries) {
			s.cfg.Log.Error("take home", "error", err)
		}
		s.refuse(sess, "serve.refused.code")
		return
	}
	if what == "export" {
		doc, err := s.cfg.Store.Export(ctx, storage.Selection{IDs: []string{a.ID}})
		if err == nil {
			err = doc.Write(sess)
		}
		s.finish(sess, err)
		return
	}
	lang := a.Language
	if !i18n.Supported(lang) {
		lang = s.loc.Lang()
	}
	rep, err := buildReport(s.cfg.Store, a, lang)
	if err == nil {
		err = reporthtml.Individual(sess, rep, i18n.MustNew(lang))
	}
	s.finish(sess, err)
}

func (s *Server) finish(sess ssh.Session, err error) {
	if err != nil {
		s.cfg.Log.Error("take home", "error", err)
		s.refuse(sess, "serve.refused.error")
		return
	}
	sess.Exit(0)
}

// buildReport makes the report model with labels in lang, with progress
// since the participant's previous completed assessment (as the report
// command does).
func buildReport(store *storage.Store, a *assessment.Assessment, lang string) (report.Individual, error) {
	ctx := context.Background()
	bank := func(ref assessment.BankRef) (*assessment.Bank, error) {
		b, err := store.Catalog().Lookup(ref)
		if err != nil {
			return nil, err
		}
		return i18n.Bank(b, lang)
	}
	b, err := bank(a.Bank)
	if err != nil {
		return report.Individual{}, err
	}
	var prev *report.Previous
	pa, err := store.Previous(ctx, a)
	if err != nil {
		return report.Individual{}, err
	}
	if pa != nil {
		if pb, err := bank(pa.Bank); err == nil {
			prev = &report.Previous{Assessment: pa, Bank: pb}
		}
	}
	var saved *plan.Plan
	if p, made, err := store.Plan(ctx, a.ID); err != nil {
		return report.Individual{}, err
	} else if made {
		saved = &p
	}
	return report.Build(b, a, prev, saved), nil
}
