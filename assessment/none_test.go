package assessment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The bank's rules for "none of these", a gate's "planned" and renamed
// options: each broken one is refused, naming the item and what is wrong.
func TestNoneAndRenamedOptionRules(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "small.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	multi := "[{id: a, text: A}, {id: b, text: B}, {id: c, text: C}]"
	for name, c := range map[string]struct{ from, to, want string }{
		"two nones":           {multi, "[{id: a, text: A}, {id: n1, text: N, none: true}, {id: n2, text: M, none: true}]", "more than one"},
		"replaces a live id":  {multi, "[{id: a, text: A, replaces: [b]}, {id: b, text: B}, {id: c, text: C}]", `replaces "b"`},
		"saturation too high": {multi + "\n    other: true\n    saturation: 2", "[{id: a, text: A}, {id: n, text: N, none: true}]\n    other: true\n    saturation: 3", "saturation 3 exceeds"},
	} {
		changed := strings.Replace(string(data), c.from, c.to, 1)
		if changed == string(data) {
			t.Fatalf("%s: nothing replaced", name)
		}
		if _, err := Load([]byte(changed)); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "h-multi") {
			t.Errorf("%s: %v, want it to name h-multi and %q", name, err, c.want)
		}
	}
	// An answer: none goes alone, and scores zero.
	b, err := Load([]byte(strings.Replace(string(data), multi, "[{id: a, text: A}, {id: b, text: B}, {id: none, text: None, none: true}]", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.CheckAnswer(Answer{Item: "h-multi", Status: StatusAnswered, Value: List([]string{"a", "none"})}); err == nil {
		t.Error("none of these ticked with a")
	}
	if err := b.CheckAnswer(Answer{Item: "h-multi", Status: StatusAnswered, Value: List([]string{"none"}), Other: "x"}); err == nil {
		t.Error("none of these with an Other text")
	}
	none := Answer{Item: "h-multi", Status: StatusAnswered, Value: List([]string{"none"})}
	it, _ := b.Item("h-multi")
	if s, ok := it.ItemScore(map[string]Answer{"h-multi": none}); b.CheckAnswer(none) != nil || !ok || s != 0 {
		t.Errorf("none of these: score %v %v", s, ok)
	}
}
