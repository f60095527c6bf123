package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// run executes digint with args against a database in dir and returns its
// output and exit status, as the shell would see them.
func run(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	e, out, errb := testEnv(dir)
	root := newRoot(e, args)
	root.SetArgs(args)
	if err := root.ExecuteContext(context.Background()); err != nil {
		e.printError(errb, fangStyles(), err)
		return out.String(), errb.String(), exitCode(err)
	}
	return out.String(), errb.String(), 0
}

// testEnv is the environment of a test run: the database in dir, no
// input, output captured.
func testEnv(dir string) (e *env, stdout, stderr *bytes.Buffer) {
	stdout, stderr = &bytes.Buffer{}, &bytes.Buffer{}
	e = &env{getenv: func(k string) string {
		if k == "DIGINT_DB" {
			return filepath.Join(dir, "digint.db")
		}
		return ""
	}, stdin: strings.NewReader(""), stdout: stdout, stderr: stderr}
	return e, stdout, stderr
}

func TestBankJSON(t *testing.T) {
	out, _, code := run(t, t.TempDir(), "bank", "--json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var b map[string]any
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "version", "sections", "dimensions", "competences", "roles", "courses", "guidelines", "items"} {
		if _, ok := b[k]; !ok {
			t.Errorf("bank --json lacks %q", k)
		}
	}
	it, _, _ := run(t, t.TempDir(), "bank", "--json", "--lang", "it")
	if !strings.Contains(it, "Internazionalizzazione") {
		t.Error("bank --json --lang it is not in Italian")
	}
}

// emptyDatabase makes the database of dir, with nothing in it yet.
func emptyDatabase(t *testing.T, dir string) {
	t.Helper()
	s, err := storage.Open(filepath.Join(dir, "digint.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// A database named with --db or DIGINT_DB that is not there is a mistyped
// path: a reading command says so and leaves no empty database behind.
func TestReadingAMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	typo := filepath.Join(dir, "digitn.db")
	for _, args := range [][]string{{"list"}, {"report", "abc"}, {"export", "--all"}, {"workshop", "list"}, {"--lang", "fr", "list"}} {
		_, stderr, code := run(t, dir, append([]string{"--db", typo}, args...)...)
		want := "There is no database at " + typo
		if args[0] == "--lang" {
			want = "Il n’y a pas de base de données à " + typo
		}
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("digint %v on a missing database: exit %d, %q", args, code, stderr)
		}
		if _, err := os.Stat(typo); err == nil {
			t.Fatalf("digint %v made the database it was told is not there", args)
		}
	}
	empty := filepath.Join(dir, "empty.json")
	os.WriteFile(empty, []byte(`{"format": "digint.assessments", "version": 2, "assessments": []}`), 0o600)
	if _, stderr, code := run(t, dir, "--db", typo, "import", empty); code != 0 {
		t.Errorf("import did not start the named database: exit %d, %q", code, stderr)
	}
	if out, stderr, code := run(t, dir, "--db", typo, "list"); code != 0 || stderr != "" || !strings.Contains(out, "No assessments") {
		t.Errorf("list after the database was made: exit %d, %q, %q", code, out, stderr)
	}
}

func TestUsageAndErrors(t *testing.T) {
	dir := t.TempDir()
	emptyDatabase(t, dir)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report"}, 2, "one assessment id"},
		{[]string{"export"}, 2, "--all"},
		{[]string{"erase"}, 2, "erase takes"},
		{[]string{"import"}, 2, "at least one file"},
		{[]string{"--nope"}, 2, "unknown option --nope"},
		{[]string{"bank", "--lang", "tlh"}, 2, `language “tlh”`},
		{[]string{"report", "00000000-0000-4000-8000-000000000000"}, 1, "00000000-0000-4000-8000-000000000000"},
		{[]string{"import", filepath.Join(dir, "missing.json")}, 1, "missing.json"},
		{nil, 1, "no terminal"},
	}
	for _, c := range cases {
		_, stderr, code := run(t, dir, c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("digint %v: exit %d, stderr %q; want exit %d mentioning %q", c.args, code, stderr, c.code, c.want)
		}
		if n := strings.Count(strings.TrimSpace(stderr), "\n"); n > 0 {
			t.Errorf("digint %v: error takes %d lines, want one", c.args, n+1)
		}
	}
}

