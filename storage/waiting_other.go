//go:build !unix

package storage

// writerMark: without flock an import cannot tell whether someone waits
// for the write lock, and always leaves it gaps.
type writerMark struct{}

func (m *writerMark) hold(string) func()      { return func() {} }
func (m *writerMark) othersWrite(string) bool { return true }
func (m *writerMark) close()                  {}
