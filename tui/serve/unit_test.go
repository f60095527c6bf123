package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// The host key is made once, private, and the same key is read back.
func TestHostKeyKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "host")
	a, err := LoadHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key file: %v %v", fi.Mode(), err)
	}
	b, err := LoadHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if gossh.FingerprintSHA256(a.PublicKey()) != gossh.FingerprintSHA256(b.PublicKey()) {
		t.Error("a second start made another host key")
	}
	if a.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("host key type %s", a.PublicKey().Type())
	}
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadHostKey(path); err == nil {
		t.Error("a damaged host key was taken")
	}
}

func TestLimiter(t *testing.T) {
	l := newLimiter(2, time.Minute)
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	if !l.allow("a", t0) || !l.allow("a", t0.Add(time.Second)) || l.allow("a", t0.Add(2*time.Second)) {
		t.Error("the third connection within a minute passed, or an earlier one did not")
	}
	if !l.allow("b", t0.Add(2*time.Second)) {
		t.Error("another address was limited")
	}
	if !l.allow("a", t0.Add(61*time.Second)) {
		t.Error("a minute later the address is still refused")
	}
	l.allow("c", t0.Add(5*time.Minute)) // sweeps addresses quiet for a minute
	if _, ok := l.seen["b"]; ok {
		t.Error("a quiet address is still remembered")
	}
}

// fakeSession has the permissions and key of an authenticated session.
type fakeSession struct {
	ssh.Session
	perms ssh.Permissions
	key   ssh.PublicKey
}

func (f fakeSession) Permissions() ssh.Permissions { return f.perms }
func (f fakeSession) PublicKey() ssh.PublicKey     { return f.key }

func pubKey(t *testing.T) gossh.PublicKey {
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// The session reads the key again: the fingerprint recorded at auth must
// be the key the connection holds.
func TestSessionKeyChecked(t *testing.T) {
	s := &Server{}
	a, b := pubKey(t), pubKey(t)
	perms := func(k gossh.PublicKey) ssh.Permissions {
		return ssh.Permissions{Permissions: keyPermissions(k)}
	}
	cases := []struct {
		name   string
		sess   fakeSession
		fp     string
		wantOK bool
	}{
		{"no key", fakeSession{perms: perms(nil)}, "", true},
		{"the key", fakeSession{perms: perms(a), key: a}, gossh.FingerprintSHA256(a), true},
		{"another key", fakeSession{perms: perms(a), key: b}, "", false},
		{"a fingerprint without a key", fakeSession{perms: perms(a)}, "", false},
		{"a key without a fingerprint", fakeSession{perms: perms(nil), key: a}, "", false},
	}
	for _, c := range cases {
		fp, ok := s.sessionKey(c.sess)
		if ok != c.wantOK || ok && fp != c.fp {
			t.Errorf("%s: %q %v", c.name, fp, ok)
		}
	}
}

// The line participants type names this machine when the server listens
// on every network, and the host given otherwise.
func TestLine(t *testing.T) {
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	s := &Server{ln: ln}
	name, _ := os.Hostname()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	if got, want := s.Line("K7PQ2X"), "ssh -p "+port+" K7PQ2X@"+name; got != want {
		t.Errorf("line %q, want %q", got, want)
	}
	s.cfg.Host = "room.example"
	if got, want := s.Line("K7PQ2X"), "ssh -p "+port+" K7PQ2X@room.example"; got != want {
		t.Errorf("line %q, want %q", got, want)
	}
}

// A server on the loopback only is one no other computer reaches; on every
// network it is not.
func TestLoopbackOnly(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:0": true, "0.0.0.0:0": false} {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := (&Server{ln: ln}).LoopbackOnly(); got != want {
			t.Errorf("listening on %s: loopback only %v, want %v", addr, got, want)
		}
		ln.Close()
	}
}
