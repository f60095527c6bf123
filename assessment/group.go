package assessment

import (
	"maps"
	"math"
	"slices"
)

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
	Pursued    int               `json:"pursued"` // whose results hold the section (Bank.Pursued): its gate not declined
	Index      *Stats            `json:"index"`
	Dimensions map[string]*Stats `json:"dimensions"`
}

// Aggregate computes mean, median, min and max of every score of the bank's
// competences and matrix cells over the given results.
func Aggregate(b *Bank, results []Result) Group {
	c := newColumns(b)
	for _, r := range results {
		v, p := resultValues(b, r, nil, nil)
		c.put(v, p, 1)
	}
	return c.group(b)
}

// column holds one score over a group as a count of each value: a
// member's value can be taken out again, and the summary is the same
// whatever order the values came in. The summary is kept until a value
// comes or goes, so a report after one change recomputes only the
// columns it touched. Values 0–100 in tenths (every score and gap) are
// counted in a slice by tenth, others in a map: a map's look-ups were
// most of a group report's cost.
type column struct {
	grid   []int32         // counts of t/10 by t, 0…gridMax; made on first use
	counts map[float64]int // counts of other values; nil until one comes
	keys   []float64       // the distinct values, sorted; nil when one came or went
	st     *Stats          // the summary, valid while fresh
	sum    float64
	sd     float64 // the standard deviation, valid while sdOK
	fresh  bool
	sdOK   bool
}

const gridMax = 1000

func newColumn() *column { return &column{} }

// onGrid is v's tenth if v is one of 0, 0.1, … 100 (exactly as t/10 makes
// it, so the value read back is the same).
func onGrid(v float64) (int, bool) {
	t := math.Round(v * 10)
	if t/10 != v || t < 0 || t > gridMax || math.Signbit(v) {
		return 0, false
	}
	return int(t), true
}

// count is how many members have value v.
func (c *column) count(v float64) int {
	if t, ok := onGrid(v); ok {
		if c.grid == nil {
			return 0
		}
		return int(c.grid[t])
	}
	return c.counts[v]
}

// put adds k (or, negative, takes out) members of value v.
func (c *column) put(v float64, k int) {
	var old, now int
	if t, ok := onGrid(v); ok {
		if c.grid == nil {
			c.grid = make([]int32, gridMax+1)
		}
		old = int(c.grid[t])
		now = old + k
		c.grid[t] = int32(now)
	} else {
		if c.counts == nil {
			c.counts = map[float64]int{}
		}
		old = c.counts[v]
		now = old + k
		if c.counts[v] = now; now == 0 {
			delete(c.counts, v)
		}
	}
	if old == 0 || now == 0 {
		c.keys = nil
	}
	c.fresh, c.sdOK = false, false
}

// distinct lists the values present, sorted.
func (c *column) distinct() []float64 {
	keys := slices.Sorted(maps.Keys(c.counts))
	if c.grid == nil {
		return keys
	}
	var grid []float64
	for t, n := range c.grid {
		if n != 0 {
			grid = append(grid, float64(t)/10)
		}
	}
	if len(keys) == 0 {
		return grid
	}
	return slices.Sorted(slices.Values(append(grid, keys...)))
}

// summary describes the column as summarise would the list of its
// values: sorted, summed one by one in that order; nil when empty. It also
// returns the sum.
func (c *column) summary() (*Stats, float64) {
	if c.fresh {
		return c.st, c.sum
	}
	if c.keys == nil {
		c.keys = c.distinct()
	}
	c.st, c.sum, c.fresh = countStats(c.count, c.keys), 0, true
	for _, v := range c.keys {
		for range c.count(v) {
			c.sum += v // one by one, in order, as a sorted list is added
		}
	}
	if c.st != nil {
		c.st.Mean = round1(c.sum / float64(c.st.N))
	}
	return c.st, c.sum
}

// stats is a copy of the summary; nil when fewer than MinGroup people
// gave a value (none, or so few that the median is someone's own score).
func (c *column) stats() *Stats {
	st, _ := c.summary()
	if st == nil || st.N < MinGroup {
		return nil
	}
	cp := *st
	return &cp
}

// spread is the standard deviation of the values, 0 below MinGroup
// (see stats).
func (c *column) spread() float64 {
	st, sum := c.summary()
	if c.sdOK {
		return c.sd
	}
	c.sd, c.sdOK = 0, true
	if st == nil || st.N < MinGroup {
		return 0
	}
	mean := sum / float64(st.N)
	var sq float64
	for _, v := range c.keys {
		for range c.count(v) {
			sq += float64((v - mean) * (v - mean))
		}
	}
	c.sd = round1(math.Sqrt(sq / float64(st.N)))
	return c.sd
}

