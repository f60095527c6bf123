package i18n

import "testing"

// What a face pays per text: a message with data, one without, a score.
func BenchmarkT(b *testing.B) {
	l := MustNew("it")
	for b.Loop() {
		l.T("report.progress.since", "Date", "2026-11-30", "Mode", "quick", "Version", "2")
	}
}

func BenchmarkTPlain(b *testing.B) {
	l := MustNew("it")
	for b.Loop() {
		l.T("report.radar.title")
	}
}

func BenchmarkNumber(b *testing.B) {
	l := MustNew("it")
	i := 0
	for b.Loop() {
		l.Number(float64(i) / 10) // the scores of a report, 0 to 100 by tenths
		if i++; i > 1000 {
			i = 0
		}
	}
}
