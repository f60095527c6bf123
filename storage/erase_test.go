package storage

import (
	"bytes"
	"database/sql"
	"errors"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/assessment/sample"
)

// Distinctive text that must be gone from the files after an erase.
const (
	secretNote = "Secret-Note-Qx7Zv9 about our partner in Valparaíso"
	secretName = "Zorba Quintessa-Wolfram"
)

// inFiles reports which of the database file and its log hold text,
// compared without case (names are also stored case-folded).
func inFiles(t *testing.T, path, text string) []string {
	t.Helper()
	var where []string
	for _, p := range []string{path, path + "-wal"} {
		data, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(bytes.ToLower(data), bytes.ToLower([]byte(text))) {
			where = append(where, p[len(path)-len("digint.db"):])
		}
	}
	return where
}

func TestEraseLeavesNoTrace(t *testing.T) {
	sqliteOnly(t)
	for _, tc := range []struct {
		name   string
		secret string
		erase  func(s *Store, secret *assessment.Assessment) error
		left   int // assessments left
	}{
		{"assessment", secretNote, func(s *Store, a *assessment.Assessment) error { return s.EraseAssessment(ctx, a.ID) }, 3},
		{"participant", secretName, func(s *Store, a *assessment.Assessment) error { return s.EraseParticipant(ctx, a.Participant.ID) }, 2},
		{"everything", secretNote, func(s *Store, _ *assessment.Assessment) error { return s.EraseAll(ctx) }, 0},
		{"everyone", secretName, func(s *Store, _ *assessment.Assessment) error { return s.EraseAll(ctx) }, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := t.TempDir() + "/digint.db"
			s := openAt(t, path)
			rng := rand.New(rand.NewPCG(1, 2))
			importBytes(t, s, sampleDocument(t, s.Catalog(), 2, 3)) // others, who stay

			secret, err := s.Start(ctx, NewAssessment{Participant: assessment.Participant{Name: secretName, Role: "manager"},
				Language: "en", Mode: assessment.ModeFull})
			if err != nil {
				t.Fatal(err)
			}
			// Two assessments of the person: the second keeps the first's
			// participant when only the assessment is erased.
			second, err := s.Start(ctx, NewAssessment{Participant: secret.Participant, Language: "en", Mode: assessment.ModeQuick})
			if err != nil {
				t.Fatal(err)
			}
			answerAll(t, s, second, rng)
			items := s.Catalog().Current().Asked(secret.Mode)
			save := func(i int) {
				ans := sample.Answer(items[i], rng)
				ans.Note = secretNote
				if err := s.SaveAnswer(ctx, secret.ID, ans); err != nil {
					t.Fatal(err)
				}
			}
			// The secret is both in the database file and in the log.
			save(0)
			if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
				t.Fatal(err)
			}
			save(1)
			if err := s.SetLanguage(ctx, secret.ID, "en-GB"); err != nil { // rewrites the person's row
				t.Fatal(err)
			}
			if where := inFiles(t, path, tc.secret); len(where) != 2 {
				t.Fatalf("before erasing, the secret is in %v: want the file and its log, or the test proves nothing", where)
			}

			if err := tc.erase(s, secret); err != nil {
				t.Fatal(err)
			}
			if where := inFiles(t, path, tc.secret); len(where) > 0 {
				t.Errorf("after erasing, the secret is still in %v", where)
			}
			if list, _ := s.List(ctx, Filter{}); len(list) != tc.left {
				t.Errorf("%d assessments left, want %d", len(list), tc.left)
			}
			if tc.name == "assessment" {
				if _, err := s.Assessment(ctx, second.ID); err != nil {
					t.Errorf("the person's other assessment: %v", err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if where := inFiles(t, path, tc.secret); len(where) > 0 {
				t.Errorf("after closing, the secret is in %v", where)
			}
		})
	}
}

func TestEraseUnknown(t *testing.T) {
	s := newStore(t)
	for what, err := range map[string]error{
		"assessment":  s.EraseAssessment(ctx, "0c9d7f00-0000-4000-8000-000000000000"),
		"participant": s.EraseParticipant(ctx, "nobody-at-all"),
	} {
		if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), what) {
			t.Errorf("erase an unknown %s: %v", what, err)
		}
	}
	if err := s.EraseAll(ctx); err != nil {
		t.Errorf("erase everything in an empty store: %v", err)
	}
}

// While another program reads the database, the log cannot be cleared; the
// erase still happens and the error says what is left to do.
func TestEraseWhileAnotherReads(t *testing.T) {
	sqliteOnly(t)
	path := t.TempDir() + "/digint.db"
	s := openAt(t, path)
	a := startAssessment(t, s, assessment.ModeQuick)
	answers := answerAll(t, s, a, rand.New(rand.NewPCG(7, 7)))
	secret := answers[0]
	secret.Note = "SECRET-NOTE-4711"
	if err := s.SaveAnswer(ctx, a.ID, secret); err != nil {
		t.Fatal(err)
	}
	if err := s.clearWAL(ctx); err != nil { // the note is in the main file now
		t.Fatal(err)
	}
	other := openAt(t, path)
	tx, err := other.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow("SELECT count(*) FROM answers").Scan(&n); err != nil { // holds a snapshot
		t.Fatal(err)
	}
	s.checkpointWait = 50 * time.Millisecond
	err = s.EraseAssessment(ctx, a.ID)
	tx.Rollback()
	if !errors.Is(err, ErrWALNotCleared) || !strings.Contains(err.Error(), path) {
		t.Errorf("erase while another reads: %v", err)
	}
	// The message says where the old data is: in the database file.
	main, _ := os.ReadFile(path)
	if !bytes.Contains(main, []byte(secret.Note)) {
		t.Fatal("the erased note is not in the main file: the test no longer tests the message")
	}
	if msg := err.Error(); !strings.Contains(msg, "database file") {
		t.Errorf("the warning %q does not say the old data is in the database file", msg)
	}
	if _, err := s.Assessment(ctx, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the assessment is still there: %v", err)
	}
}
