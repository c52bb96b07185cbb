package xfer

import (
	"math/rand/v2"
	"sync"
	"time"

	"essaim/p2p/bitfield"
	"essaim/p2p/content"
)

// Initial seeding. When a crowd downloads a work that only one holder
// has, that holder's upload is the swarm's bound, and every chunk it sends
// twice before it sent every chunk once is time lost for all. Downloaders
// cannot avoid it on their own: each picks the chunks it thinks rarest
// from its own view, and several pick the same one before the others'
// haves reach them. So a complete holder serving a work to several
// sessions at once shows each later session only a few chunks, those it
// has shown least, and one more each time it sends one of them (or when
// the session has been sent nothing for a while, as the downloader may
// have found the chunks it was shown elsewhere). The first session, which
// came alone, keeps the whole bitfield. Once every chunk went out at least
// once, every session is shown the rest and the crowd ends. BitTorrent's
// super-seeding (BEP 16) follows the same idea.

const (
	// seedCrowd is how many sessions of a complete work must be open at
	// once for its new sessions to be shown chunks in turn.
	seedCrowd = 2
	// seedAhead is how many chunks shown and not yet sent a session keeps:
	// above the downloader's window at the rates where the holder's
	// upload is shared.
	seedAhead = 8
	// seedStarve is how long a session may be sent nothing before it is
	// shown one more chunk.
	seedStarve = time.Second
	// seedBatch bounds the haves taken at once when a crowd ends.
	seedBatch = 4096
)

// crowd is the initial-seeding state of one work at one holder, shared by
// the sessions serving it. Its methods are safe for concurrent use.
type crowd struct {
	mu       sync.Mutex
	n        int
	sent     *bitfield.Bitfield // chunks sent at least once, to anyone
	order    []int32            // a random permutation of the chunks
	next     int                // order[:next] were shown to some session
	showing  []uint16           // per chunk: sessions shown it that were not sent it
	sessions int
	views    map[*view]struct{}
}

// view is what one session of a crowd has been shown.
type view struct {
	shown    *bitfield.Bitfield
	got      *bitfield.Bitfield // of those, sent to this session
	ahead    int                // shown, not yet sent to this session
	pending  []int              // shown, not yet announced
	all      bool               // the crowd ended: show everything
	cursor   int                // where the next "show everything" batch starts
	lastSent time.Time
	kick     chan struct{} // a value when there is something to take
}

func newCrowd(n int, rng *rand.Rand) *crowd {
	c := &crowd{n: n, sent: bitfield.New(n), order: make([]int32, n), showing: make([]uint16, n), views: map[*view]struct{}{}}
	for i := range c.order {
		c.order[i] = int32(i)
	}
	rng.Shuffle(n, func(i, j int) { c.order[i], c.order[j] = c.order[j], c.order[i] })
	return c
}

// join counts a new session. It returns the session's view and the
// bitfield its accept shows, or a nil view when the session is to see the
// whole work (it came alone, or every chunk has gone out already).
func (c *crowd) join(now time.Time) (*view, []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sessions++
	if c.sessions < seedCrowd || c.sent.Complete() {
		return nil, nil
	}
	v := &view{shown: bitfield.New(c.n), got: bitfield.New(c.n), lastSent: now, kick: make(chan struct{}, 1)}
	for range seedAhead {
		c.show(v, false)
	}
	v.pending = nil // in the accept
	c.views[v] = struct{}{}
	return v, v.shown.Clone().Bytes()
}

// leave ends a session (v nil for one that saw the whole work) and
// reports whether the crowd has no session left.
func (c *crowd) leave(v *view) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sessions--
	if v != nil {
		delete(c.views, v)
		for x := range c.n {
			if v.shown.Has(x) && !v.got.Has(x) && c.showing[x] > 0 {
				c.showing[x]--
			}
		}
	}
	return c.sessions == 0
}

// show picks the next chunk for v: one nobody was shown yet, else one
// not sent to anyone and shown to no other session waiting for it, else,
// when shared is set (v starves), the unsent chunk v was not shown that
// the fewest sessions wait for. It reports false when there is none. The
// caller holds c.mu.
func (c *crowd) show(v *view, shared bool) bool {
	for c.next < c.n {
		x := int(c.order[c.next])
		c.next++
		if !c.sent.Has(x) && !v.shown.Has(x) {
			c.reveal(v, x)
			return true
		}
	}
	best, fewest := -1, uint16(0)
	for _, o := range c.order {
		x := int(o)
		if c.sent.Has(x) || v.shown.Has(x) {
			continue
		}
		if c.showing[x] == 0 {
			c.reveal(v, x)
			return true
		}
		if best < 0 || c.showing[x] < fewest {
			best, fewest = x, c.showing[x]
		}
	}
	if shared && best >= 0 {
		c.reveal(v, best)
		return true
	}
	return false
}

func (c *crowd) reveal(v *view, x int) {
	c.showing[x]++
	v.shown.Set(x)
	v.ahead++
	v.pending = append(v.pending, x)
	select {
	case v.kick <- struct{}{}:
	default:
	}
}

// sentChunk records that chunk x went out on v's session (v nil: a
// session that sees the whole work) and shows v the next chunk. It
// reports whether x was the last chunk not sent yet.
func (c *crowd) sentChunk(v *view, x int, now time.Time) (last bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != nil && v.shown.Has(x) && v.got.Set(x) && c.showing[x] > 0 {
		c.showing[x]--
	}
	if c.sent.Set(x) && c.sent.Complete() {
		last = true
		for w := range c.views {
			w.all = true
			select {
			case w.kick <- struct{}{}:
			default:
			}
		}
	}
	if v == nil || v.all {
		return last
	}
	v.lastSent = now
	if v.shown.Has(x) {
		v.ahead--
	}
	for v.ahead < seedAhead && c.show(v, false) {
	}
	return last
}

// tick shows a session that has asked for nothing for seedStarve one
// more chunk: the downloader may have found those it was shown elsewhere.
// asking says whether the session has requests waiting now.
func (c *crowd) tick(v *view, asking bool, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if asking {
		v.lastSent = now
	}
	if v.all || now.Sub(v.lastSent) < seedStarve {
		return
	}
	v.lastSent = now
	c.show(v, true)
}

// take returns the chunks to announce to v's session now: those shown
// since the last take, or, once the crowd ended, the next batch of those
// it has not been shown.
func (c *crowd) take(v *view) []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := v.pending
	v.pending = nil
	if !v.all {
		return out
	}
	for ; v.cursor < c.n && len(out) < seedBatch; v.cursor++ {
		if v.shown.Set(v.cursor) {
			out = append(out, v.cursor)
		}
	}
	if v.cursor < c.n {
		select {
		case v.kick <- struct{}{}:
		default:
		}
	}
	return out
}

// seat is a session's place in its work's crowd; the zero value is a
// session of a work still being filled, which shows what it holds.
type seat struct {
	c *crowd
	v *view // nil: the session sees the whole work
}

// joinCrowd counts a session of a complete work of n chunks.
func (s *Server) joinCrowd(root content.Hash, n int) (seat, []byte) {
	s.mu.Lock()
	c := s.crowds[root]
	if c == nil {
		c = newCrowd(n, s.rng)
		s.crowds[root] = c
	}
	s.mu.Unlock()
	v, shown := c.join(s.cfg.Now())
	return seat{c: c, v: v}, shown
}

// leaveCrowd ends a session's seat, forgetting the crowd with its last.
func (s *Server) leaveCrowd(root content.Hash, st seat) {
	if st.c == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if st.c.leave(st.v) && s.crowds[root] == st.c {
		delete(s.crowds, root)
	}
}
