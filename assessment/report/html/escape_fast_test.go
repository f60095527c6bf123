package html

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// text's runs of eight plain bytes at a time end where the first byte
// that is not plain lies, whatever its position in the eight: text writes
// what it wrote byte by byte (textByByte), for every byte value.
func TestTextByEightIsByteByByte(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	buf := make([]byte, 0, 64)
	for n := range 20000 {
		buf = buf[:0]
		for range rng.IntN(40) {
			c := byte('a' + rng.IntN(26))
			if rng.IntN(6) == 0 {
				c = byte(rng.IntN(256)) // now and then any byte: markup, controls, UTF-8 parts
			}
			buf = append(buf, c)
		}
		if n < 256 { // each byte value once at every position of a run
			buf = append(buf[:0], "abcdefghijklmnop"...)
			buf[n%16] = byte(n)
		}
		s := string(buf)
		if got, want := escaped(s), textByByte(s); got != want {
			t.Fatalf("%q: %q, byte by byte %q", s, got, want)
		}
	}
}

// textByByte is text as it was written before runs went eight at a time.
func textByByte(s string) string {
	var b strings.Builder
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && plain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			b.WriteString(s[start:i])
			b.WriteString(ascii[c])
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if drop(r) {
			b.WriteString(s[start:i])
			start = i + size
		}
		i += size
	}
	b.WriteString(s[start:])
	return b.String()
}

// needsClean and shown read ASCII without decoding runes: they say what
// reading s rune by rune says, broken UTF-8 included.
func TestCleanChecksAreRuneByRune(t *testing.T) {
	byRune := func(s string) (needs, shows bool) {
		for _, r := range s {
			keep := r == '\n' || r == '\t'
			needs = needs || !keep && drop(r)
			shows = shows || keep || !drop(r)
		}
		return needs, shows
	}
	pieces := []string{"a", " ", "\n", "\t", "\x00", "\x1b", "\x7f", "é", "\u202e", "\u2066", "\xff", "\xe2\x80", "\u0085", "\uFFFD"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		needs, shows := byRune(s)
		if needsClean(s) != needs || shown(s) != shows {
			t.Fatalf("%q: needsClean %v shown %v, rune by rune %v %v", s, needsClean(s), shown(s), needs, shows)
		}
	}
}

// joined is strings.Join, made in the writer's reused buffer.
func TestJoinedIsJoin(t *testing.T) {
	var w writer
	for _, l := range [][]string{nil, {""}, {"a"}, {"Erasmus+ (SEPIE)", "Mobility <1>"}, {"x", "", "y & z"}} {
		if got, want := w.joined(l, ", "), strings.Join(l, ", "); got != want {
			t.Errorf("%q: %q, want %q", l, got, want)
		}
	}
}
