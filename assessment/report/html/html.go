// Package html renders a report as one self-contained HTML page: inline
// CSS and SVG, no script, nothing fetched, light and dark, printable on A4.
// It formats the report model and computes nothing of its own.
package html

import (
	"embed"
	"html/template"
	"io"
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
	N(id string, count int, data ...any) string
	Number(x float64) string
	Lang() string
}

//go:embed page.tmpl group.tmpl parts.tmpl style.css
var files embed.FS

// maxModules are shown in full; the rest are named on one line.
const maxModules = 6

var (
	css = template.CSS(must(files.ReadFile("style.css")))
	// The per-language functions are bound later (pageFor); these stand in
	// so the templates parse.
	unbound = template.FuncMap{"T": fmtT, "N": fmtN, "num": fmtNum, "score": fmtNum, "stat": fmtNum, "band": fmtNum, "indicator": fmtNum}
	// Parsed on first use: every command links this package, and parsing
	// at start-up cost each of them a millisecond.
	kinds = sync.OnceValue(func() map[string]*template.Template {
		return map[string]*template.Template{
			"page":  parseKind("page.tmpl"),
			"group": parseKind("group.tmpl"),
		}
	})
)

func fmtT(string, ...any) string      { return "" }
func fmtN(string, int, ...any) string { return "" }
func fmtNum(any) string               { return "" }

func parseKind(name string) *template.Template {
	return template.Must(template.New(name).Funcs(unbound).Funcs(pure).ParseFS(files, name, "parts.tmpl"))
}

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
	"focus":    func(kind string) string { return "plan.focus." + kind },
	"planDelta": func(m report.PlanMove) *assessment.Delta {
		if m.Then == nil || m.Now == nil {
			return nil
		}
		return &assessment.Delta{Before: *m.Then, After: *m.Now, Change: *m.Change}
	},
}

type data struct {
	R          report.Individual
	G          report.Group
	Radar      radar
	CSS        template.CSS
	Lang       string
	Who        string
	MaxModules int
	Min        int
}

// Individual writes one person's report. Every string of the model is
// stripped of control and bidi-override characters, and escaped.
func Individual(w io.Writer, rep report.Individual, loc Localizer) error {
	rep = cleanModel(rep)
	d := data{R: rep, CSS: css, Lang: loc.Lang(), Who: rep.Person.Name, MaxModules: maxModules, Min: assessment.MinGroup}
	d.Radar = newRadar(rep.Competences, loc.Number)
	d.Radar.Title, d.Radar.Desc = loc.T("report.radar.title"), describe(loc, loc.T("table.score"), rep.Competences)
	if d.Who == "" {
		d.Who = loc.T("welcome.anonymous")
	}
	return execute(w, "page", d, loc)
}

// Group writes a workshop's report, large enough to project.
func Group(w io.Writer, g report.Group, loc Localizer) error {
	g = cleanModel(g)
	d := data{G: g, CSS: css, Lang: loc.Lang(), MaxModules: 2 * maxModules, Min: assessment.MinGroup}
	var comps []report.Competence
	for _, c := range g.Competences {
		rc := report.Competence{Label: c.Label, Target: c.Target}
		if c.Score != nil {
			m := c.Score.Median
			rc.Score = &m
		}
		comps = append(comps, rc)
	}
	d.Radar = newRadar(comps, loc.Number)
	d.Radar.Title, d.Radar.Desc = loc.T("report.radar.title"), describe(loc, loc.T("group.median"), comps)
	return execute(w, "group", d, loc)
}

// describe says in words what the radar draws.
func describe(loc Localizer, scoreWord string, comps []report.Competence) string {
	s := loc.T("report.radar.desc")
	for _, c := range comps {
		v := "–"
		if c.Score != nil {
			v = loc.Number(*c.Score)
		}
		s += " " + c.Title + ": " + scoreWord + " " + v + ", " + loc.T("table.target") + " " + loc.Number(c.Target) + "."
	}
	return s
}

func execute(w io.Writer, kind string, d data, loc Localizer) error {
	t, err := templateFor(kind, loc)
	if err != nil {
		return err
	}
	return t.Execute(w, d)
}

// bound holds each template bound to each language's localizer:
// html/template escapes a template on its first run, which costs more than
// the rest of a report, so it is done once per language.
var bound struct {
	sync.Mutex
	m map[[2]string]*template.Template
}

func templateFor(kind string, loc Localizer) (*template.Template, error) {
	bound.Lock()
	defer bound.Unlock()
	key := [2]string{kind, loc.Lang()}
	if t, ok := bound.m[key]; ok {
		return t, nil
	}
	t, err := kinds()[kind].Clone()
	if err != nil {
		return nil, err
	}
	t.Funcs(localFuncs(loc))
	if bound.m == nil {
		bound.m = map[[2]string]*template.Template{}
	}
	bound.m[key] = t
	return t, nil
}

func localFuncs(loc Localizer) template.FuncMap {
	stat := func(s *assessment.Stats) string {
		if s == nil {
			return "–"
		}
		return loc.Number(s.Median)
	}
	return template.FuncMap{
		"T":   loc.T,
		"N":   loc.N,
		"num": loc.Number,
		"score": func(p *float64) string {
			if p == nil {
				return "–"
			}
			return loc.Number(*p)
		},
		"stat": stat,
		"indicator": func(a report.Action) string {
			ind := a.Indicator
			if a.Target != nil {
				from := "?"
				if a.Baseline != nil {
					from = loc.Number(*a.Baseline)
				}
				ind = strings.TrimSpace(ind + " " + from + " → " + loc.Number(*a.Target))
			}
			return ind
		},
		"band": func(s *assessment.Stats) string {
			if s == nil {
				return "–"
			}
			return loc.Number(s.Min) + "–" + loc.Number(s.Max)
		},
	}
}
