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
	detail func(error) string // the engine's own words that follow, if any
}{
	{storage.ErrFolderReadOnly, "open.folderreadonly", nil},
	{storage.ErrReadOnly, "open.readonly", nil},
	{storage.ErrNotYours, "open.notyours", nil},
	{storage.ErrStaleLog, "open.stalelog", nil},
	{storage.ErrNewerSchema, "open.newer", nil},
	{storage.ErrIsFolder, "open.isfolder", nil},
	{storage.ErrNotDatabase, "open.notdatabase", nil},
	{storage.ErrNotAName, "open.notaname", nil},
	{storage.ErrBadURL, "open.pgbadurl", rootCause}, // the driver's words for what it could not read
	{storage.ErrCorrupt, "open.corrupt", rootCause}, // the engine's words for what it found damaged
	{storage.ErrWALNotCleared, "open.erasetraces", nil},
	{storage.ErrDiskFull, "open.diskfull", nil},
	{storage.ErrUnknownHost, "open.pgnohost", nil},
	{storage.ErrUnreachable, "open.unreachable", rootCause}, // why it could not connect
	{storage.ErrAccessDenied, "open.pgauth", nil},
	{storage.ErrNoSuchDatabase, "open.pgnodb", nil},
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
		if t.detail != nil {
			return &explained{text: fmt.Sprintf("%s (%s)", e.T(t.key, "Path", f.Path), t.detail(err)), err: err}
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

// rootCause is the innermost error err wraps (the last of joined ones,
// where a kind comes first and its cause after):
// the system's or the engine's own words, without the layers that repeat
// the path around them.
func rootCause(err error) string {
	for {
		var next error
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			next = u.Unwrap()
		case interface{ Unwrap() []error }:
			if all := u.Unwrap(); len(all) > 0 {
				next = all[len(all)-1]
			}
		}
		if next == nil {
			return err.Error()
		}
		err = next
	}
}
