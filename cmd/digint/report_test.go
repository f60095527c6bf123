package main

import (
	"bytes"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/assessment/sample"
	"github.com/digint/digint/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// importPair imports two assessments of one person (a quick scan, then a
// full assessment a week later) and returns the later one's id.
func importPair(t *testing.T, dir, name, lang string) string {
	t.Helper()
	cat, _ := assessment.DefaultCatalog()
	b := cat.Current()
	rng := rand.New(rand.NewPCG(21, 22))
	before := sample.Assessment(b, rng, assessment.ModeQuick)
	a := sample.Assessment(b, rng, assessment.ModeFull)
	p := assessment.Participant{ID: "5d0f8f7e-3b7e-4c55-a7f0-1c7b8d9e0a11", Name: name, Role: "trainer", Institution: "CIFP Easo " + name}
	for i, x := range []*assessment.Assessment{before, a} {
		x.Participant, x.Language = p, lang
		x.StartedAt = time.Date(2026, 10, 1+7*i, 9, 0, 0, 0, time.UTC)
		done := x.StartedAt.Add(30 * time.Minute)
		x.UpdatedAt, x.CompletedAt = done, &done
	}
	develop := 0
	for i := range a.Answers {
		if a.Answers[i].Develop {
			develop++
			a.Answers[i].Develop = develop <= 3
		}
		if a.Answers[i].Other != "" {
			a.Answers[i].Other = name
		}
	}
	a.Answers[0].Note = "Reviewed by the board.\n" + name
	a.Answers[1].Note = strings.Repeat("9", 400)
	importAssessments(t, dir, "in.json", []*assessment.Assessment{before, a}, a.UpdatedAt)
	return a.ID
}

func TestTextReportGolden(t *testing.T) {
	dir := t.TempDir()
	id := importPair(t, dir, "Ana Pérez", "en")
	// Dates print in local time: the golden file is in UTC.
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.UTC
	out, stderr, code := run(t, dir, "report", id, "--lang", "en")
	if code != 0 {
		t.Fatalf("report: %s", stderr)
	}
	path := filepath.Join("testdata", "report-en.golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(path, []byte(out), 0o644)
	}
	want, _ := os.ReadFile(path)
	if out != string(want) {
		t.Errorf("the text report differs from %s (run with -update and look at the diff)", path)
	}
	for _, must := range []string{"CIFP Easo Ana Pérez", "Reviewed by the board.", "We want to develop this:", "Not like for like"} {
		if !strings.Contains(out, must) {
			t.Errorf("the report lacks %q", must)
		}
	}
}

// Every line fits 80 columns, even in a language with long words and for
// names and notes as long as they may be, in one word; and what was typed
// cannot act on the terminal.
func TestTextReportFits80ColumnsAndIsInert(t *testing.T) {
	name := "\x1b]0;owned\x07\u202eevil " + strings.Repeat("Ö", 80)
	for _, lang := range []string{"en", "eu", "fr"} {
		dir := t.TempDir()
		id := importPair(t, dir, name, lang)
		out, stderr, code := run(t, dir, "report", id, "--lang", lang)
		if code != 0 {
			t.Fatalf("report: %s", stderr)
		}
		for i, l := range strings.Split(out, "\n") {
			if w := ansi.StringWidth(l); w > textWidth {
				t.Errorf("%s line %d is %d columns: %q", lang, i+1, w, ansi.Truncate(l, 90, "…"))
			}
		}
		for _, r := range out {
			if r == 0x1b || r == 0x07 || r == 0x202e {
				t.Fatalf("%s: %U reached the terminal", lang, r)
			}
		}
		if strings.Count(out, "Ö") < 3*80 {
			t.Errorf("%s: the name, institution or note lost text", lang)
		}
		if lang == "fr" && (!strings.Contains(out, "Référentiel\u00a0: ") || strings.Contains(out, "Référentiel: ")) {
			t.Errorf("fr: the bank's line lacks the French colon:\n%s", out)
		}
	}
}

func TestWrapNeverCutsANumber(t *testing.T) {
	for width := 8; width < 40; width++ {
		lines := wrap("closes your Global competence gap of 29.1 points; priority 1234.5", "  ", width)
		joined := strings.Join(lines, "\n")
		for _, n := range []string{"29.1", "1234.5"} {
			if !strings.Contains(joined, n) {
				t.Errorf("width %d: %q cut: %q", width, n, lines)
			}
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > width {
				t.Errorf("width %d: %q too wide", width, l)
			}
		}
	}
}

func TestHTMLReportToFileAndStdout(t *testing.T) {
	dir := t.TempDir()
	id := importPair(t, dir, "<script>alert(1)</script>", "it")
	out, stderr, code := run(t, dir, "report", id, "--html")
	if code != 0 || !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.Contains(out, `<html lang="it">`) {
		t.Fatalf("report --html: %d %s %.200s", code, stderr, out)
	}
	if strings.Contains(out, "<script>") || !strings.Contains(out, "&lt;script&gt;") {
		t.Error("the name was not escaped")
	}
	file := filepath.Join(dir, "r.html")
	if _, stderr, code := run(t, dir, "report", id, "--html", "-o", file, "--lang", "en"); code != 0 {
		t.Fatalf("-o: %s", stderr)
	}
	data, err := os.ReadFile(file)
	fi, _ := os.Stat(file)
	if err != nil || !bytes.Contains(data, []byte(`<html lang="en">`)) || fi.Mode().Perm() != 0o600 {
		t.Errorf("written page: %v, mode %v", err, fi.Mode())
	}
	// A symbolic link at the target is replaced, never followed: what it
	// points to is left alone (the same for every file digint writes).
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("keep"), 0o600)
	link := filepath.Join(dir, "link.html")
	os.Symlink(victim, link)
	if _, stderr, code := run(t, dir, "report", id, "--html", "-o", link); code != 0 {
		t.Errorf("symlink: %d %s", code, stderr)
	}
	if got, _ := os.ReadFile(victim); string(got) != "keep" {
		t.Error("the link's target was written")
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink != 0 || fi.Mode().Perm() != 0o600 {
		t.Error("the link is still there: the page went nowhere")
	}
	// A folder that does not exist, or a folder in the way: the message
	// names the file asked for.
	for _, bad := range []string{filepath.Join(dir, "nope", "r.html"), dir} {
		if _, stderr, code := run(t, dir, "report", id, "--html", "-o", bad); code != 1 || !strings.Contains(stderr, bad) || strings.Contains(stderr, ".tmp") {
			t.Errorf("-o %s: %d %q", bad, code, stderr)
		}
	}
	if _, _, code := run(t, dir, "report", id, "--html", "--json"); code != 2 {
		t.Errorf("--html --json: exit %d, want 2", code)
	}
	// -o takes the text and the JSON too.
	for _, c := range []struct{ flag, want string }{{"", "Overall: "}, {"--json", `"competences"`}} {
		text := filepath.Join(dir, "report"+c.flag)
		args := []string{"report", id, "-o", text}
		if c.flag != "" {
			args = append(args, c.flag)
		}
		out, stderr, code := run(t, dir, args...)
		got, _ := os.ReadFile(text)
		if code != 0 || !strings.Contains(string(got), c.want) || !strings.Contains(out, "written to "+text) {
			t.Errorf("%v: exit %d %q %q; the file holds %.60q", args, code, out, stderr, got)
		}
	}
}

func TestWorkshopReportHTML(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "HTML42", 7, 5)
	laptop(t, filepath.Join(dir), "OLD042", 5, 6)
	file := filepath.Join(dir, "group.html")
	out, stderr, code := run(t, dir, "workshop", "report", "html42", "--html", "-o", file, "--compare", "OLD042", "--lang", "fr")
	if code != 0 {
		t.Fatalf("workshop report --html: %s", stderr)
	}
	data, _ := os.ReadFile(file)
	for _, want := range []string{`<html lang="fr">`, "Bologna pilot", "HTML42", "OLD042", "<svg"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the group page lacks %q (%s)", want, out)
		}
	}
	// French puts a (no-break) space before a colon, counts included.
	if !bytes.Contains(data, []byte("\u00a0: <b>")) || regexp.MustCompile(`[^\s\x{00a0}]: ?<b>`).Match(data) {
		t.Errorf("the French page's counts lack the French colon")
	}
	// Without --html, -o takes the printed report (never the screen), or the JSON.
	for _, c := range []struct{ flag, want string }{{"", "Workshop: Bologna pilot"}, {"--json", `"workshop": "HTML42",
  "bank"`}} {
		args := []string{"workshop", "report", "HTML42", "-o", file}
		if c.flag != "" {
			args = append(args, c.flag)
		}
		_, stderr, code := run(t, dir, args...)
		data, _ := os.ReadFile(file)
		if code != 0 || !bytes.Contains(data, []byte(c.want)) || bytes.Contains(data, []byte("\x1b[")) {
			t.Errorf("%v: exit %d %q; the file holds %.80q", args, code, stderr, data)
		}
	}
}

