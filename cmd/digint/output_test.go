package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
	"github.com/digint/digint/i18n"
)

// -o at a symbolic link replaces the link with a file of its own (0600)
// and leaves the link's target as it was.
func TestOutputNeverFollowsALink(t *testing.T) {
	const code = "LNK-26"
	dir := t.TempDir()
	laptop(t, dir, code, 2, 5)
	target := filepath.Join(t.TempDir(), "precious.txt")
	if err := os.WriteFile(target, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"workshop", "export", code, "--csv", "items"},
		{"workshop", "export", code},
		{"export", "--all"},
	} {
		link := filepath.Join(dir, "out")
		os.Remove(link)
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		if _, stderr, c := run(t, dir, append(args, "-o", link)...); c != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
		if got, _ := os.ReadFile(target); string(got) != "keep me" {
			t.Fatalf("%v wrote through the link: the target now holds %.40q", args, got)
		}
		fi, err := os.Lstat(link)
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
			t.Fatalf("%v: the output is %v (%v), want a regular 0600 file", args, fi.Mode(), err)
		}
		left, _ := filepath.Glob(filepath.Join(dir, ".digint-out-*"))
		if len(left) > 0 {
			t.Fatalf("temporary files left: %v", left)
		}
	}
}

func TestCSVCellNeverAFormula(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+SUM(A1)": "'+SUM(A1)", "-A1-A2": "'-A1-A2", "@cmd": "'@cmd",
		"\tx": "'\tx", "\rx": "'\rx", "-12.5": "-12.5", "plain": "plain", "": "",
	} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// A participant id that a spreadsheet would read as a formula is written
// as text in both CSV exports.
func TestWorkshopCSVEscapesFormulas(t *testing.T) {
	const code = "CSV-26"
	dir := t.TempDir()
	cat, _ := assessment.DefaultCatalog()
	a := sample.Assessment(cat.Current(), rand.New(rand.NewPCG(1, 2)), assessment.ModeQuick)
	a.Participant.ID, a.Workshop = "-A1-A2", code
	d, err := assessment.NewDocument(cat, []*assessment.Assessment{a}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	d.Write(&buf)
	file := filepath.Join(dir, "in.json")
	os.WriteFile(file, buf.Bytes(), 0o600)
	if _, stderr, c := run(t, dir, "import", file); c != 0 {
		t.Fatalf("import: %s", stderr)
	}
	for _, kind := range []string{"items", "competences"} {
		out, stderr, c := run(t, dir, "workshop", "export", code, "--csv", kind)
		if c != 0 {
			t.Fatalf("%s: %s", kind, stderr)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: %v %q", kind, err, out)
		}
		if got := rows[1][1]; got != "'-A1-A2" {
			t.Errorf("%s: participant cell %q, want '-A1-A2", kind, got)
		}
	}
	_ = context.Background
}

// import a.json bad.json c.json imports a and c, says how each went, and
// exits non-zero.
func TestImportEveryGoodFile(t *testing.T) {
	dir := t.TempDir()
	cat, _ := assessment.DefaultCatalog()
	rng := rand.New(rand.NewPCG(3, 3))
	var files []string
	for _, name := range []string{"a.json", "bad.json", "c.json"} {
		a := sample.Assessment(cat.Current(), rng, assessment.ModeQuick)
		d, _ := assessment.NewDocument(cat, []*assessment.Assessment{a}, time.Now())
		var buf bytes.Buffer
		d.Write(&buf)
		data := buf.Bytes()
		if name == "bad.json" {
			data = bytes.Replace(data, []byte(`"version": 2`), []byte(`"version": -1`), 1)
		}
		path := filepath.Join(dir, name)
		os.WriteFile(path, data, 0o600)
		files = append(files, path)
	}
	out, stderr, code := run(t, dir, append([]string{"import"}, files...)...)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(out, "a.json: 1 added") || !strings.Contains(out, "c.json: 1 added") {
		t.Errorf("stdout %q: want a.json and c.json imported", out)
	}
	if !strings.Contains(stderr, "bad.json: not imported") || !strings.Contains(stderr, "version") || !strings.Contains(stderr, "-1") || !strings.Contains(stderr, "1 of 3 (see above)") {
		t.Errorf("stderr %q: want bad.json named with its cause, and the count", stderr)
	}
	list, _, _ := run(t, dir, "list", "--json")
	if n := strings.Count(list, `"participant"`); n != 2 {
		t.Errorf("%d assessments stored, want 2", n)
	}
}

// An -o that cannot be written is said in the user's language, naming the
// file: a missing folder, a folder in its place, a full or read-only disk.
func TestOutputErrorsInTheUsersLanguage(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "OUT-26", 1, 3)
	missing := filepath.Join(dir, "no", "such", "out.json")
	_, stderr, code := run(t, dir, "--lang", "fr", "export", "--all", "-o", missing)
	if code != 1 || !strings.Contains(stderr, missing+"\u00a0: il n’y a pas de dossier "+filepath.Dir(missing)+" où l’écrire") {
		t.Errorf("-o in a missing folder (exit %d):\n%s", code, stderr)
	}
	_, stderr, code = run(t, dir, "--lang", "it", "workshop", "export", "OUT-26", "-o", dir)
	if code != 1 || !strings.Contains(stderr, dir+" è una cartella, non un file") {
		t.Errorf("-o at a folder (exit %d):\n%s", code, stderr)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("the folder given as -o is gone: %v", err)
	}
	e, _, _ := testEnv(dir)
	loc, err := i18n.New("es")
	if err != nil {
		t.Fatal(err)
	}
	e.loc = loc
	// A folder that may not be written is named as one (safefile names it
	// when it cannot make its temporary file there).
	if err := explainFile(e, &fs.PathError{Op: "write", Path: dir, Err: syscall.EACCES}); err == nil ||
		!strings.Contains(err.Error(), dir+": no tiene permiso para escribir en esta carpeta") {
		t.Errorf("a folder not to be written: %v", err)
	}
	if err := explainFile(e, &fs.PathError{Op: "write", Path: filepath.Join(dir, "digint.db"), Err: syscall.EACCES}); err == nil ||
		strings.Contains(err.Error(), "carpeta") {
		t.Errorf("a file not to be written: %v", err)
	}
	for errno, want := range map[syscall.Errno]string{syscall.ENOSPC: "el disco está lleno", syscall.EROFS: "el disco es de solo lectura"} {
		err := explainFile(e, &fs.PathError{Op: "write", Path: "/media/usb/x.json", Err: errno})
		if err == nil || !strings.Contains(err.Error(), "/media/usb/x.json: "+want) {
			t.Errorf("%v: %v", errno, err)
		}
	}
}

