// Package html renders a report as one self-contained HTML page: inline
// CSS and SVG, no script, nothing fetched, light and dark, printable on A4.
// It formats the report model and computes nothing of its own. Each part
// of a page is a plain function writing straight into a buffer, one file
// per part; every text not written by this package goes through
// writer.text (escape.go), which makes it inert as it is written.
package html

import (
	_ "embed"
	"io"
	"sync"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
)

// Localizer gives interface texts and numbers in the report's language
// (an *i18n.Localizer, whose T and Number are cheap: a page asks for
// hundreds).
type Localizer interface {
	T(id string, data ...any) string
	AppendT(dst []byte, id string, kv ...string) []byte // T, for text data
	N(id string, count int, data ...any) string
	Number(x float64) string
	Count(n int) string
	Lang() string
}

//go:embed style.css
var css string

// Individual writes one person's report. Every text of the model is
// stripped of control and bidi-override characters, and escaped, as it is
// written; the model is left as it is.
func Individual(dst io.Writer, rep report.Individual, loc Localizer) error {
	w := newWriter(dst, loc)
	defer w.done()
	w.page(&rep)
	return w.b.flush()
}

// Group writes a workshop's report, large enough to project.
func Group(dst io.Writer, g report.Group, loc Localizer) error {
	w := newWriter(dst, loc)
	defer w.done()
	w.groupPage(&g)
	return w.b.flush()
}

// buffers are reused: a page is written in a few 32 KiB flushes.
var buffers = sync.Pool{New: func() any { return newOut(nil) }}

func newWriter(dst io.Writer, loc Localizer) *writer {
	b := buffers.Get().(*out)
	b.dst, b.err = dst, nil
	w := &writer{b: b, loc: loc, plain: plainFor(loc.Lang())}
	w.kv, w.lines = w.kvRoom[:0], w.linesRoom[:0]
	return w
}

// done gives the buffer back for the next page.
func (w *writer) done() {
	w.b.n, w.b.dst, w.b.err = 0, nil, nil
	buffers.Put(w.b)
}

// head opens a page: its language, title and style.
func (w *writer) head(title, who, bodyClass string) {
	w.raw("<!DOCTYPE html>\n<html lang=\"")
	w.text(w.loc.Lang())
	w.raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<title>")
	w.t(title)
	w.raw(" – ")
	w.text(who)
	w.raw("</title>\n<style>")
	w.raw(css)
	w.raw("</style>\n</head>\n<body" + bodyClass + ">\n<main>")
}

func (w *writer) foot() { w.raw("\n</main>\n</body>\n</html>\n") }

func date(t time.Time) string { return t.UTC().Format(time.DateOnly) }

func modeID(m assessment.Mode) string { return "mode." + string(m) }

// minGroup is the anonymity rule's threshold, as pages name it.
const minGroup = assessment.MinGroup