// The text report of half-done and empty assessments, in every language:
// whole and within 80 columns.
func TestTextReportOfPartialAssessments(t *testing.T) {
	cat, _ := assessment.DefaultCatalog()
	for _, l := range i18n.Languages() {
		b, err := i18n.Bank(cat.Current(), l.Tag)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(51, 52))
		for i := range 6 {
			a := sample.Partial(b, rng)
			if i == 0 {
				a.Answers = nil
			}
			var out bytes.Buffer
			e := &env{stdout: &out, loc: i18n.MustNew(l.Tag)}
			writeReport(e, e.stdout, report.Build(b, a, &report.Previous{Assessment: sample.Assessment(b, rng, assessment.ModeFull), Bank: b}, nil), textWidth)
			for n, line := range strings.Split(out.String(), "\n") {
				if ansi.StringWidth(line) > textWidth {
					t.Errorf("%s #%d line %d: %d columns: %q", l.Tag, i, n+1, ansi.StringWidth(line), line)
				}
			}
			if !strings.Contains(out.String(), a.ID) {
				t.Errorf("%s #%d: no id", l.Tag, i)
			}
		}
	}
}

// What was typed reaches the text report inert and whole, whatever the
// store let through: escapes, bidi overrides, markup, 10,000 characters.
func TestTextReportOfHostileModel(t *testing.T) {
	cat, _ := assessment.DefaultCatalog()
	b := cat.Current()
	a := sample.Assessment(b, rand.New(rand.NewPCG(61, 62)), assessment.ModeFull)
	rep := report.Build(b, a, nil, nil)
	long := strings.Repeat("Z", 10_000)
	evil := "\x1b]0;owned\x07\x1b[2J\u202eevil\u2066<script>alert(1)</script>" + long
	rep.Person.Name, rep.Person.Institution = evil, evil
	rep.Develop = append(rep.Develop, report.Entry{Item: report.Label{ID: "x", Title: "Item"}, Status: assessment.StatusAnswered,
		Answer: []string{evil}, Other: evil, Note: evil + "\n" + evil})
	var out bytes.Buffer
	writeReport(&env{stdout: &out, loc: i18n.MustNew("en")}, &out, rep, textWidth)
	for _, r := range out.String() {
		if r == 0x1b || r == 0x07 || r == 0x202e || r == 0x2066 {
			t.Fatalf("%U reached the terminal", r)
		}
	}
	for n, line := range strings.Split(out.String(), "\n") {
		if ansi.StringWidth(line) > textWidth {
			t.Fatalf("line %d: %d columns", n+1, ansi.StringWidth(line))
		}
	}
	// name, institution, answer, Other and the note's two lines
	if got := strings.Count(out.String(), "Z"); got != 6*10_000 {
		t.Errorf("%d of %d typed characters shown", got, 6*10_000)
	}
}
