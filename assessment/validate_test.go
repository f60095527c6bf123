package assessment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func loadFile(t *testing.T, path string) (*Bank, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Load(data)
}

func smallBank(t testing.TB) *Bank {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "small.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(data)
	if err != nil {
		t.Fatalf("small bank: %v", err)
	}
	return b
}

func TestSmallBankLoads(t *testing.T) {
	b := smallBank(t)
	if it, ok := b.Item("ab-gate"); !ok || !it.IsGate() || it.Scored() {
		t.Fatalf("ab-gate should load as an unscored gate: %+v", it)
	}
	if m := b.Modules(); len(m) != 3 || m[2].Role != "manager" || m[2].Course != "c-manager" {
		t.Fatalf("modules should carry their course's role: %+v", m)
	}
}

// Each broken bank breaks one rule; the error must name where and what.
func TestBrokenBanks(t *testing.T) {
	cases := map[string][]string{
		"duplicate-id":               {`item "h-mat"`, "duplicate id"},
		"unknown-section":            {`item "h-self"`, `unknown section "nowhere"`},
		"unknown-dimension":          {`item "h-band"`, `unknown dimension "nothing"`},
		"unknown-competence":         {`item "h-self"`, `unknown competence "fundng"`},
		"unknown-role":               {`course "c-manager"`, `unknown role "boss"`},
		"weight-not-positive":        {`item "h-mat"`, `weight 0 for "funding" must be above 0`},
		"section-lacks-dimension":    {`section "abroad"`, `no scored item in dimension "outcomes"`},
		"ratio-not-count":            {`item "h-share"`, `points at "h-band", a band item, not a count`},
		"module-maps-nothing":        {`module "m-1"`, "maps to no competence"},
		"target-out-of-range":        {`role "manager"`, `target 120 for "funding" is outside 0–100`},
		"quick-misses-section":       {"quick scan", `misses section "abroad"`},
		"quick-misses-competence":    {"quick scan", `misses competence "networking"`},
		"saturation-exceeds-options": {`item "h-multi"`, "saturation 5 exceeds its 4 options"},
		"unknown-key":                {"field hepl not found"},
		"maturity-levels":            {`item "h-mat"`, "needs 5 level descriptors, has 4"},
		"gate-not-yesno":             {`item "ab-mat"`, `gate of section "abroad" must be a yesno item`},
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "broken", "*.yaml"))
	if len(files) != len(cases) {
		t.Errorf("%d broken banks on disk, %d cases: keep them in step", len(files), len(cases))
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := loadFile(t, filepath.Join("testdata", "broken", name+".yaml"))
			if err == nil {
				t.Fatal("loaded without error")
			}
			for _, w := range want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestEmptyBank(t *testing.T) {
	if _, err := Load(nil); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("empty bank: %v", err)
	}
}
