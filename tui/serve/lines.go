package serve

import (
	"io"
	"unicode/utf8"
)

// lineReader gives the accessible flow whole lines from a session whose
// pty is raw (the client's terminal neither echoes nor edits): it echoes
// what is typed, takes backspace, and ends a line at enter.
type lineReader struct {
	in   io.Reader
	echo io.Writer
	line []byte // being typed
	out  []byte // a finished line not yet read
	buf  [256]byte
}

func newLineReader(in io.Reader, echo io.Writer) *lineReader {
	return &lineReader{in: in, echo: echo}
}

func (r *lineReader) Read(p []byte) (int, error) {
	for len(r.out) == 0 {
		n, err := r.in.Read(r.buf[:])
		for _, b := range r.buf[:n] {
			r.key(b)
		}
		if err != nil && len(r.out) == 0 {
			return 0, err
		}
	}
	n := copy(p, r.out)
	r.out = r.out[n:]
	return n, nil
}

func (r *lineReader) key(b byte) {
	switch {
	case b == '\r' || b == '\n':
		r.echo.Write([]byte("\r\n"))
		r.out = append(append(r.out, r.line...), '\n')
		r.line = r.line[:0]
	case b == 0x7f || b == 0x08: // backspace: one whole character
		if len(r.line) > 0 {
			_, size := utf8.DecodeLastRune(r.line)
			r.line = r.line[:len(r.line)-size]
			r.echo.Write([]byte("\b \b"))
		}
	case b == 0x03 || b == 0x04: // ctrl+c, ctrl+d: end of input
		r.out = append(r.out, r.line...)
		r.line = r.line[:0]
		r.in = eofReader{}
	case b < 0x20: // other control bytes, escape sequences' start: dropped
	default:
		r.line = append(r.line, b)
		r.echo.Write([]byte{b})
	}
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
