package assessment

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// A column counts scores 0–100 by tenth and other values apart; its
// summary and spread are those of the plain list, whatever the mix, also
// after values are taken out again.
func TestColumnMixedValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	odd := []float64{100.1, 150.5, 1234, 0.05, 33.333, -0.5, math.Copysign(0, -1), 0, 100, 0.1}
	for round := range 200 {
		c := newColumn()
		var list []float64
		for range rng.IntN(40) {
			v := float64(rng.IntN(1001)) / 10
			if rng.IntN(3) == 0 {
				v = odd[rng.IntN(len(odd))]
			}
			c.put(v, 1)
			list = append(list, v)
		}
		// Take some out again.
		for i := 0; i < len(list)/3; i++ {
			c.put(list[i], -1)
		}
		list = list[len(list)/3:]
		st, _ := c.summary()
		want := summarise(list)
		if !reflect.DeepEqual(st, want) {
			t.Fatalf("round %d %v: summary %+v, want %+v", round, list, st, want)
		}
		wantSD := round1(stddev(list))
		if len(list) < MinGroup {
			wantSD = 0 // too few to show
		}
		if sd := c.spread(); sd != wantSD {
			t.Fatalf("round %d: spread %v, want %v", round, sd, wantSD)
		}
	}
}