// import → list → report → export → erase, on one database.
func TestImportReportExportErase(t *testing.T) {
	dir := t.TempDir()
	cat, _ := assessment.DefaultCatalog()
	b := cat.Current()
	a := &assessment.Assessment{ID: "6f1c1f0e-8a4e-4b8e-9d6c-3c1f2a9b7e10",
		Participant: assessment.Participant{ID: "p1", Name: "Ana", Role: "trainer"},
		Bank:        assessment.BankRef{ID: b.ID, Version: b.Version}, Mode: assessment.ModeQuick, Language: "es"}
	a.StartedAt = mustTime("2026-10-01T09:00:00Z")
	a.UpdatedAt = a.StartedAt
	for _, it := range b.Asked(assessment.ModeQuick) {
		switch it.Kind {
		case assessment.KindMaturity:
			a.Answers = append(a.Answers, assessment.Answer{Item: it.ID, Status: assessment.StatusAnswered, Value: assessment.Number(2)})
		case assessment.KindYesNo:
			a.Answers = append(a.Answers, assessment.Answer{Item: it.ID, Status: assessment.StatusAnswered, Value: assessment.String("yes")})
		}
	}
	doc, err := assessment.NewDocument(cat, []*assessment.Assessment{a}, a.UpdatedAt)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "in.json")
	f, _ := os.Create(file)
	doc.Write(f)
	f.Close()

	if out, stderr, code := run(t, dir, "import", file); code != 0 || !strings.Contains(out, "1 added") {
		t.Fatalf("import: %d %s %s", code, out, stderr)
	}
	if out, _, _ := run(t, dir, "import", file); !strings.Contains(out, "1 already up to date") {
		t.Errorf("second import: %s", out)
	}
	if out, _, _ := run(t, dir, "list"); !strings.Contains(out, a.ID) || !strings.Contains(out, "Ana") {
		t.Errorf("list: %s", out)
	}
	out, _, code := run(t, dir, "report", a.ID, "--json")
	var r assessment.Result
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil {
		t.Fatalf("report --json: %d %s", code, out)
	}
	if want := assessment.Score(b, a); jsonString(r) != jsonString(want) {
		t.Errorf("report --json differs from the engine")
	}
	if out, _, _ := run(t, dir, "report", a.ID); !strings.Contains(out, "Global competence") || !strings.Contains(out, "Overall:") {
		t.Errorf("report: %s", out)
	}
	exported := filepath.Join(dir, "out.json")
	if _, stderr, code := run(t, dir, "export", "--all", "-o", exported); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	data, _ := os.ReadFile(exported)
	back, err := assessment.Decode(bytes.NewReader(data), cat)
	if err != nil || len(back.Assessments) != 1 || back.Assessments[0].ID != a.ID {
		t.Fatalf("export is not the assessment: %v", err)
	}
	if _, _, code := run(t, dir, "erase", a.ID); code != 0 {
		t.Fatal("erase failed")
	}
	if out, _, _ := run(t, dir, "list"); strings.Contains(out, a.ID) {
		t.Errorf("erased assessment still listed: %s", out)
	}
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestNeedsBank: commands that only print do not build the bank at start.
func TestNeedsBank(t *testing.T) {
	for _, c := range []struct {
		args []string
		want bool
	}{
		{nil, true}, // the wizard
		{[]string{"version"}, false},
		{[]string{"--lang", "it", "help"}, true}, // "it" could be a command: when unsure, load
		{[]string{"--help"}, false},
		{[]string{"completion", "bash"}, false},
		{[]string{"__complete", "li"}, false},
		{[]string{"list"}, true},
		{[]string{"--no-color", "workshop", "report", "X"}, true},
	} {
		if got := needsBank(c.args); got != c.want {
			t.Errorf("needsBank(%q) = %v, want %v", c.args, got, c.want)
		}
	}
	out, _, code := run(t, t.TempDir(), "version")
	if b, _ := assessment.Default(); code != 0 || !strings.Contains(out, fmt.Sprintf("(%s %s, %s v%d)", b.ID, b.Version, assessment.DocumentFormat, assessment.DocumentVersion)) {
		t.Errorf("version says %q (exit %d)", out, code)
	}
}

// The erase confirmation takes the language's yes with or without its
// accent, in any case, and nothing else.
func TestEraseConfirmedWithOrWithoutAccents(t *testing.T) {
	for lang, c := range map[string]struct{ yes, no []string }{
		"it": {[]string{"sì", "si", "SI", " Sì \n", "yes"}, []string{"", "s", "no", "sii"}},
		"es": {[]string{"sí", "si", "Sí"}, []string{"s", "no"}},
		"fr": {[]string{"oui", "OUI"}, []string{"o", "non"}},
	} {
		e := &env{loc: i18n.MustNew(lang)}
		for _, typed := range c.yes {
			if !confirmed(e, typed) {
				t.Errorf("%s: %q did not confirm", lang, typed)
			}
		}
		for _, typed := range c.no {
			if confirmed(e, typed) {
				t.Errorf("%s: %q confirmed", lang, typed)
			}
		}
	}
}

