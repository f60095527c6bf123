package html

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/digint/digint/assessment/safe"
	"github.com/digint/digint/i18n"
)

// escaped is s as writer.text writes it.
func escaped(s string) string {
	var buf bytes.Buffer
	w := writer{b: newOut(&buf)}
	w.text(s)
	w.b.flush()
	return buf.String()
}

// inert checks that s, written as an element's text and as a quoted
// attribute's value, is read back by an HTML parser as exactly its cleaned
// self: one element, no markup made from it, nothing unsafe left.
func inert(t *testing.T, s string) {
	t.Helper()
	e := escaped(s)
	for _, r := range e {
		if r != '\n' && r != '\t' && safe.Unsafe(r) {
			t.Fatalf("%U survived in %q", r, e)
		}
	}
	doc, err := html.Parse(strings.NewReader(`<p title="` + e + `" class='` + e + `'>` + e + `</p>`))
	if err != nil {
		t.Fatal(err)
	}
	body := find(doc, "body", "")[0]
	var elems []*html.Node
	for n := range body.Descendants() {
		if n.Type == html.ElementNode {
			elems = append(elems, n)
		}
	}
	want := clean(s)
	if len(elems) != 1 || elems[0].Data != "p" || len(elems[0].Attr) != 2 {
		t.Fatalf("%q made markup: %d elements, %v", s, len(elems), elems[0].Attr)
	}
	if got := attr(elems[0], "title"); got != want {
		t.Errorf("attribute: %q, want %q", got, want)
	}
	if got := attr(elems[0], "class"); got != want {
		t.Errorf("single-quoted attribute: %q, want %q", got, want)
	}
	if got := text(elems[0]); got != want {
		t.Errorf("text: %q, want %q", got, want)
	}
}

func TestTextIsInertInTextAndAttributes(t *testing.T) {
	cases := append([]string{
		`a "quoted" 'name' & <b>bold</b> +1`,
		`"><img src=x onerror=alert(1)>`,
		`' onmouseover='alert(1)`,
		"</p><script>alert(1)</script>",
		"<!-- comment --> <![CDATA[x]]> &amp; &#60;",
		"\x00nul \r\n crlf \u2028 line \u0085 nel \xff\xfe broken \uFFFD",
		"Ana Pérez – ½ · ✓",
	}, hostile...)
	for _, s := range cases {
		inert(t, s)
	}
}

// Markup characters become the entities html/template used, controls and
// bidi marks go, line breaks and tabs stay.
func TestTextEscapesLikeTheTemplatesDid(t *testing.T) {
	for in, want := range map[string]string{
		`<a href="x">'O'+1 & 2</a>`:      "&lt;a href=&#34;x&#34;&gt;&#39;O&#39;&#43;1 &amp; 2&lt;/a&gt;",
		"a\x1b[2Jb\u202ec\u2066d\u2069e": "a[2Jbcde",
		"line\none\ttab\rcr\x7f":         "line\none\ttabcr",
		"bad \xff utf8 \uFFFD":           "bad  utf8 ",
		"plain – text":                   "plain – text",
	} {
		if got := escaped(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

func FuzzTextIsInert(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Add(`"'<>&+`)
	f.Fuzz(func(t *testing.T, s string) { inert(t, s) })
}

// A message without data is written as text writes it, the first time
// (escaped into the buffer) and from the language's kept texts after, in
// every language; a buffer nearly full does not cut it.
func TestPlainMessagesAreEscapedOnce(t *testing.T) {
	ids := []string{"report.radar.title", "table.target", "report.answer", "no.such.id", "tab.modules"}
	for _, l := range i18n.Languages() {
		loc := i18n.MustNew(l.Tag)
		for _, id := range ids {
			want := escaped(loc.T(id))
			for round := range 2 {
				var buf bytes.Buffer
				w := newWriter(&buf, loc)
				w.b.WriteString(strings.Repeat(".", flushAt-3)) // little room left
				w.t(id)
				if err := w.b.flush(); err != nil {
					t.Fatal(err)
				}
				if got := strings.TrimLeft(buf.String(), "."); got != strings.TrimLeft(want, ".") || buf.Len() != flushAt-3+len(want) {
					t.Errorf("%s %s round %d: %q, want %q", l.Tag, id, round, got, want)
				}
				w.done()
			}
		}
	}
}
