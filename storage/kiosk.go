package storage

import (
	"context"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/digint/digint/assessment"
)

// codeAlphabet leaves out letters and digits that are easy to confuse
// when read aloud or off a screen (0/O, 1/I/L).
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// PIN limits: long enough not to be guessed by the next participant,
// short enough to type in front of a room. The PIN keeps people at the
// keyboard out of kiosk mode; it is no protection for whoever copies the
// database file (a short PIN is found by trying them all).
const (
	MinPIN = 6
	MaxPIN = 16
)

// pinIterations makes each guess cost a few milliseconds.
const pinIterations = 60_000

func randomCode(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b)
}

// WorkshopStatus is a workshop with what kiosk mode needs to know.
type WorkshopStatus struct {
	Workshop
	Closed *time.Time
	HasPIN bool
}

// Why a PIN is refused; CheckPINFormat wraps one of them.
var (
	ErrPINLength  = errors.New("the PIN has the wrong length")
	ErrPINBlank   = errors.New("the PIN is only spaces")
	ErrPINControl = errors.New("the PIN has control characters")
)

// ErrWorkshopClosed: a closed workshop takes no new answers. The rule is
// kept by triggers (migration 003), so every writer gets it.
var ErrWorkshopClosed = errors.New("the workshop is closed and takes no new answers")

// closedWorkshopMark is the message the triggers raise.
const closedWorkshopMark = "digint: the workshop is closed"

func closedWorkshop(err error) bool {
	return err != nil && strings.Contains(err.Error(), closedWorkshopMark)
}

// CheckPINFormat tells whether pin can be a facilitator's PIN: one that
// can be typed again, so no control or invisible characters, and not only
// spaces.
func CheckPINFormat(pin string) error {
	n := utf8.RuneCountInString(pin)
	if n < MinPIN || n > MaxPIN {
		return fmt.Errorf("%w: it must have %d to %d characters", ErrPINLength, MinPIN, MaxPIN)
	}
	if strings.TrimSpace(pin) == "" {
		return ErrPINBlank
	}
	for _, r := range pin {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return ErrPINControl
		}
	}
	return nil
}

func hashPIN(pin string) (string, error) {
	salt := make([]byte, 16)
	rand.Read(salt)
	key, err := pbkdf2.Key(sha256.New, pin, salt, pinIterations, 32)
	if err != nil {
		return "", err
	}
	enc := base64.RawStdEncoding
	return fmt.Sprintf("pbkdf2-sha256$%d$%s$%s", pinIterations, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

func pinMatches(hash, pin string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 4 || parts[0] != "pbkdf2-sha256" {
		return false
	}
	iter, err := strconv.Atoi(parts[1])
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[2])
	want, err2 := enc.DecodeString(parts[3])
	if err != nil || err1 != nil || err2 != nil {
		return false
	}
	got, err := pbkdf2.Key(sha256.New, pin, salt, iter, len(want))
	return err == nil && subtle.ConstantTimeCompare(got, want) == 1
}

// NewWorkshop creates a workshop with the facilitator's PIN (needed to
// leave kiosk mode), in one transaction. An empty code gets a fresh short
// one. A given code sets up, on this laptop, a workshop created elsewhere:
// if it is here already without a PIN (made by an import or by someone
// joining), it gets the PIN and the title; one with a PIN is refused.
func (s *Store) NewWorkshop(ctx context.Context, code, title, pin string) (Workshop, error) {
	if err := CheckPINFormat(pin); err != nil {
		return Workshop{}, err
	}
	hash, err := hashPIN(pin)
	if err != nil {
		return Workshop{}, err
	}
	title = assessment.CleanText(title, false)
	if n := utf8.RuneCountInString(title); n > assessment.MaxNameLen {
		return Workshop{}, fmt.Errorf("the workshop title is %d characters long, the limit is %d", n, assessment.MaxNameLen)
	}
	given := code != ""
	code = strings.ToUpper(code)
	if given && !assessment.ValidWorkshopCode(code) {
		return Workshop{}, fmt.Errorf("workshop code %q must be 3–16 capital letters, digits or '-', starting with a letter or digit", code)
	}
	var w Workshop
	err = s.write(ctx, func(tx txer) error {
		for range 10 { // a clash among 31⁶ fresh codes is rare; try again if it happens
			if !given {
				code = randomCode(6)
			}
			w = Workshop{Code: code, Title: title, Created: s.now()}
			if w.Title == "" {
				w.Title = code
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO workshops (code, title, created_at, pin_hash) VALUES (?, ?, ?, ?)
				ON CONFLICT (code) DO UPDATE SET pin_hash = excluded.pin_hash, title = excluded.title
				WHERE workshops.pin_hash = ''`, w.Code, w.Title, formatTime(w.Created), hash)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				return nil
			}
			if given {
				return fmt.Errorf("workshop %s: %w (with a PIN)", code, ErrExists)
			}
		}
		return errors.New("could not find a free workshop code")
	})
	if err != nil {
		return Workshop{}, s.fail("create workshop", err)
	}
	return w, nil
}

// WorkshopStatus finds a workshop by code.
func (s *Store) WorkshopStatus(ctx context.Context, code string) (WorkshopStatus, error) {
	var ws WorkshopStatus
	err := s.read(ctx, func(tx txer) error {
		var created, hash string
		var closed sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT code, title, created_at, pin_hash, closed_at FROM workshops WHERE code = ?`,
			strings.ToUpper(code)).Scan(&ws.Code, &ws.Title, &created, &hash, &closed)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("workshop %s: %w", code, ErrNotFound)
		}
		if err != nil {
			return err
		}
		ws.Code, ws.Title, ws.HasPIN = inert(ws.Code), inert(ws.Title), hash != ""
		if ws.Created, err = parseTime(created); err != nil {
			return err
		}
		ws.Closed, err = parseTimePtr(closed)
		return err
	})
	return ws, s.fail("find workshop "+code, err)
}

// CheckPIN tells whether pin is the workshop's PIN. While the wait after
// a wrong try runs, it is not checked and a *WaitError is returned.
func (s *Store) CheckPIN(ctx context.Context, code, pin string) (bool, error) {
	var ok bool
	err := s.write(ctx, func(tx txer) error {
		var hash string
		err := tx.QueryRowContext(ctx, `SELECT pin_hash FROM workshops WHERE code = ?`, code).Scan(&hash)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("workshop %s: %w", code, ErrNotFound)
		}
		if err != nil {
			return err
		}
		ok, err = s.guess(ctx, tx, code, GuessPIN, func() (bool, error) {
			return hash != "" && pinMatches(hash, pin), nil
		})
		return err
	})
	if err != nil {
		return false, s.fail("check the PIN of workshop "+code, err)
	}
	return ok, nil
}

