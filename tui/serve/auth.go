package serve

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/digint/digint/storage"
)

// Authentication. Anyone may connect: the user name is a workshop code,
// checked in the session. A workshop with a join word asks it by
// keyboard-interactive auth. A public key names its holder: its
// fingerprint is recorded only once the client has signed with it
// (VerifiedPublicKeyCallback), never for a key merely offered, and the
// session checks it again against the key the connection authenticated
// with (as soft-serve does).

// Extensions of the connection's permissions.
const (
	extKey = "digint-key" // the verified key's SHA256 fingerprint
	// charm.land/ssh reads the authenticated key from this one, so that
	// Session.PublicKey gives it.
	extSSHKey = "gliderlabs/ssh.PublicKey"
	// extDBAway: the database could not be asked about the workshop while
	// the connection was let in; its session only says so and ends.
	extDBAway = "digint-db-away"
)

func (s *Server) authConfig(ctx ssh.Context) *gossh.ServerConfig {
	cfg := &gossh.ServerConfig{MaxAuthTries: 6}
	cfg.PublicKeyCallback = func(gossh.ConnMetadata, gossh.PublicKey) (*gossh.Permissions, error) {
		return nil, nil // any key may be offered; its signature is checked next
	}
	cfg.VerifiedPublicKeyCallback = func(c gossh.ConnMetadata, key gossh.PublicKey, _ *gossh.Permissions, _ string) (*gossh.Permissions, error) {
		need, err := s.joinWordNeeded(c.User())
		switch {
		case err != nil:
			return dbAway(), nil
		case need:
			return nil, &gossh.PartialSuccessError{Next: gossh.ServerAuthCallbacks{
				KeyboardInteractiveCallback: s.joinWord(key)}}
		}
		return keyPermissions(key), nil
	}
	cfg.KeyboardInteractiveCallback = s.joinWord(nil)
	return cfg
}

// dbAway lets a connection in only to be told, in one line of its
// session, that the database is away: refused at authentication, the
// client would ask again and again and then say "Permission denied".
func dbAway() *gossh.Permissions {
	return &gossh.Permissions{Extensions: map[string]string{extDBAway: "1"}}
}

func keyPermissions(key gossh.PublicKey) *gossh.Permissions {
	p := &gossh.Permissions{Extensions: map[string]string{}}
	if key != nil {
		p.Extensions[extKey] = gossh.FingerprintSHA256(key)
		p.Extensions[extSSHKey] = base64.StdEncoding.EncodeToString(key.Marshal())
	}
	return p
}

// joinWordNeeded: a workshop not found asks none; the session refuses it.
// An error: the store cannot tell (its database is away).
func (s *Server) joinWordNeeded(user string) (bool, error) {
	need, err := s.cfg.Store.JoinWordNeeded(context.Background(), strings.ToUpper(user))
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		s.cfg.Log.Error("find workshop", "workshop", strings.ToUpper(user), "error", err)
		return false, err
	}
	return need, nil
}

var errJoinWord = errors.New("wrong join word")

// joinWord asks the workshop's join word (nothing when it has none);
// key is the key already verified, if any.
func (s *Server) joinWord(key gossh.PublicKey) func(gossh.ConnMetadata, gossh.KeyboardInteractiveChallenge) (*gossh.Permissions, error) {
	return func(c gossh.ConnMetadata, ask gossh.KeyboardInteractiveChallenge) (*gossh.Permissions, error) {
		need, err := s.joinWordNeeded(c.User())
		if err != nil {
			return dbAway(), nil
		}
		if !need {
			return keyPermissions(key), nil
		}
		// Asked before the session tells its language: in the server's
		// and English. A wrong word is said so, and asked again – in the
		// prompt, which OpenSSH shows as UTF-8 (an instruction it escapes).
		ask1 := s.loc.T("serve.joinword") + " / " + en().T("serve.joinword") + ": "
		prompt := ask1
		for range joinWordTries {
			answers, err := ask("", "", []string{prompt}, []bool{false})
			if err != nil {
				return nil, err
			}
			if len(answers) != 1 {
				return nil, errJoinWord
			}
			ok, err := s.cfg.Store.CheckJoinWord(context.Background(), strings.ToUpper(c.User()), strings.TrimSpace(answers[0]))
			switch {
			case err != nil: // the database, not the word: the session says so
				s.cfg.Log.Error("check join word", "workshop", strings.ToUpper(c.User()), "error", err)
				return dbAway(), nil
			case ok:
				return keyPermissions(key), nil
			}
			s.cfg.Log.Info("join word refused", "workshop", strings.ToUpper(c.User()))
			prompt = both(s.loc, "serve.joinword.wrong") + "\r\n" + ask1
		}
		return nil, errJoinWord
	}
}

// joinWordTries is how many join words one authentication takes.
const joinWordTries = 3
