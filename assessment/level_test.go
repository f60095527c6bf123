package assessment

import "testing"

func TestLevelThresholdsHalfwayBetweenLevels(t *testing.T) {
	for _, tc := range []struct {
		score float64
		level int
		next  float64
	}{
		{0, 0, 12.5}, {12.4, 0, 12.5}, {12.5, 1, 37.5}, {37.4, 1, 37.5}, {37.5, 2, 62.5},
		{62.5, 3, 87.5}, {87.4, 3, 87.5}, {87.5, 4, 100}, {100, 4, 100},
	} {
		l, n := Level(tc.score)
		if l != tc.level || n != tc.next {
			t.Errorf("Level(%v) = %d, %v; want %d, %v", tc.score, l, n, tc.level, tc.next)
		}
	}
}
