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
		defaultBank, defaultBankErr = Load(defaultBankData)
	})
	return defaultBank, defaultBankErr
}

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
