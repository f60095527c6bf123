package serve

import "sync"

// claims keeps which live session has each assessment open, so that one
// personal code typed in two sessions does not open the same assessment
// twice, each session showing as saved what the other overwrote. It is
// this process's: servers sharing one PostgreSQL each keep their own.
type claims struct {
	mu     sync.Mutex
	holder map[string]*claimant // assessment id → the session that has it
}

// claimant is one session's hold: at most one assessment at a time.
type claimant struct {
	c  *claims
	id string
}

func (c *claims) newClaimant() *claimant { return &claimant{c: c} }

// claim makes id this session's, dropping the one it held; false when
// another live session holds id.
func (k *claimant) claim(id string) bool {
	c := k.c
	c.mu.Lock()
	defer c.mu.Unlock()
	if h, ok := c.holder[id]; ok && h != k {
		return false
	}
	if k.id != "" && k.id != id {
		delete(c.holder, k.id)
	}
	if c.holder == nil {
		c.holder = map[string]*claimant{}
	}
	c.holder[id], k.id = k, id
	return true
}

// release lets go of what the session held, as it ends.
func (k *claimant) release() {
	c := k.c
	c.mu.Lock()
	defer c.mu.Unlock()
	if k.id != "" && c.holder[k.id] == k {
		delete(c.holder, k.id)
	}
	k.id = ""
}
