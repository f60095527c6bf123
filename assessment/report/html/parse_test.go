package html

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/digint/digint/assessment/report"
)

func parse(t *testing.T, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// find lists the elements named tag whose class is class (any when "").
func find(n *html.Node, tag, class string) []*html.Node {
	var out []*html.Node
	for c := range n.Descendants() {
		if c.Type == html.ElementNode && c.Data == tag && (class == "" || attr(c, "class") == class) {
			out = append(out, c)
		}
	}
	return out
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

type xy struct{ x, y float64 }

func parsePoint(t *testing.T, s string) xy {
	t.Helper()
	a, b, ok := strings.Cut(s, ",")
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if !ok || err1 != nil || err2 != nil {
		t.Fatalf("bad point %q", s)
	}
	return xy{x, y}
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("bad number %q", s)
	}
	return v
}

// The polygons' vertices lie on the spokes, at score/100 of each spoke's
// length: read back from the page, not from the code that drew it.
func TestRadarVerticesAreWhereTheScoresPutThem(t *testing.T) {
	rep := person(t, "en")
	doc := parse(t, render(t, rep, "en"))
	svgs := find(doc, "svg", "")
	if len(svgs) != 1 {
		t.Fatalf("%d svg elements", len(svgs))
	}
	svg := svgs[0]
	spokes := find(svg, "line", "spoke")
	if len(spokes) != len(rep.Competences) {
		t.Fatalf("%d spokes for %d competences", len(spokes), len(rep.Competences))
	}
	for _, series := range []string{"score", "target"} {
		polys := find(svg, "polygon", series)
		if len(polys) != 1 {
			t.Fatalf("%d %s polygons", len(polys), series)
		}
		pts := strings.Fields(attr(polys[0], "points"))
		if len(pts) != len(rep.Competences) {
			t.Fatalf("%s: %d vertices", series, len(pts))
		}
		for i, c := range rep.Competences {
			want := c.Target
			if series == "score" {
				want = 0
				if c.Score != nil {
					want = *c.Score
				}
			}
			s := spokes[i]
			o := xy{num(t, attr(s, "x1")), num(t, attr(s, "y1"))}
			end := xy{num(t, attr(s, "x2")), num(t, attr(s, "y2"))}
			p := parsePoint(t, pts[i])
			wx, wy := o.x+(end.x-o.x)*want/100, o.y+(end.y-o.y)*want/100
			if math.Abs(p.x-wx) > 0.2 || math.Abs(p.y-wy) > 0.2 {
				t.Errorf("%s vertex %d (%s, %v): at %v, want (%.1f, %.1f)", series, i, c.ID, want, p, wx, wy)
			}
		}
	}
	// Each value is printed beside its point, and each axis is named.
	values := find(svg, "text", "value")
	axes := find(svg, "text", "axis")
	for i, c := range rep.Competences {
		if c.Score != nil && strings.TrimSpace(text(values[i])) != strconv.FormatFloat(*c.Score, 'f', -1, 64) {
			t.Errorf("value %d: %q, want %v", i, text(values[i]), *c.Score)
		}
		if got := strings.Join(strings.Fields(text(axes[i])), " "); got != c.Title {
			t.Errorf("axis %d: %q, want %q", i, got, c.Title)
		}
	}
	if len(find(svg, "title", "")) != 1 || len(find(svg, "desc", "")) != 1 {
		t.Error("the radar needs a title and a desc")
	}
	if !strings.Contains(attr(find(svg, "polygon", "target")[0], "class"), "target") {
		t.Error("no target")
	}
}

// The page stands alone: no script, nothing loaded from anywhere, in the
// report's language, with a dark scheme and a print stylesheet.
func TestPageIsSelfContained(t *testing.T) {
	page := render(t, person(t, "it"), "it")
	doc := parse(t, page)
	if h := find(doc, "html", ""); len(h) != 1 || attr(h[0], "lang") != "it" {
		t.Errorf("html lang: %v", h)
	}
	for _, tag := range []string{"script", "link", "img", "iframe", "object", "embed"} {
		if n := find(doc, tag, ""); len(n) > 0 {
			t.Errorf("%d <%s> elements", len(n), tag)
		}
	}
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			if a.Key == "src" || a.Key == "href" || strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
			}
		}
	}
	style := text(find(doc, "style", "")[0])
	for _, want := range []string{"prefers-color-scheme: dark", "@media print", "size: A4", "break-inside: avoid"} {
		if !strings.Contains(style, want) {
			t.Errorf("the style lacks %q", want)
		}
	}
	if strings.Contains(style, "url(") || strings.Contains(style, "@import") {
		t.Error("the style loads something")
	}
}

// hostile is what a person might type, or a file might hold: markup,
// terminal escapes, bidi overrides and a very long run of text.
var hostile = []string{
	`<script>alert(1)</script>`,
	"\x1b]0;owned\x07\x1b[2J",
	"\u202eevil\u2066x\u2069",
	`"><img src=x onerror=alert(1)>`,
	strings.Repeat("A", 10_000),
}

func TestHostileTextComesOutAsText(t *testing.T) {
	rep := person(t, "en")
	all := strings.Join(hostile, "|")
	rep.Person.Name, rep.Person.Institution = all, all
	rep.Develop = append(rep.Develop, report.Entry{Item: report.Label{ID: "x", Title: "Item"}, Status: "answered", Answer: hostile, Other: all, Note: all})
	rep.Notes = append(rep.Notes, report.Entry{Item: report.Label{ID: "y", Title: all}, Status: "answered", Other: all, Note: all},
		report.Entry{Item: report.Label{ID: "z", Title: "Comments"}, Status: "answered", Comment: all})
	page := render(t, rep, "en")
	doc := parse(t, page)
	if n := len(find(doc, "script", "")) + len(find(doc, "img", "")); n > 0 {
		t.Fatalf("%d script or img elements made from typed text", n)
	}
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u2066", "\u2069"} {
		if bytes.Contains(page, []byte(bad)) {
			t.Errorf("%q reached the page", bad)
		}
	}
	// What was typed is still there, as text: in the name, the Other text,
	// the note and the comment.
	want := clean(all)
	for _, class := range []string{"who", "institution", "other", "note", "comment"} {
		nodes := find(doc, "dd", class)
		if class == "other" || class == "note" || class == "comment" {
			nodes = append(find(doc, "span", class), find(doc, "div", class)...)
		}
		if len(nodes) == 0 {
			t.Errorf("no %s", class)
			continue
		}
		if got := text(nodes[len(nodes)-1]); !strings.Contains(got, want) {
			t.Errorf("%s: the typed text is not shown as it was (%d bytes)", class, len(got))
		}
	}
	// The caller's model is left as it was.
	if rep.Person.Name != all {
		t.Error("rendering changed the model")
	}
}