// countStats describes values given as counts, with their distinct
// values sorted, all but the mean; nil when there are none.
func countStats(count func(float64) int, values []float64) *Stats {
	n := 0
	for _, v := range values {
		n += count(v)
	}
	if n == 0 {
		return nil
	}
	// The k-th smallest value, from 0.
	nth := func(k int) float64 {
		for _, v := range values {
			if k < count(v) {
				return v
			}
			k -= count(v)
		}
		return values[len(values)-1]
	}
	median := nth(n / 2)
	if n%2 == 0 {
		median = (nth(n/2-1) + median) / 2
	}
	return &Stats{N: n, Median: round1(median), Min: values[0], Max: values[len(values)-1]}
}

// columns hold every score of the bank over a group, one column per score.
type columns struct {
	n       int
	overall *column
	scores  []*column // by competence
	gaps    []*column
	indexes []*column // by section
	cells   []*column // by section × dimension
	pursued []int
}

func newColumns(b *Bank) *columns {
	nComp, nSec, nDim := len(b.Competences), len(b.Sections), len(b.Dimensions)
	mk := func(n int) []*column {
		cs := make([]*column, n)
		for i := range cs {
			cs[i] = newColumn()
		}
		return cs
	}
	return &columns{overall: newColumn(), scores: mk(nComp), gaps: mk(nComp), indexes: mk(nSec), cells: mk(nSec * nDim),
		pursued: make([]int, nSec)}
}

// resultValues lays a member's results out as the columns take them: the
// overall index, each competence's score and gap, each section's index and
// cells (NaN where there is none), and the sections pursued, by index. It
// reuses the room of v and pursued, whose contents it overwrites.
func resultValues(b *Bank, r Result, v []float64, pursued []bool) ([]float64, []bool) {
	nComp, nSec, nDim := len(b.Competences), len(b.Sections), len(b.Dimensions)
	v = slices.Grow(v[:0], 1+2*nComp+nSec+nSec*nDim)[:1+2*nComp+nSec+nSec*nDim]
	for i := range v {
		v[i] = math.NaN()
	}
	if r.Overall != nil {
		v[0] = *r.Overall
	}
	for ci, co := range r.Competences {
		if ci >= nComp || co.ID != b.Competences[ci].ID {
			continue // results of another bank
		}
		if co.Score != nil {
			v[1+ci], v[1+nComp+ci] = *co.Score, *co.Gap
		}
	}
	pursued = slices.Grow(pursued[:0], nSec)[:nSec]
	clear(pursued)
	for si, s := range r.Sections {
		if si >= nSec || s.ID != b.Sections[si].ID {
			continue
		}
		pursued[si] = s.Pursued
		if s.Index != nil {
			v[1+2*nComp+si] = *s.Index
		}
		for di, d := range b.Dimensions {
			if cell := s.Dimensions[d.ID]; cell.Score != nil {
				v[1+2*nComp+nSec+si*nDim+di] = *cell.Score
			}
		}
	}
	return v, pursued
}

// put adds (k = 1) or takes out (k = -1) one member's values.
func (c *columns) put(v []float64, pursued []bool, k int) {
	c.n += k
	nComp, nSec := len(c.scores), len(c.indexes)
	one := func(col *column, x float64) {
		if !math.IsNaN(x) {
			col.put(x, k)
		}
	}
	one(c.overall, v[0])
	for ci := range nComp {
		one(c.scores[ci], v[1+ci])
		one(c.gaps[ci], v[1+nComp+ci])
	}
	for si := range nSec {
		if pursued[si] {
			c.pursued[si] += k
		}
		one(c.indexes[si], v[1+2*nComp+si])
	}
	for i := range c.cells {
		one(c.cells[i], v[1+2*nComp+nSec+i])
	}
}

// group summarises the columns.
func (c *columns) group(b *Bank) Group {
	g := Group{Assessments: c.n, Overall: c.overall.stats()}
	nDim := len(b.Dimensions)
	for ci, co := range b.Competences {
		g.Competences = append(g.Competences, GroupCompetence{ID: co.ID, Score: c.scores[ci].stats(), Gap: c.gaps[ci].stats()})
	}
	for si, s := range b.Sections {
		gs := GroupSection{ID: s.ID, Pursued: c.pursued[si], Index: c.indexes[si].stats(), Dimensions: map[string]*Stats{}}
		for di, d := range b.Dimensions {
			gs.Dimensions[d.ID] = c.cells[si*nDim+di].stats()
		}
		g.Sections = append(g.Sections, gs)
	}
	return g
}
