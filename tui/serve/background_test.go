package serve

import (
	"image/color"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// Light or dark comes from each client's own background: the program asks
// the session's terminal (OSC 11), and a terminal emulator standing in for
// the client answers. A light and a dark client at the same time get the
// same text in different colours; each looks the same as a lone client
// with that background.
func TestBackgroundPerSession(t *testing.T) {
	f := newFixture(t, nil)
	look := func(bg color.Color) (plain, styled string) {
		sess, err := f.mustDial(f.code).NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		sess.Setenv("LANG", "en_GB.UTF-8")
		if err := sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
		term := vt.NewSafeEmulator(100, 30)
		term.SetBackgroundColor(bg)
		in, _ := sess.StdinPipe()
		out, _ := sess.StdoutPipe()
		go io.Copy(term, out)
		go io.Copy(in, term) // the terminal's answers
		if err := sess.Shell(); err != nil {
			t.Fatal(err)
		}
		// The welcome, and then no change for a while: the answer has come.
		var last string
		for deadline, same := time.Now().Add(15*time.Second), 0; same < 5; time.Sleep(100 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the screen never settled on the welcome:\n%s", ansi.Strip(last))
			}
			now := term.Render()
			if now == last && strings.Contains(ansi.Strip(now), "Start a new assessment") {
				same++
			} else {
				same = 0
			}
			last = now
		}
		return ansi.Strip(last), last
	}
	white, black := color.RGBA{255, 255, 255, 255}, color.RGBA{0, 0, 0, 255}
	lightPlain, light := look(white)
	darkPlain, dark := look(black)
	if lightPlain != darkPlain {
		t.Fatalf("the text differs between a light and a dark client:\n%s\n---\n%s", lightPlain, darkPlain)
	}
	if light == dark {
		t.Fatal("a light and a dark client got the same colours")
	}
	if again, _ := look(white); again != lightPlain {
		t.Fatal("a second light client saw other text")
	}
	if _, again := look(white); again != light {
		t.Error("a light client after a dark one got other colours than the first light client")
	}
}
