package tui

import (
	"strconv"
	"strings"
	"sync"
)

// Pieces of screens that every session shows alike (the key help, the
// progress bar) are styled once per process, not on every view: styling
// is most of a view's cost and hundreds of sessions are served at once.
// A piece's key is everything it is made from (the texts, the width, the
// background), so a piece taken from the cache is the one that would be
// made; the bindings are still read on every view, so help cannot drift
// from the keys that work.

// pieceCacheMax bounds each cache; a full one starts over.
const pieceCacheMax = 1024

type pieceCache[V any] struct {
	mu sync.Mutex
	m  map[string]V
}

func (c *pieceCache[V]) get(key string, make func() V) V {
	c.mu.Lock()
	v, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = make()
	c.mu.Lock()
	if c.m == nil || len(c.m) >= pieceCacheMax {
		c.m = map[string]V{}
	}
	c.m[key] = v
	c.mu.Unlock()
	return v
}

var (
	helpCache pieceCache[[]string]
	barCache  pieceCache[string]
)

// pieceKey joins what a piece is made from.
func pieceKey(dark bool, width int, parts ...string) string {
	var b strings.Builder
	if dark {
		b.WriteByte('d')
	}
	b.WriteString(strconv.Itoa(width))
	for _, p := range parts {
		b.WriteByte(0)
		b.WriteString(p)
	}
	return b.String()
}
