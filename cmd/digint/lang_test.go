package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/digint/digint/assessment"
)

// runFang runs digint as main does, through fang (its help, its man page).
func runFang(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	e, out, errb := testEnv(dir)
	root := newRoot(e, args)
	root.SetArgs(args)
	root.SetErr(errb)
	if err := fang.Execute(context.Background(), root, fangOptions(e)...); err != nil {
		return out.String(), errb.String(), exitCode(err)
	}
	return out.String(), errb.String(), 0
}

// Under another language, cobra's and the file system's errors are in it
// too, a typo gets a suggestion, and a mistyped workshop command is an
// error (exit 2), not the help.
func TestErrorsInTheUsersLanguage(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args    []string
		code    int
		want    []string
		notWant string
	}{
		{[]string{"--lang", "it", "list", "--nope"}, 2, []string{"opzione sconosciuta --nope", "vedete digint --help"}, "unknown"},
		{[]string{"--lang", "it", "list", "--limt", "3"}, 2, []string{"--limit?"}, "unknown"},
		{[]string{"--lang", "fr", "list", "--limit", "x"}, 2, []string{"«\u00a0x\u00a0»", "--limit\u00a0: donnez un nombre entier"}, "invalid"},
		{[]string{"--lang", "es", "list", "--limit"}, 2, []string{"--limit necesita un valor"}, "needs"},
		{[]string{"--lang", "nl", "reprot", "X"}, 2, []string{"bedoelde u report?"}, "unknown"},
		{[]string{"--lang", "fr", "workshop", "reprot"}, 2, []string{"«\u00a0reprot\u00a0»", "\u00a0; vouliez-vous dire report\u00a0?"}, "USAGE"},
		{[]string{"--lang", "ro", "import", filepath.Join(dir, "missing.json")}, 1, []string{"missing.json", "nu există"}, "no such"},
		{[]string{"--lang", "eu", "workshop", "report", "NOPE-1"}, 1, []string{"NOPE-1", "ez dago"}, "not found"},
		{[]string{"--lang", "it", "report", "9"}, 1, []string{"nessuna valutazione 9"}, "not found"},
	} {
		_, stderr, code := run(t, dir, c.args...)
		if code != c.code {
			t.Errorf("digint %v: exit %d, want %d (%q)", c.args, code, c.code, stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("digint %v: %q lacks %q", c.args, stderr, w)
			}
		}
		if strings.Contains(stderr, c.notWant) {
			t.Errorf("digint %v: %q still says %q", c.args, stderr, c.notWant)
		}
	}
}

// fang's help titles, the usage line's placeholders and the help cobra
// adds are in the user's language.
func TestHelpInTheUsersLanguage(t *testing.T) {
	out, _, code := runFang(t, t.TempDir(), "--lang", "fr", "--help")
	if code != 0 {
		t.Fatalf("--help: exit %d", code)
	}
	for _, w := range []string{"UTILISATION", "COMMANDES", "OPTIONS", "[commande]", "Aide sur une commande", "Aide sur digint"} {
		if !strings.Contains(out, w) {
			t.Errorf("help lacks %q:\n%s", w, out)
		}
	}
	for _, no := range []string{"USAGE", "FLAGS", "Help about", "help for", "Generate the autocompletion"} {
		if strings.Contains(out, no) {
			t.Errorf("help still says %q:\n%s", no, out)
		}
	}
	out, _, code = runFang(t, t.TempDir(), "workshop")
	if code != 0 || !strings.Contains(out, "report") {
		t.Errorf("workshop alone: exit %d, want its help\n%s", code, out)
	}
}

// runFangStdout is runFang for commands fang writes to os.Stdout itself
// (the man page).
func runFangStdout(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	_, stderr, code = runFang(t, dir, args...)
	os.Stdout = saved
	w.Close()
	return <-done, stderr, code
}

// Several files: the one that is missing is named in the user's language,
// the others still imported.
func TestImportNamesAMissingFileInTheUsersLanguage(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := run(t, dir, "--lang", "es", "import", filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json"))
	if code != 1 || !strings.Contains(stderr, "a.json: no existe") || strings.Contains(stderr, "no such file") {
		t.Errorf("exit %d %q", code, stderr)
	}
}

// What is wrong inside a file is said in the user's language, naming the
// assessment and the question, each file once; nothing of it is imported.
func TestImportProblemsInTheUsersLanguage(t *testing.T) {
	dir := t.TempDir()
	cat, _ := assessment.DefaultCatalog()
	b := cat.Current()
	var level string
	for _, it := range b.Items {
		if it.Kind == assessment.KindMaturity {
			level = it.ID
			break
		}
	}
	doc := `{"format": "digint.assessments", "version": 1, "assessments": [{"id": "0b8f5a5e-4c7e-4c52-9a2e-1f7f3c1d2a10",
		"participant": {"id": "p1", "role": "trainer"}, "bank": {"id": "` + b.ID + `", "version": "` + b.Version + `"},
		"mode": "full", "language": "en", "started_at": "2026-01-01T10:00:00Z", "updated_at": "2026-01-01T10:00:00Z",
		"answers": [{"item": "` + level + `", "status": "answered", "value": 9}]}]}`
	bad, cut := filepath.Join(dir, "bad.json"), filepath.Join(dir, "cut.json")
	os.WriteFile(bad, []byte(doc), 0o600)
	os.WriteFile(cut, []byte(doc[:200]), 0o600)

	_, stderr, code := run(t, dir, "--lang", "it", "import", bad)
	for _, w := range []string{"bad.json", "valutazione 1", level, "9"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("%q lacks %q", stderr, w)
		}
	}
	if code != 1 || strings.Contains(stderr, "assessment") || strings.Contains(stderr, "outside") {
		t.Errorf("exit %d, not in Italian: %q", code, stderr)
	}
	_, stderr, _ = run(t, dir, "--lang", "fr", "import", bad, cut)
	if strings.Count(stderr, "bad.json") != 1 || strings.Count(stderr, "cut.json") != 1 || strings.Contains(stderr, "unexpected EOF") {
		t.Errorf("each file once, in French: %q", stderr)
	}
	if out, _, _ := run(t, dir, "list"); strings.Contains(out, "p1") {
		t.Errorf("a refused file was imported: %s", out)
	}
}

