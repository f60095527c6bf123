//go:build !unix

package storage

import "io/fs"

// Systems without Unix owners: every file counts as the user's own, and a
// folder as writable (SQLite then names what failed).
func owner(fs.FileInfo) (int, bool) { return 0, false }
func myUID() int                    { return 0 }
func dirWritable(string) bool       { return true }
