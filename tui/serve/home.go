package serve

import (
	"context"
	"errors"
	"math"
	"time"

	"charm.land/ssh"

	"github.com/digint/digint/assessment"
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
	ctx := withTrySource(context.Background(), sess.RemoteAddr())
	a, err := s.cfg.Store.ByCode(ctx, workshop, code)
	var wait *storage.WaitError
	if errors.As(err, &wait) && time.Until(wait.Until) <= takeHomeWait {
		// Someone at the same address mistyped a moment ago: the code is
		// checked once the short wait is over, not called wrong.
		select {
		case <-time.After(time.Until(wait.Until)):
			a, err = s.cfg.Store.ByCode(ctx, workshop, code)
		case <-sess.Context().Done():
			return
		}
	}
	switch {
	case errors.As(err, &wait):
		s.refuse(sess, "serve.refused.wait", "Seconds", int(math.Ceil(time.Until(wait.Until).Seconds())))
		return
	case err != nil:
		if !errors.Is(err, storage.ErrNotFound) {
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

// takeHomeWait is the longest wait after wrong codes that a take-home
// command sits out before checking its code; a longer one is refused.
const takeHomeWait = 5 * time.Second

func (s *Server) finish(sess ssh.Session, err error) {
	if err != nil {
		s.cfg.Log.Error("take home", "error", err)
		s.refuse(sess, "serve.refused.error")
		return
	}
	sess.Exit(0)
}

// buildReport makes the report model with labels in lang (see
// storage.Store.Report).
func buildReport(store *storage.Store, a *assessment.Assessment, lang string) (report.Individual, error) {
	return store.Report(context.Background(), a, i18n.Banks(store.Catalog(), lang))
}
