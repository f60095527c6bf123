package assessment

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits on what a document may hold, so that reading a hostile or broken
// file costs bounded memory: it is read as a stream, and no one value (an
// assessment, or anything at the top level) is held whole beyond
// MaxValueBytes. Strings inside are further bounded by their fields
// (MaxNameLen, MaxNoteLen, MaxTextLen…).
const (
	MaxDocumentBytes = 8 << 30 // 8 GiB: some 400,000 assessments
	MaxValueBytes    = 2 << 20 // 2 MiB: a full assessment with every note is under 300 KiB
	maxItemIDLen     = 64
)

// Times in a document must fall between EarliestTime and a day after now
// (clocks drift): a year 9999 would overflow the store's time stamps.
var EarliestTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Now is the clock that decides which times are in the future; tests set it.
var Now = time.Now

// ErrTooLarge is a document, or a value in it, above its limit.
var ErrTooLarge = errors.New("too large")

// limitError names the limit passed; it is ErrTooLarge.
type limitError struct {
	msg   string
	rule  string // of its Problem
	limit string
	value bool // one value, not the whole file
}

func (e *limitError) Error() string        { return e.msg }
func (e *limitError) Is(target error) bool { return target == ErrTooLarge }

// boundedReader hands a JSON decoder at most 64 KiB per read and fails once
// the file passes MaxDocumentBytes or the value begun at the last mark
// passes MaxValueBytes, so neither is ever held whole.
type boundedReader struct {
	r     io.Reader
	dec   *json.Decoder
	read  int64 // bytes handed to the decoder
	start int64 // where the current value began
}

const readChunk = 64 << 10

func (b *boundedReader) mark() { b.start = b.dec.InputOffset() }

func (b *boundedReader) fileFull() bool { return b.read >= MaxDocumentBytes }

// tooLargeAssessment names the limit of one assessment for an error of the
// reader met while reading the n-th one.
func tooLargeAssessment(err error, n int) error {
	var le *limitError
	if errors.As(err, &le) && le.value {
		return inAssessment(&limitError{msg: fmt.Sprintf("larger than the limit of %s for one assessment", size(MaxValueBytes)),
			rule: "toolarge.assessment", limit: size(MaxValueBytes), value: true}, n, "")
	}
	return inAssessment(err, n, "")
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.fileFull() {
		return 0, &limitError{msg: "the file is larger than the limit of " + size(MaxDocumentBytes) + " for a document",
			rule: "toolarge.file", limit: size(MaxDocumentBytes)}
	}
	if b.read-b.start > MaxValueBytes+readChunk {
		return 0, &limitError{msg: "a value is larger than the limit of " + size(MaxValueBytes),
			rule: "toolarge.value", limit: size(MaxValueBytes), value: true}
	}
	p = p[:min(len(p), readChunk, int(MaxDocumentBytes-b.read))]
	n, err := b.r.Read(p)
	b.read += int64(n)
	return n, err
}

func size(n int64) string {
	if n >= 1<<30 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}

// checkTimes refuses times outside EarliestTime … now + 1 day.
func checkTimes(a *Assessment, now time.Time) error {
	latest := now.Add(24 * time.Hour)
	var planned *time.Time
	if a.Plan != nil && !a.Plan.UpdatedAt.IsZero() {
		planned = &a.Plan.UpdatedAt
	}
	for _, t := range []struct {
		name string
		at   *time.Time
	}{{"started_at", &a.StartedAt}, {"updated_at", &a.UpdatedAt}, {"completed_at", a.CompletedAt}, {"plan.updated_at", planned}} {
		if t.at == nil {
			continue
		}
		if t.at.Before(EarliestTime) || t.at.After(latest) {
			at, from, to := t.at.UTC().Format(time.RFC3339), EarliestTime.Format(time.DateOnly), latest.UTC().Format(time.DateOnly)
			return newProblem("timerange", fmt.Sprintf("%s %s is outside %s … %s (a day after now)", t.name, at, from, to),
				"Field", t.name, "Value", at, "From", from, "To", to)
		}
	}
	return nil
}

// excerptLen is how much of a string from a file an error quotes.
const excerptLen = 40

// excerpt quotes at most the first excerptLen characters of s, with every
// control character escaped, and says how long s was when it is cut.
func excerpt(s string) string {
	if utf8.RuneCountInString(s) <= excerptLen {
		return strconv.QuoteToGraphic(s)
	}
	cut := s
	for i := range s {
		if utf8.RuneCountInString(s[:i]) == excerptLen {
			cut = s[:i]
			break
		}
	}
	return fmt.Sprintf("%s… (%d bytes)", strconv.QuoteToGraphic(cut), len(s))
}

// clipped is an error whose message is cut to maxErrorLen, control
// characters escaped: errors about a file may quote it.
type clipped struct{ err error }

const maxErrorLen = 600

func clip(err error) error {
	if err == nil {
		return nil
	}
	return clipped{err}
}

func (c clipped) Unwrap() error { return c.err }

func (c clipped) Error() string { return clipText(c.err.Error()) }

// clipText cuts msg to maxErrorLen, control characters escaped.
func clipText(msg string) string {
	var b strings.Builder
	for i, r := range msg {
		if b.Len() >= maxErrorLen {
			fmt.Fprintf(&b, "… (%d bytes more)", len(msg)-i)
			break
		}
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
