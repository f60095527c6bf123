package html

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// What goes in comes out in order, across full buffers and writes larger
// than one.
func TestOutKeepsEveryByte(t *testing.T) {
	var dst, want bytes.Buffer
	o := newOut(&dst)
	for i, n := range []int{0, 1, flushAt - 2, 3, flushAt, 5, 3*flushAt + 7, 11} {
		s := strings.Repeat(string(rune('a'+i)), n)
		if i%2 == 0 {
			o.WriteString(s)
		} else {
			o.Write([]byte(s))
		}
		want.WriteString(s)
	}
	if err := o.flush(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(dst.Bytes(), want.Bytes()) {
		t.Errorf("wrote %d bytes, want %d, or in another order", dst.Len(), want.Len())
	}
}

type failAfter struct{ calls int }

func (f *failAfter) Write(p []byte) (int, error) {
	if f.calls++; f.calls > 1 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

// A page whose file fails says so, and writes nothing after the failure.
func TestOutKeepsTheFirstError(t *testing.T) {
	f := &failAfter{}
	o := newOut(f)
	o.WriteString(strings.Repeat("x", 3*flushAt))
	if err := o.flush(); err == nil || err.Error() != "disk full" {
		t.Fatalf("flush: %v, want disk full", err)
	}
	if f.calls != 2 {
		t.Errorf("%d writes to a failed file, want it left after the failure", f.calls)
	}
}
