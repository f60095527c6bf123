package main

import (
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
)

// importPeople stores assessments with the given ids (and names), for
// commands to find by a short id.
func importPeople(t *testing.T, dir string, who map[string]string) {
	t.Helper()
	cat, _ := assessment.DefaultCatalog()
	b := cat.Current()
	var as []*assessment.Assessment
	for id, name := range who {
		a := &assessment.Assessment{ID: id,
			Participant: assessment.Participant{ID: "p-" + id[:13], Name: name, Role: "trainer"},
			Bank:        assessment.BankRef{ID: b.ID, Version: b.Version}, Mode: assessment.ModeQuick, Language: "en"}
		a.StartedAt = mustTime("2026-10-01T09:00:00Z")
		a.UpdatedAt = a.StartedAt
		as = append(as, a)
	}
	importAssessments(t, dir, "people.json", as, mustTime("2026-10-02T09:00:00Z"))
}

// The export file is named with an id's first eight characters: that, or
// any unique start, names the assessment wherever an id is taken; a start
// several share is refused, naming them.
func TestShortIDs(t *testing.T) {
	dir := t.TempDir()
	const one, two, three = "6d5f3f63-1111-4000-8000-000000000001", "6d5f3f63-2222-4000-8000-000000000002", "7e000000-3333-4000-8000-000000000003"
	importPeople(t, dir, map[string]string{one: "Ana", two: "Bea", three: "Carla"})

	for _, args := range [][]string{
		{"report", "7e000000", "--json"},
		{"report", "7E"},
		{"plan", "7e0"},
		{"export", "7e000000"},
		{"export", "--participant", "p-7e"},
	} {
		if out, stderr, code := run(t, dir, args...); code != 0 || out == "" {
			t.Errorf("digint %v: exit %d, %s", args, code, stderr)
		}
	}
	if out, _, _ := run(t, dir, "export", "6d5f3f63-2"); !strings.Contains(out, two) || strings.Contains(out, one) {
		t.Errorf("export 6d5f3f63-2 did not export %s alone", two)
	}
	_, stderr, code := run(t, dir, "report", "6d5f3f63")
	if code != 2 || !strings.Contains(stderr, one) || !strings.Contains(stderr, two) || !strings.Contains(stderr, "Ana") {
		t.Errorf("ambiguous id: exit %d %q; want both candidates named", code, stderr)
	}
	if _, stderr, code := run(t, dir, "erase", "6d5f"); code != 2 || !strings.Contains(stderr, "Bea") {
		t.Errorf("erase of an ambiguous id: exit %d %q", code, stderr)
	}
	if out, _, code := run(t, dir, "erase", "7e"); code != 0 || !strings.Contains(out, "Erased: the assessment of Carla") || !strings.Contains(out, three) ||
		!strings.Contains(out, "Files exported or written earlier") {
		t.Errorf("erase 7e: exit %d, %q (want what was erased named, and that files exported are not)", code, out)
	}
	if out, _, _ := run(t, dir, "list"); strings.Contains(out, three) || !strings.Contains(out, one) {
		t.Errorf("erase 7e erased the wrong one:\n%s", out)
	}
	for _, args := range [][]string{{"report", ""}, {"plan", " "}, {"erase", "--participant", " "}} {
		if _, stderr, code := run(t, dir, append([]string{"--lang", "it"}, args...)...); code != 2 || !strings.Contains(stderr, "indicate un id") {
			t.Errorf("%v: exit %d %q", args, code, stderr)
		}
	}
	if _, stderr, code := run(t, dir, "--lang", "it", "report", "9"); code != 1 || !strings.Contains(stderr, "nessuna") {
		t.Errorf("unknown id in Italian: exit %d %q", code, stderr)
	}
}
