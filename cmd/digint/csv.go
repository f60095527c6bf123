package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/report"
	"github.com/digint/digint/i18n"
	"github.com/digint/digint/storage"
)

// csvFormat is how a spreadsheet of the reader's locale opens a CSV file:
// where the decimal mark is a comma, columns are separated by semicolons.
type csvFormat struct {
	lang    string
	sep     rune
	decimal string // "." or ","
}

// commaDecimal are the languages whose spreadsheets write 2,5 and split
// CSV on ';'.
var commaDecimal = map[string]bool{"it": true, "fr": true, "es": true, "nl": true, "ro": true, "eu": true}

// csvFormatFor is the locale's format, with the separator --sep names
// (",", ";", "tab"). A comma separator always goes with a decimal point.
func csvFormatFor(e *env, lang, sep string) (csvFormat, error) {
	f := csvFormat{lang: lang, sep: ',', decimal: "."}
	if base, _, _ := strings.Cut(lang, "-"); commaDecimal[base] {
		f.sep, f.decimal = ';', ","
	}
	switch strings.ToLower(sep) {
	case "":
	case ",", "comma":
		f.sep, f.decimal = ',', "."
	case ";", "semicolon":
		f.sep = ';'
	case "tab", "\\t", "\t":
		f.sep = '\t'
	default:
		return f, usagef("%s", e.T("cli.csv.badsep", "Sep", sep))
	}
	return f, nil
}

// num writes a number with one decimal in the format's mark.
func (f csvFormat) num(v float64) string {
	return strings.Replace(fmt.Sprintf("%.1f", v), ".", f.decimal, 1)
}

func (f csvFormat) ptr(p *float64) string {
	if p == nil {
		return ""
	}
	return f.num(*p)
}

// writeCSV writes one row per participant and item, or per participant and
// competence, one assessment at a time, with the question and answer
// texts in the format's language beside their ids. Free text and notes
// stay out: a spreadsheet travels further. No cell runs as a formula
// (csvCell). The file starts with a UTF-8 byte-order mark: without it Excel
// reads the file in the machine's legacy code page and garbles accents.
func writeCSV(ctx context.Context, w io.Writer, store *storage.Store, sel storage.Selection, kind string, f csvFormat) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = f.sep
	loc := i18n.MustNew(f.lang)
	if kind == "items" {
		cw.Write([]string{"assessment", "participant", "role", "completed", "section", "dimension", "item", "question", "kind", "status", "value", "answer", "score", "develop"})
	} else {
		cw.Write([]string{"assessment", "participant", "role", "completed", "competence", "competence_title", "score", "target", "gap", "evidence", "low_evidence"})
	}
	banks := map[assessment.BankRef]*assessment.Bank{} // translated once per bank
	bankOf := func(ref assessment.BankRef) (*assessment.Bank, error) {
		if b, ok := banks[ref]; ok {
			return b, nil
		}
		b, err := store.Catalog().Lookup(ref)
		if err == nil {
			b, err = i18n.Bank(b, f.lang)
		}
		banks[ref] = b
		return b, err
	}
	err := store.ExportEach(ctx, sel, func(a *assessment.Assessment) error {
		b, err := bankOf(a.Bank)
		if err != nil {
			return err
		}
		done := ""
		if a.CompletedAt != nil {
			done = a.CompletedAt.UTC().Format(time.RFC3339)
		}
		head := func(cells ...string) []string {
			return csvRow(append([]string{a.ID, a.Participant.ID, a.Participant.Role, done}, cells...)...)
		}
		if kind == "competences" {
			for _, c := range assessment.Score(b, a).Competences {
				title := c.ID
				for _, bc := range b.Competences {
					if bc.ID == c.ID {
						title = bc.Title
					}
				}
				cw.Write(head(c.ID, title, f.ptr(c.Score), fmt.Sprintf("%.0f", c.Target), f.ptr(c.Gap),
					fmt.Sprint(c.Evidence), fmt.Sprint(c.LowEvidence)))
			}
			return cw.Error()
		}
		answers := b.AnswersOf(a) // by position: no map to build per assessment
		for _, ans := range a.Answers {
			it, ok := b.Item(ans.Item)
			if !ok || it.Kind == assessment.KindText {
				continue
			}
			value := ""
			if !ans.Value.IsZero() {
				data, _ := ans.Value.MarshalJSON()
				value = strings.Trim(string(data), `"`)
			}
			score := ""
			if s, ok := answers.ItemScore(it); ok {
				score = f.num(100 * s)
			}
			cw.Write(head(it.Section, it.Dimension, it.ID, it.Text, string(it.Kind), string(ans.Status), value,
				answerWords(loc, b, it, ans), score, fmt.Sprint(ans.Develop)))
		}
		return cw.Error()
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// answerWords is the answer as the person saw it: the option's words
// ("Other" among them, without its text), or not applicable / don't know.
func answerWords(loc *i18n.Localizer, b *assessment.Bank, it *assessment.Item, ans assessment.Answer) string {
	switch ans.Status {
	case assessment.StatusNA:
		return loc.T("choice.na")
	case assessment.StatusUnknown:
		return loc.T("choice.unknown")
	}
	words := report.AnswerLabels(b, it, ans)
	if ans.Other != "" { // ticked and scored; its text stays out, as all free text does
		words = append(words, loc.T("choice.other"))
	}
	return strings.Join(words, loc.T("punct.semicolon"))
}
