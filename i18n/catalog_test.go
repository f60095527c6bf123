package i18n

import (
	"reflect"
	"runtime"
	"testing"

	"golang.org/x/text/language"

	"github.com/digint/digint/i18n/internal/catalog"
)

// The generated catalogs are the YAML's, message for message; when a YAML
// file changes, this fails until `go generate ./i18n` is run (the program
// meanwhile reads the YAML).
func TestGeneratedCatalogsMatchTheYAML(t *testing.T) {
	for _, l := range Languages() {
		files := catalogFiles(l.Tag)
		got := generatedFor(l.Tag, files)
		if got == nil {
			t.Errorf("%s: the generated catalog is not that of locales/ any more: run go generate ./i18n", l.Tag)
			continue
		}
		want, err := catalog.Parse(localeFiles, files)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: generated messages differ from the YAML: run go generate ./i18n", l.Tag)
		}
	}
	if len(generatedCatalogs) != len(Languages()) {
		t.Errorf("%d generated catalogs for %d languages: run go generate ./i18n", len(generatedCatalogs), len(Languages()))
	}
}

// freshCatalogs makes loadCatalogs start again, as in a new process.
func freshCatalogs(t testing.TB) {
	bundleMu.Lock()
	defer bundleMu.Unlock()
	bundle, parsed = newBundle(), map[string]error{}
	t.Cleanup(func() {
		bundleMu.Lock()
		defer bundleMu.Unlock()
		bundle, parsed = newBundle(), map[string]error{}
	})
}

// Every command with a screen or a message loads its language's catalog at
// start: that must not decode YAML (16,800 allocations for English alone).
func TestLoadingACatalogIsLight(t *testing.T) {
	freshCatalogs(t)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := loadCatalogs("it"); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	msgs, err := catalog.Parse(localeFiles, catalogFiles("it"))
	if err != nil {
		t.Fatal(err)
	}
	// go-i18n keeps a map and a template or two per message; decoding the
	// YAML made some 32.
	allocs, limit := after.Mallocs-before.Mallocs, 8*uint64(len(msgs))
	t.Logf("%d allocations for %d messages", allocs, len(msgs))
	if allocs > limit {
		t.Errorf("loading the Italian catalog: %d allocations for %d messages (at most %d)", allocs, len(msgs), limit)
	}
}

// A language whose files changed since generation is read from its YAML,
// so a stale catalog_gen.go never shows old texts.
func TestStaleGeneratedCatalogFallsBackToYAML(t *testing.T) {
	freshCatalogs(t)
	saved := generatedCatalogs
	t.Cleanup(func() { generatedCatalogs = saved })
	generatedCatalogs = nil
	for _, g := range saved {
		if g.lang == "it" {
			g.sum++ // made from other files
			g.text = "welcome.newstale"
			g.index = []uint32{11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 16}
		}
		generatedCatalogs = append(generatedCatalogs, g)
	}
	l := MustNew("it")
	if got := l.T("welcome.new"); got == "stale" || got == "welcome.new" {
		t.Errorf("welcome.new in Italian = %q, want the YAML's text", got)
	}
}

// BenchmarkCatalogLoad: a start's catalog load (Italian), from the
// generated constants and, as the floor it replaced, from the YAML.
func BenchmarkCatalogLoad(b *testing.B) {
	files := catalogFiles("it")
	b.Run("generated", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			bd := newBundle()
			if err := bd.AddMessages(language.Italian, generatedFor("it", files)...); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("yaml", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			bd := newBundle()
			msgs, err := catalog.Parse(localeFiles, files)
			if err != nil {
				b.Fatal(err)
			}
			if err := bd.AddMessages(language.Italian, msgs...); err != nil {
				b.Fatal(err)
			}
		}
	})
}
