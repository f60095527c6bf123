// Package html renders a report as one self-contained HTML page: inline
// CSS and SVG, no script, nothing fetched, light and dark, printable on A4.
// It formats the report model and computes nothing of its own.
package html

import (
	"embed"
	"html/template"
	"io"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
)

// Localizer gives interface texts and numbers in the report's language
// (an *i18n.Localizer).
type Localizer interface {
	T(id string, data ...any) string
	Number(x float64) string
	Lang() string
}

//go:embed page.tmpl style.css
var files embed.FS

var (
	css  = template.CSS(must(files.ReadFile("style.css")))
	page = template.Must(template.New("page.tmpl").Funcs(template.FuncMap{
		"T": func(string, ...any) string { return "" }, "num": func(float64) string { return "" },
		"score": func(*float64) string { return "" },
	}).Funcs(pure).ParseFS(files, "page.tmpl"))
)

func must(b []byte, err error) string {
	if err != nil {
		panic(err)
	}
	return string(b)
}

var pure = template.FuncMap{
	"date":     func(t time.Time) string { return t.UTC().Format(time.DateOnly) },
	"inc":      func(i int) int { return i + 1 },
	"lines":    func(s string) []string { return strings.Split(s, "\n") },
	"val":      func(p *float64) float64 { return *p },
	"mode":     func(m assessment.Mode) string { return "mode." + string(m) },
	"mismatch": func(m report.Mismatch) string { return "report.mismatch." + string(m) },
	"answered": func(s assessment.Status) bool { return s == assessment.StatusAnswered },
	"status":   func(s assessment.Status) string { return "choice." + string(s) },
	"join":     func(l []string) string { return strings.Join(l, ", ") },
}

type data struct {
	R     report.Individual
	Radar radar
	CSS   template.CSS
	Lang  string
	Who   string
	// MaxModules are shown in full; the rest are named on one line.
	MaxModules int
}

// Individual writes one person's report. Every string of the model is
// stripped of control and bidi-override characters, and escaped.
func Individual(w io.Writer, rep report.Individual, loc Localizer) error {
	rep = cleaned(reflect.ValueOf(rep)).Interface().(report.Individual)
	d := data{R: rep, Radar: newRadar(rep.Competences, loc.Number), CSS: css, Lang: loc.Lang(), Who: rep.Person.Name, MaxModules: 6}
	if d.Who == "" {
		d.Who = loc.T("welcome.anonymous")
	}
	t, err := pageFor(loc)
	if err != nil {
		return err
	}
	return t.Execute(w, d)
}

// pages holds the page template bound to each language's localizer:
// html/template escapes a template on its first run, which costs more than
// the rest of a report, so it is done once per language.
var pages struct {
	sync.Mutex
	byLang map[string]*template.Template
}

func pageFor(loc Localizer) (*template.Template, error) {
	pages.Lock()
	defer pages.Unlock()
	if t, ok := pages.byLang[loc.Lang()]; ok {
		return t, nil
	}
	t, err := page.Clone()
	if err != nil {
		return nil, err
	}
	t.Funcs(template.FuncMap{
		"T":   loc.T,
		"num": loc.Number,
		"score": func(p *float64) string {
			if p == nil {
				return "–"
			}
			return loc.Number(*p)
		},
	})
	if pages.byLang == nil {
		pages.byLang = map[string]*template.Template{}
	}
	pages.byLang[loc.Lang()] = t
	return t, nil
}
