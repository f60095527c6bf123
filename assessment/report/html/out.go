package html

import "io"

// out is a page's buffer: appends to a byte slice are cheaper than
// bufio.Writer's per call, and a page makes thousands of small writes.
// It goes to dst in chunks of about flushAt bytes and keeps the first
// write error, which flush returns.
type out struct {
	buf []byte
	dst io.Writer
	err error
}

const flushAt = 32 << 10

func (o *out) WriteString(s string) {
	o.buf = append(o.buf, s...)
	if len(o.buf) >= flushAt {
		o.flush()
	}
}

func (o *out) Write(p []byte) {
	o.buf = append(o.buf, p...)
	if len(o.buf) >= flushAt {
		o.flush()
	}
}

// flush writes what is buffered; after an error it writes nothing more.
func (o *out) flush() error {
	if o.err == nil && len(o.buf) > 0 {
		_, o.err = o.dst.Write(o.buf)
	}
	o.buf = o.buf[:0]
	return o.err
}
