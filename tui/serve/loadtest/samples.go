//go:build unix

package main

import (
	"fmt"
	"slices"
	"time"
)

// A sample is one measured key: when it was sent, how long until the
// screen showed its effect, and what kind of key it was.
type sample struct {
	sent time.Time
	d    time.Duration
	kind string
}

const (
	kindForm   = "open form" // "n" on the welcome: the start form appears
	kindStart  = "start"     // the form's last enter: the assessment is stored
	kindAnswer = "answer"
)

func quantile(ss []sample, q float64) time.Duration {
	if len(ss) == 0 {
		return 0
	}
	ds := make([]time.Duration, len(ss))
	for i, s := range ss {
		ds[i] = s.d
	}
	slices.Sort(ds)
	return ds[min(len(ds)-1, int(q*float64(len(ds))))]
}

// breakdown says where the tail is: per kind of key, and per ten-second
// window of the run (arrivals crowd the first ones).
func breakdown(r result) {
	kinds := map[string][]sample{}
	windows := map[int][]sample{}
	for _, s := range r.samples {
		kinds[s.kind] = append(kinds[s.kind], s)
		w := int(s.sent.Sub(r.t0) / (10 * time.Second))
		windows[w] = append(windows[w], s)
	}
	for _, k := range []string{kindForm, kindStart, kindAnswer} {
		ss := kinds[k]
		fmt.Printf("  %-9s n=%-5d p50 %-10v p99 %-10v max %v\n", k, len(ss),
			quantile(ss, .5).Round(time.Microsecond), quantile(ss, .99).Round(time.Microsecond), quantile(ss, 1).Round(time.Microsecond))
	}
	for w := 0; len(windows) > 0; w++ {
		ss, ok := windows[w]
		if !ok {
			continue
		}
		delete(windows, w)
		fmt.Printf("  %3d–%3d s n=%-5d p50 %-10v p99 %-10v max %v\n", w*10, w*10+10, len(ss),
			quantile(ss, .5).Round(time.Microsecond), quantile(ss, .99).Round(time.Microsecond), quantile(ss, 1).Round(time.Microsecond))
	}
}
