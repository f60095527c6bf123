package assessment

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"sync"

	"go.yaml.in/yaml/v3"
)

// The embedded bank is also built into the program as Go literals
// (bank_gen.go): building those costs a fraction of decoding the YAML, which
// every command that needs the bank would pay. TestGeneratedBank fails when
// the two differ; then run go generate.
//
//go:generate go run ./internal/bankgen bank/digint-vet.yaml bank_gen.go

//go:embed bank/digint-vet.yaml
var defaultBankData []byte

var (
	defaultBankOnce sync.Once
	defaultBank     *Bank
	defaultBankErr  error
)

// Default returns the embedded DIG.INT bank, loaded and validated once.
func Default() (*Bank, error) {
	defaultBankOnce.Do(func() {
		defaultBank, defaultBankErr = loadGenerated()
	})
	return defaultBank, defaultBankErr
}

// DefaultRef names the embedded bank (as Default().ID and .Version) without
// building it: for commands that only name it.
func DefaultRef() BankRef { return defaultRef }

// Load decodes a bank file and validates it. Unknown keys are errors, so a
// typo in the data never silently drops content.
func Load(data []byte) (*Bank, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var b Bank
	if err := dec.Decode(&b); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("bank: empty file")
		}
		return nil, fmt.Errorf("bank: %w", err)
	}
	if err := b.validate(); err != nil {
		return nil, err
	}
	return &b, nil
}

// loadGenerated builds the embedded bank from its generated literals and
// validates it as Load does (validation also fills the indexes).
func loadGenerated() (*Bank, error) {
	b := generatedBank()
	if err := b.validate(); err != nil {
		return nil, err
	}
	return b, nil
}
