package html

import (
	"strings"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
)

// The answers worth reading again: those marked to develop, and those
// with a note or an Other text.

func (w *writer) develop(es []report.Entry) {
	w.raw("\n")
	w.h2("report.develop")
	if len(es) == 0 {
		w.para("report.develop.none")
		return
	}
	w.entries("develop", es)
}

func (w *writer) notes(es []report.Entry) {
	if len(es) == 0 {
		return
	}
	w.h2("report.notes")
	w.entries("notes", es)
}

func (w *writer) entries(class string, es []report.Entry) {
	w.raw("\n<ul class=\"entries " + class + "\">")
	for i := range es {
		w.raw("\n")
		w.entry(&es[i])
	}
	w.raw("\n</ul>")
}

// entry is an answer with what the person typed: the Other text and the
// note, line by line.
func (w *writer) entry(e *report.Entry) {
	if e.Comment != "" { // a section's comment: its section names it, in a line of its own
		w.raw("\n<li><b>")
		w.text(e.Section)
		w.raw("</b>")
		w.ownWords("comment", "", e.Comment)
		w.ownWords("note", "report.note", e.Note)
		w.raw("</li>")
		return
	}
	w.raw("\n<li><b>")
	w.text(e.Item.Title)
	w.raw("</b> <span class=\"meta\">")
	w.text(e.Section)
	w.raw("</span><br>")
	if e.Status != assessment.StatusAnswered {
		w.raw("<span class=\"answer\">")
		w.t("choice." + string(e.Status))
		w.raw("</span>")
	} else if answer := strings.Join(e.Answer, w.loc.T("punct.semicolon")); shown(answer) {
		w.raw("<span class=\"answer\">")
		w.t("report.answer")
		w.t("punct.colon")
		w.text(answer)
		w.raw("</span>")
	}
	if shown(e.Other) {
		w.raw("<br><span class=\"other\">")
		w.t("report.other")
		w.t("punct.colon")
		w.raw("<q>")
		w.text(e.Other)
		w.raw("</q></span>")
	}
	w.ownWords("note", "report.note", e.Note)
	w.raw("</li>")
}

// ownWords is a person's text (a note, a comment) after its label, if
// any, line by line; nothing when it is empty.
func (w *writer) ownWords(class, label, text string) {
	if !shown(text) {
		return
	}
	w.raw("<div class=\"" + class + "\">")
	if label != "" {
		w.raw("<span>")
		w.t(label)
		w.raw(strings.TrimRight(w.loc.T("punct.colon"), " ") + "</span> ") // the language's colon: text, no markup
	}
	first := true
	for l := range strings.SplitSeq(text, "\n") {
		if !first {
			w.raw("<br>")
		}
		first = false
		w.text(l)
	}
	w.raw("</div>")
}
