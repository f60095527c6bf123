// Command scalegen fills a database with generated assessments, quickly,
// for measuring costs at 1k–100k (see .ci/scale.sh).
//
// Usage: go run ./.ci/scalegen DB N [WORKSHOP_N]
//
// One in ten assessments is unfinished; the first WORKSHOP_N belong to
// workshop WS-SCALE. They go in through the store's import, 2,000 at a time.
package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
	"github.com/digint/digint/storage"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "scalegen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("usage: scalegen DB N [WORKSHOP_N]")
	}
	n, err := strconv.Atoi(args[1])
	if err != nil {
		return err
	}
	inWorkshop := 0
	if len(args) > 2 {
		if inWorkshop, err = strconv.Atoi(args[2]); err != nil {
			return err
		}
	}
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		return err
	}
	s, err := storage.Open(args[0], cat)
	if err != nil {
		return err
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(7, 7))
	b := cat.Current()
	for i := 0; i < n; {
		var as []*assessment.Assessment
		for ; i < n && len(as) < 2000; i++ {
			a := sample.Assessment(b, rng, []assessment.Mode{assessment.ModeFull, assessment.ModeQuick}[i%2])
			if i%10 == 0 {
				a = sample.Partial(b, rng)
			}
			if i < inWorkshop {
				a.Workshop = "WS-SCALE"
			}
			as = append(as, a)
		}
		d, err := assessment.NewDocument(cat, as, time.Now())
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := d.Write(&buf); err != nil {
			return err
		}
		if _, err := s.Import(context.Background(), "scalegen", &buf); err != nil {
			return err
		}
	}
	return nil
}
