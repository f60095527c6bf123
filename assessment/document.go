package assessment

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"golang.org/x/text/language"
)

// The export format people keep: a document of assessments with their
// results. Results in a file are never trusted; they are recomputed.
const (
	DocumentFormat  = "digint.assessments"
	DocumentVersion = 1
)

// Schema is the JSON Schema of the document format.
//
//go:embed digint.assessments.schema.json
var Schema []byte

// Document is the JSON export of one or more assessments.
type Document struct {
	Format      string    `json:"format"`
	Version     int       `json:"version"`
	ExportedAt  time.Time `json:"exported_at"`
	Assessments []Record  `json:"assessments"`
}

// Record is an assessment with its results, as it stands in a document.
type Record struct {
	Assessment
	Results Result `json:"results"`
}

// Catalog holds every bank version this program can read assessments of.
// When the bank changes, its earlier versions stay in the catalog so old
// exports still load.
type Catalog struct{ banks []*Bank }

func NewCatalog(banks ...*Bank) *Catalog { return &Catalog{banks: banks} }

// DefaultCatalog holds the embedded banks.
func DefaultCatalog() (*Catalog, error) {
	b, err := Default()
	if err != nil {
		return nil, err
	}
	return NewCatalog(b), nil
}

// Current is the newest bank, the one new assessments use.
func (c *Catalog) Current() *Bank { return c.banks[len(c.banks)-1] }

// Lookup finds the bank an assessment was answered on.
func (c *Catalog) Lookup(ref BankRef) (*Bank, error) {
	var known []string
	for _, b := range c.banks {
		if b.ID == ref.ID && b.Version == ref.Version {
			return b, nil
		}
		known = append(known, b.ID+" "+b.Version)
	}
	return nil, fmt.Errorf("bank %q version %q is not known to this digint (it knows %v)", ref.ID, ref.Version, known)
}

// NewDocument wraps assessments in a document, computing their results.
func NewDocument(c *Catalog, assessments []*Assessment, now time.Time) (*Document, error) {
	d := &Document{Format: DocumentFormat, Version: DocumentVersion, ExportedAt: now.UTC().Truncate(time.Second),
		Assessments: make([]Record, 0, len(assessments))}
	for _, a := range assessments {
		b, err := c.Lookup(a.Bank)
		if err != nil {
			return nil, fmt.Errorf("assessment %s: %w", a.ID, err)
		}
		rec := Record{Assessment: *a, Results: Score(b, a)}
		if rec.Answers == nil {
			rec.Answers = []Answer{} // the format has a list, never null
		}
		d.Assessments = append(d.Assessments, rec)
	}
	return d, nil
}

// Write encodes the document as indented JSON.
func (d *Document) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// The shapes a file is decoded into: strict (unknown keys are errors), with
// results left raw because they are recomputed, never read.
type fileDocument struct {
	Format      string       `json:"format"`
	Version     int          `json:"version"`
	ExportedAt  time.Time    `json:"exported_at"`
	Assessments []fileRecord `json:"assessments"`
}

type fileRecord struct {
	Assessment
	Results json.RawMessage `json:"results"`
}

