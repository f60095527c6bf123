//go:build unix

package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// screen is a participant's terminal: a terminal emulator fed by the
// session's output, which answers the program's queries (background
// colour, modes) as a real terminal does. The latency is measured to the
// moment the emulated screen shows the change, not to any output.
type screen struct {
	mu     sync.Mutex
	vt     *vt.Emulator
	want   string         // text awaited on the screen ("" for none)
	seen   chan time.Time // when want appeared
	closed chan struct{}  // the session's output ended
	text   func() string  // the screen's text, for messages
	bytes  int            // output taken so far
	lastAt time.Time      // when output last came
}

func newScreen(w, h int) *screen {
	sc := &screen{vt: vt.NewEmulator(w, h), seen: make(chan time.Time, 1), closed: make(chan struct{})}
	sc.text = func() string {
		sc.mu.Lock()
		defer sc.mu.Unlock()
		return sc.vt.String()
	}
	return sc
}

// feed takes the session's output until it ends.
func (sc *screen) feed(out io.Reader) {
	defer close(sc.closed)
	buf := make([]byte, 32*1024)
	for {
		n, err := out.Read(buf)
		if n > 0 {
			at := time.Now()
			sc.mu.Lock()
			sc.bytes += n
			sc.lastAt = at
			sc.vt.Write(buf[:n])
			if sc.want != "" && strings.Contains(sc.vt.String(), sc.want) {
				sc.want = ""
				sc.seen <- at
			}
			sc.mu.Unlock()
		}
		if err != nil {
			sc.vt.Close()
			return
		}
	}
}

// await waits until the screen shows text (up to d) and says when it did.
func (sc *screen) await(text string, d time.Duration) (time.Time, error) {
	sc.mu.Lock()
	select {
	case <-sc.seen: // a stale sighting
	default:
	}
	if strings.Contains(sc.vt.String(), text) {
		sc.mu.Unlock()
		return time.Now(), nil
	}
	sc.want = text
	sc.mu.Unlock()
	select {
	case at := <-sc.seen:
		return at, nil
	case <-sc.closed:
		return time.Time{}, fmt.Errorf("the session closed before the screen showed %q", text)
	case <-time.After(d):
		sc.mu.Lock()
		sc.want = ""
		sc.mu.Unlock()
		sc.mu.Lock()
		b, ago := sc.bytes, time.Since(sc.lastAt)
		sc.mu.Unlock()
		return time.Time{}, fmt.Errorf("the screen never showed %q (%d bytes in all, the last %v ago); it shows %q", text, b, ago.Round(time.Millisecond), last(sc.text(), 400))
	}
}

var answerQueries = true

func last(s string, n int) string { return s[max(0, len(s)-n):] }

// participant starts an assessment and answers a quick scan: think,
// answer, sometimes a burst of three answers in a row. Each answer's
// latency runs from its key to the screen showing the answered count it
// brings.
func participant(addr, code string, i int, think time.Duration, open chan<- struct{}) ([]sample, error) {
	opened := false
	defer func() {
		if !opened {
			open <- struct{}{}
		}
	}()
	user := code
	if user == "" {
		user = "FLOOR"
	}
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: user, HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Auth:    []gossh.AuthMethod{gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })},
		Timeout: 30 * time.Second})
	if err != nil {
		return nil, err
	}
	defer c.Close()
	stop := time.AfterFunc(5*time.Minute, func() { c.Close() }) // a stuck session never stops the run
	defer stop.Stop()
	s, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	if err := s.Setenv("LANG", "en_GB.UTF-8"); err != nil {
		return nil, err
	}
	if err := s.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	in, _ := s.StdinPipe()
	out, _ := s.StdoutPipe()
	if err := s.Shell(); err != nil {
		return nil, err
	}
	sc := newScreen(100, 30)
	go sc.feed(out)
	if answerQueries {
		go io.Copy(in, sc.vt) // the terminal's answers to the program's queries
	} else {
		go io.Copy(io.Discard, sc.vt)
	}
	var keys sync.Mutex
	send := func(k string) {
		keys.Lock()
		io.WriteString(in, k)
		keys.Unlock()
	}
	pause := func(d time.Duration) { time.Sleep(d) }
	welcome := "Start a new assessment"
	if code == "" {
		welcome = "welcome"
	}
	if _, err := sc.await(welcome, 60*time.Second); err != nil {
		return nil, err
	}
	opened = true
	open <- struct{}{}
	items := quickItems()
	rng := rand.New(rand.NewPCG(uint64(i), 7))
	thinking := func() { pause(time.Duration(rng.Float64() * 2 * float64(think))) }
	var lat []sample
	if code != "" {
		// The start form at a person's pace: read the welcome, open the
		// form, type a name, move through the fields. The first and the
		// last key are measured too: the form, and the assessment it
		// starts in the store.
		thinking()
		t := time.Now()
		send("n")
		at, err := sc.await("Your name", 10*time.Second)
		if err != nil {
			return nil, err
		}
		lat = append(lat, sample{t, at.Sub(t), kindForm})
		thinking()
		send(fmt.Sprintf("P%d", i))
		for range 3 {
			pause(300*time.Millisecond + time.Duration(rng.Float64()*float64(think)/2))
			send("\r")
		}
		pause(300 * time.Millisecond)
		// An enter the form took while moving fields is lost: like a
		// person who still sees the form (and only then), press it again
		// (the wait counts).
		t = time.Now()
		send("\r")
		for try := 0; ; try++ {
			at, err := sc.await(answered(0, len(items)), 3*time.Second)
			if err == nil {
				lat = append(lat, sample{t, at.Sub(t), kindStart})
				break
			}
			if try == 5 {
				return nil, err
			}
			if strings.Contains(sc.text(), "Your name") { // still the form: the enter was lost
				send("\r")
			}
		}
	}
	for j := 0; j < len(items); j++ {
		burst := rng.IntN(5) == 0 && j+3 <= len(items)
		steps := 1
		if burst {
			steps = 3
		} else {
			pause(time.Duration(rng.Float64() * 2 * float64(think)))
		}
		for k := 0; k < steps; k++ {
			t := time.Now()
			send(items[j+k])
			at, err := sc.await(answered(j+k+1, len(items)), 10*time.Second)
			if err != nil {
				return lat, fmt.Errorf("answer %d: %w", j+k+1, err)
			}
			lat = append(lat, sample{t, at.Sub(t), kindAnswer})
			if burst {
				pause(50 * time.Millisecond)
			}
		}
		j += steps - 1
	}
	pause(500 * time.Millisecond)
	send("\x03")
	<-sc.closed
	return lat, s.Wait()
}

// answered is what the screen shows after n answers: the question
// screen's count, and the review after the last.
func answered(n, total int) string {
	if n == total {
		return "Every question is answered."
	}
	return fmt.Sprintf("all %d/%d", n, total)
}
