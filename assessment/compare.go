package assessment

// Delta is how one score moved between two assessments.
type Delta struct {
	Before float64 `json:"before"`
	After  float64 `json:"after"`
	Change float64 `json:"change"`
}

// Progress compares a later assessment's results with an earlier one's.
// Only scores present in both are compared: a score that appeared or
// vanished has no change to report.
type Progress struct {
	Overall     *Delta            `json:"overall"`
	Sections    []SectionDelta    `json:"sections"`
	Competences []CompetenceDelta `json:"competences"`
}

// SectionDelta is how a section moved. A section pursued only once has no
// change to report: PursuedBefore and PursuedAfter say why, so no face
// calls it "no previous score".
type SectionDelta struct {
	ID            string            `json:"id"`
	PursuedBefore bool              `json:"pursued_before"`
	PursuedAfter  bool              `json:"pursued_after"`
	Index         *Delta            `json:"index"`
	Dimensions    map[string]*Delta `json:"dimensions"`
}

// PursuedBoth reports whether the section was pursued both times, the
// only case in which its scores compare.
func (d SectionDelta) PursuedBoth() bool { return d.PursuedBefore && d.PursuedAfter }

type CompetenceDelta struct {
	ID    string `json:"id"`
	Score *Delta `json:"score"`
	Gap   *Delta `json:"gap"`
}

func delta(before, after *float64) *Delta {
	if before == nil || after == nil {
		return nil
	}
	d := change(*before, *after)
	return &d
}

func change(before, after float64) Delta {
	return Delta{Before: before, After: after, Change: round1(after - before)}
}

// Compare reports what moved from earlier to later, section by section and
// competence by competence, matched by id (so banks of the same id compare).
func Compare(earlier, later Result) Progress {
	p := Progress{Overall: delta(earlier.Overall, later.Overall)}
	for _, ls := range later.Sections {
		sd := SectionDelta{ID: ls.ID, PursuedAfter: ls.Pursued, Dimensions: map[string]*Delta{}}
		for _, es := range earlier.Sections {
			if es.ID != ls.ID {
				continue
			}
			sd.PursuedBefore = es.Pursued
			if !sd.PursuedBoth() {
				break
			}
			sd.Index = delta(es.Index, ls.Index)
			for d, lc := range ls.Dimensions {
				if ec, ok := es.Dimensions[d]; ok {
					sd.Dimensions[d] = delta(ec.Score, lc.Score)
				}
			}
		}
		p.Sections = append(p.Sections, sd)
	}
	for _, lc := range later.Competences {
		cd := CompetenceDelta{ID: lc.ID}
		for _, ec := range earlier.Competences {
			if ec.ID == lc.ID {
				cd.Score, cd.Gap = delta(ec.Score, lc.Score), delta(ec.Gap, lc.Gap)
			}
		}
		p.Competences = append(p.Competences, cd)
	}
	return p
}

// CompareScores is Compare without what a report does not show: each
// section's dimensions and each competence's gap are left nil. Its deltas
// lie in one array.
func CompareScores(earlier, later Result) Progress {
	ds := make([]Delta, 0, 1+len(later.Sections)+len(later.Competences))
	move := func(before, after *float64) *Delta {
		if before == nil || after == nil {
			return nil
		}
		ds = append(ds, change(*before, *after))
		return &ds[len(ds)-1]
	}
	p := Progress{Overall: move(earlier.Overall, later.Overall),
		Sections: make([]SectionDelta, 0, len(later.Sections)), Competences: make([]CompetenceDelta, 0, len(later.Competences))}
	for _, ls := range later.Sections {
		sd := SectionDelta{ID: ls.ID, PursuedAfter: ls.Pursued}
		for _, es := range earlier.Sections {
			if es.ID == ls.ID {
				sd.PursuedBefore = es.Pursued
				if sd.PursuedBoth() {
					sd.Index = move(es.Index, ls.Index)
				}
			}
		}
		p.Sections = append(p.Sections, sd)
	}
	for _, lc := range later.Competences {
		cd := CompetenceDelta{ID: lc.ID}
		for _, ec := range earlier.Competences {
			if ec.ID == lc.ID {
				cd.Score = move(ec.Score, lc.Score)
			}
		}
		p.Competences = append(p.Competences, cd)
	}
	return p
}
