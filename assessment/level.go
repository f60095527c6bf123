package assessment

import "math"

// Level is the maturity level (0…MaturityMax) a 0–100 score is nearest to,
// and the score from which the next level starts: thresholds lie halfway
// between levels, so 62.5 is already level 3. At the top level next is 100.
func Level(score float64) (level int, next float64) {
	level = int(math.Max(0, math.Min(MaturityMax, math.Floor(score/25+0.5))))
	if level == MaturityMax {
		return level, 100
	}
	return level, (float64(level) + 0.5) * 25
}
