// Command gendoc writes a digint.assessments document of N sample
// assessments to standard output, streamed: for .ci/bigdb.
//
//	go run ./.ci/gendoc -n 10000 > doc.json
//	go run ./.ci/gendoc -n 10000 -sorted > doc.json   # in start order
//
// By default the assessments come in a random order of their start times:
// a database imported from such a file stores them shuffled against the
// order an export reads them in, the worst case for reading. -sorted
// writes them in start order, as a digint export does, and as assessments
// taken on one machine are stored.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

func main() {
	n := flag.Int("n", 1000, "how many assessments")
	seed := flag.Uint64("seed", 1, "random seed")
	workshop := flag.String("workshop", "BIG-1", "workshop code of every fifth assessment")
	sorted := flag.Bool("sorted", false, "write the assessments in start order")
	flag.Parse()
	if err := run(*n, *seed, *workshop, *sorted); err != nil {
		fmt.Fprintln(os.Stderr, "gendoc:", err)
		os.Exit(1)
	}
}

func run(n int, seed uint64, workshop string, sorted bool) error {
	c, err := assessment.DefaultCatalog()
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	dw, err := assessment.NewDocumentWriter(out, c, time.Now())
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	for i := range n {
		var a *assessment.Assessment
		switch i % 4 {
		case 0, 1:
			a = sample.Assessment(c.Current(), rng, assessment.ModeFull)
		case 2:
			a = sample.Assessment(c.Current(), rng, assessment.ModeQuick)
		default:
			a = sample.Partial(c.Current(), rng)
		}
		if i%5 == 0 {
			a.Workshop = workshop
		}
		if sorted { // the same assessments, started one after the other
			shift := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute).Sub(a.StartedAt)
			a.StartedAt, a.UpdatedAt = a.StartedAt.Add(shift), a.UpdatedAt.Add(shift)
			if a.CompletedAt != nil {
				done := a.CompletedAt.Add(shift)
				a.CompletedAt = &done
			}
		}
		if err := dw.Add(a); err != nil {
			return err
		}
	}
	if err := dw.Close(); err != nil {
		return err
	}
	return out.Flush()
}
