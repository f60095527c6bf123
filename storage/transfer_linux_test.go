package storage

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// An export into a file starts the file's write-back as it goes, and
// writes the bytes it writes anywhere else; into a pipe it writes them
// as they are.
func TestWriteDocumentWritesBehind(t *testing.T) {
	s := newStore(t)
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return at }
	importBytes(t, s, sampleDocument(t, s.Catalog(), 40, 3))
	defer func(n int) { behindEvery = n }(behindEvery)
	behindEvery = 64 << 10

	var want bytes.Buffer
	if err := s.WriteDocument(ctx, Selection{All: true}, &want); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "export.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, stop := writeBehind(f)
	b, ok := w.(*behindFile)
	if !ok {
		t.Fatalf("a regular file is written through %T", w)
	}
	if err := s.WriteDocument(ctx, Selection{All: true}, w); err != nil {
		t.Fatal(err)
	}
	stop()
	if got, _ := os.ReadFile(f.Name()); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("the file holds %d bytes, not the %d of the export", len(got), want.Len())
	}
	if b.started == 0 { // one at least: a start asked for while one runs is dropped
		t.Errorf("no write-back started for %d bytes written", want.Len())
	}

	r, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer pw.Close()
	if w, stop := writeBehind(pw); w != pw {
		t.Errorf("a pipe is written through %T", w)
	} else {
		stop()
	}
}
