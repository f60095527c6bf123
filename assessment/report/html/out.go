package html

import "io"

// out is a page's buffer. A page makes thousands of small writes: copying
// into a fixed array and moving an index is cheaper than bufio.Writer's
// calls or append's, and stores no pointer (no GC write barrier). It goes
// to dst a full buffer at a time and keeps the first write error, which
// flush returns.
type out struct {
	buf *[flushAt]byte
	n   int
	dst io.Writer
	err error
}

const flushAt = 32 << 10

// WriteString and Write copy what fits in place (small enough to be
// inlined where a page writes: it writes thousands of short pieces), and
// leave the rest to a loop that flushes.
func (o *out) WriteString(s string) {
	if o.n+len(s) > flushAt {
		o.writeStringOver(s)
		return
	}
	o.n += copy(o.buf[o.n:], s)
}

func (o *out) writeStringOver(s string) {
	for len(s) > flushAt-o.n {
		k := copy(o.buf[o.n:], s)
		o.n += k
		s = s[k:]
		o.flush()
	}
	o.n += copy(o.buf[o.n:], s)
}

func (o *out) Write(p []byte) {
	if o.n+len(p) > flushAt {
		o.writeOver(p)
		return
	}
	o.n += copy(o.buf[o.n:], p)
}

func (o *out) writeOver(p []byte) {
	for len(p) > flushAt-o.n {
		k := copy(o.buf[o.n:], p)
		o.n += k
		p = p[k:]
		o.flush()
	}
	o.n += copy(o.buf[o.n:], p)
}

// bytes is what is buffered.
func (o *out) bytes() []byte { return o.buf[:o.n] }

// flush writes what is buffered; after an error it writes nothing more.
func (o *out) flush() error {
	if o.err == nil && o.n > 0 {
		_, o.err = o.dst.Write(o.buf[:o.n])
	}
	o.n = 0
	return o.err
}

// newOut is an empty buffer for dst.
func newOut(dst io.Writer) *out { return &out{buf: new([flushAt]byte), dst: dst} }
