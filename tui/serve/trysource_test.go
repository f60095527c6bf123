package serve

import (
	"context"
	"net"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

// dialFrom connects as user from a loopback address of its own (Linux
// answers on all of 127/8), as another laptop in the room would.
func (f *fixture) dialFrom(local, user string) *gossh.Client {
	f.t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 10 * time.Second}
	conn, err := d.Dial("tcp", f.srv.Addr().String())
	if err != nil {
		f.t.Fatalf("cannot connect from %s: %v", local, err)
	}
	cc, chans, reqs, err := gossh.NewClientConn(conn, f.srv.Addr().String(), &gossh.ClientConfig{User: user,
		Auth: []gossh.AuthMethod{answer()}, HostKeyCallback: gossh.FixedHostKey(f.host), Timeout: 10 * time.Second})
	if err != nil {
		f.t.Fatal(err)
	}
	c := gossh.NewClient(cc, chans, reqs)
	f.t.Cleanup(func() { c.Close() })
	return c
}

// One participant's wrong codes make only their own next try wait: a
// neighbour's right code, given at once, brings their report.
func TestWrongCodeWaitsOnlyForItsTypist(t *testing.T) {
	f := newFixture(t, nil)
	a, err := f.store.Start(context.Background(), storage.NewAssessment{Participant: assessment.Participant{Name: "Noor", Role: "trainer"},
		Workshop: f.code, Language: "en", Mode: assessment.ModeQuick})
	if err != nil {
		t.Fatal(err)
	}
	code, err := f.store.ResumeCode(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.run(f.dialFrom("127.0.0.2", f.code), "report ZZZZ-ZZZZ"); err == nil {
		t.Fatal("a wrong code was taken")
	}
	if page, refused, err := f.run(f.dialFrom("127.0.0.3", f.code), "report "+code); err != nil || page == "" {
		t.Errorf("a neighbour's right code, right after someone's typo: %v %q", err, refused)
	}
	if _, _, err := f.run(f.dialFrom("127.0.0.2", f.code), "report "+code); err == nil {
		t.Errorf("the typist's next try went through during their wait")
	}
}
