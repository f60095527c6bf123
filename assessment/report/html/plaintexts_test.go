package html

import (
	"bytes"
	"sync"
	"testing"

	"github.com/digint/digint/i18n"
)

// Pages written at once, in several languages, are each the page written
// alone: the kept texts are read without a lock while others are added
// (run with -race).
func TestPagesWrittenAtOnceAreThePageAlone(t *testing.T) {
	langs := []string{"en", "it", "fr", "eu"}
	want := map[string][]byte{}
	for _, l := range langs {
		var buf bytes.Buffer
		if err := Individual(&buf, person(t, l), i18n.MustNew(l)); err != nil {
			t.Fatal(err)
		}
		want[l] = buf.Bytes()
	}
	// Fresh kept texts, so that they are added while pages are read.
	plainMu.Lock()
	plainByLang = nil
	plainMu.Unlock()
	var wg sync.WaitGroup
	for g := range 8 {
		l := langs[g%len(langs)]
		rep, loc := person(t, l), i18n.MustNew(l)
		wg.Go(func() {
			for range 5 {
				var buf bytes.Buffer
				if err := Individual(&buf, rep, loc); err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(buf.Bytes(), want[l]) {
					t.Errorf("%s: a page written alongside others differs", l)
					return
				}
			}
		})
	}
	wg.Wait()
}
