package assessment

import "slices"

// Stats summarise one score across a group. Only the members with a score
// count: a missing score is not a zero.
type Stats struct {
	N      int     `json:"n"`
	Mean   float64 `json:"mean"`
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// Group is the aggregate of many assessments' results.
type Group struct {
	Assessments int               `json:"assessments"`
	Overall     *Stats            `json:"overall"`
	Competences []GroupCompetence `json:"competences"`
	Sections    []GroupSection    `json:"sections"`
}

type GroupCompetence struct {
	ID    string `json:"id"`
	Score *Stats `json:"score"`
	Gap   *Stats `json:"gap"`
}

type GroupSection struct {
	ID         string            `json:"id"`
	Pursued    int               `json:"pursued"`
	Index      *Stats            `json:"index"`
	Dimensions map[string]*Stats `json:"dimensions"`
}

// summarise sorts values in place and describes them; nil when empty.
func summarise(values []float64) *Stats {
	if len(values) == 0 {
		return nil
	}
	slices.Sort(values)
	var sum float64
	for _, v := range values {
		sum += v
	}
	n := len(values)
	median := values[n/2]
	if n%2 == 0 {
		median = (values[n/2-1] + values[n/2]) / 2
	}
	return &Stats{N: n, Mean: round1(sum / float64(n)), Median: round1(median), Min: values[0], Max: values[n-1]}
}

// Aggregate computes mean, median, min and max of every score of the bank's
// competences and matrix cells over the given results.
func Aggregate(b *Bank, results []Result) Group {
	g := Group{Assessments: len(results)}
	// Columns of values, one per score, filled in one pass over the results.
	nComp, nSec, nDim := len(b.Competences), len(b.Sections), len(b.Dimensions)
	scores := make([][]float64, nComp)
	gaps := make([][]float64, nComp)
	indexes := make([][]float64, nSec)
	cells := make([][]float64, nSec*nDim)
	pursued := make([]int, nSec)
	var overall []float64
	for _, r := range results {
		if r.Overall != nil {
			overall = append(overall, *r.Overall)
		}
		for ci, c := range r.Competences {
			if ci >= nComp || c.ID != b.Competences[ci].ID {
				continue // results of another bank
			}
			if c.Score != nil {
				scores[ci] = append(scores[ci], *c.Score)
				gaps[ci] = append(gaps[ci], *c.Gap)
			}
		}
		for si, s := range r.Sections {
			if si >= nSec || s.ID != b.Sections[si].ID {
				continue
			}
			if s.Pursued {
				pursued[si]++
			}
			if s.Index != nil {
				indexes[si] = append(indexes[si], *s.Index)
			}
			for di, d := range b.Dimensions {
				if c := s.Dimensions[d.ID]; c.Score != nil {
					cells[si*nDim+di] = append(cells[si*nDim+di], *c.Score)
				}
			}
		}
	}
	g.Overall = summarise(overall)
	for ci, c := range b.Competences {
		g.Competences = append(g.Competences, GroupCompetence{ID: c.ID, Score: summarise(scores[ci]), Gap: summarise(gaps[ci])})
	}
	for si, s := range b.Sections {
		gs := GroupSection{ID: s.ID, Pursued: pursued[si], Index: summarise(indexes[si]), Dimensions: map[string]*Stats{}}
		for di, d := range b.Dimensions {
			gs.Dimensions[d.ID] = summarise(cells[si*nDim+di])
		}
		g.Sections = append(g.Sections, gs)
	}
	return g
}
