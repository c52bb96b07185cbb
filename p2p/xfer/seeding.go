package xfer

import (
	"math/rand/v2"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/network"

	"essaim/p2p/bitfield"
	"essaim/p2p/content"
)

// Initial seeding. When a crowd downloads a work that only one holder
// has, that holder's upload is the swarm's bound, and every chunk it sends
// twice before it sent every chunk once is time lost for all. Downloaders
// cannot avoid it on their own: each picks the chunks it thinks rarest
// from its own view, and several pick the same one before the others'
// haves reach them. So a complete holder accepts every session "in turn":
// it tells the session which chunks it shows, and only those are for
// rarest first (a reader's window may still ask any chunk). A session
// alone is shown the whole work. Once seedCrowd sessions are open at
// once, each is shown only a few chunks, those shown least, and one more
// each time one of them is sent to it (or when it has been sent nothing
// for a while, as the downloader may have found its chunks elsewhere);
// sessions that were shown the whole work get a shown frame replacing
// that with what they asked and a few fresh chunks. How far a session is
// shown ahead grows with the rate it is sent chunks at, so a fast path is
// not held to a short pipeline. Once every chunk went out at least once,
// or a session is alone again, it is shown the whole work again (another
// shown frame). BitTorrent's super-seeding (BEP 16) follows the same idea.
//
// The decisions are I/O-free: the crowd is told the time and what a
// session has asked, and returns what to announce.

const (
	// seedCrowd is how many sessions of a complete work must be open at
	// once for them to be shown chunks in turn.
	seedCrowd = 2
	// seedAhead is how many chunks shown and not yet sent a session keeps
	// at least: above the downloader's window at the rates where the
	// holder's upload is shared.
	seedAhead = 8
	// seedAheadMax bounds it: a session sent more than seedAhead chunks
	// during the last seedRateSpan keeps that many ahead, up to a full
	// window.
	seedAheadMax = MaxWindow
	seedRateSpan = time.Second
	// seedStarve is how long a session may be sent nothing before it is
	// shown one more chunk.
	seedStarve = time.Second
)

// crowd is the initial-seeding state of one work at one holder, shared by
// the sessions serving it. Its methods are safe for concurrent use; a
// view's fields are guarded by the crowd's mutex.
type crowd struct {
	mu       sync.Mutex
	n        int
	sent     *bitfield.Bitfield // chunks sent at least once, to anyone
	order    []int32            // a random permutation of the chunks
	next     int                // order[:next] were passed by show's first round
	showing  []uint16           // per chunk: in-turn sessions shown it that were not sent it
	sessions int
	views    map[*view]struct{}
}

// view is what one session of a crowd is shown: the whole work (turn
// false) or the chunks in shown. wantTurn is what it should be shown; when
// the two differ, the next take replaces the session's set.
type view struct {
	shown    *bitfield.Bitfield // what the session was told (every chunk while !turn)
	got      *bitfield.Bitfield // of shown, sent to this session (while turn)
	ahead    int                // shown, not yet sent to this session (while turn)
	pending  []int              // shown, not yet announced
	turn     bool
	wantTurn bool
	recent   []time.Time // when the last chunks (up to seedAheadMax) were sent to it, oldest first
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
// bitfield its accept shows, or a nil view when every chunk has gone out
// already (the session is accepted as complete).
func (c *crowd) join(now time.Time) (*view, []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sessions++
	if c.sent.Complete() {
		return nil, nil
	}
	crowded := c.sessions >= seedCrowd
	v := &view{turn: crowded, wantTurn: crowded, lastSent: now, kick: make(chan struct{}, 1)}
	if crowded {
		v.shown, v.got = bitfield.New(c.n), bitfield.New(c.n)
		for range seedAhead {
			if !c.show(v, false) {
				break
			}
		}
		v.pending = nil // in the accept
		for w := range c.views {
			c.want(w, true)
		}
	} else {
		v.shown = bitfield.Full(c.n)
	}
	c.views[v] = struct{}{}
	return v, v.shown.Clone().Bytes()
}

// leave ends a session (v nil for one accepted as complete) and reports
// whether the crowd has no session left. A session left alone is shown
// the whole work again.
func (c *crowd) leave(v *view) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sessions--
	if v != nil {
		delete(c.views, v)
		c.release(v)
	}
	if c.sessions < seedCrowd {
		for w := range c.views {
			c.want(w, false)
		}
	}
	return c.sessions == 0
}

// want sets what v should be shown and wakes its session when that
// changes what it was told. The caller holds c.mu.
func (c *crowd) want(v *view, turn bool) {
	v.wantTurn = turn
	if v.turn != turn {
		poke(v.kick)
	}
}

// release takes v's shown chunks out of the showing counts. The caller
// holds c.mu.
func (c *crowd) release(v *view) {
	if !v.turn {
		return
	}
	for x := range c.n {
		if v.shown.Has(x) && !v.got.Has(x) && c.showing[x] > 0 {
			c.showing[x]--
		}
	}
}

