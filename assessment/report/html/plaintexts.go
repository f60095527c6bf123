package html

import "sync"

// A page writes some sixty messages without data (headings, column names,
// labels); each is the same text, escaped the same way, on every page in
// its language. plainTexts keeps them escaped, by language: a Localizer's
// T without data depends on its language only (i18n's does).
type plainTexts struct {
	mu sync.RWMutex
	m  map[string]string // message id → escaped text
}

// maxPlain bounds a language's texts: ids are the catalog's, but some are
// made from stored values ("choice." + status).
const maxPlain = 4096

var (
	plainMu     sync.Mutex
	plainByLang map[string]*plainTexts
)

func plainFor(lang string) *plainTexts {
	plainMu.Lock()
	defer plainMu.Unlock()
	p := plainByLang[lang]
	if p == nil {
		if plainByLang == nil {
			plainByLang = map[string]*plainTexts{}
		}
		p = &plainTexts{m: map[string]string{}}
		plainByLang[lang] = p
	}
	return p
}

func (p *plainTexts) get(id string) (string, bool) {
	p.mu.RLock()
	s, ok := p.m[id]
	p.mu.RUnlock()
	return s, ok
}

func (p *plainTexts) put(id, s string) {
	p.mu.Lock()
	if len(p.m) < maxPlain {
		p.m[id] = s
	}
	p.mu.Unlock()
}

// plainText writes message id (no data) escaped, from the language's
// texts; the first time, it escapes it into the buffer and keeps the
// result.
func (w *writer) plainText(id string) {
	if s, ok := w.plain.get(id); ok {
		w.raw(s)
		return
	}
	s := w.loc.T(id)
	const grow = 5 // the most text makes of a byte: ' becomes &#39;
	if len(s)*grow > flushAt {
		w.text(s)
		return
	}
	if w.b.n+len(s)*grow > flushAt {
		w.b.flush() // so the escaped text lies in one piece of the buffer
	}
	start := w.b.n
	w.text(s)
	w.plain.put(id, string(w.b.buf[start:w.b.n]))
}
