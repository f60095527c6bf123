package assessment

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// laidOutRecord is a record as encoding/json writes it, laid out by
// layOut: what the hand-written encoder must write.
func laidOutRecord(t *testing.T, rec Record, prefix string) []byte {
	t.Helper()
	data, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	return layOut(nil, data, prefix, 0)
}

// nasty are strings that need every kind of escape encoding/json makes.
var nasty = []string{"", "plain", "<b>&amp;</b>", "quote \" back \\ slash", "tab\tline\nret\rbs\bff\f",
	"\x00\x01\x1f\x7f", "Zoë ünïcødé 日本", "bad \xff\xfe utf8", "line\u2028para\u2029", "emoji 🎉"}

func randomText(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(4) {
		b.WriteString(nasty[rng.IntN(len(nasty))])
	}
	return b.String()
}

// randomAssessment answers every item of b at random, with any text in the
// free-text places the encoder must escape.
func randomAssessment(b *Bank, rng *rand.Rand) *Assessment {
	started := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.Int64N(int64(300 * 24 * time.Hour))))
	a := &Assessment{ID: uuid.NewString(), Participant: Participant{ID: "p1", Name: randomText(rng), Role: b.Roles[rng.IntN(len(b.Roles))].ID,
		Institution: randomText(rng)}, Bank: BankRef{ID: b.ID, Version: b.Version}, Mode: ModeFull, Language: "en",
		StartedAt: started, UpdatedAt: started.Add(time.Duration(rng.IntN(1e9))), Answers: []Answer{}}
	if rng.IntN(2) == 0 {
		done := a.UpdatedAt
		a.CompletedAt = &done
		a.Workshop, a.WorkshopTitle = "WS-1", randomText(rng)
	}
	for _, it := range b.Items {
		ans := Answer{Item: it.ID, Status: StatusAnswered, Note: randomText(rng), Develop: rng.IntN(3) == 0}
		switch {
		case rng.IntN(6) == 0:
			ans.Status = StatusNA
		case rng.IntN(6) == 0:
			ans.Status = StatusUnknown
		case len(it.Options) > 0 && it.Kind == KindMulti:
			var ids []string
			for _, o := range it.Options {
				if rng.IntN(2) == 0 {
					ids = append(ids, o.ID)
				}
			}
			ans.Value = List(ids)
			ans.Other = randomText(rng)
		case len(it.Options) > 0:
			ans.Value = String(it.Options[rng.IntN(len(it.Options))].ID)
		case it.Kind == KindText:
			ans.Value = String(randomText(rng))
		default:
			ans.Value = Number(rng.IntN(5))
		}
		if rng.IntN(5) == 0 {
			a.Drafts = append(a.Drafts, Draft{Item: it.ID, Note: randomText(rng), Develop: rng.IntN(2) == 0})
			continue
		}
		a.Answers = append(a.Answers, ans)
	}
	if rng.IntN(3) == 0 {
		score, target := 12.5, 1e-7
		a.Plan = &Plan{UpdatedAt: a.UpdatedAt, Focus: []Focus{{Kind: FocusItem, Item: b.Items[0].ID, Score: &score,
			Actions: []Action{{What: randomText(rng), Lead: randomText(rng), Target: &target, Done: true}}}}}
	}
	return a
}

// The hand-written encoder writes what encoding/json writes, laid out,
// byte for byte, for every bank shipped and text that needs escaping.
func TestRecordEncoderMatchesEncodingJSON(t *testing.T) {
	c, err := DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, b := range c.Banks() {
		for range 40 {
			a := randomAssessment(b, rng)
			res := Score(b, a)
			got, err := appendRecord(nil, "    ", a, &res)
			if err != nil {
				t.Fatal(err)
			}
			if want := laidOutRecord(t, Record{Assessment: *a, Results: res}, "    "); !bytes.Equal(got, want) {
				t.Fatalf("bank %s: the encoder wrote\n%s\nencoding/json\n%s", b.Version, got, want)
			}
		}
	}
	// What Score never makes, but the types allow: nil and empty lists and
	// maps, floats encoding/json writes with an exponent.
	for _, f := range []float64{0, -0.0, 1e-7, -1e-7, 1e21, 123456789.125, 1e-6, 0.1, 5e-324, math.MaxFloat64} {
		a := &Assessment{ID: "x", Answers: nil}
		res := Result{Overall: &f, Sections: []SectionResult{{ID: "s", Index: &f, Dimensions: map[string]Cell{}},
			{ID: "t", Dimensions: map[string]Cell{"b": {Score: &f}, "a<": {}}}},
			Competences: []CompetenceResult{}, Recommendations: []Recommendation{{Priority: f}},
			Guidelines: []GuidelineAdvice{{Score: f}}}
		got, err := appendRecord(nil, "", a, &res)
		if err != nil {
			t.Fatal(err)
		}
		rec := Record{Assessment: *a, Results: res}
		rec.Answers = []Answer{} // the encoder writes a list, never null
		if want := laidOutRecord(t, rec, ""); !bytes.Equal(got, want) {
			t.Fatalf("%g: the encoder wrote\n%s\nencoding/json\n%s", f, got, want)
		}
	}
	// Where encoding/json fails, so does the encoder.
	nan := math.NaN()
	if _, err := appendRecord(nil, "", &Assessment{}, &Result{Overall: &nan}); err == nil {
		t.Error("NaN encoded")
	}
	if _, err := appendRecord(nil, "", &Assessment{StartedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}, &Result{}); err == nil {
		t.Error("the year 10000 encoded")
	}
}

