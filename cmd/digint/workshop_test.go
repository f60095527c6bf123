package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
	"github.com/digint/digint/storage"
)

// laptop fills a database in dir with n participants of workshop code, as
// a laptop in kiosk mode would.
func laptop(t *testing.T, dir, code string, n int, seed uint64) {
	t.Helper()
	if _, stderr, c := run(t, dir, "workshop", "new", "Bologna pilot", "--code", code, "--pin", "471147"); c != 0 {
		t.Fatalf("workshop new: %s", stderr)
	}
	cat, _ := assessment.DefaultCatalog()
	s, err := storage.Open(filepath.Join(dir, "digint.db"), cat)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(seed, seed))
	for range n {
		a, err := s.Start(context.Background(), storage.NewAssessment{Participant: assessment.Participant{Role: []string{"trainer", "manager", "policy"}[rng.IntN(3)]},
			Language: "en", Mode: assessment.ModeQuick, Workshop: code})
		if err != nil {
			t.Fatal(err)
		}
		for _, ans := range sample.Answers(cat.Current(), rng, assessment.ModeQuick) {
			if err := s.SaveAnswer(context.Background(), a.ID, ans); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Complete(context.Background(), a.ID); err != nil {
			t.Fatal(err)
		}
	}
}

// Three laptops export their workshop; the facilitator imports all three
// twice: the same group as importing once, covering everyone.
func TestMergeLaptops(t *testing.T) {
	const code = "BLQ-25"
	var files []string
	for i, n := range []int{3, 4, 2} {
		dir := t.TempDir()
		laptop(t, dir, code, n, uint64(i+1))
		f := filepath.Join(t.TempDir(), "laptop.json")
		if _, stderr, c := run(t, dir, "workshop", "export", code, "-o", f); c != 0 {
			t.Fatalf("export: %s", stderr)
		}
		files = append(files, f)
	}
	hub := t.TempDir()
	if _, stderr, c := run(t, hub, append([]string{"import"}, files...)...); c != 0 {
		t.Fatalf("import: %s", stderr)
	}
	once, _, _ := run(t, hub, "workshop", "report", code, "--json")
	if out, _, _ := run(t, hub, append([]string{"import"}, files...)...); strings.Count(out, "already up to date") != 3 {
		t.Errorf("second import: %s", out)
	}
	twice, _, _ := run(t, hub, "workshop", "report", code, "--json")
	if once != twice {
		t.Error("importing the laptops twice changed the group")
	}
	var g assessment.GroupReport
	if err := json.Unmarshal([]byte(twice), &g); err != nil {
		t.Fatal(err)
	}
	if g.Assessments != 9 || g.Complete != 9 {
		t.Errorf("group of %d (%d complete), want 9", g.Assessments, g.Complete)
	}
	for _, rg := range g.ByRole {
		if rg.N < assessment.MinGroup {
			t.Errorf("role %s shown with %d people", rg.Role, rg.N)
		}
	}
	// A role gives no mean (the whole group's less the role's is the
	// rest's: one person's, when one is left), lowest or highest (beside
	// the group's, they tell whose score the group's extreme is).
	var raw struct {
		Overall map[string]any `json:"overall"`
		ByRole  []struct {
			Overall map[string]any `json:"overall"`
		} `json:"by_role"`
	}
	if err := json.Unmarshal([]byte(twice), &raw); err != nil || raw.Overall == nil || len(raw.ByRole) == 0 {
		t.Fatalf("group JSON without overall or roles: %v", err)
	}
	for _, rg := range raw.ByRole {
		if len(rg.Overall) != 2 || rg.Overall["median"] == nil {
			t.Errorf("a role's overall gives more than its count and median: %v", rg.Overall)
		}
	}
	text, _, _ := run(t, hub, "workshop", "report", code)
	// The title travels with the laptops' exports.
	if !strings.Contains(text, "Workshop: Bologna pilot") || !strings.Contains(text, "9 assessments") {
		t.Errorf("text report:\n%s", text)
	}
}

