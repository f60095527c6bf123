package html

import (
	"maps"
	"sync"
	"sync/atomic"
)

// A page writes some sixty messages without data (headings, column names,
// labels); each is the same text, escaped the same way, on every page in
// its language. plainTexts keeps them escaped, by language: a Localizer's
// T without data depends on its language only (i18n's does).
type plainTexts struct {
	// m is read without a lock and never written: put swaps in a copy
	// with the new text (the set is a page's few dozen ids).
	m  atomic.Pointer[map[string]string] // message id → escaped text
	mu sync.Mutex                        // serialises put
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
		p = &plainTexts{}
		plainByLang[lang] = p
	}
	return p
}

func (p *plainTexts) get(id string) (string, bool) {
	m := p.m.Load()
	if m == nil {
		return "", false
	}
	s, ok := (*m)[id]
	return s, ok
}

func (p *plainTexts) put(id, s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	old := p.m.Load()
	var m map[string]string
	if old != nil {
		if len(*old) >= maxPlain {
			return
		}
		m = maps.Clone(*old)
	}
	if m == nil {
		m = map[string]string{}
	}
	m[id] = s
	p.m.Store(&m)
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
