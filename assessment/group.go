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
	c := newColumns(b)
	for _, r := range results {
		c.add(b, r)
	}
	return c.group(b)
}

// columns hold the values of every score over a group, one column per
// score, so medians can be taken: a few dozen numbers per member.
type columns struct {
	n       int
	overall []float64
	scores  [][]float64 // by competence
	gaps    [][]float64
	indexes [][]float64 // by section
	cells   [][]float64 // by section × dimension
	pursued []int
}

func newColumns(b *Bank) *columns {
	nComp, nSec, nDim := len(b.Competences), len(b.Sections), len(b.Dimensions)
	return &columns{scores: make([][]float64, nComp), gaps: make([][]float64, nComp),
		indexes: make([][]float64, nSec), cells: make([][]float64, nSec*nDim), pursued: make([]int, nSec)}
}

// add puts one member's results in the columns.
func (c *columns) add(b *Bank, r Result) {
	c.n++
	nComp, nSec, nDim := len(b.Competences), len(b.Sections), len(b.Dimensions)
	if r.Overall != nil {
		c.overall = append(c.overall, *r.Overall)
	}
	for ci, co := range r.Competences {
		if ci >= nComp || co.ID != b.Competences[ci].ID {
			continue // results of another bank
		}
		if co.Score != nil {
			c.scores[ci] = append(c.scores[ci], *co.Score)
			c.gaps[ci] = append(c.gaps[ci], *co.Gap)
		}
	}
	for si, s := range r.Sections {
		if si >= nSec || s.ID != b.Sections[si].ID {
			continue
		}
		if s.Pursued {
			c.pursued[si]++
		}
		if s.Index != nil {
			c.indexes[si] = append(c.indexes[si], *s.Index)
		}
		for di, d := range b.Dimensions {
			if cell := s.Dimensions[d.ID]; cell.Score != nil {
				c.cells[si*nDim+di] = append(c.cells[si*nDim+di], *cell.Score)
			}
		}
	}
}

// group summarises the columns (sorting them in place).
func (c *columns) group(b *Bank) Group {
	g := Group{Assessments: c.n, Overall: summarise(c.overall)}
	nDim := len(b.Dimensions)
	for ci, co := range b.Competences {
		g.Competences = append(g.Competences, GroupCompetence{ID: co.ID, Score: summarise(c.scores[ci]), Gap: summarise(c.gaps[ci])})
	}
	for si, s := range b.Sections {
		gs := GroupSection{ID: s.ID, Pursued: c.pursued[si], Index: summarise(c.indexes[si]), Dimensions: map[string]*Stats{}}
		for di, d := range b.Dimensions {
			gs.Dimensions[d.ID] = summarise(c.cells[si*nDim+di])
		}
		g.Sections = append(g.Sections, gs)
	}
	return g
}
