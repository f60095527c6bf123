package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/digint/digint/assessment"
)

// A served workshop may ask a join word before a session opens, and a
// participant who connects with a public key comes back, by its
// fingerprint, to their own assessments and no one else's.

// MaxJoinWord is the longest join word: something said aloud in a room.
const MaxJoinWord = 64

// ErrJoinWord wraps why a join word cannot be used.
var ErrJoinWord = errors.New("the join word must be 1–64 characters, not only spaces, without control characters")

// CheckJoinWord tells whether word can be a join word.
func CheckJoinWord(word string) error {
	if strings.TrimSpace(word) == "" || utf8.RuneCountInString(word) > MaxJoinWord || !utf8.ValidString(word) ||
		strings.IndexFunc(word, unicode.IsControl) >= 0 {
		return ErrJoinWord
	}
	return nil
}

// SetJoinWord sets the word asked of everyone joining a served workshop;
// an empty word removes it.
func (s *Store) SetJoinWord(ctx context.Context, code, word string) error {
	hash := ""
	if word != "" {
		if err := CheckJoinWord(word); err != nil {
			return err
		}
		var err error
		if hash, err = hashPIN(word); err != nil {
			return err
		}
	}
	err := s.write(ctx, func(tx txer) error {
		res, err := tx.ExecContext(ctx, `UPDATE workshops SET join_hash = ? WHERE code = ?`, hash, strings.ToUpper(code))
		if err != nil {
			return err
		}
		return mustAffect(res, fmt.Errorf("workshop %s: %w", code, ErrNotFound))
	})
	return s.fail("set the join word of workshop "+code, err)
}

// JoinWordNeeded tells whether a workshop asks a join word.
func (s *Store) JoinWordNeeded(ctx context.Context, code string) (bool, error) {
	hash, err := s.joinHash(ctx, code)
	return hash != "", err
}

// CheckJoinWord tells whether word is the workshop's join word (true when
// it has none).
func (s *Store) CheckJoinWord(ctx context.Context, code, word string) (bool, error) {
	hash, err := s.joinHash(ctx, code)
	if err != nil || hash == "" {
		return err == nil, err
	}
	return pinMatches(hash, word), nil
}

func (s *Store) joinHash(ctx context.Context, code string) (string, error) {
	var hash string
	err := s.read(ctx, func(tx txer) error {
		err := tx.QueryRowContext(ctx, `SELECT join_hash FROM workshops WHERE code = ?`, strings.ToUpper(code)).Scan(&hash)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("workshop %s: %w", code, ErrNotFound)
		}
		return err
	})
	return hash, s.fail("find workshop "+code, err)
}

// KeyParticipant is the participant a key fingerprint names; "" when the
// key has not started an assessment yet.
func (s *Store) KeyParticipant(ctx context.Context, fingerprint string) (string, error) {
	var id string
	err := s.read(ctx, func(tx txer) error {
		err := tx.QueryRowContext(ctx, `SELECT participant FROM key_identities WHERE fingerprint = ?`, fingerprint).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return inert(id), s.fail("find a key's participant", err)
}

// keyParticipant binds a key to the participant p of an assessment being
// started in tx: a known key makes p that participant; a new key is bound
// to p (given an ID here if new).
func keyParticipant(ctx context.Context, tx txer, fingerprint string, p *assessment.Participant) (known bool, err error) {
	if fingerprint == "" {
		return p.ID != "", nil
	}
	var id string
	err = tx.QueryRowContext(ctx, `SELECT participant FROM key_identities WHERE fingerprint = ?`, fingerprint).Scan(&id)
	if err == nil {
		p.ID = id
		return true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, err
	}
	return p.ID != "", nil
}

// bindKey records that fingerprint names participant id, once.
func bindKey(ctx context.Context, tx txer, fingerprint, id string, now string) error {
	if fingerprint == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO key_identities (fingerprint, participant, created_at) VALUES (?, ?, ?)
		ON CONFLICT (fingerprint) DO NOTHING`, fingerprint, id, now)
	return err
}

// ByCode finds an assessment of a workshop, finished or not, by its resume
// code, for a participant taking their results home. A wrong code counts
// as a wrong guess, as in ByResumeCode, and says nothing of whether
// another workshop has it.
func (s *Store) ByCode(ctx context.Context, workshop, code string) (*assessment.Assessment, error) {
	code = normalCode(code)
	var id string
	var found bool
	err := s.write(ctx, func(tx txer) error {
		var err error
		found, err = s.guess(ctx, tx, workshop, GuessCode, func() (bool, error) {
			err := tx.QueryRowContext(ctx, `SELECT a.id FROM resume_codes r JOIN assessments a ON a.seq = r.assessment
				WHERE r.code = ? AND a.workshop = ?`, code, workshop).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				return false, nil
			}
			return err == nil, err
		})
		return err
	})
	if err == nil && !found {
		err = fmt.Errorf("resume code: %w", ErrNotFound)
	}
	if err != nil {
		return nil, s.fail("find resume code", err)
	}
	return s.Assessment(ctx, id)
}

// normalCode reads a code forgivingly: case and the dash do not matter.
func normalCode(code string) string {
	code = strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(code))
	if len(code) == 8 {
		code = code[:4] + "-" + code[4:]
	}
	return code
}