func TestWorkshopCommands(t *testing.T) {
	dir := t.TempDir()
	out, stderr, c := run(t, dir, "workshop", "new", "Lyon", "--pin", "12")
	if c != 2 || !strings.Contains(stderr, "PIN") {
		t.Errorf("short PIN: exit %d %s", c, stderr)
	}
	out, _, c = run(t, dir, "workshop", "new", "Lyon", "--pin", "246802")
	code := strings.TrimSpace(out)
	if c != 0 || !assessment.ValidWorkshopCode(code) {
		t.Fatalf("workshop new printed %q", out)
	}
	if out, _, _ := run(t, dir, "workshop", "list"); !strings.Contains(out, code) || !strings.Contains(out, "open") {
		t.Errorf("list: %s", out)
	}
	cat, _ := assessment.DefaultCatalog()
	s, _ := storage.Open(filepath.Join(dir, "digint.db"), cat)
	a, _ := s.Start(context.Background(), storage.NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Language: "en",
		Mode: assessment.ModeQuick, Workshop: code})
	s.SaveAnswer(context.Background(), a.ID, assessment.Answer{Item: "cur-str-strategy", Status: assessment.StatusAnswered,
		Value: assessment.Number(3), Note: "never in a spreadsheet"})
	s.Close()

	for kind, header := range map[string]string{"items": "item", "competences": "competence"} {
		out, stderr, c := run(t, dir, "workshop", "export", code, "--csv", kind)
		if c != 0 {
			t.Fatalf("csv %s: %s", kind, stderr)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) < 2 || !strings.Contains(strings.Join(rows[0], ","), header) {
			t.Errorf("csv %s: %v %q", kind, err, out)
		}
		if strings.Contains(out, "never in a spreadsheet") {
			t.Errorf("csv %s carries notes", kind)
		}
	}
	if kind, _ := run2(t, dir, "workshop", "export", code, "--csv", "cells"); kind != 2 {
		t.Errorf("--csv cells: exit %d", kind)
	}
	if _, _, c := run(t, dir, "workshop", "report", "NOPE99"); c != 1 {
		t.Errorf("report of an unknown workshop: exit %d", c)
	}
	exported := filepath.Join(dir, "w.json")
	run(t, dir, "workshop", "export", code, "-o", exported)
	if out, _, c := run(t, dir, "workshop", "close", code, "--erase"); c != 0 || !strings.Contains(out, "erased") {
		t.Errorf("close: %s", out)
	}
	if out, _, _ := run(t, dir, "list"); strings.Contains(out, a.ID) {
		t.Error("closing with --erase left the assessment")
	}
	data, _ := os.ReadFile(exported)
	if !bytes.Contains(data, []byte(a.ID)) {
		t.Error("the export made before closing lacks the assessment")
	}
	// A closed workshop no longer starts the wizard.
	if _, stderr, c := run(t, dir, "--workshop", code, "--accessible"); c != 1 || !strings.Contains(stderr, "closed") {
		t.Errorf("wizard in a closed workshop: exit %d %s", c, stderr)
	}
	if _, stderr, c := run(t, dir, "--kiosk"); c != 2 || !strings.Contains(stderr, "--workshop") {
		t.Errorf("--kiosk alone: exit %d %s", c, stderr)
	}
}

func run2(t *testing.T, dir string, args ...string) (int, string) {
	_, stderr, c := run(t, dir, args...)
	return c, stderr
}

// A participant joining on their own laptop: the workshop is created with
// their first assessment; kiosk mode still needs a workshop with a PIN.
func TestJoinWorkshopOnOwnLaptop(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	e := &env{getenv: func(k string) string {
		if k == "DIGINT_DB" {
			return filepath.Join(dir, "digint.db")
		}
		return ""
	}, stdin: strings.NewReader("1\nMarta\n1\n\n1\n" + strings.Repeat("2\n", 25)), stdout: &out, stderr: &errb}
	root := newRoot(e, nil)
	root.SetArgs([]string{"--workshop", "blq-25", "--accessible"})
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	list, _, _ := run(t, dir, "list", "--json")
	if !strings.Contains(list, `"workshop": "BLQ-25"`) {
		t.Errorf("the assessment is not in the workshop: %s", list)
	}
	cat, _ := assessment.DefaultCatalog()
	s, _ := storage.Open(filepath.Join(dir, "digint.db"), cat)
	defer s.Close()
	if _, err := resolveWorkshop(e, s, "NEW-99", true); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("kiosk in an unknown workshop: %v", err)
	}
	if st, err := resolveWorkshop(e, s, "new-99", false); err != nil || st.Code != "NEW-99" {
		t.Errorf("joining a new workshop: %+v %v", st, err)
	}
}

