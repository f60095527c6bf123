package tui

import (
	"errors"
	"fmt"
	"io"

	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	reporthtml "github.com/digint/digint/assessment/report/html"
	"github.com/digint/digint/storage"
	"github.com/digint/digint/storage/safefile"
)

// On a shared laptop a participant's results are written only where they
// say (a USB stick, say), never to the laptop's current folder, where the
// next person or the facilitator's erase would not see them go.

// Why a path typed for the results is refused.
var (
	errPathRelative  = errors.New("relative path")
	errPathExists    = errors.New("a file is already there")
	errPathNoFolder  = errors.New("no such folder")
	errPathNotFolder = errors.New("not a folder, and not a file's name")
)

// fileKinds are the endings of a file's name typed for the results; a
// path that is not there and ends otherwise is a folder that is missing
// (/media/usb with no stick in), never a new file on the laptop's disk.
var fileKinds = map[string]bool{".json": true, ".html": true, ".htm": true}

func (m *Model) openSaveTo() {
	m.clearStatus() // an old "saved", or "press e", says nothing here
	m.screen = screenSaveTo
	if m.c.opts.Policy == Served { // the code was asked when the results came
		return
	}
	m.kiosk.input, m.kiosk.message = "", ""
}

func (m *Model) updateSaveTo(msg tea.Msg) tea.Cmd {
	if m.c.opts.Policy == Served {
		return m.updateTakeHome(msg)
	}
	key, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	keys := m.saveToKeys()
	switch {
	case matches(key, keys.Cancel):
		m.kiosk.input, m.kiosk.message = "", ""
		m.screen = screenResults
	case matches(key, keys.Confirm):
		if m.kiosk.input == "" {
			return nil
		}
		return m.saveTo(m.kiosk.input)
	default:
		m.kiosk.input = editLine(m.kiosk.input, key, 4096)
	}
	return nil
}

// saveTo writes to the path typed – a new file, or a new file with the
// usual name in a folder – the report as a page when its name ends in
// .html, else the results' document.
func (m *Model) saveTo(typed string) tea.Cmd {
	store, id, rep, loc := m.c.store, m.results.a.ID, m.results.rep, m.c.loc
	name := fmt.Sprintf("digint-%s-%s", m.c.now().Format("2006-01-02"), id[:8])
	return m.c.forTurn(func() tea.Msg {
		path, named, err := targetPath(typed, name+".json")
		if err != nil {
			return exportedMsg{path: typed, err: err}
		}
		write := func(w io.Writer) error { return reporthtml.Individual(w, rep, loc) }
		if ext := strings.ToLower(filepath.Ext(path)); ext != ".html" && ext != ".htm" {
			doc, err := store.Export(bg(), storage.Selection{IDs: []string{id}})
			if err != nil {
				return exportedMsg{path: path, err: err}
			}
			write = doc.Write
		}
		err = writeNewFile(path, write)
		// A folder typed gets the usual name, or the next free one: the
		// participant chose no name that could be taken.
		for n := 2; !named && errors.Is(err, errPathExists) && n < 100; n++ {
			path = filepath.Join(filepath.Dir(path), fmt.Sprintf("%s-%d.json", name, n))
			err = writeNewFile(path, write)
		}
		return exportedMsg{path: path, err: err}
	})
}

// targetPath is where typed says to write: it must be absolute (a relative
// path would land in the laptop's current folder), a folder gets name;
// named tells whether the participant gave the file's name.
func targetPath(typed, name string) (path string, named bool, err error) {
	if !filepath.IsAbs(typed) {
		return "", false, errPathRelative
	}
	path, named = filepath.Clean(typed), true
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		path, named = filepath.Join(path, name), false
	case err == nil: // there already: refused as such when written
	case !fileKinds[strings.ToLower(filepath.Ext(path))]:
		return "", false, errPathNotFolder
	}
	if _, err := os.Stat(filepath.Dir(path)); err != nil {
		return "", false, errPathNoFolder
	}
	return path, named, nil
}

// writeNewFile writes a file that is not there yet, whole, readable by its
// owner only and never through a link (see safefile).
func writeNewFile(path string, write func(io.Writer) error) error {
	err := safefile.WriteNew(path, write)
	if errors.Is(err, safefile.ErrExists) {
		return errPathExists
	}
	return err
}

// savedTo shows how saving went: back to the results when done, the
// reason on this screen when not.
func (m *Model) savedTo(msg exportedMsg) tea.Cmd {
	c := m.c
	switch {
	case msg.err == nil:
		m.kiosk.input, m.kiosk.message = "", ""
		m.screen = screenResults
		m.status, m.statusErr = c.T("results.exported", "Path", msg.path), false
	case errors.Is(msg.err, errPathRelative):
		m.kiosk.message = c.T("kiosk.save.relative")
	case errors.Is(msg.err, errPathExists):
		m.kiosk.message = c.T("kiosk.save.exists", "Path", msg.path)
	case errors.Is(msg.err, errPathNoFolder):
		m.kiosk.message = c.T("kiosk.save.nofolder", "Path", msg.path)
	case errors.Is(msg.err, errPathNotFolder):
		m.kiosk.message = c.T("kiosk.save.notfolder", "Path", msg.path)
	default:
		m.kiosk.message = c.T("kiosk.save.failed", "Error", c.why(msg.err))
	}
	return nil
}

func (m *Model) saveToView() string {
	if m.c.opts.Policy == Served {
		return m.takeHomeView()
	}
	c, s, w := m.c, m.c.styles, m.c.width
	lines := []string{s.title.Render(c.T("kiosk.workshop", "Title", c.opts.WorkshopTitle)), ""}
	lines = append(lines, wrap(c.T("kiosk.save.intro"), w)...)
	lines = append(lines, "")
	lines = append(lines, wrap(c.T("kiosk.save.kinds"), w)...)
	lines = append(lines, "", s.accent.Render("> ")+m.kiosk.input+s.cursor.Render("▏"))
	if m.kiosk.message != "" {
		lines = append(lines, "")
		lines = append(lines, m.errLines(m.kiosk.message, w)...)
	}
	help := m.helpLines(w, 0, m.saveToKeys().help()...)
	return m.page(lines, len(lines)-1, help)
}

func (m *Model) saveToKeys() stepKeys {
	return newStepKeys(m.c, m.c.T("kiosk.save.key"), m.c.T("key.cancel"), false)
}
