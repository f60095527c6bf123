package storage

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"time"

	"github.com/digint/digint/assessment"
)

// The staged form of a checked assessment: its fields as length-prefixed
// strings, values in their stored form. A stage is read back once, by the
// same program, so it is compact and quick, not a format for people (JSON
// costs an import a fifth of its time).

func encodeStaged(a *assessment.Assessment) ([]byte, error) {
	b := make([]byte, 0, 512+64*len(a.Answers))
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	completed := ""
	if a.CompletedAt != nil {
		completed = formatTime(*a.CompletedAt)
	}
	for _, s := range []string{a.ID, a.Participant.ID, a.Participant.Name, a.Participant.Role, a.Participant.Institution,
		a.Workshop, a.Bank.ID, a.Bank.Version, string(a.Mode), a.Language,
		formatTime(a.StartedAt), formatTime(a.UpdatedAt), completed} {
		str(s)
	}
	b = binary.AppendUvarint(b, uint64(len(a.Answers)))
	for _, ans := range a.Answers {
		value, err := encodeValue(ans.Value)
		if err != nil {
			return nil, err
		}
		v, _ := value.(string) // nil: no value
		str(ans.Item)
		str(string(ans.Status))
		str(v)
		str(ans.Other)
		str(ans.Note)
		if ans.Develop {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	// Version 2: drafts, then the plan as JSON ("" for none).
	b = binary.AppendUvarint(b, uint64(len(a.Drafts)))
	for _, d := range a.Drafts {
		str(d.Item)
		str(d.Note)
		if d.Develop {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	plan := ""
	if a.Plan != nil {
		data, err := json.Marshal(a.Plan)
		if err != nil {
			return nil, err
		}
		plan = string(data)
	}
	str(plan)
	if a.WorkshopTitle != "" {
		str(a.WorkshopTitle) // last and optional: stages written before it read alike
	}
	return b, nil
}

var errBadStage = errors.New("damaged")

func decodeStaged(b []byte) (*assessment.Assessment, error) {
	bad := false
	str := func() string {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			bad = true
			return ""
		}
		s := string(b[k : k+int(n)])
		b = b[k+int(n):]
		return s
	}
	tm := func() time.Time {
		s := str()
		t, err := parseTime(s)
		if err != nil {
			bad = true
		}
		return t
	}
	var a assessment.Assessment
	a.ID = str()
	a.Participant = assessment.Participant{ID: str(), Name: str(), Role: str(), Institution: str()}
	a.Workshop = str()
	a.Bank = assessment.BankRef{ID: str(), Version: str()}
	a.Mode = assessment.Mode(str())
	a.Language = str()
	a.StartedAt, a.UpdatedAt = tm(), tm()
	if c := str(); c != "" {
		t, err := parseTime(c)
		if err != nil {
			return nil, errBadStage
		}
		a.CompletedAt = &t
	}
	n, k := binary.Uvarint(b)
	if bad || k <= 0 || n > uint64(len(b)) {
		return nil, errBadStage
	}
	b = b[k:]
	a.Answers = make([]assessment.Answer, n)
	for i := range a.Answers {
		ans := &a.Answers[i]
		ans.Item, ans.Status = str(), assessment.Status(str())
		if v := str(); v != "" {
			var err error
			if ans.Value, err = decodeValue(v); err != nil {
				return nil, errBadStage
			}
		}
		ans.Other, ans.Note = str(), str()
		if bad || len(b) == 0 {
			return nil, errBadStage
		}
		ans.Develop, b = b[0] == 1, b[1:]
	}
	n, k = binary.Uvarint(b)
	if bad || k <= 0 || n > uint64(len(b)) {
		return nil, errBadStage
	}
	b = b[k:]
	for range n {
		d := assessment.Draft{Item: str(), Note: str()}
		if bad || len(b) == 0 {
			return nil, errBadStage
		}
		d.Develop, b = b[0] == 1, b[1:]
		a.Drafts = append(a.Drafts, d)
	}
	if plan := str(); plan != "" {
		a.Plan = new(assessment.Plan)
		if err := json.Unmarshal([]byte(plan), a.Plan); err != nil {
			return nil, errBadStage
		}
	}
	if len(b) > 0 {
		a.WorkshopTitle = str()
	}
	if bad || len(b) != 0 {
		return nil, errBadStage
	}
	return &a, nil
}

// chunk joins staged assessments into one stage row, each prefixed by its
// length; size is their total.
func chunk(docs [][]byte, size int) []byte {
	b := make([]byte, 0, size+binary.MaxVarintLen32*len(docs))
	for _, d := range docs {
		b = binary.AppendUvarint(b, uint64(len(d)))
		b = append(b, d...)
	}
	return b
}

// unchunk is the assessment of a stage row at off, and where the next
// starts; next is -1 when the row is damaged there.
func unchunk(b []byte, off int) (doc []byte, next int) {
	n, k := binary.Uvarint(b[off:])
	if k <= 0 || uint64(len(b)-off-k) < n {
		return nil, -1
	}
	start := off + k
	return b[start : start+int(n)], start + int(n)
}
