// Package i18n finds the user's language and gives the interface texts and
// the question bank in it. A missing translation falls back to English for
// that string only.
package i18n

import (
	"strings"

	"golang.org/x/text/language"
)

// Language is one language the interface ships in.
type Language struct {
	Tag  string // BCP 47
	Name string // the language's own name for itself
}

// Default is the language of the source texts.
const Default = "en"

// languages lists the shipped languages in the order the switcher shows.
var languages = []Language{
	{"en", "English"},
	{"it", "Italiano"},
	{"fr", "Français"},
	{"es", "Español"},
	{"nl", "Nederlands"},
	{"ro", "Română"},
	{"eu", "Euskara"},
}

// Languages lists the languages with an interface catalog.
func Languages() []Language {
	var out []Language
	for _, l := range languages {
		if hasCatalog(l.Tag) {
			out = append(out, l)
		}
	}
	return out
}

// Detect reads the locale from LC_ALL, then LC_MESSAGES, then LANG (as
// POSIX does), and returns the best shipped language, English when none
// fits or the locale is C/POSIX.
func Detect(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		return Match(v)
	}
	return Default
}

// Match turns a locale name or language tag ("it_IT.UTF-8", "fr-BE",
// "eu_ES@euro") into the best shipped language.
func Match(locale string) string {
	if i := strings.IndexAny(locale, ".@"); i >= 0 {
		locale = locale[:i]
	}
	if locale == "" || locale == "C" || locale == "POSIX" {
		return Default
	}
	tag, err := language.Parse(strings.ReplaceAll(locale, "_", "-"))
	if err != nil {
		return Default
	}
	var tags []language.Tag
	shipped := Languages()
	for _, l := range shipped {
		tags = append(tags, language.MustParse(l.Tag))
	}
	_, i, conf := language.NewMatcher(tags).Match(tag)
	if conf == language.No {
		return Default
	}
	return shipped[i].Tag
}

// Given is the shipped language a typed --lang names: its language part,
// in any case, with or without a region or encoding ("IT", "it_IT",
// "fr-BE.UTF-8"); false when that language is not shipped.
func Given(typed string) (string, bool) {
	if i := strings.IndexAny(typed, ".@_-"); i >= 0 {
		typed = typed[:i]
	}
	lang := strings.ToLower(strings.TrimSpace(typed))
	return lang, Supported(lang)
}

// Supported reports whether lang is a shipped language tag.
func Supported(lang string) bool {
	for _, l := range Languages() {
		if l.Tag == lang {
			return true
		}
	}
	return false
}