// show picks the next chunk for v: one not sent and no in-turn session was
// shown yet, else one not sent and shown to no session waiting for it,
// else, when shared is set (v starves), the unsent chunk v was not shown
// that the fewest sessions wait for. It reports false when there is none.
// The caller holds c.mu.
func (c *crowd) show(v *view, shared bool) bool {
	for c.next < c.n {
		x := int(c.order[c.next])
		c.next++
		if !c.sent.Has(x) && !v.shown.Has(x) && c.showing[x] == 0 {
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
	poke(v.kick)
}

// target is how many chunks v keeps shown ahead at now: seedAhead, or
// the chunks sent to it during the last seedRateSpan, up to seedAheadMax.
func (v *view) target(now time.Time) int {
	k := 0
	for i := len(v.recent) - 1; i >= 0 && now.Sub(v.recent[i]) < seedRateSpan; i-- {
		k++
	}
	return min(seedAheadMax, max(seedAhead, k))
}

// sentChunk records that chunk x went out on v's session (v nil: a
// session accepted as complete) and shows v more chunks to keep it its
// target ahead. It reports whether x was the last chunk not sent yet;
// every session is then shown the whole work.
func (c *crowd) sentChunk(v *view, x int, now time.Time) (last bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sent.Set(x) && c.sent.Complete() {
		last = true
		for w := range c.views {
			c.want(w, false)
		}
	}
	if v == nil {
		return last
	}
	if len(v.recent) == seedAheadMax {
		v.recent = append(v.recent[:0], v.recent[1:]...)
	}
	v.recent = append(v.recent, now)
	if !v.turn {
		return last
	}
	v.lastSent = now
	if v.shown.Has(x) && v.got.Set(x) {
		v.ahead--
		if c.showing[x] > 0 {
			c.showing[x]--
		}
	}
	if v.wantTurn {
		for v.ahead < v.target(now) && c.show(v, false) {
		}
	}
	return last
}

// tick shows a session in turn that has asked for nothing for seedStarve
// one more chunk: the downloader may have found those it was shown
// elsewhere. asking says whether the session has requests waiting now.
func (c *crowd) tick(v *view, asking bool, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !v.turn || !v.wantTurn {
		return
	}
	if asking {
		v.lastSent = now
	}
	if now.Sub(v.lastSent) < seedStarve {
		return
	}
	v.lastSent = now
	c.show(v, true)
}

// take returns what to tell v's session now: the chunks shown since the
// last take (have frames), or, when what it is to be shown changed, its
// whole new set (a shown frame, set non-nil). asked is the chunks the
// session has asked and not yet been sent: a session shown the whole work
// that is to take turns keeps them and is shown target fresh ones.
func (c *crowd) take(v *view, asked []int, now time.Time) (haves []int, set []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case v.turn == v.wantTurn:
		haves, v.pending = v.pending, nil
		return haves, nil
	case v.wantTurn:
		c.narrow(v, asked, now)
	default:
		c.release(v)
		v.turn, v.shown, v.got, v.ahead = false, bitfield.Full(c.n), nil, 0
	}
	v.pending = nil // in the set
	return nil, v.shown.Clone().Bytes()
}

// narrow turns v, shown the whole work, to taking turns. The caller holds
// c.mu.
func (c *crowd) narrow(v *view, asked []int, now time.Time) {
	v.turn, v.shown, v.got, v.ahead, v.lastSent = true, bitfield.New(c.n), bitfield.New(c.n), 0, now
	for _, x := range asked {
		if x >= 0 && x < c.n && v.shown.Set(x) {
			c.showing[x]++
			v.ahead++
		}
	}
	for range v.target(now) {
		if !c.show(v, false) {
			break
		}
	}
}

// poke leaves a value in a kick channel unless one is waiting already.
func poke(kick chan struct{}) {
	select {
	case kick <- struct{}{}:
	default:
	}
}

// tellShown announces what the crowd shows a session now: the chunks
// shown since last time, or a shown frame replacing its set.
func (s *Server) tellShown(st network.Stream, place seat, queue *queueState) error {
	haves, set := place.c.take(place.v, queue.asked(), s.cfg.Now())
	frame := haveFrames(haves)
	if set != nil {
		frame = shownFrame(set)
	}
	if len(frame) == 0 {
		return nil
	}
	return writeAll(st, frame, deadline(len(frame)))
}

// seat is a session's place in its work's crowd; the zero value is a
// session of a work still being filled, which shows what it holds.
type seat struct {
	c *crowd
	v *view // nil: the session was accepted as complete
}

// joinCrowd counts a session of a complete work of n chunks.
func (s *Server) joinCrowd(root content.Hash, n int) (seat, []byte) {
	// Joined under s.mu, so the crowd's last session cannot leave (and
	// the crowd be forgotten) between the lookup and the join.
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.crowds[root]
	if c == nil {
		c = newCrowd(n, s.rng)
		s.crowds[root] = c
	}
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