// Two workshops answered on different versions of the questionnaire are
// not compared: the message says why, in the user's language.
func TestWorkshopCompareRefusesAnotherVersion(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "NEW-26", 3, 1)
	cat, _ := assessment.DefaultCatalog()
	old := cat.Banks()[0]
	rng := rand.New(rand.NewPCG(2, 2))
	var as []*assessment.Assessment
	for range 3 {
		a := sample.Assessment(old, rng, assessment.ModeQuick)
		a.Workshop = "OLD-25"
		as = append(as, a)
	}
	importAssessments(t, dir, "old.json", as, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	_, stderr, code := run(t, dir, "--lang", "it", "workshop", "report", "NEW-26", "--compare", "OLD-25", "--print")
	if code != 1 || !strings.Contains(stderr, old.ID+" "+old.Version) || !strings.Contains(stderr, "non si possono confrontare") {
		t.Errorf("exit %d: %q", code, stderr)
	}
}

// A closed workshop's report says it is closed, on every face: the
// printed page, the HTML page and the JSON.
func TestClosedWorkshopReportSaysSo(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "SHUT26", 3, 7)
	if out, _ := run2(t, dir, "workshop", "report", "SHUT26", "--print"); out != 0 {
		t.Fatalf("report: exit %d", out)
	}
	if printed, _, _ := run(t, dir, "workshop", "report", "SHUT26", "--print"); strings.Contains(printed, "is closed") {
		t.Errorf("an open workshop's report says it is closed:\n%s", printed)
	}
	if _, stderr, c := run(t, dir, "workshop", "close", "SHUT26"); c != 0 {
		t.Fatalf("close: %s", stderr)
	}
	printed, _, _ := run(t, dir, "workshop", "report", "SHUT26", "--print")
	page, _, _ := run(t, dir, "--lang", "it", "workshop", "report", "SHUT26", "--html")
	doc, _, _ := run(t, dir, "workshop", "report", "SHUT26", "--json")
	if !strings.Contains(printed, "The workshop is closed: it takes no new answers.") ||
		!strings.Contains(page, "Il laboratorio è chiuso") || !strings.Contains(doc, `"closed": true`) {
		t.Errorf("the closed workshop's report does not say so:\n%s\n%.300s\n%.200s", printed, page, doc)
	}
}

