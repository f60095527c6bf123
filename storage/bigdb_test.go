package storage

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
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

// TestMakeBigDatabase makes the databases of DIGINT_BIGDB_DIR (1 and
// 100,000 assessments) for timing the commands by hand:
//
//	DIGINT_BIGDB_DIR=/tmp/x go test ./storage -run TestMakeBigDatabase -timeout 1h
func TestMakeBigDatabase(t *testing.T) {
	dir := os.Getenv("DIGINT_BIGDB_DIR")
	if dir == "" {
		t.Skip("set DIGINT_BIGDB_DIR to make the databases")
	}
	for _, n := range []int{1, 100_000} {
		t.Log(bigDatabase(t, dir, n))
	}
}
