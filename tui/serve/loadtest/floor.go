//go:build unix

package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"net"

	gossh "golang.org/x/crypto/ssh"
)

// runFloor is the floor: an SSH server that takes any user, accepts a pty
// and a shell, writes a short banner, and answers every key at once with
// the count the wizard would show.
func runFloor(addr string) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	check(err)
	signer, err := gossh.NewSignerFromKey(priv)
	check(err)
	cfg := &gossh.ServerConfig{KeyboardInteractiveCallback: func(gossh.ConnMetadata, gossh.KeyboardInteractiveChallenge) (*gossh.Permissions, error) {
		return nil, nil
	}}
	cfg.AddHostKey(signer)
	l, err := net.Listen("tcp", addr)
	check(err)
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go floorConn(c, cfg)
	}
}

func floorConn(c net.Conn, cfg *gossh.ServerConfig) {
	defer c.Close()
	_, chans, reqs, err := gossh.NewServerConn(c, cfg)
	if err != nil {
		return
	}
	go gossh.DiscardRequests(reqs)
	for nc := range chans {
		ch, creqs, err := nc.Accept()
		if err != nil {
			continue
		}
		go func() {
			for r := range creqs {
				r.Reply(r.Type == "pty-req" || r.Type == "shell" || r.Type == "env", nil)
				if r.Type == "shell" {
					go func() {
						ch.Write([]byte("welcome\r\n"))
						buf := make([]byte, 1024)
						total := len(quickItems())
						for count := 1; ; count++ {
							n, err := ch.Read(buf)
							if err != nil || bytes.IndexByte(buf[:n], 3) >= 0 { // ctrl+c ends it
								ch.SendRequest("exit-status", false, gossh.Marshal(struct{ C uint32 }{0}))
								ch.Close()
								return
							}
							fmt.Fprintf(ch, "\x1b[H\x1b[2K%s", answered(count, total))
						}
					}()
				}
			}
		}()
	}
}
