package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

func testCatalog(t testing.TB) *assessment.Catalog {
	t.Helper()
	c, err := assessment.DefaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// clock is a Now that starts at a fixed time and moves one second per call,
// so every write has its own, predictable time.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// openAt opens a store at path with a test clock, closed at the end.
func openAt(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(testDB(t, path), testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	s.Now = newClock().Now
	t.Cleanup(func() { s.Close() })
	return s
}

// onEveryConnection runs queries on every connection s has, limiting it to
// two: its writer's and one for the rest. A temporary trigger or a page
// limit lives on one connection only.
func onEveryConnection(t testing.TB, s *Store, queries ...string) {
	t.Helper()
	s.db.SetMaxIdleConns(0) // closes the idle ones
	s.db.SetMaxOpenConns(2)
	s.db.SetMaxIdleConns(1)
	s.pinned.mu.Lock()
	defer s.pinned.mu.Unlock()
	if err := s.pinned.pin(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		if _, err := s.pinned.conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
}

// newStore opens a store in a fresh folder.
func newStore(t testing.TB) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "digint.db"))
}

var ctx = context.Background()

func startAssessment(t testing.TB, s *Store, mode assessment.Mode) *assessment.Assessment {
	t.Helper()
	a, err := s.Start(ctx, NewAssessment{
		Participant: assessment.Participant{Name: "Ana", Role: "trainer"},
		Language:    "en", Mode: mode,
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// answerAll saves a valid answer to every item asked, and returns them.
func answerAll(t testing.TB, s *Store, a *assessment.Assessment, rng *rand.Rand) []assessment.Answer {
	t.Helper()
	var out []assessment.Answer
	for _, it := range s.Catalog().Current().Asked(a.Mode) {
		ans := sample.Answer(it, rng)
		if err := s.SaveAnswer(ctx, a.ID, ans); err != nil {
			t.Fatal(err)
		}
		out = append(out, ans)
	}
	return out
}

// sampleDocument is a document of n sample assessments, full and quick,
// complete and not, some in a workshop.
func sampleDocument(t testing.TB, c *assessment.Catalog, n int, seed uint64) []byte {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 11))
	b := c.Current()
	var as []*assessment.Assessment
	for i := range n {
		var a *assessment.Assessment
		switch i % 4 {
		case 0, 1:
			a = sample.Assessment(b, rng, assessment.ModeFull)
		case 2:
			a = sample.Assessment(b, rng, assessment.ModeQuick)
		case 3:
			a = sample.Partial(b, rng)
		}
		if i%5 == 0 {
			a.Workshop = "ROME-26"
		}
		as = append(as, a)
	}
	return writeDocument(t, c, as)
}

func writeDocument(t testing.TB, c *assessment.Catalog, as []*assessment.Assessment) []byte {
	t.Helper()
	d, err := assessment.NewDocument(c, as, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func importBytes(t testing.TB, s *Store, data []byte) ImportReport {
	t.Helper()
	rep, err := s.Import(ctx, "test.json", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func fileHash(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// dump is every row of every table as text, in a fixed order: two dumps are
// equal when the stores hold the same data.
func dump(t testing.TB, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT id, name, name_key, role, institution, language FROM participants ORDER BY id`,
		`SELECT code, title FROM workshops ORDER BY code`,
		`SELECT id, participant_id, role, coalesce(workshop, '-'), bank_id, bank_version, mode, language,
			started_at, updated_at, coalesce(completed_at, '-') FROM assessments ORDER BY id`,
		`SELECT a.id, x.item, x.status, coalesce(x.value, '-'), x.other, x.note, x.develop
			FROM answers x JOIN assessments a ON a.seq = x.assessment ORDER BY a.id, x.item`,
	} {
		rows, err := s.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				b.WriteString(strings.TrimSpace(strings.ReplaceAll(toText(v), "\n", `\n`)))
				b.WriteByte('|')
			}
			b.WriteByte('\n')
		}
		rows.Close()
		b.WriteString("--\n")
	}
	return b.String()
}

func toText(v any) string {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case nil:
		return "NULL"
	}
	return "?"
}

func count(t testing.TB, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// noSideFiles fails when a refused open left a -wal or -shm file behind.
func noSideFiles(t testing.TB, path string) {
	t.Helper()
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("%s%s was left behind", filepath.Base(path), suffix)
		}
	}
}
