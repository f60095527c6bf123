package assessment

import (
	"cmp"
	"math"
	"slices"
)

// LowEvidence: a competence resting on fewer answered items than this is
// flagged, so a single answer is not mistaken for a profile.
const LowEvidence = 2

// WeakestDimensions is how many of the lowest-scoring dimensions get
// planning-guideline advice.
const WeakestDimensions = 2

// Result is what an assessment's answers come to. Scores are 0–100 and
// rounded to one decimal; nil means nothing was answered there (never a
// zero).
type Result struct {
	Overall         *float64           `json:"overall"`
	Sections        []SectionResult    `json:"sections"`
	Competences     []CompetenceResult `json:"competences"`
	Recommendations []Recommendation   `json:"recommendations"`
	Guidelines      []GuidelineAdvice  `json:"guidelines"`
	Counts          Counts             `json:"counts"`
}

type SectionResult struct {
	ID         string          `json:"id"`
	Pursued    bool            `json:"pursued"`
	Index      *float64        `json:"index"`
	Dimensions map[string]Cell `json:"dimensions"`
}

// Cell is one section × dimension score of the maturity matrix.
type Cell struct {
	Score    *float64 `json:"score"`
	Answered int      `json:"answered"`
}

type CompetenceResult struct {
	ID          string   `json:"id"`
	Score       *float64 `json:"score"`
	Target      float64  `json:"target"`
	Gap         *float64 `json:"gap"`
	Evidence    int      `json:"evidence"`
	LowEvidence bool     `json:"low_evidence"`
}

// Recommendation is a training module and why: each reason is a competence
// gap the module helps to close.
type Recommendation struct {
	Module   string   `json:"module"`
	Course   string   `json:"course"`
	Role     string   `json:"role"`
	Priority float64  `json:"priority"`
	Reasons  []Reason `json:"reasons"`
}

type Reason struct {
	Competence string  `json:"competence"`
	Gap        float64 `json:"gap"`
	Relevance  float64 `json:"relevance"`
}

// GuidelineAdvice points to a planning-guideline area because its dimension
// is among the weakest.
type GuidelineAdvice struct {
	ID        string  `json:"id"`
	Dimension string  `json:"dimension"`
	Score     float64 `json:"score"`
}

// Counts tallies the asked items of the pursued sections by status; items
// that may stay empty (Item.Optional) are left out.
type Counts struct {
	Asked      int `json:"asked"`
	Answered   int `json:"answered"`
	NA         int `json:"na"`
	Unknown    int `json:"unknown"`
	Unanswered int `json:"unanswered"`
}

// mean accumulates a weighted mean. The explicit float64 conversions stop
// the compiler fusing multiply-adds, which would change the last bits on
// some CPUs and break "same answers, same results everywhere".
type mean struct{ sum, weight float64 }

func (m *mean) add(score, w float64) {
	m.sum += float64(score * w)
	m.weight += w
}

