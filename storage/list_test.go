package storage

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// answerUpTo answers the asked items before item stop, in bank order.
func answerUpTo(t *testing.T, s *Store, a *assessment.Assessment, stop string, rng *rand.Rand) {
	t.Helper()
	for _, it := range s.Catalog().Current().Asked(a.Mode) {
		if it.ID == stop {
			return
		}
		if err := s.SaveAnswer(ctx, a.ID, sample.Answer(it, rng)); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("item %s is not asked in a %s assessment", stop, a.Mode)
}

func TestAutosaveAndResume(t *testing.T) {
	path := t.TempDir() + "/digint.db"
	s := openAt(t, path)
	clock := newClock()
	s.Now = clock.Now
	rng := rand.New(rand.NewPCG(1, 1))
	items := s.Catalog().Current().Asked(assessment.ModeFull)

	done := startAssessment(t, s, assessment.ModeQuick)
	answerAll(t, s, done, rng)
	if err := s.Complete(ctx, done.ID); err != nil {
		t.Fatal(err)
	}
	early := startAssessment(t, s, assessment.ModeFull)
	answerUpTo(t, s, early, items[3].ID, rng)
	late := startAssessment(t, s, assessment.ModeFull)
	answerUpTo(t, s, late, items[10].ID, rng)
	fresh := startAssessment(t, s, assessment.ModeQuick)

	// Quit and come back (the crash test kills instead of closing).
	s.Close()
	s = openAt(t, path)
	s.Now = clock.Now
	list, err := s.List(ctx, Filter{Unfinished: true})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, sum := range list {
		ids = append(ids, sum.ID)
	}
	// Newest updated first: fresh was started after late's last answer.
	if want := []string{fresh.ID, late.ID, early.ID}; !slices.Equal(ids, want) {
		t.Fatalf("unfinished %v, want %v", ids, want)
	}
	required := 0 // comment boxes are optional: never asked
	for _, it := range items {
		if !it.Optional() {
			required++
		}
	}
	if got := list[1]; got.Answered != 10 || got.Asked != required || got.CompletedAt != nil || got.Participant.Name != "Ana" {
		t.Errorf("summary of late: %+v", got)
	}
	for _, c := range []struct {
		a    *assessment.Assessment
		want string
	}{{early, items[3].ID}, {late, items[10].ID}, {fresh, s.Catalog().Current().Asked(assessment.ModeQuick)[0].ID}, {done, ""}} {
		got, err := s.ResumeAt(ctx, c.a.ID)
		if err != nil || got != c.want {
			t.Errorf("ResumeAt(%s) = %q, %v; want %q", c.a.Mode, got, err, c.want)
		}
	}

	// Clearing an answer opens that item again.
	if err := s.ClearAnswer(ctx, late.ID, items[4].ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ResumeAt(ctx, late.ID); got != items[4].ID {
		t.Errorf("after clearing %s, resume at %s", items[4].ID, got)
	}
	all, _ := s.List(ctx, Filter{})
	if len(all) != 4 || all[0].ID != late.ID {
		t.Errorf("list of all: %d, first %s; want 4, the one just changed first", len(all), all[0].ID)
	}
}

func TestResumeSkipsASectionNotPursued(t *testing.T) {
	s := newStore(t)
	b := s.Catalog().Current()
	var gated assessment.Section
	for _, sec := range b.Sections {
		if sec.Gate != "" {
			gated = sec
			break
		}
	}
	if gated.Gate == "" {
		t.Fatal("the bank has no gated section")
	}
	asked := b.Asked(assessment.ModeFull)
	gateAt := slices.IndexFunc(asked, func(it *assessment.Item) bool { return it.ID == gated.Gate })
	var skipped int
	next := ""
	for _, it := range asked[gateAt+1:] {
		if it.Section == gated.ID {
			skipped++
		} else if next == "" {
			next = it.ID
		}
	}
	if skipped == 0 || next == "" {
		t.Fatalf("gate %s: %d items after it in its section, next %q", gated.Gate, skipped, next)
	}

	for _, gate := range []assessment.Answer{
		{Item: gated.Gate, Status: assessment.StatusAnswered, Value: assessment.String("no")},
		{Item: gated.Gate, Status: assessment.StatusNA},
	} {
		a := startAssessment(t, s, assessment.ModeFull)
		answerUpTo(t, s, a, gated.Gate, rand.New(rand.NewPCG(2, 2)))
		if got, _ := s.ResumeAt(ctx, a.ID); got != gated.Gate {
			t.Fatalf("resume at %s, want the gate %s", got, gated.Gate)
		}
		if err := s.SaveAnswer(ctx, a.ID, gate); err != nil {
			t.Fatal(err)
		}
		if got, err := s.ResumeAt(ctx, a.ID); err != nil || got != next {
			t.Errorf("gate %s %v: resume at %q, %v; want %q, past the section", gate.Status, gate.Value, got, err, next)
		}
		// Comment boxes are optional: counted neither asked nor answered.
		wantAsked, wantDone := 0, 0
		for i, it := range asked {
			if it.Optional() || (i > gateAt && it.Section == gated.ID) {
				continue
			}
			wantAsked++
			if i <= gateAt {
				wantDone++
			}
		}
		list, _ := s.List(ctx, Filter{IDs: []string{a.ID}})
		if len(list) != 1 || list[0].Asked != wantAsked || list[0].Answered != wantDone {
			t.Errorf("summary %+v, want %d asked (the section left out), %d answered", list, wantAsked, wantDone)
		}
	}

	// "planned" (not yet, but we plan to) pursues the section.
	a := startAssessment(t, s, assessment.ModeFull)
	answerUpTo(t, s, a, gated.Gate, rand.New(rand.NewPCG(3, 3)))
	if err := s.SaveAnswer(ctx, a.ID, assessment.Answer{Item: gated.Gate, Status: assessment.StatusAnswered, Value: assessment.String("planned")}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ResumeAt(ctx, a.ID); got != asked[gateAt+1].ID {
		t.Errorf("gate planned: resume at %s, want %s", got, asked[gateAt+1].ID)
	}
}

func TestListFilters(t *testing.T) {
	s := newStore(t)
	rng := rand.New(rand.NewPCG(4, 4))
	a1, err := s.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: "Ana", Role: "trainer"},
		Language: "en", Mode: assessment.ModeQuick, Workshop: "ROME-26"})
	if err != nil {
		t.Fatal(err)
	}
	a2, err := s.Start(ctx, NewAssessment{Participant: a1.Participant, Language: "en", Mode: assessment.ModeFull})
	if err != nil {
		t.Fatal(err)
	}
	a3, err := s.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: "Bo", Role: "manager"},
		Language: "en", Mode: assessment.ModeFull, Workshop: "ROME-26"})
	if err != nil {
		t.Fatal(err)
	}
	answerAll(t, s, a1, rng)
	// An answer to an item a quick scan does not ask is kept, but is not
	// progress.
	quick := s.Catalog().Current().Asked(assessment.ModeQuick)
	for _, it := range s.Catalog().Current().Asked(assessment.ModeFull) {
		if !slices.Contains(quick, it) {
			if err := s.SaveAnswer(ctx, a1.ID, sample.Answer(it, rng)); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	if err := s.Complete(ctx, a3.ID); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    Filter
		want []string
	}{
		{"all", Filter{}, []string{a3.ID, a1.ID, a2.ID}},
		{"participant", Filter{Participant: a1.Participant.ID}, []string{a1.ID, a2.ID}},
		{"workshop", Filter{Workshop: "ROME-26"}, []string{a3.ID, a1.ID}},
		{"workshop, unfinished", Filter{Workshop: "ROME-26", Unfinished: true}, []string{a1.ID}},
		{"ids", Filter{IDs: []string{a2.ID, a3.ID, "no-such-id"}}, []string{a3.ID, a2.ID}},
		{"no ids", Filter{IDs: []string{}}, nil},
		{"nobody", Filter{Participant: "nobody"}, nil},
	} {
		list, err := s.List(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, sum := range list {
			ids = append(ids, sum.ID)
		}
		if !slices.Equal(ids, c.want) {
			t.Errorf("%s: %v, want %v", c.name, ids, c.want)
		}
	}
	list, _ := s.List(ctx, Filter{IDs: []string{a1.ID}})
	if got := list[0]; got.Answered != len(quick) || got.Asked != len(quick) || got.Workshop != "ROME-26" || got.Mode != assessment.ModeQuick {
		t.Errorf("quick scan summary %+v, want %d of %d", got, len(quick), len(quick))
	}
}

func TestPrevious(t *testing.T) {
	s := newStore(t)
	rng := rand.New(rand.NewPCG(5, 5))
	first := startAssessment(t, s, assessment.ModeQuick)
	answerAll(t, s, first, rng)
	s.Complete(ctx, first.ID)
	abandoned, _ := s.Start(ctx, NewAssessment{Participant: first.Participant, Language: "en", Mode: assessment.ModeFull})
	second, _ := s.Start(ctx, NewAssessment{Participant: first.Participant, Language: "en", Mode: assessment.ModeQuick})
	answerAll(t, s, second, rng)
	s.Complete(ctx, second.ID)
	third, _ := s.Start(ctx, NewAssessment{Participant: first.Participant, Language: "en", Mode: assessment.ModeQuick})
	someoneElse := startAssessment(t, s, assessment.ModeQuick) // a new "Ana", not the same person
	answerAll(t, s, someoneElse, rng)
	s.Complete(ctx, someoneElse.ID)

	for _, c := range []struct {
		of   *assessment.Assessment
		want *assessment.Assessment
	}{{third, second}, {second, first}, {abandoned, first}, {first, nil}, {someoneElse, nil}} {
		got, err := s.Previous(ctx, c.of)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case c.want == nil && got != nil:
			t.Errorf("before %s: %s, want none", c.of.ID, got.ID)
		case c.want != nil && (got == nil || got.ID != c.want.ID || len(got.Answers) != len(s.Catalog().Current().Asked(c.want.Mode))):
			t.Errorf("before %s: %+v, want %s with its answers", c.of.ID, got, c.want.ID)
		}
	}
}

