package assessment

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// releasedSums pins every released bank file: a shipped version never
// changes, or assessments answered on it would score differently. A new
// release adds its line here (see bank/README.md).
var releasedSums = map[string]string{
	"digint-vet-1.0.0.yaml": "08b349d8dcf08b4eb47ea491f26385df40ff4b0b9c32c06cddbd32a7e8ba288c",
}

// Every shipped bank version loads, the generated literals are the YAML,
// versions only go up, and the current bank is the newest.
func TestEveryShippedBankVersion(t *testing.T) {
	names, err := fs.Glob(releasedBanks, "bank/released/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no released bank: %v", err)
	}
	var files [][]byte
	for _, n := range names {
		data, err := releasedBanks.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		base := strings.TrimPrefix(n, "bank/released/")
		if got := fmt.Sprintf("%x", sha256.Sum256(data)); releasedSums[base] != got {
			t.Errorf("%s changed (sha256 %s): a released bank is frozen; change bank/digint-vet.yaml and raise its version", n, got)
		}
		files = append(files, data)
	}
	if len(releasedSums) != len(names) {
		t.Errorf("%d released files, %d pinned", len(names), len(releasedSums))
	}
	files = append(files, defaultBankData)
	cat, err := DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	banks := cat.Banks()
	if len(banks) != len(files) {
		t.Fatalf("the catalog holds %d banks, %d are shipped: run go generate ./assessment", len(banks), len(files))
	}
	for i, data := range files {
		b, err := Load(data)
		if err != nil {
			t.Fatalf("version %d: %v", i, err)
		}
		if !reflect.DeepEqual(b, banks[i]) {
			t.Errorf("bank %s %s differs from its generated literals: run go generate ./assessment", b.ID, b.Version)
		}
		if i > 0 && !versionBelow(banks[i-1].Version, b.Version) {
			t.Errorf("version %s follows %s: versions must go up", b.Version, banks[i-1].Version)
		}
		if want := fmt.Sprintf("bank/released/%s-%s.yaml", b.ID, b.Version); i < len(names) && names[i] != want {
			t.Errorf("released file %s holds %s %s, want it named %s", names[i], b.ID, b.Version, want)
		}
	}
	cur, _ := Default()
	if cat.Current() != cur || DefaultRef().Version != cur.Version {
		t.Errorf("the current bank is %s, not the newest %s", DefaultRef().Version, banks[len(banks)-1].Version)
	}
}

// versionBelow compares dotted version numbers.
func versionBelow(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(pa), len(pb)); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			return x < y
		}
	}
	return false
}

// An export made on bank 1.0.0 (kept as a fixture) still loads with the
// current program: it scores as it did then, and compares with an
// assessment on the current bank.
func TestBank100DocumentStillLoads(t *testing.T) {
	data, err := os.ReadFile("testdata/bank-1.0.0.json")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Decode(bytes.NewReader(data), cat)
	if err != nil {
		t.Fatalf("a 1.0.0 export no longer loads: %v", err)
	}
	if len(doc.Assessments) != 2 {
		t.Fatalf("%d assessments", len(doc.Assessments))
	}
	old := doc.Assessments[0].Assessment
	if old.Bank.Version != "1.0.0" {
		t.Fatalf("fixture on bank %s", old.Bank.Version)
	}
	b100, err := cat.Lookup(old.Bank)
	if err != nil {
		t.Fatal(err)
	}
	// Its results as written then are its results now (the file's results
	// are only checked here, never trusted when importing).
	var recorded struct {
		Assessments []struct {
			Results Result `json:"results"`
		} `json:"assessments"`
	}
	if err := json.Unmarshal(data, &recorded); err != nil {
		t.Fatal(err)
	}
	for i, rec := range doc.Assessments {
		got := Score(b100, &rec.Assessment)
		if !reflect.DeepEqual(got.Overall, recorded.Assessments[i].Results.Overall) ||
			!reflect.DeepEqual(got.Sections, recorded.Assessments[i].Results.Sections) {
			t.Errorf("assessment %d scores %v now, %v then", i, show(got.Overall), show(recorded.Assessments[i].Results.Overall))
		}
	}
	// "partly" stays the 1.0.0 gates' answer, and still pursues the section.
	for _, a := range old.Answers {
		if it, _ := b100.Item(a.Item); it.IsGate() && (a.Value.String() != "partly" || !b100.Pursued(it.Section, Index(old.Answers))) {
			t.Errorf("gate %s: %v", a.Item, a.Value)
		}
	}
	// It compares with a later assessment on the current bank.
	cur := cat.Current()
	later := old
	later.ID, later.Bank = "later", BankRef{ID: cur.ID, Version: cur.Version}
	later.StartedAt = old.StartedAt.Add(24 * time.Hour)
	later.Answers = nil
	for _, a := range old.Answers {
		if it, _ := cur.Item(a.Item); it.IsGate() && a.Value.String() == "partly" {
			a.Value = String("planned")
		}
		if err := cur.CheckAnswer(a); err != nil {
			t.Fatalf("a 1.0.0 answer does not fit %s: %v", cur.Version, err)
		}
		later.Answers = append(later.Answers, a)
	}
	p := Compare(Score(b100, &old), Score(cur, &later))
	if p.Overall == nil || p.Overall.Change != 0 {
		t.Errorf("the same answers on 1.0.0 and %s moved: %+v", cur.Version, p.Overall)
	}
	for _, s := range p.Sections {
		if s.PursuedBoth() && s.Index == nil {
			t.Errorf("section %s pursued both times has no comparison", s.ID)
		}
	}
}

// On the current bank a gate's "not yet, but we plan to" is exported as
// what the person chose, "planned", not "partly".
func TestGatePlannedIsExportedAsChosen(t *testing.T) {
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	gate, _ := b.Item(b.Sections[1].Gate)
	if !gate.IsGate() || gate.Options[1].ID != "planned" {
		t.Fatalf("gate %s options %+v", gate.ID, gate.Options)
	}
	if b.CheckAnswer(Answer{Item: gate.ID, Status: StatusAnswered, Value: String("partly")}) == nil {
		t.Error("a 1.1.0 gate takes \"partly\"")
	}
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	a := &Assessment{ID: "00000000-0000-4000-8000-000000000001", Participant: Participant{ID: "00000000-0000-4000-8000-000000000002", Role: b.Roles[0].ID},
		Bank: BankRef{b.ID, b.Version}, Mode: ModeQuick, Language: "en", StartedAt: now, UpdatedAt: now,
		Answers: []Answer{{Item: gate.ID, Status: StatusAnswered, Value: String("planned")}}}
	if err := b.CheckAnswer(a.Answers[0]); err != nil {
		t.Fatal(err)
	}
	cat, _ := DefaultCatalog()
	d, err := NewDocument(cat, []*Assessment{a}, now)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := d.Write(&out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"value": "planned"`) {
		t.Errorf("export does not say planned:\n%s", out.String())
	}
	if _, err := Decode(&out, cat); err != nil {
		t.Errorf("the export does not load again: %v", err)
	}
	if !b.Pursued(gate.Section, Index(a.Answers)) {
		t.Error("planned does not pursue the section")
	}
}