func (m mean) value() (float64, bool) {
	if m.weight == 0 {
		return 0, false
	}
	return m.sum / m.weight, true
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// scores holds the numbers a result points to: one array for them all,
// instead of one allocation each.
type scores []float64

// percent is m as a rounded percentage, nil when m is empty.
func (f *scores) percent(m mean) *float64 {
	v, ok := m.value()
	if !ok {
		return nil
	}
	return f.add(round1(float64(100 * v)))
}

// add keeps v and points to it. A pointer handed out before stays valid
// when the array grows: it keeps the array it points into.
func (f *scores) add(v float64) *float64 {
	*f = append(*f, v)
	return &(*f)[len(*f)-1]
}

// lookup finds the answer to an item, if any.
type lookup func(item string) (Answer, bool)

func fromMap(answers map[string]Answer) lookup {
	return func(item string) (Answer, bool) { a, ok := answers[item]; return a, ok }
}

// Pursued reports whether a section is pursued: a gated section is not when
// its gate is answered "no" or "not applicable".
func (b *Bank) Pursued(section string, answers map[string]Answer) bool {
	return b.pursued(section, fromMap(answers))
}

func (b *Bank) pursued(section string, get lookup) bool {
	s, ok := b.Section(section)
	if !ok || s.Gate == "" {
		return ok
	}
	a, answered := get(s.Gate)
	if !answered {
		return true
	}
	return a.Status != StatusNA && !(a.Status == StatusAnswered && a.Value.str == "no")
}

// ItemScore is an item's score in 0…1, and whether it has one. answers are
// needed for ratio items, which are computed from two counts.
func (it *Item) ItemScore(answers map[string]Answer) (float64, bool) {
	return it.score(fromMap(answers))
}

// ScoreBy is ItemScore with the answers looked up by get.
func (it *Item) ScoreBy(get func(item string) (Answer, bool)) (float64, bool) {
	return it.score(get)
}

func (it *Item) score(get lookup) (float64, bool) {
	if it.Kind == KindRatio {
		return it.ratioScore(get)
	}
	a, ok := get(it.ID)
	if !ok {
		return 0, false
	}
	return it.answerScore(&a)
}

// ratioScore is the score of a ratio item: its two counts looked up.
func (it *Item) ratioScore(get lookup) (float64, bool) {
	num, ok1 := get(it.Numerator)
	den, ok2 := get(it.Denominator)
	if !ok1 || !ok2 || num.Status != StatusAnswered || den.Status != StatusAnswered || den.Value.num <= 0 {
		return 0, false
	}
	share := float64(num.Value.num) / float64(den.Value.num)
	return math.Min(1, share/it.Target), true
}

// answerScore is the score of a, the answer to it (nil: none), for any
// kind but a ratio.
func (it *Item) answerScore(a *Answer) (float64, bool) {
	if !it.Scored() || a == nil || a.Status != StatusAnswered {
		return 0, false
	}
	v := a.Value
	switch it.Kind {
	case KindMaturity:
		return float64(v.num) / MaturityMax, true
	case KindBand:
		return float64(it.optionIndex(v.str)) / float64(len(it.Options)-1), true
	case KindMulti:
		ticked := len(v.list)
		if n := it.noneIndex(); n >= 0 && slices.Contains(v.list, it.Options[n].ID) {
			ticked-- // "none of these" is an answer of zero, never a tick
		}
		if it.Other && a.Other != "" {
			ticked++
		}
		return math.Min(1, float64(ticked)/float64(it.Saturation)), true
	case KindYesNo:
		return yesNoScores[v.str], true
	case KindSelfRating:
		return float64(v.num-SelfRatingMin) / (SelfRatingMax - SelfRatingMin), true
	}
	return 0, false
}

// Index answers by item id; a later answer to the same item wins.
func Index(answers []Answer) map[string]Answer {
	m := make(map[string]Answer, len(answers))
	for _, a := range answers {
		m[a.Item] = a
	}
	return m
}

// Answers are an assessment's answers by item position in its bank: what
// Index gives, with no map to build. A later answer to the same item wins;
// answers to items the bank does not have are left out.
type Answers struct {
	b  *Bank
	by []*Answer // by item position; nil where there is no answer
}

// AnswersOf lays a's answers out by item position in b. The view points
// into a.Answers: it is for reading them while they do not change.
func (b *Bank) AnswersOf(a *Assessment) Answers {
	by := make([]*Answer, len(b.Items))
	for i := range a.Answers {
		if j, ok := b.itemIndex[a.Answers[i].Item]; ok {
			by[j] = &a.Answers[i]
		}
	}
	return Answers{b, by}
}

// Get is the answer to an item, if any.
func (x Answers) Get(item string) (Answer, bool) {
	j, ok := x.b.itemIndex[item]
	if !ok || x.by[j] == nil {
		return Answer{}, false
	}
	return *x.by[j], true
}

// At is the answer to the item at position i of the bank, nil when none.
func (x Answers) At(i int) *Answer { return x.by[i] }

// ItemScore is it.ItemScore of these answers; it is an item of their bank.
func (x Answers) ItemScore(it *Item) (float64, bool) {
	if it.Kind == KindRatio {
		return it.ratioScore(x.Get)
	}
	return it.answerScore(x.by[it.pos])
}

// ScoreAt is ItemScore of the item at position i of the bank.
func (x Answers) ScoreAt(i int) (float64, bool) { return x.ItemScore(&x.b.Items[i]) }

// Pursued is b.Pursued of these answers.
func (x Answers) Pursued(section string) bool { return x.b.pursued(section, x.Get) }

// Score computes the results of an assessment. It assumes the answers were
// checked against the bank (CheckAnswer); answers to unknown items are
// ignored. The result does not depend on the order of the answers.
func Score(b *Bank, a *Assessment) Result {
	r, _ := ScoreAnswers(b, a)
	return r
}

// ScoreAnswers is Score, with the answers by position it read: a report
// looks up more in them.
func ScoreAnswers(b *Bank, a *Assessment) (Result, Answers) {
	r, answers := scoreMatrix(b, a)
	r.Recommendations = recommend(b, r.Competences, a.Participant.Role)
	r.Guidelines = weakestGuidelines(b, r.Sections)
	return r, answers
}

// ScoreItems is ScoreAnswers with each item's score, by position in the
// bank: a report shows them without scoring the items again.
func ScoreItems(b *Bank, a *Assessment) (Result, Answers, ItemScores) {
	items := make(ItemScores, len(b.Items))
	r, answers := scoreInto(b, a, scoring{items: items})
	r.Recommendations = recommend(b, r.Competences, a.Participant.Role)
	r.Guidelines = weakestGuidelines(b, r.Sections)
	return r, answers, items
}

// ScoreIndexes is Score with its overall, section and competence scores
// only: what CompareScores reads. The sections' Dimensions, the counts,
// recommendations and guidelines are left empty.
func ScoreIndexes(b *Bank, a *Assessment) Result {
	r, _ := scoreInto(b, a, scoring{indexesOnly: true})
	return r
}

// ItemScores are the items' scores by position in their bank, each as
// Answers.ScoreAt gives it.
type ItemScores []itemScore

type itemScore struct {
	v  float64
	ok bool
}

// At is the score (0…1) of the item at position i, and whether it has one.
func (s ItemScores) At(i int) (float64, bool) { return s[i].v, s[i].ok }

// scoreMatrix is ScoreAnswers without recommendations and guidelines (left
// nil): a group report needs only each module's priority.
func scoreMatrix(b *Bank, a *Assessment) (Result, Answers) { return scoreInto(b, a, scoring{}) }

// scoring is what scoreInto works out besides scoreMatrix, or less.
type scoring struct {
	// items, when not nil, gets every item's score, in sections not
	// pursued too.
	items ItemScores
	// indexesOnly leaves out the sections' cells (Dimensions) and the
	// counts.
	indexesOnly bool
}

// scoreInto is scoreMatrix, with more or less as o says.
func scoreInto(b *Bank, a *Assessment, o scoring) (Result, Answers) {
	items := o.items
	// Answers by item position: no map to build on every call.
	answers := b.AnswersOf(a)
	get := answers.Get
	var r Result

	nd, ns, nc := len(b.Dimensions), len(b.Sections), len(b.Competences)
	means := make([]mean, ns*nd+nc)
	cells, comps := means[:ns*nd], means[ns*nd:]
	counts := make([]int, ns*nd+nc)
	cellCount, evidence := counts[:ns*nd], counts[ns*nd:]
	pursued := make([]bool, ns)
	// Every cell, section index, the overall and each competence's score
	// and gap.
	nums := make(scores, 0, ns*nd+ns+1+2*nc)
	r.Sections = make([]SectionResult, 0, ns)
	r.Competences = make([]CompetenceResult, 0, nc)
	for i, s := range b.Sections {
		pursued[i] = b.pursued(s.ID, get)
	}

	for i := range b.Items {
		it := &b.Items[i]
		if !pursued[it.si] && items == nil {
			continue
		}
		s, ok := answers.ItemScore(it)
		if items != nil {
			items[i] = itemScore{s, ok}
		}
		if !ok || !pursued[it.si] {
			continue
		}
		cells[it.si*nd+it.di].add(s, 1)
		cellCount[it.si*nd+it.di]++
		for _, w := range it.weights {
			comps[w.competence].add(s, w.value)
			evidence[w.competence]++
		}
	}

	if !o.indexesOnly {
		r.Counts = countAsked(b, a.Mode, pursued, answers)
	}

	// Section and overall indexes are means of the unrounded scores; only
	// what is shown is rounded.
	var overall mean
	for si, s := range b.Sections {
		sr := SectionResult{ID: s.ID, Pursued: pursued[si]}
		if !o.indexesOnly {
			sr.Dimensions = make(map[string]Cell, nd)
		}
		var idx mean
		for di, d := range b.Dimensions {
			c := Cell{Answered: cellCount[si*nd+di]}
			if pursued[si] {
				c.Score = nums.percent(cells[si*nd+di])
				if v, ok := cells[si*nd+di].value(); ok {
					idx.add(v, 1)
				}
			}
			if !o.indexesOnly {
				sr.Dimensions[d.ID] = c
			}
		}
		if v, ok := idx.value(); ok {
			sr.Index = nums.percent(idx)
			overall.add(v, 1)
		}
		r.Sections = append(r.Sections, sr)
	}
	r.Overall = nums.percent(overall)

	role, _ := b.Role(a.Participant.Role)
	for ci, co := range b.Competences {
		cr := CompetenceResult{ID: co.ID, Score: nums.percent(comps[ci]), Evidence: evidence[ci]}
		cr.LowEvidence = cr.Evidence < LowEvidence
		if role != nil {
			cr.Target = role.Targets[co.ID]
		}
		if cr.Score != nil {
			cr.Gap = nums.add(round1(math.Max(0, cr.Target-*cr.Score)))
		}
		r.Competences = append(r.Competences, cr)
	}
	return r, answers
}

// countAsked counts what the user was asked, in the sections they pursue;
// optional comment boxes are never open, so they are not counted.
func countAsked(b *Bank, mode Mode, pursued []bool, answers Answers) Counts {
	var n Counts
	for _, it := range b.Asked(mode) {
		if (!pursued[it.si] && !it.gate) || it.Optional() {
			continue
		}
		n.Asked++
		switch ans := answers.by[it.pos]; {
		case ans == nil:
			n.Unanswered++
		case ans.Status == StatusNA:
			n.NA++
		case ans.Status == StatusUnknown:
			n.Unknown++
		default:
			n.Answered++
		}
	}
	return n
}

// priority is Σ gap × relevance of module m over comps, rounded; gaps of
// 0 or none add nothing.
func (m *Module) priority(comps []CompetenceResult) float64 {
	var priority float64
	for _, w := range m.relevance {
		if c := comps[w.competence]; c.Gap != nil && *c.Gap > 0 {
			priority += float64(*c.Gap * w.value)
		}
	}
	return round1(priority)
}

// recommend ranks modules by priority = Σ gap × relevance: the user's own
// role first, then by priority, ties by module id. Modules with priority 0
// are left out.
func recommend(b *Bank, comps []CompetenceResult, role string) []Recommendation {
	// One array holds every module's reasons: a score makes many.
	modules, n := reasonCount(b, comps)
	recs := make([]Recommendation, 0, modules)
	reasons := make([]Reason, 0, n)
	for c := range b.Courses {
		for i := range b.Courses[c].Modules {
			m := &b.Courses[c].Modules[i]
			rec := Recommendation{Module: m.ID, Course: m.Course, Role: m.Role, Priority: m.priority(comps)}
			if rec.Priority <= 0 {
				continue
			}
			first := len(reasons)
			for _, w := range m.relevance {
				if c := comps[w.competence]; c.Gap != nil && *c.Gap > 0 {
					reasons = append(reasons, Reason{Competence: c.ID, Gap: *c.Gap, Relevance: w.value})
				}
			}
			rec.Reasons = reasons[first:len(reasons):len(reasons)]
			// The biggest contribution first: it is the best reason to give.
			slices.SortStableFunc(rec.Reasons, func(x, y Reason) int {
				return -cmp.Compare(float64(x.Gap*x.Relevance), float64(y.Gap*y.Relevance))
			})
			recs = append(recs, rec)
		}
	}
	slices.SortFunc(recs, func(x, y Recommendation) int {
		if (x.Role == role) != (y.Role == role) {
			if x.Role == role {
				return -1
			}
			return 1
		}
		if c := -cmp.Compare(x.Priority, y.Priority); c != 0 {
			return c
		}
		return cmp.Compare(x.Module, y.Module)
	})
	return recs
}

// reasonCount counts the reasons recommend gives, and the modules that
// have any.
func reasonCount(b *Bank, comps []CompetenceResult) (modules, reasons int) {
	for c := range b.Courses {
		for m := range b.Courses[c].Modules {
			had := reasons
			for _, w := range b.Courses[c].Modules[m].relevance {
				if c := comps[w.competence]; c.Gap != nil && *c.Gap > 0 {
					reasons++
				}
			}
			if reasons > had {
				modules++
			}
		}
	}
	return modules, reasons
}

// weakestGuidelines advises the guideline areas of the lowest-scoring
// dimensions (mean over pursued sections), skipping dimensions at 100.
func weakestGuidelines(b *Bank, sections []SectionResult) []GuidelineAdvice {
	type dimScore struct {
		id    string
		order int
		score float64
	}
	dims := make([]dimScore, 0, len(b.Dimensions))
	for di, d := range b.Dimensions {
		var m mean
		for _, s := range sections {
			if c := s.Dimensions[d.ID]; s.Pursued && c.Score != nil {
				m.add(*c.Score, 1)
			}
		}
		if v, ok := m.value(); ok && v < 100 {
			dims = append(dims, dimScore{d.ID, di, round1(v)})
		}
	}
	slices.SortFunc(dims, func(x, y dimScore) int {
		if c := cmp.Compare(x.score, y.score); c != 0 {
			return c
		}
		return x.order - y.order
	})
	out := []GuidelineAdvice{}
	for _, d := range dims[:min(WeakestDimensions, len(dims))] {
		for _, g := range b.Guidelines {
			if g.Dimension == d.id {
				out = append(out, GuidelineAdvice{ID: g.ID, Dimension: d.id, Score: d.score})
			}
		}
	}
	return out
}
