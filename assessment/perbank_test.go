package assessment

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// One value per bank, also when many ask at once; a copy of the bank has
// its own; a bank no longer used is let go with its value.
func TestPerBank(t *testing.T) {
	var builds atomic.Int32
	var freed atomic.Bool
	index := PerBank(func(b *Bank) *[]int {
		builds.Add(1)
		v := make([]int, len(b.Items))
		runtime.AddCleanup(&v, func(*atomic.Bool) { freed.Store(true) }, &freed)
		return &v
	})
	b := smallBank(t)
	var wg sync.WaitGroup
	got := make([]*[]int, 16)
	for i := range got {
		wg.Go(func() { got[i] = index(b) })
	}
	wg.Wait()
	for _, v := range got {
		if v != got[0] || len(*v) != len(b.Items) {
			t.Fatal("asked at once, the bank got different values")
		}
	}
	if index(b) != got[0] {
		t.Error("asked again, the bank got another value")
	}
	n := builds.Load()
	if index(b.Clone()) == got[0] || builds.Load() != n+1 {
		t.Error("a copy of the bank shares its original's value")
	}
	got = nil
	runtime.KeepAlive(b)
	b = nil
	for range 50 {
		if runtime.GC(); freed.Load() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Error("a bank no longer used keeps its value")
}