// --db with nothing in it (an empty $VAR) is bad usage: it never falls
// back to another database.
func TestEmptyDBIsBadUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"list"}, {"export", "--all"}, {"workshop", "list"}} {
		out, stderr, code := run(t, dir, append([]string{"--lang", "it", "--db", " "}, args...)...)
		if code != 2 || out != "" || !strings.Contains(stderr, "--db non indica nessun database") {
			t.Errorf("--db ' ' %v: exit %d, %q %q", args, code, out, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "digint.db")); err == nil {
		t.Error("a database was made")
	}
}

// help on a word that is no command refuses it as the command itself
// would, instead of showing the general help and succeeding.
func TestHelpOnAnUnknownCommand(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"--lnag", "it", "list"}, {"list", "--lnag", "it"}} {
		if _, stderr, code := run(t, dir, args...); code != 2 || strings.Count(stderr, "--lang") != 1 {
			t.Errorf("%v: exit %d, %q: want --lang suggested once", args, code, stderr)
		}
	}
	if _, stderr, code := run(t, dir, "--lang", "it", "help", "lisst"); code != 2 || !strings.Contains(stderr, "«lisst» non è un comando di digint; forse intendevate list?") {
		t.Errorf("help lisst: exit %d, %q", code, stderr)
	}
	if out, _, code := run(t, dir, "help", "list"); code != 0 || !strings.Contains(out, "--limit") {
		t.Errorf("help list: exit %d, %q", code, out)
	}
}

// A reading command leaves an empty file as it is: SQLite would have
// made it a database (and check called it undamaged).
func TestReadingCommandsLeaveAnEmptyFile(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"list"}, {"check"}, {"export", "--all"}} {
		_, stderr, code := run(t, dir, append([]string{"--db", empty}, args...)...)
		if code != 1 || !strings.Contains(stderr, "is not a digint database") {
			t.Errorf("%v on an empty file: exit %d, %q", args, code, stderr)
		}
	}
	if fi, err := os.Stat(empty); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file was changed: %v", err)
	}
}

// bank as text shows what its help promises: beside the items, the roles,
// each competence's target for every role, and the modules by course.
func TestBankTextListsCompetencesRolesModules(t *testing.T) {
	out, _, code := run(t, t.TempDir(), "bank", "--lang", "fr")
	cat, _ := assessment.DefaultCatalog()
	b, _ := i18n.Bank(cat.Current(), "fr")
	role, co, mod := b.Roles[0], b.Competences[0], b.Courses[0].Modules[0]
	for _, want := range []string{role.Title, co.Title + " (" + role.ID + " ", mod.ID, mod.Title, "niveau 0–4", "autoévaluation"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("bank leaves out %q (exit %d)", want, code)
		}
	}
	if strings.Contains(out, " maturity ") || strings.Contains(out, " selfrating ") {
		t.Error("bank names the kinds of question in English")
	}
}

// A command we suggest names the database the user gave, a PostgreSQL
// URL without its password: the line is printed, and may be projected.
func TestSuggestedCommandHidesThePassword(t *testing.T) {
	got := (&env{db: "postgres://digint:s3cret@db.example/digint"}).commandLine("workshop", "list")
	if strings.Contains(got, "s3cret") || !strings.Contains(got, "db.example") || !strings.HasSuffix(got, " workshop list") {
		t.Errorf("commandLine = %q", got)
	}
	if got := (&env{db: "/tmp/my db.sqlite"}).commandLine("list"); got != "digint --db '/tmp/my db.sqlite' list" {
		t.Errorf("a file's path: %q", got)
	}
}

// A command's description breaks between words, within fang's width: a
// flag it names is never cut at its hyphen ("--" then "lang").
func TestLongDescriptionsBreakBetweenWords(t *testing.T) {
	root := newRoot(&env{getenv: func(string) string { return "" }}, nil)
	export, _, err := root.Find([]string{"workshop", "export"})
	if err != nil {
		t.Fatal(err)
	}
	fitLongs(export, 60)
	for _, line := range strings.Split(export.Long, "\n") {
		if ansi.StringWidth(line) > 60-descIndent || strings.HasSuffix(line, "-") {
			t.Errorf("a line of %d columns, or cut at a hyphen: %q", ansi.StringWidth(line), line)
		}
	}
	if !strings.Contains(export.Long, "--lang") || strings.Count(export.Long, "\n\n") < 1 {
		t.Errorf("the description lost words or paragraphs:\n%s", export.Long)
	}
}
