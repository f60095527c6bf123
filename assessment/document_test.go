package assessment_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

func catalog(t testing.TB) *assessment.Catalog {
	t.Helper()
	c, err := assessment.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sampleDocument(t testing.TB, n int, seed uint64) []byte {
	t.Helper()
	c := catalog(t)
	rng := rand.New(rand.NewPCG(seed, 7))
	var as []*assessment.Assessment
	for i := range n {
		mode := assessment.ModeFull
		if i%2 == 1 {
			mode = assessment.ModeQuick
		}
		as = append(as, sample.Assessment(c.Current(), rng, mode))
	}
	as[0].Workshop = "ROME-24"
	as[0].Participant.Name = "Giulia"
	as[0].CompletedAt = nil
	// Version 2: a note on an item left open, and a plan.
	last := as[0].Answers[len(as[0].Answers)-1]
	as[0].Answers = as[0].Answers[:len(as[0].Answers)-1]
	as[0].Drafts = []assessment.Draft{{Item: last.Item, Note: "ask the board", Develop: true}}
	target := 25.0
	as[0].Plan = &assessment.Plan{UpdatedAt: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), Focus: []assessment.Focus{{
		Kind: assessment.FocusCompetence, Competence: "networking", Guideline: "partnerships",
		Actions: []assessment.Action{{What: "Join a sector network", Lead: "Ana", Due: "2027-06", Indicator: "partners", Target: &target}}}}}
	d, err := assessment.NewDocument(c, as, time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func schema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(assessment.Schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDocumentMatchesSchema(t *testing.T) {
	s := schema(t)
	data := sampleDocument(t, 20, 1)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(inst); err != nil {
		t.Fatalf("export does not match the schema: %v", err)
	}
	// The schema must also reject: a maturity value below 0 and a status
	// outside the three.
	for _, bad := range []string{`"value": -1`, `"status": "maybe"`} {
		var v map[string]any
		broken := strings.Replace(string(data), `"status": "answered"`, `"status": "answered", `+bad+`, "x": 1`, 1)
		if bad == `"status": "maybe"` {
			broken = strings.Replace(string(data), `"status": "answered"`, bad, 1)
		}
		if err := json.Unmarshal([]byte(broken), &v); err != nil {
			continue
		}
		if s.Validate(v) == nil {
			t.Errorf("schema accepts a document with %s", bad)
		}
	}
}

func TestDocumentRoundTrip(t *testing.T) {
	c := catalog(t)
	data := sampleDocument(t, 12, 2)
	d, err := assessment.Decode(bytes.NewReader(data), c)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), data) {
		t.Fatal("decoding and encoding again changed the document")
	}
	first := d.Assessments[0]
	if first.Workshop != "ROME-24" || first.CompletedAt != nil {
		t.Errorf("first assessment lost fields: %+v", first.Assessment)
	}
	if len(first.Drafts) != 1 || first.Drafts[0].Note != "ask the board" || !first.Drafts[0].Develop {
		t.Errorf("drafts: %+v", first.Drafts)
	}
	if first.Plan == nil || len(first.Plan.Focus) != 1 || first.Plan.Focus[0].Actions[0].Due != "2027-06" || *first.Plan.Focus[0].Actions[0].Target != 25 {
		t.Errorf("plan: %+v", first.Plan)
	}
	// A version 1 file (no drafts or plans) still loads.
	v1 := strings.Replace(string(data), `"version": 2`, `"version": 1`, 1)
	if _, err := assessment.Decode(strings.NewReader(v1), c); err != nil {
		t.Errorf("version 1: %v", err)
	}
}

// The stream reader gives the same assessments as the whole-file reader,
// in order, and stops at the first error of its caller.
func TestDecodeEach(t *testing.T) {
	c := catalog(t)
	data := sampleDocument(t, 9, 11)
	d, err := assessment.Decode(bytes.NewReader(data), c)
	if err != nil {
		t.Fatal(err)
	}
	var got []assessment.Assessment
	err = assessment.DecodeEach(bytes.NewReader(data), c, func(a *assessment.Assessment) error {
		got = append(got, *a)
		return nil
	})
	if err != nil || len(got) != len(d.Assessments) {
		t.Fatalf("%d assessments, %v", len(got), err)
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], d.Assessments[i].Assessment) {
			t.Fatalf("assessment %d differs", i+1)
		}
	}
	stop := errors.New("disk full")
	calls := 0
	err = assessment.DecodeEach(bytes.NewReader(data), c, func(*assessment.Assessment) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("caller's error: %v after %d calls", err, calls)
	}
	// The format may come after the assessments in a hand-made file.
	var raw map[string]any
	json.Unmarshal(data, &raw)
	reordered := fmt.Sprintf(`{"assessments": %s, "version": 1, "format": "digint.assessments"}`, jsonOf(raw["assessments"]))
	n := 0
	if err := assessment.DecodeEach(strings.NewReader(reordered), c, func(*assessment.Assessment) error { n++; return nil }); err != nil || n != 9 {
		t.Errorf("reordered document: %d assessments, %v", n, err)
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestDecodeRecomputesResults(t *testing.T) {
	c := catalog(t)
	data := sampleDocument(t, 1, 3)
	var raw map[string]any
	json.Unmarshal(data, &raw)
	rec := raw["assessments"].([]any)[0].(map[string]any)
	rec["results"].(map[string]any)["overall"] = 100.0
	tampered, _ := json.Marshal(raw)
	d, err := assessment.Decode(bytes.NewReader(tampered), c)
	if err != nil {
		t.Fatal(err)
	}
	want := assessment.Score(c.Current(), &d.Assessments[0].Assessment)
	if !reflect.DeepEqual(d.Assessments[0].Results, want) {
		t.Fatal("results in a file were trusted instead of recomputed")
	}
}

// Each broken document is refused with an error naming what is wrong.
func TestDecodeRefuses(t *testing.T) {
	c := catalog(t)
	b := c.Current()
	doc := func(edit func(a map[string]any)) string {
		data := sampleDocument(t, 1, 4)
		var raw map[string]any
		json.Unmarshal(data, &raw)
		if edit != nil {
			edit(raw["assessments"].([]any)[0].(map[string]any))
		}
		out, _ := json.Marshal(raw)
		return string(out)
	}
	firstOf := func(kind assessment.Kind) string {
		for _, it := range b.Items {
			if it.Kind == kind && !it.IsGate() {
				return it.ID
			}
		}
		t.Fatalf("no %s item in the bank", kind)
		return ""
	}
	setAnswer := func(item string, value any) func(map[string]any) {
		return func(a map[string]any) {
			a["answers"] = append(a["answers"].([]any), map[string]any{"item": item, "status": "answered", "value": value})
			// drop any earlier answer to the same item
			var keep []any
			for i, x := range a["answers"].([]any) {
				if x.(map[string]any)["item"] != item || i == len(a["answers"].([]any))-1 {
					keep = append(keep, x)
				}
			}
			a["answers"] = keep
		}
	}
	maturity, band, multi, count := firstOf(assessment.KindMaturity), firstOf(assessment.KindBand), firstOf(assessment.KindMulti), firstOf(assessment.KindCount)
	cases := []struct {
		name string
		doc  string
		want []string
	}{
		{"not json", "hello", []string{"not a digint document"}},
		{"cut at its start", "{", []string{"ends in the middle of the document"}},
		{"empty", "", []string{"the file is empty"}},
		{"only white space", " \n\t\r\n ", []string{"the file is empty"}},
		{"other format", `{"format": "x", "version": 1}`, []string{`format is "x"`}},
		{"another format with its own fields", `{"format": "other.thing", "version": 1, "items": []}`, []string{`format is "other.thing"`}},
		{"newer version", `{"format": "digint.assessments", "version": 3}`, []string{"version 3 is not supported"}},
		{"unknown key", doc(func(a map[string]any) { a["colour"] = "red" }), []string{`unknown field "colour"`}},
		{"plan month", doc(func(a map[string]any) {
			a["plan"] = map[string]any{"focus": []any{map[string]any{"kind": "competence", "competence": "networking",
				"actions": []any{map[string]any{"what": "Visit", "due": "next spring"}}}}}
		}), []string{"assessment 1", "plan", "due is not_month"}},
		{"plan unknown area", doc(func(a map[string]any) {
			a["plan"] = map[string]any{"focus": []any{map[string]any{"kind": "competence", "competence": "juggling"}}}
		}), []string{"assessment 1", "plan", "focus is unknown"}},
		{"draft on an answered item", doc(func(a map[string]any) {
			a["drafts"] = []any{map[string]any{"item": maturity, "note": "x"}}
		}), []string{"assessment 1", maturity, "a draft and an answer"}},
		{"draft on an unknown item", doc(func(a map[string]any) {
			a["drafts"] = []any{map[string]any{"item": "no-such-item", "note": "x"}}
		}), []string{"assessment 1", "no-such-item", "no such item"}},
		{"unknown item", doc(setAnswer("no-such-item", 1)), []string{"assessment 1", `item "no-such-item"`, "no such item"}},
		{"maturity out of range", doc(setAnswer(maturity, 5)), []string{"assessment 1", maturity, "level 5 is outside 0–4"}},
		{"maturity as text", doc(setAnswer(maturity, "high")), []string{maturity, "needs a level 0–4"}},
		{"fraction", doc(setAnswer(count, 2.5)), []string{"not a whole number"}},
		{"negative count", doc(setAnswer(count, -3)), []string{count, "below 0"}},
		{"unknown band option", doc(setAnswer(band, "lots")), []string{band, `"lots" is not one of its options`}},
		{"multi as string", doc(setAnswer(multi, "a")), []string{multi, "list of option ids"}},
		{"unknown role", doc(func(a map[string]any) { a["participant"].(map[string]any)["role"] = "king" }), []string{`role "king"`}},
		{"unknown bank", doc(func(a map[string]any) { a["bank"].(map[string]any)["version"] = "9.9.9" }), []string{`version "9.9.9" is not known`}},
		{"bad id", doc(func(a map[string]any) { a["id"] = "x1" }), []string{`id "x1" is not a UUID`}},
		{"bad mode", doc(func(a map[string]any) { a["mode"] = "slow" }), []string{`mode "slow"`}},
		{"bad language", doc(func(a map[string]any) { a["language"] = "not a tag!" }), []string{"BCP 47"}},
		{"value with na", doc(func(a map[string]any) {
			a["answers"] = []any{map[string]any{"item": maturity, "status": "na", "value": 2}}
		}), []string{maturity, `status "na" takes no value`}},
		{"duplicate answer", doc(func(a map[string]any) {
			x := map[string]any{"item": maturity, "status": "answered", "value": 2}
			a["answers"] = []any{x, x}
		}), []string{maturity, "answered twice"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := assessment.Decode(strings.NewReader(tc.doc), c)
			streamed := assessment.DecodeEach(strings.NewReader(tc.doc), c, func(*assessment.Assessment) error { return nil })
			for _, err := range []error{err, streamed} {
				if err == nil {
					t.Fatal("decoded without error")
				}
				for _, w := range tc.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not mention %q", err, w)
					}
				}
			}
		})
	}
}

