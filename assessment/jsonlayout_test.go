package assessment

import (
	"encoding/json"
	"testing"
)

// An object or list holding an object is written a member per line; any
// other on one line; text with brackets, commas, colons and escaped quotes
// in it is copied as it is.
func TestLayOut(t *testing.T) {
	src := `{"id":"a,b:{c}[d]\"e\\","answers":[{"item":"x","value":["p","q"],"develop":true},{"item":"y","value":null}],` +
		`"empty":{},"none":[],"nested":{"inner":{}},"n":-1.5e-7,"flat":{"a":1,"b":[]}}`
	want := `{
  "id": "a,b:{c}[d]\"e\\",
  "answers": [
    {"item": "x", "value": ["p", "q"], "develop": true},
    {"item": "y", "value": null}
  ],
  "empty": {},
  "none": [],
  "nested": {
    "inner": {}
  },
  "n": -1.5e-7,
  "flat": {"a": 1, "b": []}
}`
	if got := string(layOut(nil, []byte(src), "", 0)); got != want {
		t.Errorf("laid out\n%s\nwant\n%s", got, want)
	}
	// Below a prefix and a depth, as a member of a record.
	got := string(layOut([]byte("x: "), []byte(`{"a":{"b":1}}`), "> ", 1))
	if want := "x: {\n>     \"a\": {\"b\": 1}\n>   }"; got != want {
		t.Errorf("laid out\n%s\nwant\n%s", got, want)
	}
	if !json.Valid(layOut(nil, []byte(src), "", 0)) {
		t.Error("the layout is not JSON")
	}
}
