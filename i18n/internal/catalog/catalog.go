// Package catalog reads one language's interface texts from the YAML
// catalog files: for the program when the generated form is stale, and for
// the generator that writes that form.
package catalog

import (
	"fmt"
	"hash/crc32"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
)

// Files are the catalog files of lang in fsys: locales/LANG.yaml, then
// locales/TOPIC/LANG.yaml for each topic folder, in name order.
func Files(fsys fs.FS, lang string) []string {
	files := []string{path.Join("locales", lang+".yaml")}
	topics, _ := fs.ReadDir(fsys, "locales")
	for _, t := range topics {
		if t.IsDir() {
			f := path.Join("locales", t.Name(), lang+".yaml")
			if _, err := fs.Stat(fsys, f); err == nil {
				files = append(files, f)
			}
		}
	}
	return files
}

// table is made on first use, not when the program starts.
var table = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// Sum fingerprints the files, names and contents: the generated form of a
// language is used only while its files are those it was made from.
func Sum(fsys fs.FS, files []string) (uint32, error) {
	var sum uint32
	tab := table()
	for _, name := range files {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return 0, err
		}
		sum = crc32.Update(sum, tab, []byte(name))
		sum = crc32.Update(sum, tab, []byte{0})
		sum = crc32.Update(sum, tab, data)
	}
	return sum, nil
}

// Parse reads the messages of the files, in order (a later file's message
// replaces an earlier one's of the same id), as go-i18n reads them.
func Parse(fsys fs.FS, files []string) ([]*goi18n.Message, error) {
	var out []*goi18n.Message
	for _, name := range files {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		// go-i18n reads the language from the file name: topic/LANG.yaml.
		f, err := goi18n.ParseMessageFileBytes(data, name, map[string]goi18n.UnmarshalFunc{"yaml": yaml.Unmarshal})
		if err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		// Sorted: go-i18n gives a file's messages in map order.
		slices.SortFunc(f.Messages, func(a, b *goi18n.Message) int { return strings.Compare(a.ID, b.ID) })
		out = append(out, f.Messages...)
	}
	return out, nil
}
