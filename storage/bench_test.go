package storage

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// BenchmarkSaveAnswer times saving one answer, as a key press does: one
// transaction, synced to disk, in a context that can end (the program's
// saver). It reports the median and the 99th percentile besides the mean.
func BenchmarkSaveAnswer(b *testing.B) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	save := answerSaver(ctx, b, newStore(b))
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		took = append(took, save(i))
	}
	reportPercentiles(b, took)
}

// answerSaver starts 20 full assessments in s and returns what saves the
// i-th answer of a set given in turn to each, and how long that took.
func answerSaver(ctx context.Context, b *testing.B, s *Store) func(i int) time.Duration {
	items := s.Catalog().Current().Asked(assessment.ModeFull)
	rng := rand.New(rand.NewPCG(1, 1))
	var as []*assessment.Assessment
	for range 20 {
		as = append(as, startAssessment(b, s, assessment.ModeFull))
	}
	answers := make([]assessment.Answer, 10*len(items))
	for i := range answers {
		answers[i] = sample.Answer(items[i%len(items)], rng)
	}
	return func(i int) time.Duration {
		start := time.Now()
		if err := s.SaveAnswer(ctx, as[(i/len(items))%len(as)].ID, answers[i%len(answers)]); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
}

// BenchmarkSaveAnswerOverFloor saves answers as BenchmarkSaveAnswer does,
// each right after the floors of BenchmarkBaselineFsync (the disk) and
// BenchmarkBaselineFsyncCommit (SQLite's one-row commit), and reports the
// ratios of their medians and 99th percentiles: on a shared machine the
// disk's speed drifts between two benchmarks, less between neighbouring
// operations.
func BenchmarkSaveAnswerOverFloor(b *testing.B) {
	s := newStore(b)
	save := answerSaver(ctx, b, s)
	floor := diskFloor(b, filepath.Dir(s.path))
	commit := oneRowCommit(b, s)
	pages := threePageCommit(b, s)
	var saves, floors, commits, threes []time.Duration
	for i := 0; b.Loop(); i++ {
		floors = append(floors, floor())
		start := time.Now()
		if _, err := commit.ExecContext(ctx, strconv.Itoa(i)); err != nil {
			b.Fatal(err)
		}
		commits = append(commits, time.Since(start))
		threes = append(threes, pages(i))
		saves = append(saves, save(i))
	}
	for _, d := range [][]time.Duration{saves, floors, commits, threes} {
		slices.Sort(d)
	}
	for _, q := range []struct {
		name string
		at   int
	}{{"p50", len(saves) / 2}, {"p99", len(saves) * 99 / 100}} {
		b.ReportMetric(float64(saves[q.at])/float64(floors[q.at]), q.name+"-ratio")
		b.ReportMetric(float64(commits[q.at])/float64(floors[q.at]), "commit-"+q.name+"-ratio")
		b.ReportMetric(float64(threes[q.at])/float64(floors[q.at]), "3page-"+q.name+"-ratio")
	}
}

const benchAssessments = 10_000

// benchDocument is a document of 10,000 complete full assessments.
func benchDocument(b *testing.B, c *assessment.Catalog) []byte {
	rng := rand.New(rand.NewPCG(10, 10))
	as := make([]*assessment.Assessment, benchAssessments)
	for i := range as {
		as[i] = sample.Assessment(c.Current(), rng, assessment.ModeFull)
		if i%25 == 0 {
			as[i].Workshop = "WS-" + strconv.Itoa(i/500)
		}
	}
	return writeDocument(b, c, as)
}

// BenchmarkExport10k exports 10,000 complete assessments: reading them
// (Export, results computed) and writing the JSON a user gets.
func BenchmarkExport10k(b *testing.B) {
	s := openAt(b, filepath.Join(b.TempDir(), "digint.db"))
	importBytes(b, s, benchDocument(b, s.Catalog()))
	b.Run("Export", func(b *testing.B) {
		for b.Loop() {
			d, err := s.Export(ctx, Selection{All: true})
			if err != nil {
				b.Fatal(err)
			}
			if len(d.Assessments) != benchAssessments {
				b.Fatalf("%d assessments", len(d.Assessments))
			}
		}
	})
	// cpu-ms/op beside the wall time: on a shared machine it is the steadier.
	b.Run("Stream", func(b *testing.B) {
		loopCPU(b, func() {
			if err := s.WriteDocument(ctx, Selection{All: true}, io.Discard); err != nil {
				b.Fatal(err)
			}
		})
	})
	// The floor: the same rows read, nothing built.
	b.Run("RowsFloor", func(b *testing.B) {
		loopCPU(b, func() {
			err := s.read(ctx, func(tx txer) error {
				for _, q := range []string{`SELECT ` + assessmentColumns + assessmentFrom + ` ORDER BY a.started_at, a.id`,
					`SELECT ` + answerColumns + ` FROM answers x`} {
					rows, err := tx.QueryContext(ctx, q)
					if err != nil {
						return err
					}
					cols, _ := rows.Columns()
					vals := make([]sql.RawBytes, len(cols))
					ptrs := make([]any, len(cols))
					for i := range vals {
						ptrs[i] = &vals[i]
					}
					for rows.Next() {
						if err := rows.Scan(ptrs...); err != nil {
							rows.Close()
							return err
						}
					}
					rows.Close()
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("ExportAndWrite", func(b *testing.B) {
		for b.Loop() {
			d, err := s.Export(ctx, Selection{All: true})
			if err != nil {
				b.Fatal(err)
			}
			if err := d.Write(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkImport10k imports a file of 10,000 complete assessments into an
// empty database, beside its floor. The floor is a streaming importer doing
// the same inserts: it decodes the same file one assessment at a time and
// writes the same rows into the same tables with the same statements (put:
// find the assessment, upsert its person, insert it and its answers), all
// in one transaction: no stage, no short transactions, no pauses; what the
// import costs above it is the price of being atomic while letting other
// writers through. cpu-ms/op is this process's CPU (on PostgreSQL, not the
// server's): on a loaded machine it tells more than the wall time.
func BenchmarkImport10k(b *testing.B) {
	c := testCatalog(b)
	data := benchDocument(b, c)
	floor := func(s *Store) (int, error) {
		n := 0
		err := s.write(ctx, func(tx txer) error {
			im := s.prepared(tx)
			defer im.close()
			now := s.now()
			return assessment.DecodeEach(bytes.NewReader(data), c, func(a *assessment.Assessment) error {
				n++
				_, err := im.put(ctx, a, now)
				return err
			})
		})
		return n, err
	}
	for _, bc := range []struct {
		name string
		run  func(*Store) (int, error)
	}{
		{"Import", func(s *Store) (int, error) {
			rep, err := s.Import(ctx, "bench.json", bytes.NewReader(data))
			return rep.Added, err
		}},
		{"StreamingFloor", floor},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			var cpuUsed time.Duration
			defer func() { b.ReportMetric(float64(cpuUsed.Milliseconds())/float64(b.N), "cpu-ms/op") }()
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				// A new folder each run: with -count, runs would find
				// the last one's database, all up to date.
				s, err := Open(testDB(b, filepath.Join(b.TempDir(), bc.name+strconv.Itoa(i)+".db")), c)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				cpu := processCPU()
				n, err := bc.run(s)
				cpuUsed += processCPU() - cpu
				b.StopTimer()
				if err != nil || n != benchAssessments {
					b.Fatalf("%d, %v", n, err)
				}
				s.Close()
				b.StartTimer()
			}
		})
	}
}

// BenchmarkBaselineFsync is the floor of a durable save: one small write
// to a file in the same folder, synced to disk.
func BenchmarkBaselineFsync(b *testing.B) {
	floor := diskFloor(b, b.TempDir())
	var took []time.Duration
	for b.Loop() {
		took = append(took, floor())
	}
	reportPercentiles(b, took)
}

// diskFloor is BenchmarkBaselineFsync's operation on a file in dir: one
// 4 KiB write in place, synced; each call does one and says how long it took.
func diskFloor(b *testing.B, dir string) func() time.Duration {
	f, err := os.Create(filepath.Join(dir, "floor"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close() })
	page := make([]byte, 4096)
	return func() time.Duration {
		start := time.Now()
		if _, err := f.WriteAt(page, 0); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
}

// BenchmarkBaselineFsyncAppend is the floor of a durable log: one frame (a
// page and its 24-byte header, as SQLite's WAL writes) appended to a file
// that grows, synced. On ext4 it costs about twice an overwrite in place
// (BenchmarkBaselineFsync): the new blocks are allocated and the size
// journaled before the sync returns.
func BenchmarkBaselineFsyncAppend(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "floor"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	frame := make([]byte, 24+4096)
	var took []time.Duration
	for off := int64(0); b.Loop(); off += int64(len(frame)) {
		start := time.Now()
		if _, err := f.WriteAt(frame, off); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	reportPercentiles(b, took)
}

// BenchmarkBaselineFsyncCommit is the floor of any durable save in the
// database itself: one row upserted into a table of one row, in a
// transaction of its own, synced as every save is (SQLite: the pool's
// WAL and synchronous=FULL; PostgreSQL: one statement). What SaveAnswer
// costs above it is this package's doing; what it costs above
// BenchmarkBaselineFsync is the database's.
func BenchmarkBaselineFsyncCommit(b *testing.B) {
	st := oneRowCommit(b, newStore(b))
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if _, err := st.ExecContext(ctx, strconv.Itoa(i)); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	reportPercentiles(b, took)
}

// oneRowCommit is the statement of BenchmarkBaselineFsyncCommit's floor:
// one row upserted into a table of one row.
func oneRowCommit(b *testing.B, s *Store) *sql.Stmt {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE bench_floor (k INTEGER PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	st, err := s.db.PrepareContext(ctx, `INSERT INTO bench_floor (k, v) VALUES (1, ?)
ON CONFLICT (k) DO UPDATE SET v = excluded.v`)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// threePageCommit returns what commits, and times, the pages a saved
// answer must change, with nothing of this package's: a row upserted in one
// table (the answer) and a time stamp raised in a row of another, which an
// index orders (the assessment, which lists and a room's live view find
// by its last change), in one transaction synced as every save is.
func threePageCommit(b *testing.B, s *Store) func(i int) time.Duration {
	for _, q := range []string{
		`CREATE TABLE bench_rows (k INTEGER PRIMARY KEY, v TEXT NOT NULL)`,
		`CREATE TABLE bench_times (k INTEGER PRIMARY KEY, at TEXT NOT NULL)`,
		`CREATE INDEX bench_times_by_at ON bench_times (at DESC, k)`,
		`INSERT INTO bench_times (k, at) VALUES (1, '')`,
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	return func(i int) time.Duration {
		start := time.Now()
		tx, err := s.db.BeginTx(ctx, nil)
		if err == nil {
			_, err = tx.ExecContext(ctx, `INSERT INTO bench_rows (k, v) VALUES (?1 % 50, ?2)
ON CONFLICT (k) DO UPDATE SET v = excluded.v`, i, strconv.Itoa(i))
		}
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE bench_times SET at = ?1 WHERE k = 1`, formatTime(time.Now()))
		}
		if err == nil {
			err = tx.Commit()
		}
		if err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
}

// reportPercentiles reports the median and the 99th percentile of took.
func reportPercentiles(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(took[len(took)*99/100].Nanoseconds())/1e3, "p99-µs")
}

// loopCPU runs body b.N times (b.Loop) and reports the process's CPU time
// per op beside the wall time.
func loopCPU(b *testing.B, body func()) {
	start := processCPU()
	for b.Loop() {
		body()
	}
	if used := processCPU() - start; used > 0 {
		b.ReportMetric(float64(used.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}
