package tui

import (
	"iter"

	"github.com/digint/digint/assessment"
)

// pageSize is the most items a page shows: few enough to see at once,
// enough to keep related questions together.
const pageSize = 4

// page is a few consecutive items of one section and dimension.
type page struct {
	section string
	items   []*assessment.Item
}

// walk is the path through one assessment: its pages, where the user is,
// and the answers so far. It is pure state; saving is the model's job.
type walk struct {
	bank    *assessment.Bank // texts in the user's language; ids as the store's
	a       *assessment.Assessment
	answers map[string]assessment.Answer
	pages   []page
	page    int  // current page
	focus   int  // item within the page
	changed bool // an answer was given or cleared since the walk opened
	// fromReview: the item was opened from the review, so answering it
	// goes back there rather than on to the next item.
	fromReview bool
	// drafts keep a note or "develop" flag given before the item is
	// answered; they are saved with the answer.
	drafts map[string]draft
}

type draft struct {
	note    string
	develop bool
}

func newWalk(b *assessment.Bank, a *assessment.Assessment) *walk {
	w := &walk{bank: b, a: a, answers: assessment.Index(a.Answers), drafts: map[string]draft{}}
	var cur *page
	for _, it := range b.Asked(a.Mode) {
		gate := it.IsGate()
		if cur == nil || cur.section != it.Section || len(cur.items) == pageSize || gate ||
			cur.items[0].IsGate() || cur.items[len(cur.items)-1].Dimension != it.Dimension {
			w.pages = append(w.pages, page{section: it.Section})
			cur = &w.pages[len(w.pages)-1]
		}
		cur.items = append(cur.items, it)
	}
	return w
}

func (w *walk) item() *assessment.Item { return w.pages[w.page].items[w.focus] }

func (w *walk) pursued(section string) bool { return w.bank.Pursued(section, w.answers) }

// shown reports whether a page is on the path: pages of a section not
// pursued are skipped, except the gate that decides it.
func (w *walk) shown(p int) bool {
	pg := w.pages[p]
	return pg.items[0].IsGate() || w.pursued(pg.section)
}

// set records an answer in memory (the model saves it).
func (w *walk) set(a assessment.Answer) {
	w.answers[a.Item] = a
	delete(w.drafts, a.Item)
	w.changed = true
}

func (w *walk) clear(item string) {
	delete(w.answers, item)
	w.changed = true
}

// keep holds a note and flag of an item not answered yet.
func (w *walk) keep(item, note string, develop bool) {
	if note == "" && !develop {
		delete(w.drafts, item)
		return
	}
	w.drafts[item] = draft{note: note, develop: develop}
}

func (w *walk) answered(item string) bool { _, ok := w.answers[item]; return ok }

// next moves to the next item on the path; false at the end.
func (w *walk) next() bool {
	if w.focus+1 < len(w.pages[w.page].items) {
		w.focus++
		return true
	}
	return w.nextPage()
}

func (w *walk) prev() bool {
	if w.focus > 0 {
		w.focus--
		return true
	}
	if !w.prevPage() {
		return false
	}
	w.focus = len(w.pages[w.page].items) - 1
	return true
}

func (w *walk) nextPage() bool {
	for p := w.page + 1; p < len(w.pages); p++ {
		if w.shown(p) {
			w.page, w.focus = p, 0
			return true
		}
	}
	return false
}

func (w *walk) prevPage() bool {
	for p := w.page - 1; p >= 0; p-- {
		if w.shown(p) {
			w.page, w.focus = p, 0
			return true
		}
	}
	return false
}

// jump moves to an item; false when it is not on the path.
func (w *walk) jump(item string) bool {
	for p, pg := range w.pages {
		for i, it := range pg.items {
			if it.ID == item && w.shown(p) {
				w.page, w.focus = p, i
				return true
			}
		}
	}
	return false
}

// onPath yields the items the user still has to see, in order. It builds
// no list: every screen counts progress with it, on every change.
func (w *walk) onPath() iter.Seq[*assessment.Item] {
	return func(yield func(*assessment.Item) bool) {
		for p, pg := range w.pages {
			if !w.shown(p) {
				continue
			}
			for _, it := range pg.items {
				if !yield(it) {
					return
				}
			}
		}
	}
}

// progress counts answered and total items on the path of a section, or of
// the whole walk when section is "". Optional items (comment boxes) are
// left out, as in the results' counts.
func (w *walk) progress(section string) (done, total int) {
	for it := range w.onPath() {
		if (section != "" && it.Section != section) || it.Optional() {
			continue
		}
		total++
		if w.answered(it.ID) {
			done++
		}
	}
	return done, total
}

// unanswered lists the items on the path still open: no answer yet, and
// not optional.
func (w *walk) unanswered() []*assessment.Item {
	var out []*assessment.Item
	for it := range w.onPath() {
		if !w.answered(it.ID) && !it.Optional() {
			out = append(out, it)
		}
	}
	return out
}

// firstOpen moves to the first unanswered item of a section (or of the
// walk, for ""), else to the section's first item.
func (w *walk) firstOpen(section string) {
	w.fromReview = false
	for _, it := range w.unanswered() {
		if section == "" || it.Section == section {
			w.jump(it.ID)
			return
		}
	}
	for it := range w.onPath() {
		if section == "" || it.Section == section {
			w.jump(it.ID)
			return
		}
	}
}

// assessment returns the assessment with the answers given so far.
func (w *walk) assessment() *assessment.Assessment {
	a := *w.a
	a.Answers = a.Answers[:0:0]
	for _, it := range w.bank.Items {
		if ans, ok := w.answers[it.ID]; ok {
			a.Answers = append(a.Answers, ans)
		}
	}
	return &a
}
