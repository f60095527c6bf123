package assessment_test

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// The streamed document is the same, byte for byte, as the whole one.
func TestDocumentWriterMatchesWrite(t *testing.T) {
	c := catalog(t)
	now := time.Date(2026, 11, 22, 10, 0, 0, 500, time.UTC)
	for _, n := range []int{0, 1, 5} {
		rng := rand.New(rand.NewPCG(uint64(n), 9))
		var as []*assessment.Assessment
		for range n {
			a := sample.Assessment(c.Current(), rng, assessment.ModeFull)
			a.Participant.Name = "<Zoë & \"co\">"
			as = append(as, a)
		}
		whole := wholeDocument(t, c, as, now)
		var streamed bytes.Buffer
		dw, err := assessment.NewDocumentWriter(&streamed, c, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			if err := dw.Add(a); err != nil {
				t.Fatal(err)
			}
		}
		if err := dw.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
			t.Fatalf("%d assessments: streamed\n%s\nwhole\n%s", n, streamed.Bytes(), whole.Bytes())
		}
	}
}

// Assessments of every bank, in turns, are each scored on their own bank;
// one of a bank not known fails, naming it, and leaves nothing behind.
func TestDocumentWriterMixedBanks(t *testing.T) {
	c := catalog(t)
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(3, 3))
	var as []*assessment.Assessment
	for i := range 9 {
		banks := c.Banks()
		as = append(as, sample.Assessment(banks[i%len(banks)], rng, assessment.ModeFull))
	}
	whole := wholeDocument(t, c, as, now)
	var streamed bytes.Buffer
	dw, err := assessment.NewDocumentWriter(&streamed, c, now)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range as {
		if err := dw.Add(a); err != nil {
			t.Fatal(err)
		}
		if i == 4 {
			odd := *a
			odd.Bank.Version = "0.0.0-nowhere"
			if err := dw.Add(&odd); err == nil || !bytes.Contains([]byte(err.Error()), []byte("0.0.0-nowhere")) {
				t.Errorf("an assessment of an unknown bank: %v", err)
			}
		}
	}
	if err := dw.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
		t.Errorf("streamed (%d bytes) differs from whole (%d bytes)", streamed.Len(), whole.Len())
	}
}

// wholeDocument is the document of as made in one piece, the reference
// the streamed one must equal.
func wholeDocument(t *testing.T, c *assessment.Catalog, as []*assessment.Assessment, now time.Time) *bytes.Buffer {
	t.Helper()
	d, err := assessment.NewDocument(c, as, now)
	if err != nil {
		t.Fatal(err)
	}
	var whole bytes.Buffer
	if err := d.Write(&whole); err != nil {
		t.Fatal(err)
	}
	return &whole
}
