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
	"sync"
	"time"

	"github.com/google/uuid"
	"golang.org/x/text/language"
)

// The export format people keep: a document of assessments with their
// results. Results in a file are never trusted; they are recomputed.
const (
	DocumentFormat  = "digint.assessments"
	DocumentVersion = 2 // 2 added drafts and plans; version 1 files still load
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

// DefaultCatalog holds the embedded banks: every version shipped, oldest
// first, the current one last.
func DefaultCatalog() (*Catalog, error) {
	banks, err := shipped()
	if err != nil {
		return nil, err
	}
	return NewCatalog(banks...), nil
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
	return nil, newProblem("unknownbank", fmt.Sprintf("bank %q version %q is not known to this digint (it knows %v)", ref.ID, ref.Version, known),
		"Bank", excerpt(ref.ID), "Version", excerpt(ref.Version), "Known", strings.Join(known, ", "))
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

// Write encodes the document as an export is written: its head a member
// per line, each record laid out by layOut. It writes as it encodes: after
// an error, part of the document may have been written.
func (d *Document) Write(w io.Writer) error {
	dw, err := newDocumentWriter(w, d.Format, d.Version, d.ExportedAt)
	if err != nil {
		return err
	}
	for i := range d.Assessments {
		rec := &d.Assessments[i]
		if err := dw.add(&rec.Assessment, &rec.Results); err != nil {
			return err
		}
	}
	return dw.Close()
}

// The shapes a file is decoded into: strict (unknown keys are errors),
// values kept raw until their item is known, so an error can name it, and
// results left raw because they are recomputed, never read.
type fileAssessment struct {
	ID          string          `json:"id"`
	Participant Participant     `json:"participant"`
	Workshop    string          `json:"workshop"`
	Bank        BankRef         `json:"bank"`
	Mode        Mode            `json:"mode"`
	Language    string          `json:"language"`
	StartedAt   time.Time       `json:"started_at"`
	UpdatedAt   time.Time       `json:"updated_at"`
	CompletedAt *time.Time      `json:"completed_at"`
	Answers     []fileAnswer    `json:"answers"`
	Drafts      []Draft         `json:"drafts"`
	Plan        *Plan           `json:"plan"`
	Results     json.RawMessage `json:"results"`

	WorkshopTitle string `json:"workshop_title"` // optional
}

type fileAnswer struct {
	Item    string          `json:"item"`
	Status  Status          `json:"status"`
	Value   json.RawMessage `json:"value"`
	Other   string          `json:"other"`
	Note    string          `json:"note"`
	Develop bool            `json:"develop"`
}

var (
	workshopCode  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{2,15}$`) })
	participantID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`) })
)

// ValidWorkshopCode reports whether s can be a workshop code.
func ValidWorkshopCode(s string) bool { return workshopCode().MatchString(s) }

