package assessment

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestDefaultBank checks the content rules of the embedded bank that the
// loader does not enforce for every bank.
func TestDefaultBank(t *testing.T) {
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if b.ID != "digint-vet" || b.Version == "" {
		t.Errorf("bank is %q %q", b.ID, b.Version)
	}
	ids := func(n int, id func(int) string) []string {
		var out []string
		for i := range n {
			out = append(out, id(i))
		}
		return out
	}
	wantIDs := map[string][]string{
		"sections":    {"curriculum", "offshore", "dual", "networks"},
		"dimensions":  {"strategy", "resources", "processes", "outcomes"},
		"competences": {"global", "funding", "techdim", "networking", "leadership", "virtual", "transversal"},
		"roles":       {"trainer", "manager", "policy"},
	}
	gotIDs := map[string][]string{
		"sections":    ids(len(b.Sections), func(i int) string { return b.Sections[i].ID }),
		"dimensions":  ids(len(b.Dimensions), func(i int) string { return b.Dimensions[i].ID }),
		"competences": ids(len(b.Competences), func(i int) string { return b.Competences[i].ID }),
		"roles":       ids(len(b.Roles), func(i int) string { return b.Roles[i].ID }),
	}
	for k, want := range wantIDs {
		if !slices.Equal(gotIDs[k], want) {
			t.Errorf("%s = %v, want %v", k, gotIDs[k], want)
		}
	}

	scored := 0
	cell := map[[2]string]int{}
	selfratings := map[string]int{}
	feeds := map[string]map[string]int{} // competence → section → items
	quick := 0
	quickSections, quickComps := map[string]bool{}, map[string]bool{}
	multiOther := map[string]int{}
	var ratio *Item
	for i := range b.Items {
		it := &b.Items[i]
		if it.Help == "" {
			t.Errorf("item %s has no help", it.ID)
		}
		if !it.Scored() {
			continue
		}
		scored++
		cell[[2]string{it.Section, it.Dimension}]++
		for c, w := range it.Competences {
			if feeds[c] == nil {
				feeds[c] = map[string]int{}
			}
			feeds[c][it.Section]++
			if it.Kind == KindSelfRating && w > 0 {
				selfratings[c]++
			}
		}
		if it.Quick {
			quick++
			quickSections[it.Section] = true
			for c := range it.Competences {
				quickComps[c] = true
			}
		}
		if it.Kind == KindMulti && it.Other {
			multiOther[it.Section]++
		}
		if it.Kind == KindRatio && it.Target == 0.12 {
			ratio = it
		}
	}
	if scored < 48 {
		t.Errorf("%d scored items, want at least 48", scored)
	}
	for _, s := range b.Sections {
		for _, d := range b.Dimensions {
			if n := cell[[2]string{s.ID, d.ID}]; n < 2 {
				t.Errorf("%s × %s has %d scored items, want at least 2", s.ID, d.ID, n)
			}
		}
	}
	for _, c := range b.Competences {
		if selfratings[c.ID] < 2 {
			t.Errorf("competence %s has %d self-ratings, want 2", c.ID, selfratings[c.ID])
		}
		total := 0
		for _, n := range feeds[c.ID] {
			total += n
		}
		if total < 5 || len(feeds[c.ID]) < 2 {
			t.Errorf("competence %s is fed by %d items from %d sections, want 5 from 2", c.ID, total, len(feeds[c.ID]))
		}
		if !quickComps[c.ID] {
			t.Errorf("quick scan misses competence %s", c.ID)
		}
	}
	if quick < 14 || quick > 18 {
		t.Errorf("quick scan has %d items, want 14–18", quick)
	}
	if len(quickSections) != 4 {
		t.Errorf("quick scan covers sections %v", quickSections)
	}
	if multiOther["curriculum"] < 2 {
		t.Errorf("curriculum needs the seed's two checklists as multi items with Other")
	}
	if ratio == nil || ratio.Section != "curriculum" {
		t.Errorf("the mobility share against the 12 %% target is missing")
	}
	for _, s := range []string{"offshore", "dual"} {
		sec, _ := b.Section(s)
		if sec.Gate == "" {
			t.Errorf("section %s has no gate", s)
		}
	}
	if n := len(b.Modules()); n != 18 {
		t.Errorf("%d modules, want the 18 of the pilot programme", n)
	}
}

// The keys `digint bank --json` promises.
func TestBankJSONKeys(t *testing.T) {
	b, _ := Default()
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(data, &m)
	for _, k := range []string{"id", "version", "sections", "dimensions", "competences", "roles", "courses", "guidelines", "items"} {
		if _, ok := m[k]; !ok {
			t.Errorf("bank JSON lacks %q", k)
		}
	}
	js := string(data)
	for _, k := range []string{`"targets":`, `"modules":`, `"gate":"off-gate"`, `"partner":`, `"saturation":`, `"numerator":`, `"denominator":`, `"target":0.12`, `"levels":`, `"options":`, `"quick":true`} {
		if !strings.Contains(js, k) {
			t.Errorf("bank JSON lacks %s", k)
		}
	}
	for _, it := range m["items"].([]any) {
		for _, k := range []string{"id", "section", "dimension", "kind", "competences", "quick"} {
			if _, ok := it.(map[string]any)[k]; !ok {
				t.Fatalf("item %v lacks %q", it.(map[string]any)["id"], k)
			}
		}
	}
	mod := m["courses"].([]any)[0].(map[string]any)["modules"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "role", "partner", "competences"} {
		if _, ok := mod[k]; !ok {
			t.Errorf("module lacks %q", k)
		}
	}
}
