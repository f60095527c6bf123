package serve

import (
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// refusedRequests are session requests the wizard never grants. The SSH
// library says yes to agent forwarding on its own (it only notes it), so
// a participant's client would believe its agent is reachable here.
var refusedRequests = map[string]bool{
	"auth-agent-req@openssh.com": true,
	"x11-req":                    true,
}

// sessionHandler opens sessions as the library does, but refuses the
// requests above before the library sees them.
func sessionHandler(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	ssh.DefaultSessionHandler(srv, conn, refusingChannel{nc}, ctx)
}

type refusingChannel struct{ gossh.NewChannel }

func (c refusingChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() { // ends when the channel's requests end
		defer close(out)
		for r := range reqs {
			if refusedRequests[r.Type] {
				if r.WantReply {
					r.Reply(false, nil)
				}
				continue
			}
			out <- r
		}
	}()
	return ch, out, nil
}
