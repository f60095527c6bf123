//go:build unix

// Command loadtest puts N simulated participants on a `digint serve` over
// loopback SSH, each starting an assessment and answering a quick scan at
// a person's pace with bursts, and reports key-to-screen latency, answers
// saved per second, the server's peak memory per session and its CPU.
// Each client is a terminal emulator (charmbracelet/x/vt) that answers the
// program's queries as a terminal does; a key's latency runs to the moment
// the emulated screen shows what the key changed (the answered count), not
// to the first bytes that come back. The clients run in this process, the
// server in its own: the clients' CPU is reported beside the server's. The
// floor is the same clients on a minimal SSH server that answers each key
// with the count (started by this program as a child process), in the same
// run. -profile DIR has the server write CPU and heap profiles there.
//
// This machine's speed drifts within minutes, so two builds (or settings)
// compare only in runs taken in turns: -digint takes several binaries,
// and -rounds repeats each N, every binary once per round, one after the
// other.
//
//	go build -o /tmp/digint ./cmd/digint
//	go run ./tui/serve/loadtest -digint /tmp/digint -n 50,200,500
//	go run ./tui/serve/loadtest -digint /tmp/old,/tmp/new -n 500 -rounds 3 -floor=false
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/digint/digint/assessment"
	"github.com/digint/digint/storage"
)

func main() {
	digint := flag.String("digint", "", "the digint binary; several, comma-separated, run in turns")
	rounds := flag.Int("rounds", 1, "runs of each N, every binary once per round")
	ns := flag.String("n", "50,200", "numbers of participants, one run each")
	think := flag.Duration("think", 1500*time.Millisecond, "mean pause between answers")
	profile := flag.String("profile", "", "a directory for the server's CPU profile and its heap with every session open")
	detail := flag.Bool("detail", false, "also break the latency down by kind of key and by ten-second window")
	withFloor := flag.Bool("floor", true, "measure the floor too")
	floorServer := flag.String("floor-server", "", "internal: run the echo floor server on this address")
	flag.BoolVar(&answerQueries, "answer-queries", true, "the clients' terminals answer the program's queries")
	flag.Parse()
	// The clients' own collector must not be what the latency measures:
	// hundreds of terminal emulators are a big heap, marked often.
	debug.SetGCPercent(400)
	if *floorServer != "" {
		runFloor(*floorServer)
		return
	}
	if *digint == "" {
		fmt.Fprintln(os.Stderr, "loadtest: -digint PATH is needed")
		os.Exit(2)
	}
	bins := strings.Split(*digint, ",")
	for _, f := range strings.Split(*ns, ",") {
		n, err := strconv.Atoi(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		for round := 1; round <= *rounds; round++ {
			var floor result
			if *withFloor {
				floor = runOne(n, *think, startFloor)
			}
			for _, bin := range bins {
				ours := runOne(n, *think, func(port int, dir string) (*exec.Cmd, string) { return startServe(bin, port, dir, *profile) })
				if len(bins) > 1 || *rounds > 1 {
					fmt.Printf("round %d, %s: ", round, bin)
				}
				report(n, ours, floor)
				if *detail {
					breakdown(ours)
				}
			}
		}
	}
}

type result struct {
	samples    []sample
	t0         time.Time
	answers    int // keys that answered (ours: stored answers)
	stored     int
	phase      time.Duration
	rssBase    int // KiB before any session
	rssPeak    int // KiB at most while the sessions ran
	cpu        time.Duration
	clientCPU  time.Duration // this program's, the clients': it shares the machine
	failed     int
	firstError string
}

func report(n int, ours, floor result) {
	p := func(r result, q float64) time.Duration { return quantile(r.samples, q) }
	perSession := float64(ours.rssPeak-ours.rssBase) / float64(n) / 1024
	fmt.Printf("N=%d: p50 %v (floor %v, ×%.1f)  p99 %v (floor %v, ×%.1f)  answers stored %d of %d, %.1f/s  "+
		"server RSS %.1f MiB base, %.2f MiB/session  CPU %.0f%% of a core, %.1f ms per key (floor %.0f%%, clients %.0f%%)  failed sessions %d %s (floor %d %s)\n",
		n, p(ours, .5).Round(time.Microsecond), p(floor, .5).Round(time.Microsecond), ratio(p(ours, .5), p(floor, .5)),
		p(ours, .99).Round(time.Microsecond), p(floor, .99).Round(time.Microsecond), ratio(p(ours, .99), p(floor, .99)),
		ours.stored, ours.answers, float64(ours.stored)/ours.phase.Seconds(),
		float64(ours.rssBase)/1024, perSession, 100*ours.cpu.Seconds()/ours.phase.Seconds(), ours.cpu.Seconds()*1000/float64(max(1, len(ours.samples))),
		100*floor.cpu.Seconds()/floor.phase.Seconds(), 100*ours.clientCPU.Seconds()/ours.phase.Seconds(), ours.failed, ours.firstError, floor.failed, floor.firstError)
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// runOne starts a server, puts n participants on it, and measures.
func runOne(n int, think time.Duration, start func(port int, dir string) (*exec.Cmd, string)) result {
	dir, err := os.MkdirTemp("", "serve-load-*")
	check(err)
	defer os.RemoveAll(dir)
	port := freePort()
	cmd, code := start(port, dir)
	defer func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() }()
	addr := "127.0.0.1:" + strconv.Itoa(port)
	waitListening(addr)
	var r result
	r.rssBase, _ = procStat(cmd.Process.Pid)
	items := len(quickItems())
	var mu sync.Mutex
	var wg sync.WaitGroup
	open := make(chan struct{}, n)
	t0 := time.Now()
	r.t0 = t0
	_, cpu0 := procStat(cmd.Process.Pid)
	_, self0 := procStat(os.Getpid())
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * 10 * time.Millisecond) // people arrive over a few seconds
			lat, err := participant(addr, code, i, think, open)
			mu.Lock()
			defer mu.Unlock()
			r.samples = append(r.samples, lat...)
			r.answers += items
			if err != nil {
				r.failed++
				if r.firstError == "" {
					r.firstError = err.Error()
				}
			}
		}()
	}
	// Memory: the most the server holds while the sessions run, sampled;
	// a heap profile (when asked for) once every session is open.
	go func() {
		for range n {
			<-open
		}
		cmd.Process.Signal(syscall.SIGUSR1)
	}()
	sampled := make(chan struct{})
	stopSampling := make(chan struct{})
	go func() {
		defer close(sampled)
		for tick := time.NewTicker(250 * time.Millisecond); ; {
			select {
			case <-stopSampling:
				tick.Stop()
				return
			case <-tick.C:
				if rss, _ := procStat(cmd.Process.Pid); rss > r.rssPeak {
					r.rssPeak = rss
				}
			}
		}
	}()
	wg.Wait()
	close(stopSampling)
	<-sampled
	r.phase = time.Since(t0)
	_, cpu1 := procStat(cmd.Process.Pid)
	_, self1 := procStat(os.Getpid())
	r.cpu, r.clientCPU = cpu1-cpu0, self1-self0
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
	if code != "" {
		r.stored = storedAnswers(filepath.Join(dir, "load.db"), code)
	} else {
		r.stored = r.answers
	}
	return r
}