var (
	workshopCode  = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{2,15}$`)
	participantID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
)

// ValidWorkshopCode reports whether s can be a workshop code.
func ValidWorkshopCode(s string) bool { return workshopCode.MatchString(s) }

// Decode reads a document, checks every assessment against its bank and
// recomputes the results. Any error names the assessment and item at fault.
func Decode(r io.Reader, c *Catalog) (*Document, error) {
	f, as, err := decode(r, c)
	if err != nil {
		return nil, err
	}
	d := &Document{Format: f.Format, Version: f.Version, ExportedAt: f.ExportedAt, Assessments: make([]Record, 0, len(as))}
	for i := range as {
		b, _ := c.Lookup(as[i].Bank) // found by decode
		d.Assessments = append(d.Assessments, Record{Assessment: as[i], Results: Score(b, &as[i])})
	}
	return d, nil
}

// DecodeAssessments reads a document and checks every assessment as Decode
// does, without computing results: what an import needs.
func DecodeAssessments(r io.Reader, c *Catalog) ([]Assessment, error) {
	_, as, err := decode(r, c)
	return as, err
}

func decode(r io.Reader, c *Catalog) (*fileDocument, []Assessment, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	// One strict pass; only when it fails is the file read again, leniently,
	// to say whether it is a digint document at all.
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f fileDocument
	if err := dec.Decode(&f); err != nil {
		if herr := checkHead(data); herr != nil {
			return nil, nil, herr
		}
		return nil, nil, fmt.Errorf("document: %w", jsonError(data, err))
	}
	if err := checkVersion(f.Format, f.Version); err != nil {
		return nil, nil, err
	}
	if dec.More() {
		return nil, nil, errors.New("document: unexpected data after the document")
	}
	as := make([]Assessment, 0, len(f.Assessments))
	seen := make(map[string]int, len(f.Assessments))
	for n := range f.Assessments {
		a := f.Assessments[n].Assessment
		if err := checkRecord(c, &a, n, seen); err != nil {
			return nil, nil, err
		}
		as = append(as, a)
	}
	f.Assessments = nil
	return &f, as, nil
}

// checkRecord checks the n-th (from 0) assessment of a file against its
// bank and the ones before it, cleaning its text.
func checkRecord(c *Catalog, a *Assessment, n int, seen map[string]int) error {
	where := fmt.Sprintf("assessment %d (%s)", n+1, a.ID)
	if prev, dup := seen[a.ID]; dup {
		return fmt.Errorf("%s: the same id as assessment %d", where, prev)
	}
	seen[a.ID] = n + 1
	b, err := c.Lookup(a.Bank)
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if err := b.CleanAssessment(a); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	return nil
}

// DecodeEach reads a document as a stream and hands each assessment, once
// read and checked as Decode checks it, to fn – so a caller can store one
// while the next is being read. Results are not computed. Errors name the
// assessment; an error from fn stops the reading and is returned.
func DecodeEach(r io.Reader, c *Catalog, fn func(a *Assessment) error) error {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<16))
	dec.DisallowUnknownFields()
	if err := expectDelim(dec, '{'); err != nil {
		return fmt.Errorf("not a digint document: %w", err)
	}
	var format string
	version := -1
	headOK := func() error { return checkVersion(format, version) }
	seen := map[string]int{}
	n := 0
	var stopped error // fn's own error, returned as it is
	each := func(rec *fileRecord) error {
		a := rec.Assessment
		if err := checkRecord(c, &a, n, seen); err != nil {
			return err
		}
		n++
		if err := fn(&a); err != nil {
			stopped = err
			return err
		}
		return nil
	}
	fail := func(err error) error {
		switch {
		case stopped != nil:
			return stopped
		case format == "":
			return fmt.Errorf("not a digint document: %w", err)
		case strings.HasPrefix(err.Error(), "assessment "):
			return err
		}
		return fmt.Errorf("document: %w", err)
	}
	var early []fileRecord // assessments met before the format: checked once it is known
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		switch key, _ := tok.(string); key {
		case "format":
			err = dec.Decode(&format)
		case "version":
			err = dec.Decode(&version)
		case "exported_at":
			var t time.Time
			err = dec.Decode(&t)
		case "assessments":
			if headOK() != nil {
				err = dec.Decode(&early)
				break
			}
			if err = expectDelim(dec, '['); err != nil {
				break
			}
			for err == nil && dec.More() {
				var rec fileRecord
				if err = dec.Decode(&rec); err != nil {
					err = fmt.Errorf("assessment %d: %w", n+1, err)
					break
				}
				err = each(&rec)
			}
			if err == nil {
				err = expectDelim(dec, ']')
			}
		default:
			err = fmt.Errorf("json: unknown field %q", key)
		}
		if err != nil {
			return fail(err)
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return fail(err)
	}
	if err := headOK(); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("document: unexpected data after the document")
	}
	for i := range early {
		if err := each(&early[i]); err != nil {
			return err
		}
	}
	return nil
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != d {
		return fmt.Errorf("expected %q, found %v", d, tok)
	}
	return nil
}

// checkHead reads only the format and version of a file that did not
// decode, to tell a foreign or newer file from a broken one.
func checkHead(data []byte) error {
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return fmt.Errorf("not a digint document: %w", jsonError(data, err))
	}
	return checkVersion(head.Format, head.Version)
}

func checkVersion(format string, version int) error {
	if format != DocumentFormat {
		return fmt.Errorf("not a digint document: format is %q, want %q", format, DocumentFormat)
	}
	if version != DocumentVersion {
		return fmt.Errorf("document version %d is not supported (this digint reads version %d)", version, DocumentVersion)
	}
	return nil
}

// jsonError adds the line of a syntax error, which encoding/json gives only
// as a byte offset.
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		return fmt.Errorf("line %d: %w", line, err)
	}
	return err
}

// CleanAssessment checks an assessment against the bank and cleans its free
// text in place: what a document, the store or the wizard may keep.
func (b *Bank) CleanAssessment(a *Assessment) error {
	if _, err := uuid.Parse(a.ID); err != nil {
		return fmt.Errorf("id %q is not a UUID", a.ID)
	}
	if a.Bank.ID != b.ID || a.Bank.Version != b.Version {
		return fmt.Errorf("answered on bank %s %s, checked against %s %s", a.Bank.ID, a.Bank.Version, b.ID, b.Version)
	}
	p := &a.Participant
	if !participantID.MatchString(p.ID) {
		return fmt.Errorf("participant id %q must be 1–64 letters, digits, '-' or '_'", p.ID)
	}
	if _, ok := b.Role(p.Role); !ok {
		return fmt.Errorf("participant role %q is not a role of the bank", p.Role)
	}
	p.Name, p.Institution = CleanText(p.Name, false), CleanText(p.Institution, false)
	if err := checkLength("the participant's name", p.Name, MaxNameLen); err != nil {
		return err
	}
	if err := checkLength("the institution", p.Institution, MaxNameLen); err != nil {
		return err
	}
	if a.Workshop != "" && !ValidWorkshopCode(a.Workshop) {
		return fmt.Errorf("workshop code %q must be 3–16 capital letters, digits or '-'", a.Workshop)
	}
	if a.Mode != ModeFull && a.Mode != ModeQuick {
		return fmt.Errorf("mode %q must be full or quick", a.Mode)
	}
	tag, err := language.Parse(a.Language)
	if err != nil {
		return fmt.Errorf("language %q is not a BCP 47 tag", a.Language)
	}
	a.Language = tag.String()
	switch {
	case a.StartedAt.IsZero():
		return errors.New("started_at is missing")
	case a.UpdatedAt.Before(a.StartedAt):
		return errors.New("updated_at is before started_at")
	case a.CompletedAt != nil && a.CompletedAt.Before(a.StartedAt):
		return errors.New("completed_at is before started_at")
	}
	if a.Answers == nil {
		a.Answers = []Answer{}
	}
	seen := map[string]bool{}
	for i := range a.Answers {
		ans := a.Answers[i].Clean()
		if seen[ans.Item] {
			return fmt.Errorf("item %q is answered twice", ans.Item)
		}
		seen[ans.Item] = true
		if err := b.CheckAnswer(ans); err != nil {
			return err
		}
		a.Answers[i] = ans
	}
	// A stable order makes exports diff cleanly.
	slices.SortStableFunc(a.Answers, func(x, y Answer) int { return b.itemIndex[x.Item] - b.itemIndex[y.Item] })
	return nil
}