// A database that is not one is said in the user's language alone: the
// store's English words stay behind.
func TestNotADatabaseOnlyInTheUsersLanguage(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.json")
	os.WriteFile(notDB, []byte(`{"hello": 1}`), 0o600)
	_, stderr, code := run(t, dir, "--db", notDB, "--lang", "fr", "list")
	if code != 1 || !strings.Contains(stderr, "n’est pas une base de données digint") || strings.Contains(stderr, "not a digint database") {
		t.Errorf("exit %d: %q", code, stderr)
	}
	if data, _ := os.ReadFile(notDB); string(data) != `{"hello": 1}` {
		t.Errorf("the file was changed: %q", data)
	}
}

// A folder given to import is called a folder, not an empty file; -o
// below a file says a part of its path is a file.
func TestPathsThatAreNotWhatTheySeem(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := run(t, dir, "--lang", "fr", "import", dir)
	if code != 1 || !strings.Contains(stderr, dir+" est un dossier") {
		t.Errorf("import of a folder: exit %d %q", code, stderr)
	}
	laptop(t, dir, "PTH-26", 1, 1)
	file := filepath.Join(dir, "digint.db")
	_, stderr, code = run(t, dir, "--lang", "fr", "export", "--all", "-o", filepath.Join(file, "x.json"))
	if code != 1 || !strings.Contains(stderr, "une partie de son chemin est un fichier") || strings.Contains(stderr, "not a directory") {
		t.Errorf("-o below a file: exit %d %q", code, stderr)
	}
}

// At 80 columns each command's and flag's description wraps between words
// under its own column; where the keys leave too little room (the root's
// help), every description goes below its key. Piped help is left alone.
func TestHelpFitsTheTerminal(t *testing.T) {
	for _, c := range []struct {
		args  []string
		below bool
	}{{[]string{"--lang", "fr", "workshop", "--help"}, false}, {[]string{"--help"}, true}} {
		e, _, _ := testEnv(t.TempDir())
		var out strings.Builder
		root := newRoot(e, c.args)
		hw := newHelpWriter(e, &out)
		hw.width = 80
		root.SetOut(hw)
		root.SetArgs(c.args)
		if err := fang.Execute(context.Background(), root, fangOptions(e)...); err != nil {
			t.Fatal(err)
		}
		got := ansi.Strip(out.String())
		for _, line := range strings.Split(got, "\n") { // the rows and their wrapped lines
			if w := ansi.StringWidth(line); strings.HasPrefix(line, "    ") && w > 80 {
				t.Errorf("digint %v: a line of %d columns: %q", c.args, w, line)
			}
		}
		var shorts []string
		var walk func(cmd *cobra.Command)
		walk = func(cmd *cobra.Command) {
			for _, sub := range cmd.Commands() {
				if sub.IsAvailableCommand() {
					shorts = append(shorts, sub.Short)
				}
			}
		}
		found, _, _ := root.Find(c.args)
		walk(found)
		flat := strings.ToLower(strings.Join(strings.Fields(got), " ")) // fang capitalises them
		for _, s := range shorts {
			if !strings.Contains(flat, strings.ToLower(strings.Join(strings.Fields(s), " "))) {
				t.Errorf("digint %v: the description %q is not there whole", c.args, s)
			}
		}
		wrapped := regexp.MustCompile(`\n {4}\S[^\n]*\n {8}\S`).MatchString(got)
		if wrapped != c.below {
			t.Errorf("digint %v: descriptions below their keys: %v, want %v\n%s", c.args, wrapped, c.below, got)
		}
		if !c.below && !regexp.MustCompile(`\n {34}\S`).MatchString(got) {
			t.Errorf("digint %v: no description goes on under its column\n%s", c.args, got)
		}
	}
	e, _, _ := testEnv(t.TempDir())
	newRoot(e, nil)
	var piped strings.Builder
	hw := newHelpWriter(e, &piped)
	row := "    close CODE  " + strings.Repeat("word ", 40)
	hw.Write([]byte("USAGE\n"))
	hw.Write([]byte(row))
	if piped.String() != "USAGE\n"+row {
		t.Errorf("help to a pipe was changed: %q", piped.String())
	}
	// A completion script printed to the terminal is not help: no line of
	// it changes, however long.
	args := []string{"completion", "bash"}
	var script, plain string
	for _, c := range []struct {
		out   *string
		width int
	}{{&script, 40}, {&plain, 0}} {
		e, stdout, _ := testEnv(t.TempDir())
		root := newRoot(e, args)
		root.OutOrStdout().(*helpWriter).width = c.width // the writer cobra's completion took
		root.SetArgs(args)
		if err := fang.Execute(context.Background(), root, fangOptions(e)...); err != nil {
			t.Fatal(err)
		}
		*c.out = stdout.String()
	}
	if script != plain || !regexp.MustCompile(`(?m)^ +\S+( \S+)*  +\S.{40}`).MatchString(script) {
		t.Errorf("the completion script changed at 40 columns (%d bytes, %d unchanged)", len(script), len(plain))
	}
}
