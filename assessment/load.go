package assessment

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"sync"

	"go.yaml.in/yaml/v3"
)

// The embedded banks are also built into the program as Go literals
// (bank_gen.go): building those costs a fraction of decoding the YAML, which
// every command that needs the bank would pay. TestGeneratedBank fails when
// the two differ; then run go generate.
//
// Every bank version ever shipped stays: bank/released holds each earlier
// version, frozen, and bank/digint-vet.yaml the current one, so assessments
// answered on any version still load, score and compare. How to change the
// bank: bank/README.md.
//
//go:generate go run ./internal/bankgen bank_gen.go bank/released/digint-vet-1.0.0.yaml bank/digint-vet.yaml

//go:embed bank/digint-vet.yaml
var defaultBankData []byte

//go:embed bank/released/*.yaml
var releasedBanks embed.FS

var (
	defaultBankOnce sync.Once
	defaultBank     *Bank
	defaultBankErr  error

	catalogOnce sync.Once
	catalogBank []*Bank
	catalogErr  error
)

// Default returns the current embedded bank, loaded and validated once.
func Default() (*Bank, error) {
	defaultBankOnce.Do(func() {
		defaultBank, defaultBankErr = loadGenerated(generatedBanks[len(generatedBanks)-1])
	})
	return defaultBank, defaultBankErr
}

// shipped returns every embedded bank version, oldest first, the current
// one (Default) last; built once.
func shipped() ([]*Bank, error) {
	catalogOnce.Do(func() {
		for _, gen := range generatedBanks[:len(generatedBanks)-1] {
			b, err := loadGenerated(gen)
			if err != nil {
				catalogErr = err
				return
			}
			catalogBank = append(catalogBank, b)
		}
		cur, err := Default()
		if err != nil {
			catalogErr = err
			return
		}
		catalogBank = append(catalogBank, cur)
	})
	return catalogBank, catalogErr
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

// loadGenerated builds an embedded bank from its generated literals and
// validates it as Load does (validation also fills the indexes).
func loadGenerated(gen func() *Bank) (*Bank, error) {
	b := gen()
	if err := b.validate(); err != nil {
		return nil, err
	}
	return b, nil
}
