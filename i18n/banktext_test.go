package i18n

import (
	"io/fs"
	"reflect"
	"slices"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/i18n/internal/banktext"
	"github.com/digint/digint/i18n/internal/catalog"
)

// The generated bank texts are those of the YAML, file by file: when a
// translation changes, this fails until `go generate ./i18n` is run (the
// program parses the changed file's YAML meanwhile).
func TestGeneratedBankTextsMatchTheYAML(t *testing.T) {
	current, _ := fs.Glob(bankFiles, "bank/*.yaml")
	frozen, _ := fs.Glob(bankFiles, "bank/*/*.yaml")
	files := append(current, frozen...)
	if len(generatedBankTexts) != len(files) {
		t.Errorf("%d generated bank texts for %d files: run go generate ./i18n", len(generatedBankTexts), len(files))
	}
	for _, name := range files {
		sum, err := catalog.Sum(bankFiles, []string{name})
		if err != nil {
			t.Fatal(err)
		}
		i := slicesIndex(generatedBankTexts, name)
		if i < 0 || generatedBankTexts[i].sum != sum {
			t.Errorf("%s: the generated texts are not those of the file any more: run go generate ./i18n", name)
			continue
		}
		data, _ := bankFiles.ReadFile(name)
		lang := name[len(name)-len("xx.yaml") : len(name)-len(".yaml")]
		parsed, err := banktext.Parse(data, lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := generatedBankTexts[i].text(); !reflect.DeepEqual(got, parsed) {
			t.Errorf("%s: the generated texts differ from the YAML: run go generate ./i18n", name)
		}
	}
}

func slicesIndex(gs []generatedBankText, path string) int {
	return slices.IndexFunc(gs, func(g generatedBankText) bool { return g.path == path })
}

// A translation is taken from the generated literals while its file is
// the one they were made from, and from the file's YAML once it changed.
func TestBankTextsComeFromTheGeneratedFormWhileCurrent(t *testing.T) {
	saved := generatedBankTexts
	t.Cleanup(func() { generatedBankTexts = saved; clearBankCache() })
	b, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	i := slicesIndex(saved, "bank/fr.yaml")
	if i < 0 {
		t.Fatal("no generated texts of bank/fr.yaml")
	}
	marked := func() *bankText {
		tr := saved[i].text()
		tr.Title = "titre des littéraux"
		return tr
	}
	title := func(sum uint32) string {
		generatedBankTexts = []generatedBankText{{path: "bank/fr.yaml", sum: sum, text: marked}}
		clearBankCache()
		fr, err := Bank(b, "fr")
		if err != nil {
			t.Fatal(err)
		}
		return fr.Title
	}
	if got := title(saved[i].sum); got != "titre des littéraux" {
		t.Errorf("with the file unchanged the title is %q, not the generated one", got)
	}
	if got := title(saved[i].sum + 1); got == "titre des littéraux" || got == b.Title {
		t.Errorf("with the file changed the title is %q, not the YAML's French one", got)
	}
}

func clearBankCache() {
	bankCacheMu.Lock()
	defer bankCacheMu.Unlock()
	clear(bankCache)
}
