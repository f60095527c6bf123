package assessment

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// DocumentWriter writes a document one assessment at a time, byte for byte
// as Document.Write writes it whole: an export of any size holds one
// assessment in memory, and a buffer of records.
type DocumentWriter struct {
	w   io.Writer
	cat *Catalog
	n   int
	buf []byte // whole records not written yet; encoded in place, no copy
	err error  // the first write's error: nothing more is written

	ref  BankRef // the bank of the last assessment, nearly always the next's
	bank *Bank
}

// docFlushAt is how much the buffer holds before it is written: large
// writes, few system calls.
const docFlushAt = 256 << 10

// NewDocumentWriter writes the head of a document exported at now.
func NewDocumentWriter(w io.Writer, c *Catalog, now time.Time) (*DocumentWriter, error) {
	dw, err := newDocumentWriter(w, DocumentFormat, DocumentVersion, now.UTC().Truncate(time.Second))
	dw.cat = c
	return dw, err
}

// newDocumentWriter writes the head of a document: its format, version
// and time of export.
func newDocumentWriter(w io.Writer, format string, version int, at time.Time) (*DocumentWriter, error) {
	dw := &DocumentWriter{w: w, buf: make([]byte, 0, docFlushAt+docFlushAt/4)}
	f, err := json.Marshal(format)
	if err != nil {
		return dw, err
	}
	t, err := json.Marshal(at)
	if err != nil {
		return dw, err
	}
	dw.buf = fmt.Appendf(dw.buf, "{\n  \"format\": %s,\n  \"version\": %d,\n  \"exported_at\": %s,\n  \"assessments\": [",
		f, version, t)
	return dw, nil
}

// Add writes an assessment with its results, computed afresh. A record that
// fails to encode leaves nothing of itself behind.
func (dw *DocumentWriter) Add(a *Assessment) error {
	if dw.err != nil {
		return dw.err
	}
	if dw.bank == nil || a.Bank != dw.ref {
		b, err := dw.cat.Lookup(a.Bank)
		if err != nil {
			return fmt.Errorf("assessment %s: %w", a.ID, err)
		}
		dw.ref, dw.bank = a.Bank, b
	}
	res := Score(dw.bank, a)
	return dw.add(a, &res)
}

// add writes an assessment with results r.
func (dw *DocumentWriter) add(a *Assessment, r *Result) error {
	if dw.err != nil {
		return dw.err
	}
	var err error
	mark := len(dw.buf)
	if dw.n > 0 {
		dw.buf = append(dw.buf, ',')
	}
	dw.buf = append(dw.buf, "\n    "...)
	if dw.buf, err = appendRecord(dw.buf, "    ", a, r); err != nil {
		dw.buf = dw.buf[:mark]
		return fmt.Errorf("assessment %s: %w", a.ID, err)
	}
	dw.n++
	if len(dw.buf) >= docFlushAt {
		return dw.flush()
	}
	return nil
}

// Close ends the document and flushes it; it does not close the writer
// underneath.
func (dw *DocumentWriter) Close() error {
	if dw.err != nil {
		return dw.err
	}
	if dw.n > 0 {
		dw.buf = append(dw.buf, "\n  "...)
	}
	dw.buf = append(dw.buf, "]\n}\n"...)
	return dw.flush()
}

func (dw *DocumentWriter) flush() error {
	_, dw.err = dw.w.Write(dw.buf)
	dw.buf = dw.buf[:0]
	return dw.err
}
