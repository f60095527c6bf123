package i18n

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// pluralForms are the CLDR plural categories of each shipped language, as
// go-i18n applies them.
var pluralForms = map[string][]string{
	"en": {"one", "other"},
	"nl": {"one", "other"},
	"it": {"many", "one", "other"},
	"es": {"many", "one", "other"},
	"fr": {"many", "one", "other"},
	"ro": {"few", "one", "other"},
	"eu": {"one", "other"},
}

var placeholder = regexp.MustCompile(`\{\{\s*\.?([A-Za-z]+)[^}]*\}\}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

func readCatalog(t *testing.T, lang string) map[string]any {
	t.Helper()
	m := map[string]any{}
	for _, name := range catalogFiles(lang) {
		data, err := localeFiles.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var part map[string]any
		if err := yaml.Unmarshal(data, &part); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, v := range part {
			if _, dup := m[k]; dup {
				t.Errorf("%s: %q is defined twice in the catalog of %s", name, k, lang)
			}
			m[k] = v
		}
	}
	return m
}

// Every interface text of English is in every language, with the same
// placeholders and the language's plural forms, and nothing else lingers.
func TestCatalogsComplete(t *testing.T) {
	en := readCatalog(t, Default)
	for _, l := range Languages() {
		if _, ok := pluralForms[l.Tag]; !ok {
			t.Errorf("%s: no plural forms known for this language", l.Tag)
			continue
		}
		cat := readCatalog(t, l.Tag)
		for id, ev := range en {
			tv, ok := cat[id]
			if !ok {
				t.Errorf("%s: %q is missing", l.Tag, id)
				continue
			}
			switch e := ev.(type) {
			case string:
				s, ok := tv.(string)
				if !ok || strings.TrimSpace(s) == "" {
					t.Errorf("%s: %q is empty or not a text", l.Tag, id)
					continue
				}
				if !slices.Equal(placeholders(e), placeholders(s)) {
					t.Errorf("%s: %q has placeholders %v, English %v", l.Tag, id, placeholders(s), placeholders(e))
				}
			case map[string]any:
				forms, ok := tv.(map[string]any)
				if !ok {
					t.Errorf("%s: %q should have plural forms", l.Tag, id)
					continue
				}
				var got []string
				for f, v := range forms {
					got = append(got, f)
					if s, _ := v.(string); strings.TrimSpace(s) == "" {
						t.Errorf("%s: %q form %s is empty", l.Tag, id, f)
					} else if !slices.Equal(placeholders(s), placeholders(fmt.Sprint(e["other"]))) {
						t.Errorf("%s: %q form %s has placeholders %v", l.Tag, id, f, placeholders(s))
					}
				}
				sort.Strings(got)
				if !slices.Equal(got, pluralForms[l.Tag]) {
					t.Errorf("%s: %q has plural forms %v, the language needs %v", l.Tag, id, got, pluralForms[l.Tag])
				}
			}
		}
		for id := range cat {
			if _, ok := en[id]; !ok {
				t.Errorf("%s: %q is not an English key (stale?)", l.Tag, id)
			}
		}
	}
}

// Every language's plurals pick the right form: a count is never shown
// with another number's form.
func TestPluralsRender(t *testing.T) {
	for _, l := range Languages() {
		loc := MustNew(l.Tag)
		for _, n := range []int{0, 1, 2, 5, 21, 1000000} {
			s := loc.N("ago.minutes", n)
			if !strings.Contains(s, loc.printer.Sprint(n)) {
				t.Errorf("%s: %d minutes ago = %q", l.Tag, n, s)
			}
		}
	}
}

// bankPaths lists every text of a bank-text file as path → value.
func bankPaths(prefix string, v any, out map[string]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, w := range x {
			bankPaths(prefix+"/"+k, w, out)
		}
	case []any:
		for i, w := range x {
			bankPaths(fmt.Sprintf("%s[%d]", prefix, i), w, out)
		}
	default:
		out[prefix] = fmt.Sprint(x)
	}
}

// Every bank text – item, help, level, option, section, competence,
// module, guideline – is translated into every bank language, and no
// translation names something the bank does not have.
func TestBankTextsComplete(t *testing.T) {
	source := englishBankText(t)
	want := map[string]string{}
	bankPaths("", source, want)
	for _, lang := range BankLanguages()[1:] {
		data, err := bankFiles.ReadFile(path.Join("bank", lang+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var tr map[string]any
		if err := yaml.Unmarshal(data, &tr); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		bankPaths("", tr, got)
		for p := range want {
			if p == "/language" {
				continue
			}
			if v, ok := got[p]; !ok || strings.TrimSpace(v) == "" {
				t.Errorf("%s: bank text %s is missing", lang, p)
			}
		}
		for p := range got {
			if _, ok := want[p]; !ok {
				t.Errorf("%s: bank text %s is not in the bank", lang, p)
			}
		}
		if !slices.Contains(BankLanguages(), lang) || !Supported(lang) {
			t.Errorf("%s: bank texts without an interface catalog", lang)
		}
	}
}

// A command's short help starts with a capital in every language, as the
// command list and the top of its help show it among the others ("digint
// help plan" began "il piano d'azione…"): none is the end of a sentence.
func TestCommandShortHelpStartsWithACapital(t *testing.T) {
	for _, l := range Languages() {
		for id, v := range readCatalog(t, l.Tag) {
			s, ok := v.(string)
			if !ok || !strings.HasPrefix(id, "cli.") || !strings.HasSuffix(id, ".short") {
				continue
			}
			if r := []rune(s)[0]; unicode.IsLower(r) {
				t.Errorf("%s: %q starts in lower case: %q", l.Tag, id, s)
			}
		}
	}
}

// The scoring appendix names the answers left out as the questions offer
// them ("Non lo so", not "Non so"), in every language.
func TestAnnexNamesTheAnswersAsOffered(t *testing.T) {
	for _, l := range Languages() {
		cat := readCatalog(t, l.Tag)
		how := strings.ToLower(fmt.Sprint(cat["report.annex.how"]))
		for _, id := range []string{"choice.na", "choice.unknown"} {
			if answer := strings.ToLower(fmt.Sprint(cat[id])); !strings.Contains(how, answer) {
				t.Errorf("%s: the appendix does not name %q as the answer says it", l.Tag, answer)
			}
		}
	}
}

// No text glues a case ending to a value by guesswork ("{{.Who}}-(r)en",
// "{{.Path}}-(e)n"): the sentence is built so that the value needs none,
// as a noun in apposition does ("{{.Code}} tailerraren").
func TestNoGuessedEndingAfterAValue(t *testing.T) {
	guessed := regexp.MustCompile(`\}\}-?\(\p{L}+\)`)
	for _, l := range Languages() {
		for id, v := range readCatalog(t, l.Tag) {
			for _, s := range texts(v) {
				if guessed.MatchString(s) {
					t.Errorf("%s: %q guesses an ending: %q", l.Tag, id, s)
				}
			}
		}
	}
}

// texts are a catalog entry's texts: itself, or its plural forms.
func texts(v any) []string {
	if forms, ok := v.(map[string]any); ok {
		var out []string
		for _, f := range forms {
			out = append(out, fmt.Sprint(f))
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}