// quickItems are the keys that answer the quick scan, in its order.
func quickItems() []string {
	cat, err := assessment.DefaultCatalog()
	check(err)
	var keys []string
	for _, it := range cat.Current().Asked(assessment.ModeQuick) {
		switch it.Kind {
		case assessment.KindCount:
			keys = append(keys, "10\r")
		case assessment.KindSelfRating:
			keys = append(keys, "3")
		case assessment.KindMaturity:
			keys = append(keys, "2")
		default:
			keys = append(keys, "1")
		}
	}
	return keys
}

func startServe(digint string, port int, dir, profile string) (*exec.Cmd, string) {
	env := append(os.Environ(), "DIGINT_DB="+filepath.Join(dir, "load.db"))
	mk := exec.Command(digint, "workshop", "new", "--pin", "471147", "Load")
	mk.Env = env
	out, err := mk.Output()
	check(err)
	code := strings.TrimSpace(string(out))
	cmd := exec.Command(digint, "serve", "--lang", "en", "--listen", "127.0.0.1:"+strconv.Itoa(port), "--max-sessions", "2000",
		"--per-minute", "1000000", "--log", filepath.Join(dir, "serve.log"), "--host-key", filepath.Join(dir, "hostkey"))
	if profile != "" {
		cmd.Args = append(cmd.Args, "--debug-profile", profile)
	}
	cmd.Env = env
	check(cmd.Start())
	return cmd, code
}

func startFloor(port int, _ string) (*exec.Cmd, string) {
	self, err := os.Executable()
	check(err)
	cmd := exec.Command(self, "-floor-server", "127.0.0.1:"+strconv.Itoa(port))
	cmd.Stderr = os.Stderr
	check(cmd.Start())
	return cmd, ""
}

func storedAnswers(db, code string) int {
	cat, err := assessment.DefaultCatalog()
	check(err)
	s, err := storage.OpenReadOnly(db, cat)
	check(err)
	defer s.Close()
	l, err := s.List(context.Background(), storage.Filter{Workshop: code})
	check(err)
	n := 0
	for _, a := range l {
		n += a.Answered
	}
	return n
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func waitListening(addr string) {
	for range 100 {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	check(fmt.Errorf("nothing listens on %s", addr))
}

// procStat gives a process's resident memory (KiB) and CPU time so far.
func procStat(pid int) (int, time.Duration) {
	rss := 0
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
				rss, _ = strconv.Atoi(f[1])
			}
		}
	}
	var cpu time.Duration
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		ut, _ := strconv.Atoi(f[11])
		st, _ := strconv.Atoi(f[12])
		cpu = time.Duration(ut+st) * 10 * time.Millisecond // USER_HZ = 100
	}
	return rss, cpu
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}
