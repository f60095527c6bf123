package storage

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// memoryLimit is what an import or an export of any size may hold: the
// heap stays flat in the number of assessments.
const memoryLimit = 64 << 20

// Importing and exporting 20,000 assessments (a file of some 200 MB)
// keeps the heap under 64 MiB.
func TestImportExportMemoryIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 assessments")
	}
	const n = 20_000
	dir := t.TempDir()
	file := filepath.Join(dir, "big.json")
	writeBigDocument(t, testCatalog(t), file, n, 77, nil)
	fi, _ := os.Stat(file)
	s := openAt(t, filepath.Join(dir, "digint.db"))
	var rep ImportReport
	var err error
	peak := peakHeap(func() { rep, err = importFile(s, file) })
	if err != nil || rep.Added != n {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	t.Logf("import of %d assessments (%d MB): peak heap %d MiB", n, fi.Size()>>20, peak>>20)
	if peak > memoryLimit {
		t.Errorf("import of %d assessments: peak heap %d MiB, limit %d MiB", n, peak>>20, memoryLimit>>20)
	}
	var written int64
	peak = peakHeap(func() {
		cw := &countingWriter{w: io.Discard}
		err = s.WriteDocument(ctx, Selection{All: true}, cw)
		written = cw.n
	})
	if err != nil || written < fi.Size()/2 {
		t.Fatalf("export: %d bytes, %v", written, err)
	}
	t.Logf("export of %d assessments (%d MB): peak heap %d MiB", n, written>>20, peak>>20)
	if peak > memoryLimit {
		t.Errorf("export of %d assessments: peak heap %d MiB, limit %d MiB", n, peak>>20, memoryLimit>>20)
	}
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
