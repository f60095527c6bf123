package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"net"

	gossh "golang.org/x/crypto/ssh"
)

// runFloor is the floor: an SSH server that takes any user, accepts a pty
// and a shell, writes a short banner, and echoes every key back at once.
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
				r.Reply(r.Type == "pty-req" || r.Type == "shell", nil)
				if r.Type == "shell" {
					go func() {
						ch.Write([]byte("welcome\r\n"))
						buf := make([]byte, 1024)
						for {
							n, err := ch.Read(buf)
							if err != nil || bytes.IndexByte(buf[:n], 3) >= 0 { // ctrl+c ends it
								ch.SendRequest("exit-status", false, gossh.Marshal(struct{ C uint32 }{0}))
								ch.Close()
								return
							}
							ch.Write(buf[:n])
						}
					}()
				}
			}
		}()
	}
}
