package storage

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/plan"
	"github.com/digint/digint/assessment/safe"
)

// hostileText is what another program could leave in a text column: a CSI
// that clears the screen, an OSC 52 that writes the clipboard, a C1 CSI, a
// right-to-left override and a BEL; SQLite also takes a NUL and a byte that
// is not UTF-8 (PostgreSQL refuses both).
func hostileText() string {
	s := "\x1b[2J\x1b]52;c;aGk=\x07\u009b\u202e\x07"
	if pgServer == "" {
		s += "\x00\x9b"
	}
	return s
}

// inertKeys are the raw keys a case leaves in the database, to ask for.
type inertKeys struct {
	cur, prev, person, workshop, code string
}

// inertFixture stores two assessments of one person in a workshop (the
// first completed, with a plan; the second with answers, a draft, a plan
// and a resume code), a workshop plan and a key.
func inertFixture(t *testing.T) (*Store, inertKeys) {
	t.Helper()
	s := newStore(t)
	if _, err := s.CreateWorkshop(ctx, "WS-ONE", "Kick-off"); err != nil {
		t.Fatal(err)
	}
	p := plan.Plan{Focus: []plan.Focus{{Kind: plan.FocusCompetence, Competence: "networking", Guideline: "g", Modules: []string{"m"},
		Actions: []plan.Action{{What: "Join a network", Lead: "Ana", Due: "2027-06", Indicator: "partners"}}}}}
	start := func(id string) *assessment.Assessment {
		a, err := s.Start(ctx, NewAssessment{Participant: assessment.Participant{ID: id, Name: "Ana", Role: "trainer", Institution: "ITS"},
			Language: "en", Mode: assessment.ModeFull, Workshop: "WS-ONE", Key: "fp"})
		if err != nil {
			t.Fatal(err)
		}
		answers := answerAll(t, s, a, rand.New(rand.NewPCG(1, 2)))
		ans := answers[0]
		ans.Note, ans.Develop = "a note", true
		if err := s.SaveAnswer(ctx, a.ID, ans); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SavePlan(ctx, a.ID, p); err != nil {
			t.Fatal(err)
		}
		return a
	}
	prev := start("")
	if err := s.Complete(ctx, prev.ID); err != nil {
		t.Fatal(err)
	}
	cur := start(prev.Participant.ID)
	if _, err := s.db.Exec(`DELETE FROM answers WHERE assessment = (SELECT seq FROM assessments WHERE id = ?)
		AND item IN (SELECT item FROM answers ORDER BY item LIMIT 3)`, cur.ID); err != nil {
		t.Fatal(err)
	}
	for _, it := range s.Catalog().Current().Items[:3] {
		if err := s.SaveDraft(ctx, cur.ID, it.ID, Draft{Note: "a draft", Develop: true}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SaveWorkshopPlan(ctx, "WS-ONE", p); err != nil {
		t.Fatal(err)
	}
	code, err := s.ResumeCode(ctx, cur.ID)
	if err != nil {
		t.Fatal(err)
	}
	return s, inertKeys{cur: cur.ID, prev: prev.ID, person: prev.Participant.ID, workshop: "WS-ONE", code: code}
}

// hostilePlan is a stored plan body with the hostile text after every
// string in it.
func hostilePlan(t *testing.T, body string) string {
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	var walk func(any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case string:
			return v + hostileText()
		case []any:
			for i := range v {
				v[i] = walk(v[i])
			}
		case map[string]any:
			for k := range v {
				if k != "updated_at" {
					v[k] = walk(v[k])
				}
			}
		}
		return v
	}
	b, err := json.Marshal(walk(v))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Every text the store hands out is inert, whatever another program wrote
// into the database: each case puts the hostile text into one column with
// raw SQL, then every read reads it back.
func TestReadsHandOutInertText(t *testing.T) {
	h := hostileText()
	one := `(SELECT min(item) FROM answers WHERE assessment = (SELECT seq FROM assessments WHERE id = ?1))`
	textItem, multiItem := "", ""
	for _, it := range testCatalog(t).Current().Items {
		switch {
		case it.Kind == assessment.KindText && textItem == "":
			textItem = it.ID
		case it.Kind == assessment.KindMulti && multiItem == "":
			multiItem = it.ID
		}
	}
	type change struct {
		sql  string
		args func(k inertKeys) []any
	}
	cur := func(k inertKeys) []any { return []any{k.cur, h} }
	all := func(inertKeys) []any { return []any{h} } // ?1 is the hostile text
	cases := []struct {
		column  string
		changes []change
		keys    func(k *inertKeys) // the raw keys after the change
	}{
		{"participants.name", []change{{`UPDATE participants SET name = name || ?2 WHERE id = ?1`, func(k inertKeys) []any { return []any{k.person, h} }}}, nil},
		{"participants.institution", []change{{`UPDATE participants SET institution = institution || ?2 WHERE id = ?1`, func(k inertKeys) []any { return []any{k.person, h} }}}, nil},
		{"participants.role", []change{{`UPDATE participants SET role = role || ?2 WHERE id = ?1`, func(k inertKeys) []any { return []any{k.person, h} }}}, nil},
		{"participants.id", []change{
			{`INSERT INTO participants (id, name, name_key, role, institution, language, created_at)
				SELECT id || ?2, name, name_key, role, institution, language, created_at FROM participants WHERE id = ?1`, func(k inertKeys) []any { return []any{k.person, h} }},
			{`UPDATE assessments SET participant_id = participant_id || ?2 WHERE participant_id = ?1`, func(k inertKeys) []any { return []any{k.person, h} }},
			{`UPDATE key_identities SET participant = participant || ?2 WHERE participant = ?1`, func(k inertKeys) []any { return []any{k.person, h} }},
		}, func(k *inertKeys) { k.person += h }},
		{"assessments.id", []change{{`UPDATE assessments SET id = id || ?2 WHERE id IN (?1, ?3)`, func(k inertKeys) []any { return []any{k.cur, h, k.prev} }}},
			func(k *inertKeys) { k.cur, k.prev = k.cur+h, k.prev+h }},
		{"assessments.role", []change{{`UPDATE assessments SET role = role || ?1`, all}}, nil},
		{"assessments.bank_id", []change{{`UPDATE assessments SET bank_id = bank_id || ?1`, all}}, nil},
		{"assessments.bank_version", []change{{`UPDATE assessments SET bank_version = bank_version || ?1`, all}}, nil},
		{"assessments.mode", []change{{`UPDATE assessments SET mode = mode || ?1`, all}}, nil},
		{"assessments.language", []change{{`UPDATE assessments SET language = language || ?1`, all}}, nil},
		{"assessments.started_at", []change{{`UPDATE assessments SET started_at = started_at || ?2 WHERE id = ?1`, cur}}, nil},
		{"workshops.code", []change{
			{`INSERT INTO workshops (code, title, created_at) SELECT code || ?2, title, created_at FROM workshops WHERE code = ?1`, func(k inertKeys) []any { return []any{k.workshop, h} }},
			{`UPDATE assessments SET workshop = workshop || ?2 WHERE workshop = ?1`, func(k inertKeys) []any { return []any{k.workshop, h} }},
			{`UPDATE workshop_plans SET workshop = workshop || ?2 WHERE workshop = ?1`, func(k inertKeys) []any { return []any{k.workshop, h} }},
		}, func(k *inertKeys) { k.workshop += h }},
		{"workshops.title", []change{{`UPDATE workshops SET title = title || ?1`, all}}, nil},
		{"answers.item", []change{{`UPDATE answers SET item = item || ?2 WHERE item = ` + one, cur}}, nil},
		{"answers.status", []change{{`UPDATE answers SET status = status || ?2 WHERE item = ` + one, cur}}, nil},
		{"answers.other", []change{{`UPDATE answers SET other = other || ?1`, all}}, nil},
		{"answers.note", []change{{`UPDATE answers SET note = note || ?1`, all}}, nil},
		{"answers.value (text, raw)", []change{{`UPDATE answers SET value = '"text' || CAST(?2 AS TEXT) || '"' WHERE item = ?3 AND assessment = (SELECT seq FROM assessments WHERE id = ?1)`, func(k inertKeys) []any { return []any{k.cur, h, textItem} }}}, nil},
		{"answers.value (text, JSON)", []change{{`UPDATE answers SET value = ?2 WHERE item = ?3 AND assessment = (SELECT seq FROM assessments WHERE id = ?1)`, func(k inertKeys) []any {
			b, _ := json.Marshal("text" + h)
			return []any{k.cur, string(b), textItem}
		}}}, nil},
		{"answers.value (multi)", []change{{`UPDATE answers SET value = ?2 WHERE item = ?3 AND assessment = (SELECT seq FROM assessments WHERE id = ?1)`, func(k inertKeys) []any {
			b, _ := json.Marshal([]string{"a" + h, "b"})
			return []any{k.cur, string(b), multiItem}
		}}}, nil},
		{"drafts.item", []change{{`UPDATE drafts SET item = item || ?1`, all}}, nil},
		{"drafts.note", []change{{`UPDATE drafts SET note = note || ?1`, all}}, nil},
		{"plans.body", nil, nil},
		{"workshop_plans.body", nil, nil},
		{"resume_codes.code", []change{{`UPDATE resume_codes SET code = code || ?1`, all}}, nil},
	}
	for _, c := range cases {
		t.Run(c.column, func(t *testing.T) {
			s, k := inertFixture(t)
			conn, err := s.db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			// Another program need not keep our CHECK constraints.
			unchecked := []string{`PRAGMA ignore_check_constraints = ON`}
			if pgServer != "" {
				unchecked = []string{`ALTER TABLE assessments DROP CONSTRAINT IF EXISTS assessments_mode_check`,
					`ALTER TABLE answers DROP CONSTRAINT IF EXISTS answers_status_check`}
			}
			for _, q := range unchecked {
				if _, err := conn.ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			changes := c.changes
			for _, table := range []string{"plans", "workshop_plans"} {
				if c.column == table+".body" {
					var body string
					if err := conn.QueryRowContext(ctx, `SELECT min(body) FROM `+table).Scan(&body); err != nil {
						t.Fatal(err)
					}
					changes = []change{{`UPDATE ` + table + ` SET body = ?1`, func(inertKeys) []any { return []any{hostilePlan(t, body)} }}}
				}
			}
			for _, ch := range changes {
				res, err := conn.ExecContext(ctx, ch.sql, ch.args(k)...)
				if err != nil {
					t.Fatalf("%s: %v", ch.sql, err)
				}
				if n, _ := res.RowsAffected(); n == 0 {
					t.Fatalf("%s changed nothing", ch.sql)
				}
			}
			if c.keys != nil {
				c.keys(&k)
			}
			readAllInert(t, s, k)
		})
	}
}

// readAllInert reads through every public read of the store and fails on
// any text, or error, that is not inert.
func readAllInert(t *testing.T, s *Store, k inertKeys) {
	t.Helper()
	check := func(what string, v any, err error) {
		t.Helper()
		if err != nil {
			// An error may quote the key asked for: the caller's text.
			msg := err.Error()
			for _, key := range []string{k.cur, k.prev, k.person, k.workshop, strings.ToUpper(k.workshop), k.code} {
				msg = strings.ReplaceAll(msg, key, "<key>")
				msg = strings.ReplaceAll(msg, strings.ToValidUTF8(key, "\uFFFD"), "<key>") // as JSON passed it
			}
			assertInert(t, what+" (error)", msg)
			return
		}
		assertInert(t, what, v)
	}
	a, err := s.Assessment(ctx, k.cur)
	check("Assessment", a, err)
	if a != nil {
		rep, err := s.Report(ctx, a, s.cat.Lookup)
		check("Report", rep, err)
		prev, err := s.Previous(ctx, a)
		check("Previous", prev, err)
	}
	list, err := s.List(ctx, Filter{})
	check("List", list, err)
	people, err := s.FindParticipants(ctx, "Ana")
	check("FindParticipants", people, err)
	ws, err := s.Workshops(ctx)
	check("Workshops", ws, err)
	status, err := s.WorkshopStatus(ctx, k.workshop)
	check("WorkshopStatus", status, err)
	if w, err := s.WatchGroup(ctx, k.workshop); err != nil {
		check("WatchGroup", nil, err)
	} else {
		check("WatchGroup", w.View(), nil)
		w.Close()
	}
	group, err := s.GroupReport(ctx, k.workshop)
	check("GroupReport", group, err)
	for _, id := range []string{k.cur, k.prev} {
		p, _, err := s.Plan(ctx, id)
		check("Plan", p, err)
	}
	wp, _, err := s.WorkshopPlan(ctx, k.workshop)
	check("WorkshopPlan", wp, err)
	var each []*assessment.Assessment
	err = s.ExportEach(ctx, Selection{All: true}, func(a *assessment.Assessment) error {
		each = append(each, a)
		return nil
	})
	check("ExportEach", each, err)
	doc, err := s.Export(ctx, Selection{IDs: []string{k.cur}})
	check("Export", doc, err)
	var out bytes.Buffer
	err = s.WriteDocument(ctx, Selection{All: true}, &out)
	var decoded any
	if err == nil {
		if jerr := json.Unmarshal(out.Bytes(), &decoded); jerr != nil {
			t.Errorf("WriteDocument wrote no JSON: %v", jerr)
		}
	}
	check("WriteDocument", decoded, err)
	starting, err := s.AssessmentsStarting(ctx, "", 100)
	check("AssessmentsStarting", starting, err)
	people2, err := s.ParticipantsStarting(ctx, "", 100)
	check("ParticipantsStarting", people2, err)
	found, err := s.ResolveAssessment(ctx, k.cur)
	check("ResolveAssessment", found, err)
	found, err = s.ResolveParticipant(ctx, k.person)
	check("ResolveParticipant", found, err)
	found, err = s.ResolveAssessment(ctx, "") // every id: ambiguous, listed in the error
	check("ResolveAssessment(all)", found, err)
	code, err := s.ResumeCode(ctx, k.cur)
	check("ResumeCode", code, err)
	byCode, err := s.ByCode(ctx, k.workshop, k.code)
	check("ByCode", byCode, err)
	byResume, err := s.ByResumeCode(ctx, k.workshop, k.code)
	check("ByResumeCode", byResume, err)
	key, err := s.KeyParticipant(ctx, "fp")
	check("KeyParticipant", key, err)
	drafts, err := s.Drafts(ctx, k.cur)
	check("Drafts", drafts, err)
	cont, err := s.Continue(ctx, k.cur)
	check("Continue", cont, err)
}

// assertInert fails on any string in v (followed through structs, slices,
// maps and pointers) that is not UTF-8 or holds a character safe.Unsafe
// refuses; a newline may stay (a text answer keeps its lines).
func assertInert(t *testing.T, what string, v any) {
	t.Helper()
	seen := map[uintptr]bool{}
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			s := v.String()
			bad := !utf8.ValidString(s)
			for _, r := range s {
				bad = bad || (r != '\n' && safe.Unsafe(r))
			}
			if bad {
				t.Errorf("%s%s: %q is not inert", what, path, s)
			}
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] || v.Type() == reflect.TypeFor[*assessment.Bank]() {
				return
			}
			seen[v.Pointer()] = true
			walk(path, v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Struct:
			if v.Type() == reflect.TypeFor[time.Time]() {
				return
			}
			for i := range v.NumField() {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(path+"[]", v.Index(i))
			}
		case reflect.Map:
			for it := v.MapRange(); it.Next(); {
				walk(path+"{key}", it.Key())
				walk(path+"{}", it.Value())
			}
		}
	}
	walk("", reflect.ValueOf(v))
}

// Text the store wrote itself comes back as it is, without a copy.
func TestInertKeepsCleanText(t *testing.T) {
	for _, s := range []string{"", "Giulia Rossi", "Euskal Herriko Unibertsitatea – «ITS»", "日本語 ✓", "two\nlines"} {
		keep := strings.Contains(s, "\n")
		got := inertText(s, keep)
		if got != s || len(s) > 0 && unsafeData(got) != unsafeData(s) {
			t.Errorf("inert(%q) = %q, a copy", s, got)
		}
	}
	if got := inert("Ana\x1b]0;x\x07\u202e"); got != "Ana" {
		t.Errorf("got %q", got)
	}
	if got := inert("two\nlines"); got != "two lines" {
		t.Errorf("a one-line text keeps no line break: %q", got)
	}
}

func unsafeData(s string) *byte { return unsafe.StringData(s) }

// BenchmarkInert: clean text, as nearly every stored text is, costs a scan
// and no allocation; the floor is a plain scan of the same bytes.
func BenchmarkInert(b *testing.B) {
	for _, s := range []string{"evidence: partnership agreement with two companies", "Euskal Herriko Unibertsitatea – «ITS» Giulia Rossì"} {
		b.Run("inert", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if inert(s) != s {
					b.Fatal("changed")
				}
			}
		})
		b.Run("floor", func(b *testing.B) {
			for b.Loop() {
				if !utf8.ValidString(s) {
					b.Fatal("invalid")
				}
			}
		})
	}
}