// Decode reads a document, checks every assessment against its bank and
// recomputes the results. Any error names the assessment and item at fault.
func Decode(r io.Reader, c *Catalog) (*Document, error) {
	d := &Document{Assessments: []Record{}}
	head, err := decodeStream(r, c, func(a *Assessment) error {
		b, _ := c.Lookup(a.Bank) // found when the assessment was checked
		d.Assessments = append(d.Assessments, Record{Assessment: *a, Results: Score(b, a)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	d.Format, d.Version, d.ExportedAt = head.format, *head.version, head.exportedAt
	return d, nil
}

// DecodeEach reads a document as a stream and hands each assessment, once
// read and checked as Decode checks it, to fn – so a caller can store one
// while the next is being read. Results are not computed. Errors name the
// assessment and item; an error from fn stops the reading and is returned
// as it is.
func DecodeEach(r io.Reader, c *Catalog, fn func(a *Assessment) error) error {
	_, err := decodeStream(r, c, fn)
	return err
}

type docHead struct {
	format     string
	version    *int // nil: not given
	exportedAt time.Time
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func decodeStream(r io.Reader, c *Catalog, fn func(a *Assessment) error) (docHead, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(3) // some editors on Windows start files with one
	}
	if blank(br) {
		return docHead{}, newProblem("empty", "the file is empty")
	}
	in := &boundedReader{r: br}
	dec := json.NewDecoder(in)
	dec.DisallowUnknownFields() // for the assessments; the top-level keys are read one by one
	in.dec = dec
	head := docHead{}
	now := Now()
	seen := map[string]int{}
	n := 0
	var stopped error // fn's own error, returned as it is
	each := func(f *fileAssessment) error {
		a, err := f.assessment(n + 1)
		if err == nil {
			err = checkRecord(c, &a, n, seen, now)
		}
		n++
		if err != nil {
			return err
		}
		if err := fn(&a); err != nil {
			stopped = err
			return err
		}
		return nil
	}
	fail := func(err error) (docHead, error) {
		if stopped != nil {
			return head, stopped
		}
		p := asProblem(err)
		switch {
		case p == nil: // the file could not be read
			return head, clip(err)
		case head.format == "" && p.Assessment == 0 && p.Rule != "cut" && !errors.Is(err, ErrTooLarge):
			return head, notDocument(err)
		}
		return head, p
	}
	if err := expectDelim(dec, '{'); err != nil {
		return fail(err)
	}
	var early []json.RawMessage // assessments met before the format: checked once it is known
	sawList := false
	for in.mark(); dec.More(); in.mark() {
		tok, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		switch key, _ := tok.(string); key {
		case "format":
			err = named(dec.Decode(&head.format), key)
		case "version":
			err = named(dec.Decode(&head.version), key)
			if err == nil && head.version == nil {
				err = newProblem("noversion", `"version" is null`)
			}
		case "exported_at":
			err = named(dec.Decode(&head.exportedAt), key)
		case "assessments":
			if sawList {
				return fail(newProblem("listtwice", `"assessments" is given twice`))
			}
			sawList = true
			if checkVersion(head.format, head.version) != nil {
				// Met before the format: held until it is known, so bounded
				// by the limit of one value.
				if err = dec.Decode(&early); errors.Is(err, ErrTooLarge) {
					err = &Problem{Rule: "toolarge.early", english: err.Error() + `; give "format" and "version" before "assessments"`,
						Values: []any{"Limit", size(MaxValueBytes)}, cause: err}
				}
				break
			}
			err = eachElement(dec, in, each, &n)
		default:
			err = newProblem("unknownfield", "unknown field "+excerpt(key), "Field", excerpt(key))
			if head.format != "" && head.format != DocumentFormat { // another format: that is what is wrong
				err = checkVersion(head.format, head.version)
			}
		}
		if err != nil {
			return fail(err)
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return fail(err)
	}
	if err := checkVersion(head.format, head.version); err != nil {
		return head, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fail(newProblem("after", "unexpected data after the document"))
	}
	if !sawList {
		return fail(newProblem("nolist", `"assessments" is missing`))
	}
	for i, raw := range early {
		f, err := decodeAssessment(raw, i+1)
		if err == nil {
			err = each(f)
		}
		if err != nil {
			return fail(err)
		}
	}
	return head, nil
}

// eachElement reads the list of assessments (or null) one by one, straight
// from the stream; *n counts those already handed on.
func eachElement(dec *json.Decoder, in *boundedReader, fn func(*fileAssessment) error, n *int) error {
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return err
	}
	if tok != json.Delim('[') {
		return newProblem("notlist", fmt.Sprintf(`"assessments" must be a list, not %v`, tok))
	}
	for in.mark(); dec.More(); in.mark() {
		var f fileAssessment
		if err := dec.Decode(&f); err != nil {
			var typ *json.UnmarshalTypeError
			if errors.As(err, &typ) { // the rest was read: the id is known
				return inAssessment(err, *n+1, f.ID)
			}
			return tooLargeAssessment(err, *n+1)
		}
		if err := fn(&f); err != nil {
			return err
		}
	}
	return expectDelim(dec, ']')
}

// decodeAssessment reads the n-th (from 1) assessment strictly from its
// own bytes (one met before the format was known).
func decodeAssessment(raw json.RawMessage, n int) (*fileAssessment, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var f fileAssessment
	if err := dec.Decode(&f); err != nil {
		return nil, inAssessment(err, n, "")
	}
	return &f, nil
}

// assessment turns the n-th (from 1) assessment of a file into an
// Assessment, naming the item whose value is wrong.
func (f *fileAssessment) assessment(n int) (Assessment, error) {
	a := Assessment{ID: f.ID, Participant: f.Participant, Workshop: f.Workshop, Bank: f.Bank, Mode: f.Mode,
		Language: f.Language, StartedAt: f.StartedAt, UpdatedAt: f.UpdatedAt, CompletedAt: f.CompletedAt,
		Answers: make([]Answer, len(f.Answers)), WorkshopTitle: f.WorkshopTitle, Drafts: f.Drafts, Plan: f.Plan}
	for i, fa := range f.Answers {
		a.Answers[i] = Answer{Item: fa.Item, Status: fa.Status, Other: fa.Other, Note: fa.Note, Develop: fa.Develop}
		if len(fa.Value) > 0 {
			if err := a.Answers[i].Value.UnmarshalJSON(fa.Value); err != nil {
				return Assessment{}, inAssessment(inItem(err, fa.Item, false), n, f.ID)
			}
		}
	}
	return a, nil
}

// checkRecord checks the n-th (from 0) assessment of a file against its
// bank and the ones before it, cleaning its text.
func checkRecord(c *Catalog, a *Assessment, n int, seen map[string]int, now time.Time) error {
	id := a.ID
	b, err := c.Lookup(a.Bank)
	if err == nil {
		err = b.CleanAssessment(a)
	}
	if err == nil {
		err = checkTimes(a, now)
	}
	if err == nil {
		// Counts that contradict each other would block every later save
		// of the assessment: a file is refused for them.
		err = shareProblem(b.CheckShares(Index(a.Answers)))
	}
	if prev, dup := seen[a.ID]; err == nil && dup { // after cleaning: the id is canonical
		err = newProblem("sameid", fmt.Sprintf("the same id as assessment %d", prev), "Other", prev)
	}
	if err != nil {
		return inAssessment(err, n+1, id)
	}
	seen[a.ID] = n + 1
	return nil
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != d {
		return newProblem("expected", fmt.Sprintf("expected %q, found %v", d, tok), "Want", string(d))
	}
	return nil
}

func checkVersion(format string, version *int) error {
	switch {
	case format != DocumentFormat:
		return newProblem("format", fmt.Sprintf("not a digint document: format is %s, want %q", excerpt(format), DocumentFormat),
			"Format", excerpt(format), "Want", DocumentFormat)
	case version == nil:
		return newProblem("noversion", "document: the version is missing")
	case *version < 1:
		return newProblem("badversion", fmt.Sprintf("document version %d is not a version of the format (1 to %d)", *version, DocumentVersion),
			"Version", *version, "Max", DocumentVersion)
	case *version > DocumentVersion:
		return newProblem("version", fmt.Sprintf("document version %d is not supported (this digint reads versions 1 to %d)", *version, DocumentVersion),
			"Version", *version, "Max", DocumentVersion)
	}
	return nil
}

// CleanAssessment checks an assessment against the bank and cleans its free
// text in place: what a document, the store or the wizard may keep.
func (b *Bank) CleanAssessment(a *Assessment) error {
	id, err := uuid.Parse(a.ID)
	if err != nil {
		return newProblem("uuid", fmt.Sprintf("id %s is not a UUID", excerpt(a.ID)), "Value", excerpt(a.ID))
	}
	a.ID = id.String() // one spelling, so the same assessment is never stored twice
	if a.Bank.ID != b.ID || a.Bank.Version != b.Version {
		return newProblem("bankmismatch", fmt.Sprintf("answered on bank %s %s, checked against %s %s", excerpt(a.Bank.ID), excerpt(a.Bank.Version), b.ID, b.Version),
			"Bank", excerpt(a.Bank.ID+" "+a.Bank.Version), "Want", b.ID+" "+b.Version)
	}
	p := &a.Participant
	if !participantID().MatchString(p.ID) {
		return newProblem("participant", fmt.Sprintf("participant id %s must be 1–64 letters, digits, '-' or '_'", excerpt(p.ID)), "Value", excerpt(p.ID))
	}
	if _, ok := b.Role(p.Role); !ok {
		return newProblem("role", fmt.Sprintf("participant role %s is not a role of the bank", excerpt(p.Role)), "Value", excerpt(p.Role))
	}
	p.Name, p.Institution = CleanText(p.Name, false), CleanText(p.Institution, false)
	if err := checkLength("name", p.Name, MaxNameLen); err != nil {
		return err
	}
	if err := checkLength("institution", p.Institution, MaxNameLen); err != nil {
		return err
	}
	if a.Workshop != "" && !ValidWorkshopCode(a.Workshop) {
		return newProblem("workshop", fmt.Sprintf("workshop code %s must be 3–16 capital letters, digits or '-'", excerpt(a.Workshop)), "Value", excerpt(a.Workshop))
	}
	if a.WorkshopTitle = CleanText(a.WorkshopTitle, false); a.Workshop == "" {
		a.WorkshopTitle = "" // the title of no workshop names nothing
	}
	if err := checkLength("workshoptitle", a.WorkshopTitle, MaxNameLen); err != nil {
		return err
	}
	if a.Mode != ModeFull && a.Mode != ModeQuick {
		return newProblem("mode", fmt.Sprintf("mode %s must be full or quick", excerpt(string(a.Mode))), "Value", excerpt(string(a.Mode)))
	}
	tag, err := language.Parse(a.Language)
	if err != nil {
		return newProblem("language", fmt.Sprintf("language %s is not a BCP 47 tag", excerpt(a.Language)), "Value", excerpt(a.Language))
	}
	a.Language = tag.String()
	switch {
	case a.StartedAt.IsZero():
		return newProblem("missing", "started_at is missing", "Field", "started_at")
	case a.UpdatedAt.IsZero():
		return newProblem("missing", "updated_at is missing", "Field", "updated_at")
	case a.UpdatedAt.Before(a.StartedAt):
		return newProblem("beforestart", "updated_at is before started_at", "Field", "updated_at")
	case a.CompletedAt != nil && a.CompletedAt.Before(a.StartedAt):
		return newProblem("beforestart", "completed_at is before started_at", "Field", "completed_at")
	}
	if a.Answers == nil {
		a.Answers = []Answer{}
	}
	seen := map[string]bool{}
	for i := range a.Answers {
		ans := a.Answers[i].Clean()
		if len(ans.Item) > maxItemIDLen {
			return inItem(b.noItem(), ans.Item, false)
		}
		if seen[ans.Item] {
			return inItem(newProblem("answeredtwice", "answered twice"), ans.Item, false)
		}
		seen[ans.Item] = true
		if err := b.CheckAnswer(ans); err != nil {
			return err
		}
		a.Answers[i] = ans
	}
	// A stable order makes exports diff cleanly.
	slices.SortStableFunc(a.Answers, func(x, y Answer) int { return b.itemIndex[x.Item] - b.itemIndex[y.Item] })
	if err := b.cleanDrafts(a, seen); err != nil {
		return err
	}
	if a.Plan != nil {
		p := CleanPlan(*a.Plan)
		if err := b.CheckPlan(p); err != nil {
			return planProblem(err)
		}
		a.Plan = &p
	}
	return nil
}

// cleanDrafts checks the drafts of an assessment whose answers are in
// answered: one per item of the bank, on items not answered, notes within
// their limit; empty ones go.
func (b *Bank) cleanDrafts(a *Assessment, answered map[string]bool) error {
	kept := a.Drafts[:0]
	seen := map[string]bool{}
	for _, d := range a.Drafts {
		if _, ok := b.Item(d.Item); !ok {
			return inItem(b.noItem(), d.Item, true)
		}
		if answered[d.Item] || seen[d.Item] {
			return inItem(newProblem("drafttwice", "has a draft and an answer, or two drafts"), d.Item, false)
		}
		seen[d.Item] = true
		d.Note = CleanText(d.Note, false)
		if err := checkLength("note", d.Note, MaxNoteLen); err != nil {
			return inItem(err, d.Item, true)
		}
		if d.Note != "" || d.Develop {
			kept = append(kept, d)
		}
	}
	if len(kept) == 0 {
		kept = nil
	}
	a.Drafts = kept
	slices.SortStableFunc(a.Drafts, func(x, y Draft) int { return b.itemIndex[x.Item] - b.itemIndex[y.Item] })
	return nil
}

// blank tells whether what is left of r is only white space (looking at
// most 64 KiB ahead; a longer run of it is not an empty file anyway).
func blank(r *bufio.Reader) bool {
	ahead, err := r.Peek(r.Size())
	return err == io.EOF && len(bytes.TrimSpace(ahead)) == 0 // not a read error: a folder is not empty
}