func TestFindParticipants(t *testing.T) {
	s := newStore(t)
	s.Now = func() time.Time { return time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC) }
	start := func(name string) assessment.Participant {
		a, err := s.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: name, Role: "trainer"}, Language: "en", Mode: assessment.ModeQuick})
		if err != nil {
			t.Fatal(err)
		}
		return a.Participant
	}
	elodie := start("Élodie Martin")
	strasse := start("Anna Straße")
	start("Élodie Martinez")
	start("")
	other := start("élodie martin") // another person of the same name
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"ÉLODIE MARTIN", []string{elodie.ID, other.ID}},
		{"  élodie   martin ", []string{elodie.ID, other.ID}}, // spaces are forgiven
		{"anna strasse", []string{strasse.ID}},
		{"Élodie", nil}, // exact names only
		{"", nil},
	} {
		got, err := s.FindParticipants(ctx, c.query)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, p := range got {
			ids = append(ids, p.ID)
		}
		slices.Sort(ids)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(ids, want) {
			t.Errorf("%q: %v, want %v", c.query, ids, want)
		}
	}
}

func TestListPages(t *testing.T) {
	s := newStore(t)
	rng := rand.New(rand.NewPCG(4, 4))
	for i := range 7 {
		a := startAssessment(t, s, assessment.ModeQuick)
		if i%2 == 0 {
			answerAll(t, s, a, rng)
			if err := s.Complete(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	all, err := s.List(ctx, Filter{})
	if err != nil || len(all) != 7 {
		t.Fatalf("%d listed, %v", len(all), err)
	}
	ids := func(l []Summary) []string {
		var out []string
		for _, s := range l {
			out = append(out, s.ID)
		}
		return out
	}
	for _, c := range []struct {
		f    Filter
		want []Summary
	}{
		{Filter{Limit: 3}, all[:3]},
		{Filter{Limit: 3, Offset: 3}, all[3:6]},
		{Filter{Limit: 3, Offset: 6}, all[6:]},
		{Filter{Offset: 5}, all[5:]},
		{Filter{Offset: 9}, nil},
		{Filter{Unfinished: true, Limit: 2}, slices.DeleteFunc(slices.Clone(all), func(s Summary) bool { return s.CompletedAt != nil })[:2]},
		{Filter{Completed: true}, slices.DeleteFunc(slices.Clone(all), func(s Summary) bool { return s.CompletedAt == nil })},
	} {
		got, err := s.List(ctx, c.f)
		if err != nil || !slices.Equal(ids(got), ids(c.want)) {
			t.Errorf("%+v: %v, %v; want %v", c.f, ids(got), err, ids(c.want))
		}
		if n, err := s.Count(ctx, c.f); err != nil || n != len(all) && c.f.Unfinished == c.f.Completed || c.f.Completed && n != 4 {
			t.Errorf("%+v: count %d, %v", c.f, n, err)
		}
	}
}

// listMemoryFlat: listing 10,000 assessments (those of s) holds one at a
// time, and the progress of each is the one its full answers give.
func listMemoryFlat(t *testing.T, s *Store) {
	n := 0
	grew := heapGrowth(func(probe func()) {
		err := s.Each(ctx, Filter{}, func(sum Summary) error {
			if n++; n%1000 == 0 {
				probe()
			}
			if n%997 == 0 { // now and then, against the rule's other home
				a, err := s.Assessment(ctx, sum.ID)
				if err != nil {
					return err
				}
				r := assessment.Score(s.Catalog().Current(), a)
				if sum.Asked != r.Counts.Asked || sum.Answered != r.Counts.Asked-r.Counts.Unanswered {
					t.Errorf("%s: %d/%d listed, results count %+v", sum.ID, sum.Answered, sum.Asked, r.Counts)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	if n != 10_000 {
		t.Fatalf("%d listed", n)
	}
	if grew > 2<<20 {
		t.Errorf("listing 10,000 assessments kept %d KiB", grew>>10)
	}
}

// welcomeLists asks what the welcome screen shows: the latest unfinished
// and the latest completed, five of each.
func welcomeLists(t testing.TB, s *Store) int {
	n := 0
	for _, f := range []Filter{{Unfinished: true, Limit: 5}, {Completed: true, Limit: 5}} {
		l, err := s.List(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		n += len(l)
	}
	return n
}

// welcomeListFlat: the welcome screen's entries from the 10,000
// assessments of big take no more memory than from ten.
func welcomeListFlat(t *testing.T, big *Store) {
	var n int
	grew := peakHeap(func() { n = welcomeLists(t, big) })
	if n != 10 {
		t.Fatalf("%d entries", n)
	}
	if grew > 1<<20 {
		t.Errorf("the welcome entries of 10,000 assessments took %d KiB", grew>>10)
	}
}

// BenchmarkWelcomeList: the welcome screen's entries from 10,000
// assessments, against the floor of the same from a hundred (enough for
// five unfinished and five completed).
func BenchmarkWelcomeList(b *testing.B) {
	for _, n := range []int{100, 10_000} {
		s := bigStore(b, n, "")
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				welcomeLists(b, s)
			}
		})
	}
}

// BenchmarkList10k: listing 10,000 assessments, against the floor of
// running the same query and reading its rows without making anything of
// them.
func BenchmarkList10k(b *testing.B) {
	s := bigStore(b, 10_000, "")
	b.Run("BaselineQuery", func(b *testing.B) {
		gates := jsonList(s.gates())
		for b.Loop() {
			rows, err := s.db.Query(`SELECT `+summaryColumns+assessmentFrom+` ORDER BY a.updated_at DESC, a.id`, gates)
			if err != nil {
				b.Fatal(err)
			}
			cols, _ := rows.ColumnTypes()
			dest := make([]any, len(cols))
			for i := range dest {
				dest[i] = new(sql.RawBytes)
			}
			for rows.Next() {
				if err := rows.Scan(dest...); err != nil {
					b.Fatal(err)
				}
			}
			rows.Close()
		}
	})
	b.Run("Each", func(b *testing.B) {
		for b.Loop() {
			if err := s.Each(ctx, Filter{}, func(Summary) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// A page of the whole list reads each state's assessments in order from
// its own index and merges them, stopping at the page's end; it never sorts every
// assessment before its first row, as one ordered SELECT does (0.2 s for
// a page of 100,000). All of them are still read in one sort.
func TestListPageSortsNothing(t *testing.T) {
	if pgServer != "" {
		t.Skip("SQLite's query plan; PostgreSQL plans its own way")
	}
	s := newStore(t)
	plan := func(f Filter) string {
		query, args := listQuery(f, jsonList(s.gates()))
		rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var steps []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			steps = append(steps, detail)
		}
		return strings.Join(steps, "\n")
	}
	for _, f := range []Filter{{Limit: 50}, {Limit: 50, Offset: 100}} {
		if p := plan(f); strings.Contains(p, "TEMP B-TREE") || !strings.Contains(p, "MERGE") {
			t.Errorf("%+v is not read in order from the indexes:\n%s", f, p)
		}
	}
	if p := plan(Filter{}); !strings.Contains(p, "TEMP B-TREE") {
		t.Errorf("the whole list is not one sort, as the test assumes:\n%s", p)
	}
}
