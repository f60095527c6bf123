package html

import "testing"

// loop runs op b.N times and reports its CPU time per op: the machines
// these run on are shared, and wall time per op swings with the load, CPU
// time much less.
func loop(b *testing.B, op func()) {
	start := cpuTime()
	for b.Loop() {
		op()
	}
	if start > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	}
}
