package main

import (
	"errors"
	"fmt"

	"github.com/digint/digint/storage"
)

// storageTexts are the storage failures a user can act on, with the text
// that explains each in their language. Kinds that wrap others come first.
var storageTexts = []struct {
	kind error
	key  string
}{
	{storage.ErrFolderReadOnly, "open.folderreadonly"},
	{storage.ErrReadOnly, "open.readonly"},
	{storage.ErrNotYours, "open.notyours"},
	{storage.ErrStaleLog, "open.stalelog"},
	{storage.ErrNewerSchema, "open.newer"},
	{storage.ErrNotDatabase, "open.notdatabase"},
	{storage.ErrCorrupt, "open.corrupt"},
	{storage.ErrWALNotCleared, "open.erasetraces"},
	{storage.ErrDiskFull, "open.diskfull"},
	{storage.ErrUnreachable, "open.unreachable"},
}

// explainStorage puts a storage failure in the user's language, naming the
// file or folder at fault; the details follow as the store gave them.
func explainStorage(e *env, err error) error {
	var f *storage.Fault
	if err == nil || !errors.As(err, &f) {
		return err
	}
	for _, t := range storageTexts {
		if errors.Is(err, t.kind) {
			return fmt.Errorf("%s (%w)", e.T(t.key, "Path", f.Path), err)
		}
	}
	return err
}
