// Package banktext is the form of one language's texts of the question
// bank (i18n/bank/*.yaml): parsed from the YAML when the generated form is
// stale, and by the generator that writes that form as Go literals.
package banktext

import (
	"bytes"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Text is one language's texts of the bank, keyed by id. English lives in
// the bank itself; these files only translate.
type Text struct {
	Language    string               `yaml:"language"`
	Bank        string               `yaml:"bank"`
	Version     string               `yaml:"version"`
	Title       string               `yaml:"title"`
	Scales      Scales               `yaml:"scales"`
	Sections    map[string]Titled    `yaml:"sections"`
	Dimensions  map[string]Titled    `yaml:"dimensions"`
	Competences map[string]Titled    `yaml:"competences"`
	Roles       map[string]Titled    `yaml:"roles"`
	Courses     map[string]Titled    `yaml:"courses"`
	Modules     map[string]Titled    `yaml:"modules"`
	Guidelines  map[string]Guideline `yaml:"guidelines"`
	Items       map[string]Item      `yaml:"items"`
}

// Scales are the texts of the answer scales.
type Scales struct {
	Maturity    []string          `yaml:"maturity"`
	Proficiency []string          `yaml:"proficiency"`
	YesNo       map[string]string `yaml:"yesno"`
}

// Titled is a title with one longer text, whichever name it has.
type Titled struct {
	Title       string `yaml:"title"`
	Purpose     string `yaml:"purpose"`
	Description string `yaml:"description"`
	Summary     string `yaml:"summary"`
}

// Guideline is a planning guideline's texts.
type Guideline struct {
	Title  string   `yaml:"title"`
	Advice []string `yaml:"advice"`
}

// Item is a question's texts.
type Item struct {
	Text    string            `yaml:"text"`
	Help    string            `yaml:"help"`
	Levels  []string          `yaml:"levels"`
	Options map[string]string `yaml:"options"`
}

// Parse reads a file of lang's bank texts. Unknown keys are errors, so a
// typo never silently drops a translation, and the file must say it is
// lang's.
func Parse(data []byte, lang string) (*Text, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var t Text
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("i18n: bank texts %s: %w", lang, err)
	}
	if t.Language != lang {
		return nil, fmt.Errorf("i18n: bank texts %s say they are %q", lang, t.Language)
	}
	return &t, nil
}
