package i18n

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/digint/digint/assessment"
)

// problemRules reads the rules assessment's Problems can carry from its
// source: the literal rules, and the ones made from a kind of item, of
// JSON value or of text field. A rule made any other way fails the test,
// so none can appear without a message.
func problemRules(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("../assessment/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no assessment sources: %v", err)
	}
	rules := map[string]bool{}
	var kinds, kindWords, fields []string
	lit := func(e ast.Expr) (string, bool) {
		b, ok := e.(*ast.BasicLit)
		if !ok || b.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(b.Value)
		return s, err == nil
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec: // const KindX Kind = "…"
				if id, ok := n.Type.(*ast.Ident); ok && id.Name == "Kind" && len(n.Values) == 1 {
					if s, ok := lit(n.Values[0]); ok {
						kinds = append(kinds, s)
					}
				}
			case *ast.FuncDecl:
				if n.Name.Name == "kindWord" {
					ast.Inspect(n.Body, func(m ast.Node) bool {
						if r, ok := m.(*ast.ReturnStmt); ok && len(r.Results) == 1 {
							if s, ok := lit(r.Results[0]); ok {
								kindWords = append(kindWords, s)
							}
						}
						return true
					})
				}
			case *ast.CallExpr:
				fn, _ := n.Fun.(*ast.Ident)
				if fn == nil || len(n.Args) == 0 {
					return true
				}
				switch fn.Name {
				case "newProblem":
					if s, ok := lit(n.Args[0]); ok {
						rules[s] = true
					} else if !isPrefixed(n.Args[0], "want.") && !isPrefixed(n.Args[0], "toolong.") &&
						!isPrefixed(n.Args[0], "type.") && !isLimitRule(n.Args[0]) {
						t.Errorf("%s: a rule not written as a literal: add it to this test", fset.Position(n.Pos()))
					}
				case "checkLength":
					if s, ok := lit(n.Args[0]); ok {
						fields = append(fields, s)
					} else {
						t.Errorf("%s: a field not written as a literal", fset.Position(n.Pos()))
					}
				}
			case *ast.CompositeLit: // Problem{Rule: …}, limitError{rule: …}
				typ, _ := n.Type.(*ast.Ident)
				if typ == nil || typ.Name != "Problem" && typ.Name != "limitError" {
					return true
				}
				for _, el := range n.Elts {
					kv, _ := el.(*ast.KeyValueExpr)
					if k, ok := kv.Key.(*ast.Ident); !ok || k.Name != "Rule" && k.Name != "rule" {
						continue
					}
					if s, ok := lit(kv.Value); ok {
						rules[s] = true
					} else if _, isVar := kv.Value.(*ast.Ident); !isVar || typ.Name == "limitError" {
						t.Errorf("%s: a rule not written as a literal", fset.Position(kv.Pos()))
					}
				}
			}
			return true
		})
	}
	for _, k := range kinds {
		rules["want."+k] = true
	}
	for _, w := range kindWords {
		rules["type."+w] = true
	}
	for _, f := range fields {
		rules["toolong."+f] = true
	}
	if len(kinds) < 5 || len(kindWords) < 5 || len(fields) < 5 || len(rules) < 50 {
		t.Fatalf("read too little: kinds %v, JSON kinds %v, fields %v, %d rules", kinds, kindWords, fields, len(rules))
	}
	return rules
}

func isPrefixed(e ast.Expr, prefix string) bool {
	b, ok := e.(*ast.BinaryExpr)
	if !ok || b.Op != token.ADD {
		return false
	}
	l, ok := b.X.(*ast.BasicLit)
	return ok && l.Value == strconv.Quote(prefix)
}

// isLimitRule tells a limitError's rule (limit.rule), read from its literals.
func isLimitRule(e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "rule"
}

func TestEveryProblemHasAMessage(t *testing.T) {
	rules := problemRules(t)
	rules["plan"], rules["planaction"] = true, true // the plan's, made with a variable
	delete(rules, "want.ratio")                     // refused before its value is looked at
	for _, l := range Languages() {
		lang := l.Tag
		cat := readCatalog(t, lang)
		for rule := range rules {
			if _, ok := cat["problem."+rule]; !ok {
				t.Errorf("%s: no message problem.%s", lang, rule)
			}
		}
	}
}

// TestProblemSaysWhereAndWhat reads broken documents in each language: the
// text names the assessment and the question, and holds no message id.
func TestProblemSaysWhereAndWhat(t *testing.T) {
	cat, err := assessment.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	head := `{"format": "digint.assessments", "version": 1, "assessments": [`
	a := `{"id": "0b8f5a5e-4c7e-4c52-9a2e-1f7f3c1d2a10", "participant": {"id": "p1", "role": "trainer"},
		"bank": {"id": "` + cat.Current().ID + `", "version": "` + cat.Current().Version + `"}, "mode": "full", "language": "en",
		"started_at": "2026-01-01T10:00:00Z", "updated_at": "2026-01-01T10:00:00Z",
		"answers": [{"item": "no-such-item", "status": "answered", "value": 1}]}`
	for _, tc := range []struct {
		name, doc, rule string
		where           []string // in the text in every language
	}{
		{"unknown item", head + a + `]}`, "noitem", []string{"no-such-item", "1", "0b8f5a5e-4c7e-4c52-9a2e-1f7f3c1d2a10"}},
		{"cut short", head + a[:80], "cut", []string{"1"}},
		{"not json", "hello", "notdocument", nil},
		{"a value of the wrong kind", strings.Replace(head+a+`]}`, `"mode": "full"`, `"mode": 3`, 1), "type.text",
			[]string{"1", "0b8f5a5e-4c7e-4c52-9a2e-1f7f3c1d2a10", "mode"}},
		{"a time not in quotes", strings.Replace(head+a+`]}`, `"2026-01-01T10:00:00Z"`, "5", 1), "timequotes", []string{"1", "2026-03-01T09:30:00Z"}},
	} {
		err := assessment.DecodeEach(strings.NewReader(tc.doc), cat, func(*assessment.Assessment) error { return nil })
		var p *assessment.Problem
		if !errors.As(err, &p) || p.Rule != tc.rule {
			t.Fatalf("%s: got %v, want the rule %s", tc.name, err, tc.rule)
		}
		for _, l := range Languages() {
			lang := l.Tag
			text, ok := MustNew(lang).Problem(err)
			if !ok || strings.Contains(text, "problem.") || strings.Contains(text, "<no value>") {
				t.Errorf("%s, %s: %q", tc.name, lang, text)
			}
			for _, w := range tc.where {
				if !strings.Contains(text, w) {
					t.Errorf("%s, %s: %q lacks %q", tc.name, lang, text, w)
				}
			}
		}
	}
	if _, ok := MustNew("en").Problem(errors.New("disk on fire")); ok {
		t.Error("an error that is no Problem was said as one")
	}
}