// TestRecordEncoderFloats: numbers of tenths, written without a search
// for their shortest form, and any others are written as encoding/json
// writes them.
func TestRecordEncoderFloats(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	check := func(f float64) {
		t.Helper()
		e := recordEncoder{}
		e.float(f)
		want, _ := json.Marshal(f)
		if !bytes.Equal(e.b, want) {
			t.Fatalf("%v: wrote %s, encoding/json %s", f, e.b, want)
		}
	}
	for n := range 200_000 {
		check(float64(n) / 10)
		check(float64(n) * 0.1) // not always the same double
		check(rng.Float64() * 100)
		check(math.Round(rng.Float64()*1000) / 10 * 3)
	}
	for _, f := range []float64{-0.0, -1.5, 0.05, 1e13 + 0.1, 1e14, 1e15 / 10, 9.95, 99.99999999999999, math.Nextafter(0.1, 1)} {
		check(f)
	}
}

// encoderFields are the JSON fields of a record the encoder writes, by type.
// A field added to one of these types must be added to the encoder (and
// here): until then this test fails, and exports would drop the field.
var encoderFields = map[string][]string{
	"Record":           {"results"},
	"Assessment":       {"id", "participant", "workshop", "bank", "mode", "language", "started_at", "updated_at", "completed_at", "answers", "workshop_title", "drafts", "plan"},
	"Participant":      {"id", "name", "role", "institution"},
	"BankRef":          {"id", "version"},
	"Answer":           {"item", "status", "value", "other", "note", "develop"},
	"Draft":            {"item", "note", "develop"},
	"Result":           {"overall", "sections", "competences", "recommendations", "guidelines", "counts"},
	"SectionResult":    {"id", "pursued", "index", "dimensions"},
	"Cell":             {"score", "answered"},
	"CompetenceResult": {"id", "score", "target", "gap", "evidence", "low_evidence"},
	"Recommendation":   {"module", "course", "role", "priority", "reasons"},
	"Reason":           {"competence", "gap", "relevance"},
	"GuidelineAdvice":  {"id", "dimension", "score"},
	"Counts":           {"asked", "answered", "na", "unknown", "unanswered"},
}

func TestRecordEncoderKnowsEveryField(t *testing.T) {
	found := map[string][]string{}
	var walk func(reflect.Type)
	walk = func(ty reflect.Type) {
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice || ty.Kind() == reflect.Map {
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || ty.PkgPath() != reflect.TypeFor[Record]().PkgPath() || ty.Name() == "Plan" {
			return // the plan goes through encoding/json
		}
		if _, seen := found[ty.Name()]; seen {
			return
		}
		found[ty.Name()] = []string{}
		for f := range ty.Fields() {
			if f.Anonymous {
				walk(f.Type)
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			found[ty.Name()] = append(found[ty.Name()], name)
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[Record]())
	delete(found, "Value") // written by its own MarshalJSON, mirrored by value()
	for name, fields := range found {
		if !slices.Equal(fields, encoderFields[name]) {
			t.Errorf("%s has the JSON fields %v; the record encoder writes %v", name, fields, encoderFields[name])
		}
	}
	for name := range encoderFields {
		if _, ok := found[name]; !ok {
			t.Errorf("the record encoder knows a type %s that a record no longer has", name)
		}
	}
}

// BenchmarkAppendRecord: one scored full assessment encoded as an export
// writes it.
func BenchmarkAppendRecord(b *testing.B) {
	bank, _ := Default()
	a := randomAssessment(bank, rand.New(rand.NewPCG(1, 2)))
	res := Score(bank, a)
	var buf []byte
	for b.Loop() {
		buf, _ = appendRecord(buf[:0], "    ", a, &res)
	}
	b.SetBytes(int64(len(buf)))
}
