package serve

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net"
	"sync"

	"github.com/digint/digint/storage"
)

// trySalt keys the tokens of this server process: a token names an address
// for the store's wrong-try counts without the store keeping the address
// (a plain hash of an IPv4 address is undone by trying all of them).
var trySalt = sync.OnceValue(func() []byte {
	b := make([]byte, 32)
	rand.Read(b)
	return b
})

// withTrySource marks ctx's PIN and code tries as coming from addr, so a
// wrong code makes only tries from that address wait (storage.WithTrySource).
func withTrySource(ctx context.Context, addr net.Addr) context.Context {
	host := addr.String()
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	mac := hmac.New(sha256.New, trySalt())
	mac.Write([]byte(host))
	return storage.WithTrySource(ctx, base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:12]))
}
