package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

func decodeDocument(t *testing.T, c *assessment.Catalog, data []byte) *assessment.Document {
	t.Helper()
	d, err := assessment.Decode(bytes.NewReader(data), c)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sameAssessments compares documents on what they hold, in any order.
func sameAssessments(t *testing.T, got, want *assessment.Document) {
	t.Helper()
	byID := func(d *assessment.Document) map[string]assessment.Record {
		m := map[string]assessment.Record{}
		for _, r := range d.Assessments {
			m[r.ID] = r
		}
		return m
	}
	g, w := byID(got), byID(want)
	if len(g) != len(w) {
		t.Fatalf("%d assessments, want %d", len(g), len(w))
	}
	for id, wr := range w {
		if gr, ok := g[id]; !ok || !reflect.DeepEqual(gr, wr) {
			t.Errorf("assessment %s differs\n got %+v\nwant %+v", id, gr.Assessment, wr.Assessment)
		}
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	a := newStore(t)
	data := sampleDocument(t, a.Catalog(), 24, 1)
	rep := importBytes(t, a, data)
	if rep != (ImportReport{File: "test.json", Added: 24}) {
		t.Errorf("report %+v", rep)
	}
	exported, err := a.Export(ctx, Selection{All: true})
	if err != nil {
		t.Fatal(err)
	}
	sameAssessments(t, exported, decodeDocument(t, a.Catalog(), data))
	for i := 1; i < len(exported.Assessments); i++ {
		if exported.Assessments[i].StartedAt.Before(exported.Assessments[i-1].StartedAt) {
			t.Fatal("the export is not oldest first")
		}
	}

	var buf bytes.Buffer
	if err := exported.Write(&buf); err != nil {
		t.Fatal(err)
	}
	b := newStore(t)
	importBytes(t, b, buf.Bytes())
	again, err := b.Export(ctx, Selection{All: true})
	if err != nil {
		t.Fatal(err)
	}
	sameAssessments(t, again, exported)
	if dump(t, a) != dump(t, b) {
		t.Error("the stores differ after a round trip")
	}
}

func TestExportSelection(t *testing.T) {
	s := newStore(t)
	c := s.Catalog()
	rng := rand.New(rand.NewPCG(9, 9))
	var as []*assessment.Assessment
	for range 6 {
		as = append(as, sample.Assessment(c.Current(), rng, assessment.ModeQuick))
	}
	as[1].Participant = as[0].Participant
	as[2].Workshop, as[3].Workshop = "LYON-26", "LYON-26"
	importBytes(t, s, writeDocument(t, c, as))

	ids := func(d *assessment.Document) []string {
		var out []string
		for _, r := range d.Assessments {
			out = append(out, r.ID)
		}
		slices.Sort(out)
		return out
	}
	want := func(list ...*assessment.Assessment) []string {
		var out []string
		for _, a := range list {
			out = append(out, a.ID)
		}
		slices.Sort(out)
		return out
	}
	for _, tc := range []struct {
		name string
		sel  Selection
		want []string
	}{
		{"one", Selection{IDs: []string{as[4].ID}}, want(as[4])},
		{"several", Selection{IDs: []string{as[5].ID, as[0].ID}}, want(as[0], as[5])},
		{"participant", Selection{Participant: as[0].Participant.ID}, want(as[0], as[1])},
		{"workshop", Selection{Workshop: "LYON-26"}, want(as[2], as[3])},
		{"union", Selection{IDs: []string{as[2].ID, as[4].ID}, Workshop: "LYON-26"}, want(as[2], as[3], as[4])},
		{"all", Selection{All: true}, want(as...)},
	} {
		d, err := s.Export(ctx, tc.sel)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := ids(d); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
		for _, r := range d.Assessments {
			if len(r.Answers) == 0 || r.Results.Counts.Asked == 0 {
				t.Errorf("%s: assessment %s exported without answers or results", tc.name, r.ID)
			}
		}
	}
	for _, tc := range []struct {
		sel  Selection
		name string
	}{
		{Selection{IDs: []string{as[0].ID, "4e3c0bd6-5aa1-4f0e-9d4c-000000000000"}}, "4e3c0bd6-5aa1-4f0e-9d4c-000000000000"},
		{Selection{Participant: "nobody"}, "nobody"},
		{Selection{Workshop: "NOPE-1"}, "NOPE-1"},
	} {
		_, err := s.Export(ctx, tc.sel)
		if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), tc.name) {
			t.Errorf("export of %+v: %v, want not found naming %s", tc.sel, err, tc.name)
		}
	}
	if _, err := s.Export(ctx, Selection{}); err == nil {
		t.Error("an empty selection exported")
	}
}

