package i18n

import (
	"embed"
	"fmt"
	"path"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/digint/digint/i18n/internal/catalog"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// A language's catalog is locales/LANG.yaml plus locales/TOPIC/LANG.yaml
// for each topic folder: features add their texts in their own file. The
// YAML is the source; catalog_gen.go holds the same as Go literals.
//
//go:generate go run ./internal/catalogen catalog_gen.go
//go:embed locales
var localeFiles embed.FS

var (
	bundleMu sync.Mutex
	bundle   *goi18n.Bundle       // made on first use: it builds every language's plural rules
	parsed   = map[string]error{} // catalogs parsed so far, by language
)

func newBundle() *goi18n.Bundle {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	return b
}

func hasCatalog(lang string) bool {
	_, err := localeFiles.Open(path.Join("locales", lang+".yaml"))
	return err == nil
}

// loadCatalogs parses the catalogs of the given languages into the shared
// bundle, each once. Only the languages in use are parsed: start-up time
// matters on a shared laptop.
func loadCatalogs(langs ...string) (*goi18n.Bundle, error) {
	bundleMu.Lock()
	defer bundleMu.Unlock()
	if bundle == nil {
		bundle = newBundle()
	}
	for _, lang := range langs {
		err, done := parsed[lang]
		if !done {
			err = parseCatalog(lang)
			parsed[lang] = err
		}
		if err != nil {
			return nil, err
		}
	}
	return bundle, nil
}

// generatedCatalog is one language's catalog as Go constants
// (catalog_gen.go), made from the files whose fingerprint is sum: text
// holds every field of every message, and index where each ends, fields in
// the order ID, Hash, Description, LeftDelim, RightDelim, Zero, One, Two,
// Few, Many, Other.
type generatedCatalog struct {
	lang  string
	sum   uint32
	text  string
	index []uint32
}

const messageFields = 11

// messages cuts the catalog into go-i18n's messages, without copying texts.
func (g generatedCatalog) messages() []*goi18n.Message {
	msgs := make([]goi18n.Message, len(g.index)/messageFields)
	out := make([]*goi18n.Message, len(msgs))
	start := uint32(0)
	next := func(i int) string {
		s := g.text[start:g.index[i]]
		start = g.index[i]
		return s
	}
	for i := range msgs {
		m, f := &msgs[i], i*messageFields
		m.ID, m.Hash, m.Description, m.LeftDelim, m.RightDelim = next(f), next(f+1), next(f+2), next(f+3), next(f+4)
		m.Zero, m.One, m.Two, m.Few, m.Many, m.Other = next(f+5), next(f+6), next(f+7), next(f+8), next(f+9), next(f+10)
		out[i] = m
	}
	return out
}

// catalogFiles are the embedded files of one language's catalog.
func catalogFiles(lang string) []string { return catalog.Files(localeFiles, lang) }

// parseCatalog adds a language's texts to the bundle: from the generated
// literals when they were made from the embedded files (decoding the YAML
// cost every start milliseconds), else from the YAML.
func parseCatalog(lang string) error {
	files := catalogFiles(lang)
	tag := language.Make(lang)
	if msgs := generatedFor(lang, files); msgs != nil {
		return bundle.AddMessages(tag, msgs...)
	}
	msgs, err := catalog.Parse(localeFiles, files)
	if err != nil {
		return err
	}
	return bundle.AddMessages(tag, msgs...)
}

// generatedFor gives the generated messages of lang if they are still
// those of its files; nil if not (run go generate).
func generatedFor(lang string, files []string) []*goi18n.Message {
	sum, err := catalog.Sum(localeFiles, files)
	if err != nil {
		return nil
	}
	for _, g := range generatedCatalogs {
		if g.lang == lang && g.sum == sum {
			return g.messages()
		}
	}
	return nil
}

// Preload parses the catalog of lang (and English) ahead of use, so it can
// run while the program does other start-up work.
func Preload(lang string) {
	if Supported(lang) {
		loadCatalogs(Default, lang)
	}
}

// Localizer gives the interface texts in one language.
type Localizer struct {
	lang    string
	loc     *goi18n.Localizer
	printer *message.Printer
	mu      sync.Mutex
	plain   map[string]string  // texts without data, cached: views ask often
	counted map[counted]string // N without other data, cached likewise
	fast    *fastTexts         // its language's messages and numbers, cut for T and Number
}

// New makes a localizer for lang (a shipped tag; others fall back to English).
func New(lang string) (*Localizer, error) {
	if !Supported(lang) {
		lang = Match(lang)
	}
	b, err := loadCatalogs(Default, lang)
	if err != nil {
		return nil, err
	}
	return &Localizer{
		lang:    lang,
		loc:     goi18n.NewLocalizer(b, lang, Default),
		printer: message.NewPrinter(language.MustParse(lang)),
		plain:   map[string]string{},
		counted: map[counted]string{},
		fast:    fastFor(lang),
	}, nil
}

// MustNew is New for the embedded catalogs, which tests prove load.
func MustNew(lang string) *Localizer {
	l, err := New(lang)
	if err != nil {
		panic(err)
	}
	return l
}

// Lang is the localizer's language tag.
func (l *Localizer) Lang() string { return l.lang }

// T gives the text of a message; data pairs fill its placeholders:
// T("saved", "Path", p). An unknown id gives the id itself, so a missing
// text shows rather than vanishes. A message whose placeholders are all
// plain ({{.Name}}) is filled without text/template (fast.go).
func (l *Localizer) T(id string, data ...any) string {
	if len(data) == 0 {
		l.mu.Lock()
		s, ok := l.plain[id]
		l.mu.Unlock()
		if ok {
			return s
		}
		s = l.t(id)
		l.mu.Lock()
		l.plain[id] = s
		l.mu.Unlock()
		return s
	}
	if f := l.filler(id); f != nil {
		if s, ok := f.fill(data); ok {
			return s
		}
	}
	return l.t(id, data...)
}

// t is T through go-i18n and text/template: the reference T keeps to.
func (l *Localizer) t(id string, data ...any) string {
	return l.localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: pairs(data)})
}

