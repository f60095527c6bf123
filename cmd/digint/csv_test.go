package main

import (
	"context"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// csvRows reads a CSV export with the separator sep, by header name. It
// must start with the byte-order mark that makes Excel read UTF-8.
func csvRows(t *testing.T, out string, sep rune) []map[string]string {
	t.Helper()
	out, marked := strings.CutPrefix(out, "\ufeff")
	if !marked {
		t.Fatalf("no byte-order mark: a spreadsheet would read the accents as another encoding:\n%.200s", out)
	}
	r := csv.NewReader(strings.NewReader(out))
	r.Comma = sep
	rows, err := r.ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("not a CSV split on %q: %v\n%s", sep, err, out)
	}
	var list []map[string]string
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = row[i]
		}
		list = append(list, m)
	}
	return list
}

// The CSV carries the question and answer in the chosen language, and
// opens in a spreadsheet of that locale: ';' and a decimal comma for
// Italian, ',' and a point for English, --sep to choose.
func TestCSVInTheReadersLanguage(t *testing.T) {
	const code = "CSV-26"
	dir := oneAnswerWorkshop(t, code, assessment.Answer{Item: "cur-str-strategy", Status: assessment.StatusAnswered, Value: assessment.Number(2)})
	cat, _ := assessment.DefaultCatalog()
	it, _ := i18n.Bank(cat.Current(), "it")
	q, _ := it.Item("cur-str-strategy")

	out, stderr, c := run(t, dir, "--lang", "it", "workshop", "export", code, "--csv", "items")
	if c != 0 {
		t.Fatal(stderr)
	}
	row := csvRows(t, out, ';')[0]
	answer := report.AnswerLabels(it, q, assessment.Answer{Status: assessment.StatusAnswered, Value: assessment.Number(2)})
	if row["item"] != "cur-str-strategy" || row["question"] != q.Text || len(answer) != 1 || row["answer"] != answer[0] {
		t.Errorf("Italian row: %v; want the question %q and the answer %q", row, q.Text, answer)
	}
	if !strings.Contains(row["score"], ",") || strings.Contains(row["score"], ".") {
		t.Errorf("Italian score %q: want a decimal comma", row["score"])
	}

	out, _, _ = run(t, dir, "--lang", "it", "workshop", "export", code, "--csv", "competences")
	comp := csvRows(t, out, ';')
	if comp[0]["competence_title"] == "" || comp[0]["competence_title"] == comp[0]["competence"] {
		t.Errorf("competence row without its title: %v", comp[0])
	}

	out, _, _ = run(t, dir, "--lang", "en", "workshop", "export", code, "--csv", "items")
	row = csvRows(t, out, ',')[0]
	if !strings.Contains(row["score"], ".") || row["question"] == q.Text {
		t.Errorf("English row: %v", row)
	}

	out, _, _ = run(t, dir, "--lang", "fr", "workshop", "export", code, "--csv", "items", "--sep", ",")
	row = csvRows(t, out, ',')[0]
	if !strings.Contains(row["score"], ".") {
		t.Errorf("--sep , in French: score %q, want a decimal point beside commas", row["score"])
	}
	out, _, _ = run(t, dir, "--lang", "en", "workshop", "export", code, "--csv", "items", "--sep", "tab")
	csvRows(t, out, '\t')
	if _, stderr, c := run(t, dir, "workshop", "export", code, "--csv", "items", "--sep", "|"); c != 2 || !strings.Contains(stderr, "|") {
		t.Errorf("--sep |: exit %d %q", c, stderr)
	}
}

// A checklist answered with "Other" alone says so in its answer column
// (it is ticked and scored), without the text, which stays out as all
// free text does.
func TestCSVSaysOtherWithoutItsText(t *testing.T) {
	const code = "CSV-27"
	dir := oneAnswerWorkshop(t, code, assessment.Answer{Item: "cur-str-goals", Status: assessment.StatusAnswered,
		Value: assessment.List(nil), Other: "Erasmus+ mobility"})
	out, stderr, c := run(t, dir, "--lang", "ro", "workshop", "export", code, "--csv", "items")
	if c != 0 {
		t.Fatal(stderr)
	}
	row := csvRows(t, out, ';')[0]
	if row["item"] != "cur-str-goals" || row["answer"] != "Altele" || strings.Contains(out, "Erasmus") || row["score"] == "" {
		t.Errorf("the Other answer's row: %v", row)
	}
}

// oneAnswerWorkshop makes a workshop code in a new folder's database with
// one quick scan of a trainer holding answer, and gives the folder.
func oneAnswerWorkshop(t *testing.T, code string, answer assessment.Answer) string {
	t.Helper()
	dir := t.TempDir()
	run(t, dir, "workshop", "new", "CSV", "--code", code, "--pin", "471147")
	cat, _ := assessment.DefaultCatalog()
	s, err := storage.Open(filepath.Join(dir, "digint.db"), cat)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, err := s.Start(context.Background(), storage.NewAssessment{Participant: assessment.Participant{Role: "trainer"}, Language: "en",
		Mode: assessment.ModeQuick, Workshop: code})
	if err == nil {
		err = s.SaveAnswer(context.Background(), a.ID, answer)
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
