package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/digint/digint/assessment"
)

// bigDatabase makes (once, then keeps) a database of n sample assessments
// at dir/open-N.db, imported in batches of 1,000 so memory stays small.
// Benchmarks of costs that must not grow with the data open it.
func bigDatabase(tb testing.TB, dir string, n int) string {
	tb.Helper()
	path := filepath.Join(dir, "open-"+strconv.Itoa(n)+".db")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".making"
	os.Remove(tmp)
	s, err := Open(tmp, testCatalog(tb))
	if err != nil {
		tb.Fatal(err)
	}
	for done := 0; done < n; done += 1000 {
		importBytes(tb, s, sampleDocument(tb, s.Catalog(), min(1000, n-done), uint64(done)+1))
	}
	if err := s.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkOpen opens and closes a database of one assessment (the floor)
// and a big one, and reads one assessment from each, as `digint report ID`
// does: the cost must not grow with the database. The big one has 10,000
// assessments, or 100,000 made once in $DIGINT_BIGDB_DIR (and kept there,
// with the one of one assessment, for timing the commands by hand).
//
//	DIGINT_BIGDB_DIR=/tmp/x go test ./storage -run '^$' -bench BenchmarkOpen -timeout 1h
func BenchmarkOpen(b *testing.B) {
	dir, n := os.Getenv("DIGINT_BIGDB_DIR"), 10_000
	if dir != "" {
		n = 100_000
	} else {
		dir = b.TempDir()
	}
	for _, size := range []int{1, n} {
		path := bigDatabase(b, dir, size)
		s, err := Open(path, testCatalog(b))
		if err != nil {
			b.Fatal(err)
		}
		list, err := s.List(ctx, Filter{})
		s.Close()
		if err != nil || len(list) != size {
			b.Fatalf("%d assessments, %v", len(list), err)
		}
		id := list[len(list)/2].ID
		for _, o := range []struct {
			name string
			open func(string, *assessment.Catalog) (*Store, error)
		}{{"Open", Open}, {"OpenReadOnly", OpenReadOnly}} {
			b.Run(fmt.Sprintf("%s/%d", o.name, size), func(b *testing.B) {
				for b.Loop() {
					s, err := o.open(path, testCatalog(b))
					if err != nil {
						b.Fatal(err)
					}
					s.Close()
				}
			})
			b.Run(fmt.Sprintf("%s+report/%d", o.name, size), func(b *testing.B) {
				for b.Loop() {
					s, err := o.open(path, testCatalog(b))
					if err != nil {
						b.Fatal(err)
					}
					if _, err := s.Export(ctx, Selection{IDs: []string{id}}); err != nil {
						b.Fatal(err)
					}
					s.Close()
				}
			})
		}
	}
}
