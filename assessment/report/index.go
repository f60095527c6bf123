package report

import "github.com/digint/digint/assessment"

// bankIndex is what a report looks up in its bank, by position: built once
// per bank (assessment.PerBank), so a report builds no map of its own.
type bankIndex struct {
	// cell is each item's matrix cell (section × dimension, in bank
	// order), -1 for an item that is not scored.
	cell []int
	// asked says, by mode, which items (by position) the mode asks.
	asked map[assessment.Mode][]bool
	// section is each item's section, by position.
	section []int
	pos     map[string]int // item positions by id
	modules map[string]*assessment.Module
	courses map[string]int
}

// askedIn says which items (by position) mode asks.
func (x *bankIndex) askedIn(b *assessment.Bank, mode assessment.Mode) []bool {
	if l, ok := x.asked[mode]; ok {
		return l
	}
	return askedBy(b, mode, x.pos)
}

var indexOf = assessment.PerBank(func(b *assessment.Bank) *bankIndex {
	x := &bankIndex{cell: make([]int, len(b.Items)), section: make([]int, len(b.Items)),
		asked: map[assessment.Mode][]bool{}, modules: map[string]*assessment.Module{}, courses: map[string]int{}}
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
		x.asked[mode] = askedBy(b, mode, pos)
	}
	for _, m := range b.Modules() {
		x.modules[m.ID] = m
	}
	for i, c := range b.Courses {
		x.courses[c.ID] = i
	}
	return x
})

func askedBy(b *assessment.Bank, mode assessment.Mode, pos map[string]int) []bool {
	asked := make([]bool, len(b.Items))
	for _, it := range b.Asked(mode) {
		asked[pos[it.ID]] = true
	}
	return asked
}