func TestImportIsIdempotent(t *testing.T) {
	s := newStore(t)
	data := sampleDocument(t, s.Catalog(), 12, 2)
	importBytes(t, s, data)
	once := dump(t, s)
	rep := importBytes(t, s, data)
	if rep != (ImportReport{File: "test.json", Skipped: 12}) {
		t.Errorf("second import: %+v, want all skipped", rep)
	}
	if dump(t, s) != once {
		t.Error("a second import changed the store")
	}
}

func TestImportNewerWinsOlderIsSkipped(t *testing.T) {
	s := newStore(t)
	c := s.Catalog()
	rng := rand.New(rand.NewPCG(3, 3))
	a := sample.Assessment(c.Current(), rng, assessment.ModeFull)
	importBytes(t, s, writeDocument(t, c, []*assessment.Assessment{a}))

	newer := *a
	newer.UpdatedAt = a.UpdatedAt.Add(time.Hour)
	newer.Participant.Name = "Renamed"
	newer.Answers = slices.Clone(a.Answers[1:]) // one answer withdrawn
	newer.Answers[0].Note = "changed later"
	newer.Workshop = "NEW-WS"
	rep := importBytes(t, s, writeDocument(t, c, []*assessment.Assessment{&newer}))
	if rep.Updated != 1 || rep.Added+rep.Skipped != 0 {
		t.Errorf("newer: %+v", rep)
	}
	got, err := s.Assessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, newer) {
		t.Errorf("after the newer import\n%+v\nwant\n%+v", got, newer)
	}

	older := *a
	older.UpdatedAt = a.UpdatedAt.Add(-time.Hour)
	older.StartedAt = older.UpdatedAt.Add(-time.Hour)
	before := dump(t, s)
	for _, old := range []*assessment.Assessment{&older, a, &newer} { // older, then equal, are skipped
		rep = importBytes(t, s, writeDocument(t, c, []*assessment.Assessment{old}))
		if rep.Skipped != 1 || rep.Added+rep.Updated != 0 {
			t.Errorf("import of %v: %+v, want skipped", old.UpdatedAt, rep)
		}
	}
	if dump(t, s) != before {
		t.Error("an older or equal import changed the store")
	}
	if ws, _ := s.Workshops(ctx); len(ws) != 1 || ws[0].Code != "NEW-WS" || ws[0].Title != "NEW-WS" {
		t.Errorf("workshops %+v, want NEW-WS made by the import", ws)
	}
}

func TestImportWithOneBadAnswerImportsNothing(t *testing.T) {
	s := newStore(t)
	c := s.Catalog()
	importBytes(t, s, sampleDocument(t, c, 3, 4))
	before := dump(t, s)

	data := sampleDocument(t, c, 5, 5)
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	third := doc["assessments"].([]any)[2].(map[string]any)
	var bad string
	for _, ans := range third["answers"].([]any) {
		ans := ans.(map[string]any)
		if it, _ := c.Current().Item(ans["item"].(string)); it.Kind == assessment.KindMaturity {
			ans["status"], ans["value"] = "answered", 7 // levels go to 4
			bad = it.ID
			break
		}
	}
	broken, _ := json.Marshal(doc)
	_, err := s.Import(ctx, "workshop-rome.json", bytes.NewReader(broken))
	if err == nil {
		t.Fatal("imported")
	}
	for _, part := range []string{"workshop-rome.json", third["id"].(string), bad} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q does not name %s", err, part)
		}
	}
	if dump(t, s) != before {
		t.Error("the failed import changed the store")
	}
	if _, err := s.Import(ctx, "notes.txt", strings.NewReader("hello")); err == nil || !strings.Contains(err.Error(), "notes.txt") {
		t.Errorf("import of a text file: %v", err)
	}
}

