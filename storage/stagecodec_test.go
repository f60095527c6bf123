package storage

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// A staged assessment reads back as it was (times in UTC, as stored).
func TestStagedRoundTrip(t *testing.T) {
	b := testCatalog(t).Current()
	rng := rand.New(rand.NewPCG(6, 6))
	for i := range 200 {
		a := sample.Partial(b, rng)
		if i%2 == 0 {
			a = sample.Assessment(b, rng, assessment.ModeFull)
			a.Participant.Name, a.Participant.Institution, a.Workshop = "Zoë \"Z\"", "ENAIP\nVeneto", "ROME-26"
			a.StartedAt = a.StartedAt.In(time.FixedZone("x", 7200))
		}
		if len(a.Answers) == 0 {
			a.Answers = []assessment.Answer{}
		}
		data, err := encodeStaged(a)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeStaged(data)
		if err != nil {
			t.Fatal(err)
		}
		a.StartedAt, a.UpdatedAt = a.StartedAt.UTC(), a.UpdatedAt.UTC()
		if a.CompletedAt != nil {
			c := a.CompletedAt.UTC()
			a.CompletedAt = &c
		}
		if !reflect.DeepEqual(got, a) {
			t.Fatalf("read back\n%+v\nwant\n%+v", got, a)
		}
		if _, err := decodeStaged(data[:len(data)-1]); err == nil {
			t.Fatal("a cut stage read back")
		}
	}
}