// -o says where it wrote, in the user's language, and whether a file that
// was there is now replaced.
func TestOutputSaysWhereItWrote(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "OUT-26", 2, 5)
	file := filepath.Join(dir, "all.json")
	for _, want := range []string{"scritto in " + file + "\n", "scritto in " + file + ", al posto del file che c’era\n"} {
		out, stderr, code := run(t, dir, "--lang", "it", "export", "--all", "-o", file)
		if code != 0 || out != want {
			t.Errorf("exit %d, said %q, want %q (%s)", code, out, want, stderr)
		}
	}
}

// -o naming a database (the one in use, where --db was meant) is refused:
// the database keeps every assessment, and the message says why.
func TestOutputNeverWritesOverADatabase(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "OUT-27", 2, 6)
	db := filepath.Join(dir, "digint.db")
	for _, args := range [][]string{{"export", "--all"}, {"workshop", "report", "OUT-27", "--json"}} {
		_, stderr, code := run(t, dir, append([]string{"--lang", "it"}, append(args, "-o", db)...)...)
		if code != 2 || !strings.Contains(stderr, db+" è un database") {
			t.Errorf("%v -o the database: exit %d, %q", args, code, stderr)
		}
	}
	if out, stderr, code := run(t, dir, "list", "--json"); code != 0 || strings.Count(out, `"asked"`) != 2 {
		t.Fatalf("the database after -o: exit %d, %s%s", code, out, stderr)
	}
}

// A line wider than the terminal breaks between words, under its own
// indent; a line that fits, or output that is not a terminal, is left.
func TestWrapLinesToTheTerminal(t *testing.T) {
	note := "digint: 1 answer was not saved. Question: \"Does your institution run a dual or joint vocational course?\"\n" +
		"  digint report ABCD-1234 > my-report.html and then open it in a browser of your choice"
	got := wrapLines(note, 40)
	for _, line := range strings.Split(got, "\n") {
		if len(line) > 40 {
			t.Errorf("a line of %d columns: %q", len(line), line)
		}
	}
	if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(note), " ") {
		t.Errorf("words changed:\n%s", got)
	}
	if !strings.Contains(got, "\n  digint report ABCD-1234") || !strings.Contains(got, "\n  my-report.html") {
		t.Errorf("the indented line lost its indent:\n%s", got)
	}
	if wrapLines(note, 0) != note || wrapLines("short", 40) != "short" {
		t.Error("output that fits or goes to no terminal was changed")
	}
}