// N gives the plural form of a message for count; {{.Count}} holds it.
func (l *Localizer) N(id string, count int, data ...any) string {
	if len(data) == 0 {
		return l.nPlain(id, count)
	}
	return l.n(id, count, data...)
}

// counted is a message and its count.
type counted struct {
	id    string
	count int
}

// maxCounted bounds the cache of nPlain: counts shown are few and small.
const maxCounted = 256

// nPlain is N without other data, from a cache: a question screen says
// how many answers are being saved on every change.
func (l *Localizer) nPlain(id string, count int) string {
	k := counted{id, count}
	l.mu.Lock()
	s, ok := l.counted[k]
	l.mu.Unlock()
	if ok {
		return s
	}
	s = l.n(id, count)
	l.mu.Lock()
	if len(l.counted) < maxCounted {
		l.counted[k] = s
	}
	l.mu.Unlock()
	return s
}

// n is N made anew.
func (l *Localizer) n(id string, count int, data ...any) string {
	m := pairs(data)
	if m == nil {
		m = map[string]any{}
	}
	m["Count"] = l.printer.Sprint(count)
	return l.localize(&goi18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: m})
}

func (l *Localizer) localize(c *goi18n.LocalizeConfig) string {
	s, err := l.loc.Localize(c)
	if s == "" && err != nil {
		return c.MessageID
	}
	return s // with a fallback to English, err is set but s is good
}

// Number formats a score with one decimal the locale's way. A score below
// 1,000 with at most one decimal is written from the locale's signs,
// read once (fast.go); anything else goes through x/text.
func (l *Localizer) Number(x float64) string {
	if s, ok := l.numberFast(x); ok {
		return s
	}
	return l.number(x)
}

// Count writes a whole number the locale's way: 10,000, 10 000, 10.000.
func (l *Localizer) Count(n int) string { return l.Number(float64(n)) }

// number is Number through x/text's formatter: the reference Number keeps to.
func (l *Localizer) number(x float64) string {
	s := l.printer.Sprintf("%.1f", x)
	// Whole scores read better without ",0".
	if strings.HasSuffix(s, "0") && len(s) >= 2 && (s[len(s)-2] == '.' || s[len(s)-2] == ',') {
		s = s[:len(s)-2]
	}
	return s
}

func pairs(data []any) map[string]any {
	if len(data) == 0 {
		return nil
	}
	m := make(map[string]any, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		m[fmt.Sprint(data[i])] = data[i+1]
	}
	return m
}
