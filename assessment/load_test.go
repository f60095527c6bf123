package assessment

import (
	"bytes"
	"reflect"
	"testing"
)

// TestGeneratedBank: the bank built from bank_gen.go is the embedded YAML's,
// field for field, so the YAML stays the source. When this fails, run
// go generate ./assessment.
func TestGeneratedBank(t *testing.T) {
	fromYAML, err := Load(defaultBankData)
	if err != nil {
		t.Fatal(err)
	}
	generated, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromYAML, generated) {
		t.Fatal("bank_gen.go is not bank/digint-vet.yaml: run go generate ./assessment")
	}
	if ref := DefaultRef(); ref.ID != fromYAML.ID || ref.Version != fromYAML.Version {
		t.Fatalf("DefaultRef is %+v, the YAML says %s %s", ref, fromYAML.ID, fromYAML.Version)
	}
	// The comparison sees a change of one text in the YAML.
	changed, err := Load(bytes.Replace(defaultBankData, []byte(fromYAML.Title), []byte(fromYAML.Title+"!"), 1))
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(changed, generated) {
		t.Fatal("a changed title went unnoticed")
	}
}

// BenchmarkLoadBank: building the bank from its generated literals against
// decoding the YAML it comes from (the floor it must beat).
func BenchmarkLoadBank(b *testing.B) {
	b.Run("YAML", func(b *testing.B) {
		for b.Loop() {
			if _, err := Load(defaultBankData); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Generated", func(b *testing.B) {
		for b.Loop() {
			if _, err := loadGenerated(generatedBanks[len(generatedBanks)-1]); err != nil {
				b.Fatal(err)
			}
		}
	})
}