// CloseWorkshop marks a workshop closed: kiosk mode no longer starts
// assessments in it. With erase, its assessments are erased too (export
// them first), and so are participants left with no assessment.
func (s *Store) CloseWorkshop(ctx context.Context, code string, erase bool) error {
	what := "close workshop " + code
	fn := func(tx txer) error {
		res, err := tx.ExecContext(ctx, `UPDATE workshops SET closed_at = coalesce(closed_at, ?) WHERE code = ?`, formatTime(s.now()), code)
		if err != nil {
			return err
		}
		if err := mustAffect(res, fmt.Errorf("workshop %s: %w", code, ErrNotFound)); err != nil || !erase {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM assessments WHERE workshop = ?`, code); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM participants WHERE id NOT IN (SELECT participant_id FROM assessments)`)
		return err
	}
	if erase {
		return s.erase(ctx, what, fn)
	}
	return s.fail(what, s.write(ctx, fn))
}

// ReopenWorkshop lets a closed workshop take answers again (a late
// laptop's export to merge); reopened is false when it was open already.
// Answers erased with it stay erased.
func (s *Store) ReopenWorkshop(ctx context.Context, code string) (reopened bool, err error) {
	err = s.write(ctx, func(tx txer) error {
		var closed sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT closed_at FROM workshops WHERE code = ?`, code).Scan(&closed)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("workshop %s: %w", code, ErrNotFound)
		}
		if err != nil || !closed.Valid {
			return err
		}
		reopened = true
		_, err = tx.ExecContext(ctx, `UPDATE workshops SET closed_at = NULL WHERE code = ?`, code)
		return err
	})
	return reopened, s.fail("reopen workshop "+code, err)
}

// ResumeCode gives the personal code with which an assessment can be
// continued in kiosk mode, creating it the first time.
func (s *Store) ResumeCode(ctx context.Context, assessmentID string) (string, error) {
	var code string
	err := s.write(ctx, func(tx txer) error {
		var seq int64
		err := tx.QueryRowContext(ctx, `SELECT seq FROM assessments WHERE id = ?`, assessmentID).Scan(&seq)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("assessment %s: %w", assessmentID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `SELECT code FROM resume_codes WHERE assessment = ?`, seq).Scan(&code)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		for range 10 {
			code = randomCode(4) + "-" + randomCode(4)
			res, err := tx.ExecContext(ctx, `INSERT INTO resume_codes (code, assessment, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
				code, seq, formatTime(s.now()))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				return nil
			}
		}
		return errors.New("could not find a free resume code")
	})
	return inert(code), s.fail("make a resume code", err)
}

// ByResumeCode finds the unfinished assessment of a workshop that a resume
// code names. Codes are read forgivingly: case and the dash do not matter.
// A wrong code makes the next try wait (a *WaitError while it runs); a
// code of a closed workshop gives ErrWorkshopClosed.
func (s *Store) ByResumeCode(ctx context.Context, workshop, code string) (*assessment.Assessment, error) {
	code = normalCode(code)
	var id string
	var closed sql.NullString
	var found bool
	err := s.write(ctx, func(tx txer) error {
		var err error
		found, err = s.guess(ctx, tx, workshop, GuessCode, func() (bool, error) {
			err := tx.QueryRowContext(ctx, `SELECT a.id, w.closed_at FROM resume_codes r JOIN assessments a ON a.seq = r.assessment
				JOIN workshops w ON w.code = a.workshop
				WHERE r.code = ? AND a.workshop = ? AND a.completed_at IS NULL`, code, workshop).Scan(&id, &closed)
			if errors.Is(err, sql.ErrNoRows) {
				return false, nil
			}
			return err == nil, err
		})
		return err // a wrong code is committed: it counts
	})
	if err == nil && !found {
		err = fmt.Errorf("resume code %s: %w", code, ErrNotFound)
	}
	if err == nil && closed.Valid {
		err = fmt.Errorf("resume code %s: %w", code, ErrWorkshopClosed)
	}
	if err != nil {
		return nil, s.fail("find resume code", err)
	}
	return s.Assessment(ctx, id)
}