func TestDecodeCleansText(t *testing.T) {
	c := catalog(t)
	data := sampleDocument(t, 1, 5)
	var raw map[string]any
	json.Unmarshal(data, &raw)
	a := raw["assessments"].([]any)[0].(map[string]any)
	a["participant"].(map[string]any)["name"] = "Ana\x1b[31m Red\x1b]0;title\x07\u202e"
	out, _ := json.Marshal(raw)
	d, err := assessment.Decode(bytes.NewReader(out), c)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Assessments[0].Participant.Name; got != "Ana Red" {
		t.Errorf("name = %q, want escape sequences removed", got)
	}
}

func TestDuplicateAssessmentInFile(t *testing.T) {
	c := catalog(t)
	var raw map[string]any
	json.Unmarshal(sampleDocument(t, 2, 6), &raw)
	as := raw["assessments"].([]any)
	as[1].(map[string]any)["id"] = as[0].(map[string]any)["id"]
	out, _ := json.Marshal(raw)
	if _, err := assessment.Decode(bytes.NewReader(out), c); err == nil || !strings.Contains(err.Error(), "same id as assessment 1") {
		t.Fatalf("duplicate ids: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	c := catalog(f)
	f.Add(sampleDocument(f, 2, 8))
	files, _ := filepath.Glob(filepath.Join("testdata", "documents", "*.json"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"format":"digint.assessments","version":1,"assessments":[{"answers":[{"value":[1]}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := assessment.Decode(bytes.NewReader(data), c)
		if err != nil {
			return
		}
		// The stream reader takes what the whole-file reader takes.
		var streamed []assessment.Assessment
		if err := assessment.DecodeEach(bytes.NewReader(data), c, func(a *assessment.Assessment) error {
			streamed = append(streamed, *a)
			return nil
		}); err != nil {
			t.Fatalf("Decode took a document DecodeEach refuses: %v", err)
		}
		if len(streamed) != len(d.Assessments) {
			t.Fatalf("DecodeEach read %d assessments, Decode %d", len(streamed), len(d.Assessments))
		}
		// Whatever decodes must encode and decode to the same thing.
		var buf bytes.Buffer
		if err := d.Write(&buf); err != nil {
			t.Fatal(err)
		}
		if _, err := assessment.Decode(&buf, c); err != nil {
			t.Fatalf("a decoded document no longer decodes: %v", err)
		}
	})
}

// Values are written as encoding/json would write them, escapes and all.
func TestValueJSON(t *testing.T) {
	cases := []assessment.Value{
		assessment.Number(0), assessment.Number(-7), assessment.Number(123456),
		assessment.String("b3"), assessment.String("He said \"hi\"\n<é> & \\ \x01"),
		assessment.List(nil), assessment.List([]string{"a", "b-2"}), assessment.List([]string{"x\"y", "é"}),
	}
	for _, v := range cases {
		got, err := v.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var want []byte
		switch {
		case v.List() != nil || bytes.HasPrefix(got, []byte("[")):
			want, _ = json.Marshal(append([]string{}, v.List()...))
		case bytes.HasPrefix(got, []byte(`"`)):
			want, _ = json.Marshal(v.String())
		default:
			want, _ = json.Marshal(v.Number())
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s, want %s", got, want)
		}
		var back assessment.Value
		if err := json.Unmarshal(got, &back); err != nil || !back.Equal(v) && v.List() != nil {
			t.Errorf("%s does not read back: %v", got, err)
		}
	}
}

// Edge cases of real files: a byte-order mark, ids written another way,
// values and keys in unusual places – each read right or refused with
// the assessment and item named.
func TestDecodeRealFiles(t *testing.T) {
	c := catalog(t)
	data := sampleDocument(t, 1, 12)
	var raw map[string]any
	json.Unmarshal(data, &raw)
	rec := raw["assessments"].([]any)[0].(map[string]any)
	id := rec["id"].(string)
	item := rec["answers"].([]any)[0].(map[string]any)["item"].(string)

	bom := append([]byte{0xEF, 0xBB, 0xBF}, data...)
	if _, err := assessment.Decode(bytes.NewReader(bom), c); err != nil {
		t.Errorf("a file with a byte-order mark: %v", err)
	}

	// The same assessment twice, its id once in capitals: one id.
	twin := map[string]any{}
	for k, v := range rec {
		twin[k] = v
	}
	twin["id"] = strings.ToUpper(id)
	raw["assessments"] = []any{rec, twin}
	if _, err := assessment.Decode(strings.NewReader(jsonOf(raw)), c); err == nil || !strings.Contains(err.Error(), "same id") {
		t.Errorf("an id in capitals is another assessment: %v", err)
	}
	raw["assessments"] = []any{twin}
	d, err := assessment.Decode(strings.NewReader(jsonOf(raw)), c)
	if err != nil || d.Assessments[0].ID != id {
		t.Errorf("id not written the canonical way: %v %v", d, err)
	}

	// A fraction as a value names the assessment and the item, even when the
	// list comes before the format (keys sorted by a tool).
	bad := map[string]any{}
	for k, v := range rec {
		bad[k] = v
	}
	answers := append([]any{}, rec["answers"].([]any)...)
	first := map[string]any{}
	for k, v := range answers[0].(map[string]any) {
		first[k] = v
	}
	first["status"], first["value"] = "answered", 2.5
	answers[0] = first
	bad["answers"] = answers
	sorted := fmt.Sprintf(`{"assessments": [%s], "exported_at": "2026-11-22T10:00:00Z", "format": "digint.assessments", "version": 1}`, jsonOf(bad))
	_, err = assessment.Decode(strings.NewReader(sorted), c)
	if err == nil || !strings.Contains(err.Error(), "assessment 1") || !strings.Contains(err.Error(), item) ||
		strings.Contains(err.Error(), "not a digint document") {
		t.Errorf("a fraction in a sorted file: %v", err)
	}

	for name, doc := range map[string]string{
		"twice":      `{"format": "digint.assessments", "version": 1, "assessments": [], "assessments": []}`,
		"no version": `{"format": "digint.assessments", "assessments": []}`,
		"no list":    `{"format": "digint.assessments", "version": 1}`,
	} {
		if _, err := assessment.Decode(strings.NewReader(doc), c); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if d, err := assessment.Decode(strings.NewReader(`{"format": "digint.assessments", "version": 1, "assessments": null}`), c); err != nil || len(d.Assessments) != 0 {
		t.Errorf("an empty (null) list: %v", err)
	}
}