// A facilitator's slips are said in their language: an unknown code, a
// code taken, a malformed code, a title of nothing.
func TestWorkshopSlipsInTheUsersLanguage(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, c := run(t, dir, "workshop", "new", "Bilbao", "--code", "BILB01", "--pin", "246802"); c != 0 {
		t.Fatal(stderr)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"workshop", "new", "Again", "--code", "BILB01", "--pin", "246802"}, 1, "il laboratorio BILB01 esiste già"},
		{[]string{"workshop", "new", "Short", "--code", "ab", "--pin", "246802"}, 2, "il codice del laboratorio «ab» deve avere"},
		{[]string{"workshop", "new", " ", "--pin", "246802"}, 2, "workshop new richiede un titolo"},
		{[]string{"workshop", "watch", "NOPE"}, 1, "nessun laboratorio NOPE"},
		{[]string{"--workshop", "NOPE", "--kiosk", "--accessible"}, 1, "nessun laboratorio NOPE"},
		{[]string{"--db", filepath.Join(dir, "typo.db"), "--workshop", "BILB01", "--kiosk", "--accessible"}, 1, "nessun database in " + filepath.Join(dir, "typo.db")},
	} {
		_, stderr, code := run(t, dir, append([]string{"--lang", "it"}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want %d, %q", c.args, code, stderr, c.code, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "typo.db")); err == nil {
		t.Error("a kiosk on a mistyped --db made an empty database")
	}
}

// A laptop's export does not enter a workshop closed on the hub, and the
// facilitator is told why in their language.
func TestImportIntoAClosedWorkshop(t *testing.T) {
	laptopDir, hub := t.TempDir(), t.TempDir()
	laptop(t, laptopDir, "SHUT27", 1, 11)
	file := filepath.Join(t.TempDir(), "laptop.json")
	if _, stderr, c := run(t, laptopDir, "workshop", "export", "SHUT27", "-o", file); c != 0 {
		t.Fatal(stderr)
	}
	for _, args := range [][]string{{"workshop", "new", "Hub", "--code", "SHUT27", "--pin", "246802"}, {"workshop", "close", "SHUT27"}} {
		if _, stderr, c := run(t, hub, args...); c != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
	}
	_, stderr, code := run(t, hub, "--lang", "it", "import", file)
	if code != 1 || !strings.Contains(stderr, "non importato, perché il suo laboratorio è chiuso") || !strings.Contains(stderr, "workshop reopen") {
		t.Errorf("import into a closed workshop: exit %d, %q", code, stderr)
	}
	// A late laptop: reopened, its export goes in, and closed again.
	if out, stderr, c := run(t, hub, "workshop", "reopen", "SHUT27"); c != 0 || !strings.Contains(out, "takes answers again") {
		t.Fatalf("reopen: exit %d, %q %q", c, out, stderr)
	}
	if out, _, c := run(t, hub, "workshop", "reopen", "SHUT27"); c != 0 || !strings.Contains(out, "open already") {
		t.Errorf("reopen of an open workshop: exit %d, %q", c, out)
	}
	if _, stderr, c := run(t, hub, "import", file); c != 0 {
		t.Fatalf("import into the reopened workshop: %s", stderr)
	}
	if _, stderr, c := run(t, hub, "workshop", "close", "SHUT27"); c != 0 {
		t.Fatalf("close again: %s", stderr)
	}
	if doc, _, _ := run(t, hub, "workshop", "report", "SHUT27", "--json"); !strings.Contains(doc, `"closed": true`) || !strings.Contains(doc, `"assessments": 1`) {
		t.Errorf("closed again with the late laptop's assessment:\n%.400s", doc)
	}
	if _, stderr, c := run(t, hub, "--lang", "it", "workshop", "reopen", "NOPE99"); c != 1 || !strings.Contains(stderr, "nessun laboratorio NOPE99") {
		t.Errorf("reopen of an unknown workshop: exit %d, %q", c, stderr)
	}
}

// --completed leaves out the assessments not finished yet (a stub of one
// answer moves a small group's medians) and says how many, on every face.
func TestGroupReportOfTheCompletedOnly(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "DONE26", 4, 5)
	cat, _ := assessment.DefaultCatalog()
	s, err := storage.Open(filepath.Join(dir, "digint.db"), cat)
	if err != nil {
		t.Fatal(err)
	}
	stub, err := s.Start(context.Background(), storage.NewAssessment{Participant: assessment.Participant{Role: "trainer"},
		Language: "en", Mode: assessment.ModeQuick, Workshop: "DONE26"})
	if err == nil {
		err = s.SaveAnswer(context.Background(), stub.ID, assessment.Answer{Item: "cur-str-strategy", Status: assessment.StatusAnswered, Value: assessment.Number(0)})
	}
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	var all, done struct {
		Assessments       int `json:"assessments"`
		InProgress        int `json:"in_progress"`
		UnfinishedLeftOut int `json:"unfinished_left_out"`
	}
	for _, c := range []struct {
		args []string
		into any
	}{{[]string{"workshop", "report", "DONE26", "--json"}, &all}, {[]string{"workshop", "report", "DONE26", "--json", "--completed"}, &done}} {
		out, stderr, code := run(t, dir, c.args...)
		if code != 0 || json.Unmarshal([]byte(out), c.into) != nil {
			t.Fatalf("%v: exit %d %s", c.args, code, stderr)
		}
	}
	if all.Assessments != 5 || all.InProgress != 1 || all.UnfinishedLeftOut != 0 {
		t.Errorf("everyone: %+v", all)
	}
	if done.Assessments != 4 || done.InProgress != 0 || done.UnfinishedLeftOut != 1 {
		t.Errorf("the completed only: %+v", done)
	}
	printed, _, _ := run(t, dir, "--lang", "it", "workshop", "report", "DONE26", "--print", "--completed")
	page, _, _ := run(t, dir, "workshop", "report", "DONE26", "--html", "--completed")
	if !strings.Contains(printed, "1 non contate: non ancora concluse") || !strings.Contains(page, "1 not counted: not finished yet") {
		t.Errorf("the faces do not say what was left out:\n%s\n%.300s", printed, page)
	}
}