// A failure while writing (not while decoding) also leaves nothing behind
// and names the assessment and item.
func TestImportFailingMidwayImportsNothing(t *testing.T) {
	sqliteOnly(t)
	s := newStore(t)
	c := s.Catalog()
	data := sampleDocument(t, c, 6, 6)
	d := decodeDocument(t, c, data)
	victim := d.Assessments[4]
	item := victim.Answers[len(victim.Answers)-1].Item
	// A trigger stands in for a disk that fails at that very row; it is
	// temporary, so it lives on each connection.
	onEveryConnection(t, s, `CREATE TEMP TRIGGER fail BEFORE INSERT ON answers
	WHEN NEW.assessment = (SELECT seq FROM assessments WHERE id = '`+victim.ID+`') AND NEW.item = '`+item+`'
	BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`)
	_, err := s.Import(ctx, "f.json", bytes.NewReader(data))
	if err == nil {
		t.Fatal("imported")
	}
	for _, part := range []string{"f.json", victim.ID, item, "simulated failure"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q does not name %s", err, part)
		}
	}
	for _, table := range []string{"participants", "assessments", "answers", "workshops"} {
		if n := count(t, s, table); n != 0 {
			t.Errorf("%d rows left in %s", n, table)
		}
	}
}

// A copy from a laptop whose clock runs two hours ahead: edits made here
// afterwards still move the assessment forward, this program's own export
// still imports, and importing the laptop's file again changes nothing.
func TestClockSkewNeverLosesLaterEdits(t *testing.T) {
	laptop := newStore(t)
	ahead := newClock()
	ahead.t = ahead.t.Add(2 * time.Hour)
	laptop.Now = ahead.Now
	a := startAssessment(t, laptop, assessment.ModeQuick)
	item := laptop.Catalog().Current().Asked(assessment.ModeQuick)[0].ID
	if err := laptop.SaveAnswer(ctx, a.ID, assessment.Answer{Item: item, Status: assessment.StatusAnswered, Value: assessment.Number(1)}); err != nil {
		t.Fatal(err)
	}
	doc, err := laptop.Export(ctx, Selection{IDs: []string{a.ID}})
	if err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	doc.Write(&file)

	hub := newStore(t) // its clock is two hours behind the laptop's
	importBytes(t, hub, file.Bytes())
	if err := hub.SaveAnswer(ctx, a.ID, assessment.Answer{Item: item, Status: assessment.StatusAnswered, Value: assessment.Number(4)}); err != nil {
		t.Fatal(err)
	}
	if err := hub.Complete(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	rep := importBytes(t, hub, file.Bytes())
	if rep.Skipped != 1 {
		t.Errorf("re-importing the laptop's older copy: %+v", rep)
	}
	got, _ := hub.Assessment(ctx, a.ID)
	if v := assessment.Index(got.Answers)[item].Value; !v.Equal(assessment.Number(4)) {
		t.Errorf("the later edit was lost: %v", v)
	}
	own, err := hub.Export(ctx, Selection{IDs: []string{a.ID}})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	own.Write(&out)
	if _, err := assessment.Decode(&out, hub.Catalog()); err != nil {
		t.Errorf("this program's own export no longer imports: %v", err)
	}
}

// An old file does not bring back an old name; a person's last erased
// assessment takes their name with it.
func TestParticipantDetails(t *testing.T) {
	s := newStore(t)
	old, err := s.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: "Giulia Rossi", Institution: "ITS Old", Role: "trainer"},
		Language: "it", Mode: assessment.ModeQuick})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := s.Export(ctx, Selection{IDs: []string{old.ID}})
	var file bytes.Buffer
	doc.Write(&file)
	p := old.Participant
	p.Name, p.Institution = "Giulia Bianchi", "ITS New"
	if _, err := s.Start(ctx, NewAssessment{Participant: p, Language: "it", Mode: assessment.ModeQuick}); err != nil {
		t.Fatal(err)
	}
	// Make the stored copy of the old one older than the file, so it is replaced.
	if _, err := s.db.ExecContext(ctx, `UPDATE assessments SET updated_at = '2000-01-01T00:00:00.000000000Z' WHERE id = ?`, old.ID); err != nil {
		t.Fatal(err)
	}
	if rep := importBytes(t, s, file.Bytes()); rep.Updated != 1 {
		t.Fatalf("import: %+v", rep)
	}
	if ps, _ := s.FindParticipants(ctx, "Giulia Bianchi"); len(ps) != 1 || ps[0].Institution != "ITS New" {
		t.Errorf("an old file brought back old details: %+v", ps)
	}

	alone := startAssessment(t, s, assessment.ModeQuick) // "Ana", a new person
	if err := s.EraseAssessment(ctx, alone.ID); err != nil {
		t.Fatal(err)
	}
	if ps, _ := s.FindParticipants(ctx, "Ana"); len(ps) != 0 {
		t.Errorf("the person of an erased last assessment is still there: %+v", ps)
	}
	if strings.Contains(dump(t, s), "Ana") {
		t.Error("the erased person's name is still in the database")
	}
}
