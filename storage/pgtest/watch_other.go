//go:build !unix

package pgtest

// watch: servers are started only where runuser is (Linux).
func (s *Server) watch() error { return nil }