// An import that would replace an assessment open in a session leaves it
// as the session has it, and says so; once closed, the file goes in.
func TestImportSaysWhatItLeftOpen(t *testing.T) {
	laptopDir, hub := t.TempDir(), t.TempDir()
	laptop(t, laptopDir, "HELD27", 1, 13)
	file := filepath.Join(t.TempDir(), "laptop.json")
	if _, stderr, c := run(t, laptopDir, "workshop", "export", "HELD27", "-o", file); c != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, c := run(t, hub, "import", file); c != 0 {
		t.Fatal(stderr)
	}
	data, _ := os.ReadFile(file)
	later := time.Now().UTC().Add(time.Hour).Format(time.RFC3339) // newer than the hub's copy
	newer := regexp.MustCompile(`("updated_at": ")[^"]*"`).ReplaceAll(data, []byte(`${1}`+later+`"`))
	if err := os.WriteFile(file, newer, 0o600); err != nil {
		t.Fatal(err)
	}
	cat, _ := assessment.DefaultCatalog()
	s, err := storage.Open(filepath.Join(hub, "digint.db"), cat)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.List(context.Background(), storage.Filter{Workshop: "HELD27"})
	if err != nil || len(list) != 1 {
		t.Fatalf("list: %v %v", list, err)
	}
	id := list[0].ID
	if ok, err := s.Hold(context.Background(), id, "a-wizard"); !ok || err != nil {
		t.Fatalf("hold: %v %v", ok, err)
	}
	out, stderr, c := run(t, hub, "--lang", "nl", "import", file)
	if c != 0 || !strings.Contains(out, "0 bijgewerkt") || !strings.Contains(out, "1 evaluatie is nu geopend in een sessie") {
		t.Errorf("import over an open assessment: exit %d, %q %q", c, out, stderr)
	}
	if err := s.Release(context.Background(), id, "a-wizard"); err != nil {
		t.Fatal(err)
	}
	if out, _, c := run(t, hub, "import", file); c != 0 || !strings.Contains(out, "1 updated") || strings.Contains(out, "session") {
		t.Errorf("import once closed: exit %d, %q", c, out)
	}
}

// A participant who walked away from a kiosk without their code gets it
// from the facilitator: workshop codes lists the workshop's unfinished
// assessments, by name, each with the code that opens it again; the
// completed ones are not listed.
func TestWorkshopCodesForWhoWalkedAway(t *testing.T) {
	dir := t.TempDir()
	laptop(t, dir, "WALK26", 2, 2) // completed
	cat, _ := assessment.DefaultCatalog()
	s, err := storage.Open(filepath.Join(dir, "digint.db"), cat)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mihai, err := s.Start(context.Background(), storage.NewAssessment{Participant: assessment.Participant{Name: "Mihai", Role: "trainer"},
		Language: "ro", Mode: assessment.ModeQuick, Workshop: "WALK26"})
	if err == nil {
		err = s.SaveAnswer(context.Background(), mihai.ID, assessment.Answer{Item: "cur-str-strategy", Status: assessment.StatusAnswered, Value: assessment.Number(1)})
	}
	if err != nil {
		t.Fatal(err)
	}
	out, stderr, code := run(t, dir, "workshop", "codes", "walk26")
	personal, err := s.ResumeCode(context.Background(), mihai.ID)
	if err != nil {
		t.Fatal(err)
	}
	if code != 0 || !strings.Contains(out, "Mihai · 1 of ") || !strings.Contains(out, personal) || strings.Count(out, "\n  ") != 1 {
		t.Errorf("workshop codes: exit %d %s\n%s\nwant Mihai alone, with %s", code, stderr, out, personal)
	}
	if a, err := s.ByResumeCode(context.Background(), "WALK26", personal); err != nil || a.ID != mihai.ID {
		t.Errorf("the code listed opens %v, %v", a, err)
	}
}

// Importing a laptop of another workshop makes that workshop, and says so:
// it is not taken in silence for the room's own; imported again, it is no
// longer new.
func TestImportSaysItMadeAWorkshop(t *testing.T) {
	other, room := t.TempDir(), t.TempDir()
	laptop(t, other, "IASI01", 1, 3)
	file := filepath.Join(other, "iasi.json")
	if _, stderr, code := run(t, other, "workshop", "export", "IASI01", "-o", file); code != 0 {
		t.Fatal(stderr)
	}
	laptop(t, room, "ROOM26", 1, 4)
	out, _, code := run(t, room, "import", file)
	if code != 0 || !strings.Contains(out, "New workshop IASI01 (Bologna pilot)") || strings.Contains(out, "ROOM26") {
		t.Errorf("import of another workshop's laptop: exit %d\n%s", code, out)
	}
	if out, _, _ := run(t, room, "import", file); strings.Contains(out, "New workshop") {
		t.Errorf("imported again, the workshop was called new:\n%s", out)
	}
}
