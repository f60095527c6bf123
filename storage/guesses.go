package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Wrong PINs and resume codes make the next try wait: 1 s after the first,
// then twice as long after each, up to maxGuessWait. Trying every 6-digit
// PIN then takes years, not hours. The count lives in the store, so a
// restart does not reset it; an hour without a wrong try does. Each source
// of tries (see WithTrySource) has its own count.
const (
	firstGuessWait = time.Second
	maxGuessWait   = 5 * time.Minute
	guessQuiet     = time.Hour
)

// GuessKind is what is being guessed: the facilitator's PIN or a resume code.
type GuessKind string

const (
	GuessPIN  GuessKind = "pin"
	GuessCode GuessKind = "code"
)

// ErrTooManyTries is wrapped by a *WaitError.
var ErrTooManyTries = errors.New("too many wrong tries")

// WaitError refuses a try made while an earlier wrong try's wait runs; the
// try was not checked.
type WaitError struct{ Until time.Time }

func (e *WaitError) Error() string {
	return fmt.Sprintf("%v: wait until %s before the next try", ErrTooManyTries, e.Until.Local().Format(time.TimeOnly))
}

func (e *WaitError) Unwrap() error { return ErrTooManyTries }

type trySourceKey struct{}

// WithTrySource says who makes the tries made with ctx: a served session
// gives an opaque token of its address, so one person's typos make only
// their own next try wait, not a whole room's. Tries without a source (a
// kiosk laptop, the command line) share one count per workshop.
func WithTrySource(ctx context.Context, source string) context.Context {
	return context.WithValue(ctx, trySourceKey{}, source)
}

func trySource(ctx context.Context) string {
	s, _ := ctx.Value(trySourceKey{}).(string)
	return s
}

// guessWait is how long to wait after the n-th wrong try in a row.
func guessWait(n int) time.Duration {
	if n > 20 {
		return maxGuessWait
	}
	return min(firstGuessWait<<(n-1), maxGuessWait)
}

// guess makes one try of kind in a workshop, inside tx: refused with a
// *WaitError while a wait runs; otherwise check tells whether it was right,
// and a wrong try is counted.
func (s *Store) guess(ctx context.Context, tx txer, workshop string, kind GuessKind, check func() (bool, error)) (bool, error) {
	now, source := s.now(), trySource(ctx)
	failures, last, until, err := readGuesses(ctx, tx, workshop, kind, source)
	if err != nil {
		return false, err
	}
	if now.Before(until) {
		return false, &WaitError{Until: until}
	}
	if now.Sub(last) > guessQuiet {
		failures = 0
	}
	ok, err := check()
	if err != nil {
		return false, err
	}
	if ok {
		_, err := tx.ExecContext(ctx, `DELETE FROM guess_limits WHERE workshop = ? AND kind = ? AND source = ?`, workshop, kind, source)
		return err == nil, err
	}
	failures++
	_, err = tx.ExecContext(ctx, `INSERT INTO guess_limits (workshop, kind, source, failures, last_failure, locked_until) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (workshop, kind, source) DO UPDATE SET failures = excluded.failures, last_failure = excluded.last_failure,
		locked_until = excluded.locked_until`,
		workshop, kind, source, failures, formatTime(now), formatTime(now.Add(guessWait(failures))))
	if err == nil {
		err = forgetQuietSources(ctx, tx, now)
	}
	return false, err
}

// forgetQuietSources drops the counts of sources quiet for longer than
// guessQuiet (whose count would start afresh anyway): a served room's
// tokens are kept no longer than they protect.
func forgetQuietSources(ctx context.Context, tx txer, now time.Time) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM guess_limits WHERE source <> '' AND last_failure < ? AND locked_until < ?`,
		formatTime(now.Add(-guessQuiet)), formatTime(now))
	return err
}

func readGuesses(ctx context.Context, tx txer, workshop string, kind GuessKind, source string) (failures int, last, until time.Time, err error) {
	var l, u string
	err = tx.QueryRowContext(ctx, `SELECT failures, last_failure, locked_until FROM guess_limits WHERE workshop = ? AND kind = ? AND source = ?`,
		workshop, kind, source).Scan(&failures, &l, &u)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, time.Time{}, nil
	}
	if err != nil {
		return 0, time.Time{}, time.Time{}, err
	}
	if last, err = parseTime(l); err != nil {
		return 0, time.Time{}, time.Time{}, err
	}
	until, err = parseTime(u)
	return failures, last, until, err
}

// GuessWait is the time before which no PIN (or resume code) is tried in a
// workshop from ctx's source; zero when one may be tried now.
func (s *Store) GuessWait(ctx context.Context, workshop string, kind GuessKind) (time.Time, error) {
	var until time.Time
	err := s.read(ctx, func(tx txer) error {
		var err error
		_, _, until, err = readGuesses(ctx, tx, workshop, kind, trySource(ctx))
		return err
	})
	if err != nil {
		return time.Time{}, s.fail("read the wait before the next try", err)
	}
	if !s.now().Before(until) {
		return time.Time{}, nil
	}
	return until, nil
}
