package storage

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
)

// A --db value that looks like a connection but is no postgres:// URL is
// refused (as a path it would become a file named after it, password and
// all); a file's path, a Windows drive or a postgres:// URL is taken. A
// password never shows in a name said back.
func TestCheckNameAndRedacted(t *testing.T) {
	for _, c := range []struct {
		db      string
		refused bool
		said    string
	}{
		{"digint.db", false, "digint.db"},
		{"/home/ana/my=odd name.db", false, "/home/ana/my=odd name.db"},
		{`C:/Users/ana/digint.db`, false, `C:/Users/ana/digint.db`},
		{"postgres://ana:S3cret@db.example/digint", false, "postgres://ana:xxxxx@db.example/digint"},
		{"postgresql://db.example/digint?password=S3cret&sslmode=require", false, "postgresql://db.example/digint?password=xxxxx&sslmode=require"},
		{"postgres:/ana:S3cret@/digint", false, "postgres:/ana:xxxxx@/digint"},
		{"postgress://ana:S3cret@db.example/digint", true, "postgress://ana:xxxxx@db.example/digint"},
		{"Postgres://ana:S3cret@db.example/digint", true, "Postgres://ana:xxxxx@db.example/digint"},
		{"file:/tmp/digint.db", true, "file:/tmp/digint.db"},
		{"host=/run/pg dbname=digint password=S3cret", true, "host=/run/pg dbname=digint password=xxxxx"},
		{"user=ana PASSWORD='S3 cret' dbname=digint", true, "user=ana PASSWORD=xxxxx dbname=digint"},
		{`host=db password=S3\ cret dbname=digint`, true, "host=db password=xxxxx dbname=digint"},
		{"postgres://ana:S3 cret@db/digint", false, "postgres://ana:xxxxx@db/digint"},
		{"postgres://ana:S3/cret@db/digint", false, "postgres://ana:xxxxx@db/digint"},
		{"postgress://ana:S3@cret@db/digint", true, "postgress://ana:xxxxx@db/digint"},
		{"postgres://ana:S3@cret@db/digint", false, "postgres://ana:xxxxx@db/digint"},
	} {
		err := CheckName(c.db)
		if refused := errors.Is(err, ErrNotAName); refused != c.refused {
			t.Errorf("%q: refused %v, want %v (%v)", c.db, refused, c.refused, err)
		}
		if got := Redacted(c.db); got != c.said || strings.Contains(got, "S3") || strings.Contains(got, "cret") {
			t.Errorf("%q is said %q, want %q", c.db, got, c.said)
		}
		if err != nil && strings.Contains(err.Error(), "S3") {
			t.Errorf("%q: the refusal shows the password: %v", c.db, err)
		}
	}
}

// Opening such a name is refused by the store itself, whoever asks, and
// leaves nothing behind.
func TestOpenRefusesAMisnamedDatabase(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, db := range []string{"postgress://ana:S3cret@db/digint", "sqlite:/digint.db"} {
		if s, err := OpenWith(db, nil, Options{}); !errors.Is(err, ErrNotAName) {
			if s != nil {
				s.Close()
			}
			t.Errorf("open %q: %v, want ErrNotAName", db, err)
		}
	}
	if made, _ := os.ReadDir(dir); len(made) > 0 {
		t.Errorf("files were made: %v", made)
	}
}

// A host the name service does not know is said as such (a typo: trying
// again will not help), apart from a server that does not answer.
func TestUnknownHostIsNotUnreachable(t *testing.T) {
	unknown := fmt.Errorf("connect: %w", &net.DNSError{Err: "no such host", Name: "db.exampel.org", IsNotFound: true})
	err, ok := explainPG("postgres://db.exampel.org/digint", "", unknown)
	if !ok || !errors.Is(err, ErrUnknownHost) || errors.Is(err, ErrUnreachable) {
		t.Errorf("unknown host: %v (%v)", err, ok)
	}
	timeout := fmt.Errorf("connect: %w", &net.DNSError{Err: "i/o timeout", Name: "db.example.org", IsTimeout: true})
	if err, _ := explainPG("postgres://db.example.org/digint", "", timeout); errors.Is(err, ErrUnknownHost) {
		t.Errorf("a name service that did not answer: %v", err)
	}
}
