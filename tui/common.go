package tui

import (
	"context"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// common is what every screen shares: the store, the bank in the user's
// language, texts, styles and the terminal size.
type common struct {
	store  *storage.Store
	bank   *assessment.Bank // the bank results are computed on
	text   *assessment.Bank // the same bank, texts in the user's language
	loc    *i18n.Localizer
	styles styles
	width  int
	height int
	dark   bool
	saver  *saver
	writes writer // the store, as the saver writes to it
	opts   Options
	// workshopClosed: the facilitator closed the kiosk's workshop while it
	// ran; it outlives every hand-over.
	workshopClosed bool
}

// Options configure a wizard run.
type Options struct {
	Store *storage.Store
	// Lang is the interface language; the welcome screen can change it.
	Lang string
	// ExportDir is where the results screen writes exports.
	ExportDir string
	// Workshop ties new assessments to a workshop (its code and title).
	Workshop, WorkshopTitle string
	// Kiosk runs a workshop on a shared laptop (see kiosk.go).
	Kiosk bool
	// KioskIdle is how long a kiosk waits without a key before it hands
	// over; 0 means DefaultKioskIdle.
	KioskIdle time.Duration
	// Now is the clock, for tests.
	Now func() time.Time
	// Context is the session's: when it ends the wizard stops taking
	// answers and stores those given (nil: the program's whole life).
	Context context.Context
}

func (c *common) T(id string, data ...any) string { return c.loc.T(id, data...) }

func (c *common) N(id string, n int, data ...any) string { return c.loc.N(id, n, data...) }

// setLanguage switches texts and bank to lang.
func (c *common) setLanguage(lang string) error {
	loc, err := i18n.New(lang)
	if err != nil {
		return err
	}
	text, err := i18n.Bank(c.bank, loc.Lang())
	if err != nil {
		return err
	}
	c.loc, c.text = loc, text
	return nil
}

// score gives a score the locale's way, or "no answer yet".
func (c *common) score(p *float64) string {
	if p == nil {
		return c.T("score.none")
	}
	return c.loc.Number(*p)
}

func (c *common) now() time.Time {
	if c.opts.Now != nil {
		return c.opts.Now()
	}
	return time.Now()
}
