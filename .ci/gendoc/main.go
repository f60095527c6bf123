// Command gendoc writes a digint.assessments document of N sample
// assessments to standard output, streamed: for .ci/bigdb.
//
//	go run ./.ci/gendoc -n 10000 > doc.json
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
	flag.Parse()
	if err := run(*n, *seed, *workshop); err != nil {
		fmt.Fprintln(os.Stderr, "gendoc:", err)
		os.Exit(1)
	}
}

func run(n int, seed uint64, workshop string) error {
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
		if err := dw.Add(a); err != nil {
			return err
		}
	}
	if err := dw.Close(); err != nil {
		return err
	}
	return out.Flush()
}
