package report

import "github.com/digint/digint/assessment"

// bankIndex is what a report looks up in its bank, by position: built once
// per bank (assessment.PerBank), so a report builds no map of its own.
type bankIndex struct {
	// cell is each item's matrix cell (section × dimension, in bank
	// order), -1 for an item that is not scored.
	cell []int
	// cells are, by mode, the positions of the scored items the mode asks,
	// by cell, in bank order.
	cells map[assessment.Mode][][]int
	// section is each item's section, by position.
	section []int
	pos     map[string]int // item positions by id
	modules map[string]*assessment.Module
	courses map[string]int
}

// cellsIn are the items of each cell that mode asks.
func (x *bankIndex) cellsIn(b *assessment.Bank, mode assessment.Mode) [][]int {
	if l, ok := x.cells[mode]; ok {
		return l
	}
	return x.cellsBy(b, mode)
}

func (x *bankIndex) cellsBy(b *assessment.Bank, mode assessment.Mode) [][]int {
	asked := make([]bool, len(b.Items))
	for _, it := range b.Asked(mode) {
		asked[x.pos[it.ID]] = true
	}
	out := make([][]int, len(b.Sections)*len(b.Dimensions))
	for i, c := range x.cell {
		if c >= 0 && asked[i] {
			out[c] = append(out[c], i)
		}
	}
	return out
}

var indexOf = assessment.PerBank(func(b *assessment.Bank) *bankIndex {
	x := &bankIndex{cell: make([]int, len(b.Items)), section: make([]int, len(b.Items)),
		cells: map[assessment.Mode][][]int{}, modules: map[string]*assessment.Module{}, courses: map[string]int{}}
	sec, dim := map[string]int{}, map[string]int{}
	for i, s := range b.Sections {
		sec[s.ID] = i
	}
	for i, d := range b.Dimensions {
		dim[d.ID] = i
	}
	pos := map[string]int{}
	x.pos = pos
	for i := range b.Items {
		it := &b.Items[i]
		pos[it.ID] = i
		x.section[i], x.cell[i] = -1, -1
		si, ok1 := sec[it.Section]
		di, ok2 := dim[it.Dimension]
		if ok1 {
			x.section[i] = si
		}
		if ok1 && ok2 && it.Scored() {
			x.cell[i] = si*len(b.Dimensions) + di
		}
	}
	for _, mode := range []assessment.Mode{assessment.ModeFull, assessment.ModeQuick} {
		x.cells[mode] = x.cellsBy(b, mode)
	}
	for _, m := range b.Modules() {
		x.modules[m.ID] = m
	}
	for i, c := range b.Courses {
		x.courses[c.ID] = i
	}
	return x
})
