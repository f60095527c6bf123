package main

import (
	"errors"
	"fmt"

	"github.com/digint/digint/storage"
)

// storageTexts are the storage failures a user can act on, with the text
// that explains each in their language. Kinds that wrap others come first.
var storageTexts = []struct {
	kind   error
	key    string
	detail bool // the database engine's own words follow: what it found, why it could not connect
}{
	{storage.ErrFolderReadOnly, "open.folderreadonly", false},
	{storage.ErrReadOnly, "open.readonly", false},
	{storage.ErrNotYours, "open.notyours", false},
	{storage.ErrStaleLog, "open.stalelog", false},
	{storage.ErrNewerSchema, "open.newer", false},
	{storage.ErrNotDatabase, "open.notdatabase", false},
	{storage.ErrCorrupt, "open.corrupt", true},
	{storage.ErrWALNotCleared, "open.erasetraces", false},
	{storage.ErrDiskFull, "open.diskfull", false},
	{storage.ErrUnreachable, "open.unreachable", true},
	{storage.ErrAccessDenied, "open.pgauth", false},
	{storage.ErrNoSuchDatabase, "open.pgnodb", false},
}

// explainStorage puts a storage failure in the user's language, naming the
// file or folder at fault. Where the text says all there is, it stands
// alone; else the engine's own details follow, as it gave them.
func explainStorage(e *env, err error) error {
	var f *storage.Fault
	if err == nil || !errors.As(err, &f) {
		return err
	}
	for _, t := range storageTexts {
		if !errors.Is(err, t.kind) {
			continue
		}
		if t.detail {
			return fmt.Errorf("%s (%w)", e.T(t.key, "Path", f.Path), err)
		}
		return &explained{text: e.T(t.key, "Path", f.Path), err: err}
	}
	return err
}

// explained is an error said in the user's language; the store's own
// (English) stays behind it for errors.Is.
type explained struct {
	text string
	err  error
}

func (x *explained) Error() string { return x.text }
func (x *explained) Unwrap() error { return x.err }
