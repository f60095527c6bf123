package storage

import (
	"bytes"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// Every schema gets a fixture: a database file made by the code of that
// schema, holding testdata/fixture.json and a workshop, committed and never
// changed. After adding a migration, run
//
//	go test ./storage -run TestMigrations -update-fixture
//
// to add the fixture of the new schema; the test then opens every fixture
// through every later migration.
var updateFixture = flag.Bool("update-fixture", false, "write testdata/schema-vN.db for the current schema N when it is missing")

const (
	fixtureDocument = "testdata/fixture.json"
	fixtureWorkshop = "BRU-26"
	fixtureTitle    = "Brussels pilot, spring 2026"
)

func TestMigrationsNumbered(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || schemaVersion() != len(ms) {
		t.Fatalf("%d migrations, schema version %d", len(ms), schemaVersion())
	}
	for i, m := range ms {
		if m.version != i+1 || m.sql == "" {
			t.Errorf("migration %d is %+v", i+1, m)
		}
	}
}

var fixtureName = regexp.MustCompile(`^schema-v(\d+)\.db$`)

func TestMigrationsKeepEveryRow(t *testing.T) {
	sqliteOnly(t)
	if *updateFixture {
		writeFixture(t)
	}
	paths, err := filepath.Glob("testdata/schema-v*.db")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixture databases in testdata (%v); make one with -update-fixture", err)
	}
	data, err := os.ReadFile(fixtureDocument)
	if err != nil {
		t.Fatal(err)
	}
	want, err := assessment.Decode(bytes.NewReader(data), testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	latest := schemaVersion()
	seen := map[int]bool{}
	for _, fixture := range paths {
		m := fixtureName.FindStringSubmatch(filepath.Base(fixture))
		if m == nil {
			t.Fatalf("%s: want the name schema-vN.db", fixture)
		}
		from, _ := strconv.Atoi(m[1])
		seen[from] = true
		// Step to each version on the way first, then let Open do the rest.
		for via := from; via <= latest; via++ {
			t.Run(fmt.Sprintf("v%d via v%d", from, via), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "digint.db")
				copyFile(t, fixture, path)
				if v := userVersion(t, path); v != from {
					t.Fatalf("%s is at schema %d", fixture, v)
				}
				before := rowCounts(t, path)
				if before["answers"] == 0 || before["workshops"] == 0 {
					t.Fatalf("%s holds too little: %v", fixture, before)
				}
				migrateFile(t, path, via)
				s := openAt(t, path)
				checkFixtureData(t, s, want)
				s.Close()
				if v := userVersion(t, path); v != latest {
					t.Errorf("schema %d after opening, want %d", v, latest)
				}
				after := rowCounts(t, path)
				for table, n := range before {
					if after[table] != n {
						t.Errorf("table %s: %d rows, had %d", table, after[table], n)
					}
				}
			})
		}
	}
	if !seen[1] {
		t.Error("the fixture of the first schema, testdata/schema-v1.db, is missing")
	}
}

func checkFixtureData(t *testing.T, s *Store, want *assessment.Document) {
	t.Helper()
	got, err := s.Export(ctx, Selection{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Assessments) != len(want.Assessments) {
		t.Fatalf("%d assessments, want %d", len(got.Assessments), len(want.Assessments))
	}
	wantByID := map[string]assessment.Assessment{}
	for _, r := range want.Assessments {
		wantByID[r.ID] = r.Assessment
	}
	for _, r := range got.Assessments {
		if w := wantByID[r.ID]; !reflect.DeepEqual(r.Assessment, w) {
			t.Errorf("assessment %s\n%+v\nwant\n%+v", r.ID, r.Assessment, w)
		}
	}
	ws, err := s.Workshops(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, w := range ws {
		found = found || w.Code == fixtureWorkshop && w.Title == fixtureTitle
	}
	if !found {
		t.Errorf("workshop %s is gone: %+v", fixtureWorkshop, ws)
	}
	if ps, err := s.FindParticipants(ctx, "JOSÉ MARÍA ETXEBERRIA"); err != nil || len(ps) != 1 {
		t.Errorf("participant José María: %+v, %v", ps, err)
	}
}

// migrateFile applies the migrations up to version upTo, as an older
// digint would have.
func migrateFile(t *testing.T, path string, upTo int) {
	t.Helper()
	db, err := sql.Open("sqlite", fileURI(path)+"?"+poolParams)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := migrate(ctx, db, upTo); err != nil {
		t.Fatal(err)
	}
}

func userVersion(t *testing.T, path string) int {
	t.Helper()
	db := readOnlyDB(t, path)
	defer db.Close()
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func readOnlyDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", fileURI(path)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func rowCounts(t *testing.T, path string) map[string]int {
	t.Helper()
	db := readOnlyDB(t, path)
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		tables = append(tables, name)
	}
	rows.Close()
	counts := map[string]int{}
	for _, table := range tables {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM "` + table + `"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		counts[table] = n
	}
	return counts
}

// writeFixture makes the fixture of the current schema, and the document
// in it when there is none yet.
func writeFixture(t *testing.T) {
	path := fmt.Sprintf("testdata/schema-v%d.db", schemaVersion())
	if _, err := os.Stat(path); err == nil {
		t.Logf("%s exists; fixtures of a schema never change", path)
		return
	}
	c := testCatalog(t)
	if _, err := os.Stat(fixtureDocument); errors.Is(err, fs.ErrNotExist) {
		if err := os.WriteFile(fixtureDocument, fixtureAssessments(t, c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(fixtureDocument)
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(t.TempDir(), "fixture.db")
	s, err := Open(tmp, c)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC) }
	if _, err := s.CreateWorkshop(ctx, fixtureWorkshop, fixtureTitle); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, fixtureDocument, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil { // checkpoints: the file alone is the database
		t.Fatal(err)
	}
	copyFile(t, tmp, path)
	t.Logf("wrote %s", path)
}

// fixtureAssessments is a small document with a bit of everything: full,
// quick and unfinished assessments, one person with two, names and notes
// that need care, a workshop.
func fixtureAssessments(t *testing.T, c *assessment.Catalog) []byte {
	b := c.Current()
	rng := rand.New(rand.NewPCG(2026, 1))
	full := sample.Assessment(b, rng, assessment.ModeFull)
	full.Participant.Name, full.Participant.Institution = "José María Etxeberria", "CIFP Txurdinaga"
	full.Workshop = fixtureWorkshop
	full.Answers[0].Note = `"quoted", back\slash, ünïcødé ✓`
	again := sample.Assessment(b, rng, assessment.ModeQuick)
	again.Participant = full.Participant
	again.StartedAt = full.UpdatedAt.Add(24 * time.Hour)
	again.UpdatedAt = again.StartedAt.Add(time.Hour)
	again.CompletedAt = nil
	again.Answers = again.Answers[:len(again.Answers)/2]
	other := sample.Assessment(b, rng, assessment.ModeFull)
	other.Participant.Name = "Giulia Rossi"
	other.Language = "it"
	partial := sample.Partial(b, rng)
	partial.Workshop = "ROME-26" // not created: the import makes it
	return writeDocument(t, c, []*assessment.Assessment{full, again, other, partial})
}
