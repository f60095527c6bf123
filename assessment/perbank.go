package assessment

import (
	"runtime"
	"sync"
	"weak"
)

// PerBank memoises what build derives from a bank: one value per bank,
// made on first use, safe for concurrent use (a server writes many
// reports at once). build may read ids, kinds, weights and order, which
// never change once a bank is loaded; not texts, which a translation
// changes on its copy. A bank no longer in use takes its value with it.
func PerBank[T any](build func(*Bank) T) func(*Bank) T {
	var m sync.Map // weak.Pointer[Bank] → T
	return func(b *Bank) T {
		k := weak.Make(b)
		if v, ok := m.Load(k); ok {
			return v.(T)
		}
		v, loaded := m.LoadOrStore(k, build(b))
		if !loaded {
			runtime.AddCleanup(b, func(k weak.Pointer[Bank]) { m.Delete(k) }, k)
		}
		return v.(T)
	}
}
