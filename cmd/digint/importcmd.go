package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/storage"
)

// importFiles imports each file on its own (all or nothing per file), says
// how each went, and fails if any did: one bad file among many does not
// keep the good ones out.
func importFiles(e *env, store *storage.Store, files []string) error {
	failed := 0
	for _, name := range files {
		known, err := knownWorkshops(store)
		if err != nil {
			return err
		}
		rep, err := importFile(e, store, name)
		if err != nil {
			err = explainImport(e, name, err)
		}
		if err != nil && len(files) == 1 {
			return err // one line, as any error
		}
		if err != nil {
			failed++
			fmt.Fprintln(e.stderr, safe.Excerpt(err.Error(), maxErrorRunes))
			continue
		}
		fmt.Fprintln(e.stdout, e.T("cli.import.done", "File", safe.Line(name), "Added", e.count(rep.Added), "Updated", e.count(rep.Updated), "Skipped", e.count(rep.Skipped)))
		if rep.Held > 0 {
			fmt.Fprintln(e.stdout, e.N("cli.import.held", rep.Held, "File", safe.Line(name)))
		}
		if err := sayNewWorkshops(e, store, known); err != nil {
			return err
		}
	}
	switch {
	case failed == len(files):
		return errors.New(e.T("cli.import.allfailed", "Files", len(files)))
	case failed > 0:
		return errors.New(e.T("cli.import.somefailed", "Failed", failed, "Files", len(files)))
	}
	return nil
}

// explainImport says why a file was not imported, in the user's language:
// what in it breaks which rule, or why it could not be read or stored
// (those errors name the file already).
func explainImport(e *env, name string, err error) error {
	if why, ok := e.loc.Problem(err); ok {
		return errors.New(e.T("cli.import.failed", "File", safe.Line(name), "Error", why))
	}
	if errors.Is(err, storage.ErrWorkshopClosed) {
		return &explained{text: e.T("cli.import.closed", "File", safe.Line(name)), err: err}
	}
	return explainFile(e, explainStorage(e, err))
}

func importFile(e *env, store *storage.Store, name string) (storage.ImportReport, error) {
	f, err := os.Open(name)
	if err != nil {
		return storage.ImportReport{}, err
	}
	defer f.Close()
	width := terminalWidth(e.stderr)
	if width == 0 { // not a terminal: a script reads only the outcome
		return store.Import(context.Background(), name, f)
	}
	p := &importProgress{e: e, name: safe.Excerpt(filepath.Base(name), 40), width: width}
	defer p.clear()
	return store.ImportWatched(context.Background(), name, f, p.show)
}

// importProgress shows on a terminal how far a large import is: one line,
// rewritten at most four times a second, cleared at the end.
type importProgress struct {
	e     *env
	name  string
	width int // the terminal's: a line that wrapped could not be rewritten
	last  time.Time
	shown bool
}

func (p *importProgress) show(at storage.ImportProgress) {
	if time.Since(p.last) < 250*time.Millisecond {
		return
	}
	p.last, p.shown = time.Now(), true
	read, stored := p.e.count(at.Read), p.e.count(at.Stored)
	line := p.e.T("cli.import.storing", "File", p.name, "Stored", stored, "Read", read)
	if at.Reading {
		line = p.e.T("cli.import.reading", "File", p.name, "Read", read)
	}
	if p.width > 1 {
		line = ansi.Truncate(line, p.width-1, "…")
	}
	fmt.Fprint(p.e.stderr, "\r\x1b[K"+line)
}

func (p *importProgress) clear() {
	if p.shown {
		fmt.Fprint(p.e.stderr, "\r\x1b[K")
	}
}

// knownWorkshops are the codes of the workshops the database holds.
func knownWorkshops(store *storage.Store) (map[string]bool, error) {
	ws, err := store.Workshops(context.Background())
	codes := make(map[string]bool, len(ws))
	for _, w := range ws {
		codes[w.Code] = true
	}
	return codes, err
}

// sayNewWorkshops names the workshops an import made (its file's were not
// in the database): merging a laptop of another workshop is then said, not
// taken for the room's own.
func sayNewWorkshops(e *env, store *storage.Store, known map[string]bool) error {
	ws, err := store.Workshops(context.Background())
	if err != nil {
		return err
	}
	for _, w := range ws {
		if !known[w.Code] {
			e.say(e.T("cli.import.newworkshop", "Code", w.Code, "Title", safe.Line(w.Title)))
		}
	}
	return nil
}
