package sched

import (
	"container/heap"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"essaim/p2p/bitfield"
)

// The simulated swarm: peers with random holdings, speeds and faults,
// driven through the public API on a virtual clock, as the fetch loop
// would drive it.

type fault int

const (
	honest  fault = iota
	staller       // goes silent after serving a few chunks
	liar          // sends bad data some of the time
	leaver        // disconnects at a random time
)

type simPeer struct {
	id        string
	truth     []int // chunks it really has
	announced int   // truth[:announced] told at join; the rest by Have later
	fault     fault
	service   time.Duration
	latency   time.Duration
	badProb   float64
	serveLeft int // staller: chunks served before going silent
	busyUntil time.Time
	cancelled map[int]bool
	online    bool
	joinAt    time.Time
}

type simEvent struct {
	at    time.Time
	seq   int
	kind  int // evJoin, evHave, evDeliver, evLeave, evTick
	peer  *simPeer
	chunk int
	bad   bool
}

const (
	evJoin = iota
	evHave
	evDeliver
	evLeave
	evTick
)

type eventQueue []*simEvent

func (q eventQueue) Len() int { return len(q) }
func (q eventQueue) Less(i, j int) bool {
	if !q[i].at.Equal(q[j].at) {
		return q[i].at.Before(q[j].at)
	}
	return q[i].seq < q[j].seq
}
func (q eventQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *eventQueue) Push(x any)   { *q = append(*q, x.(*simEvent)) }
func (q *eventQueue) Pop() any {
	old := *q
	e := old[len(old)-1]
	*q = old[:len(old)-1]
	return e
}

type swarm struct {
	t        *testing.T
	r        *rand.Rand
	s        *Scheduler
	n        int
	got      []bool // ground truth of what we hold
	peers    []*simPeer
	q        eventQueue
	seq      int
	now      time.Time
	work     int // pending non-tick events
	checkAll bool
	ticking  bool
	stats    *simStats
	player   *player // reads as it downloads, when set (want_sim_test.go)
}

// simStats counts what the runs exercised, so a test can insist the
// faults really happened.
type simStats struct{ expired, dropped, banned, cancels, bad int }

func (w *swarm) push(e *simEvent) {
	w.seq++
	e.seq = w.seq
	if e.kind != evTick && e.kind != evPlay {
		w.work++
	}
	heap.Push(&w.q, e)
}

func newSwarm(t *testing.T, seed uint64, stats *simStats) (*swarm, bool) {
	r := rand.New(rand.NewPCG(seed, 99))
	n := 1 + r.IntN(300)
	w := &swarm{t: t, r: r, n: n, got: make([]bool, n), now: t0, checkAll: n < 100, stats: stats}
	held := bitfield.New(n)
	for x := range n {
		if r.IntN(10) == 0 {
			held.Set(x)
			w.got[x] = true
		}
	}
	cfg := Config{MinWindow: 1 + r.IntN(3), MaxWindow: 4 + r.IntN(16), InitWindow: 2 + r.IntN(4),
		TargetQueue: 50 * time.Millisecond, MinTimeout: time.Second, MaxStrikes: 1 + r.IntN(3),
		MaxStalls: 1 + r.IntN(3), EndgameDup: r.IntN(4) - 1, ChunkSize: 1000}
	w.s = New(n, held, cfg, rand.New(rand.NewPCG(seed, 7)))
	cover := slices.Clone(w.got)
	for i := range 1 + r.IntN(10) {
		p := &simPeer{id: fmt.Sprint("p", i), fault: fault(r.IntN(4)), cancelled: map[int]bool{},
			service: time.Duration(1+r.IntN(10)) * time.Millisecond,
			latency: time.Duration(1+r.IntN(30)) * time.Millisecond,
			badProb: 0.2 + 0.8*r.Float64(), serveLeft: r.IntN(20)}
		if r.IntN(3) > 0 {
			p.fault = honest
		}
		density := r.Float64()
		for x := range n {
			if r.Float64() < density {
				p.truth = append(p.truth, x)
				if p.fault == honest {
					cover[x] = true
				}
			}
		}
		r.Shuffle(len(p.truth), func(i, j int) { p.truth[i], p.truth[j] = p.truth[j], p.truth[i] })
		p.announced = r.IntN(len(p.truth) + 1)
		join := t0.Add(time.Duration(r.IntN(500)) * time.Millisecond)
		w.push(&simEvent{at: join, kind: evJoin, peer: p})
		for _, x := range p.truth[p.announced:] {
			w.push(&simEvent{at: join.Add(time.Duration(1+r.IntN(2000)) * time.Millisecond), kind: evHave, peer: p, chunk: x})
		}
		if p.fault == leaver {
			w.push(&simEvent{at: join.Add(time.Duration(r.IntN(2000)) * time.Millisecond), kind: evLeave, peer: p})
		}
		w.peers = append(w.peers, p)
	}
	return w, !slices.Contains(cover, false)
}

func (w *swarm) fail(format string, args ...any) {
	w.t.Helper()
	w.t.Fatalf("at %v: "+format, append([]any{w.now.Sub(t0)}, args...)...)
}

// run drives the swarm until the download is done or nothing is left that
// could change it; it reports whether the download finished.
func (w *swarm) run() bool {
	for steps := 0; w.q.Len() > 0; steps++ {
		if steps > 200000 || w.now.Sub(t0) > time.Hour {
			w.fail("no termination after %d events", steps)
		}
		e := heap.Pop(&w.q).(*simEvent)
		if e.kind != evTick && e.kind != evPlay {
			w.work--
		}
		w.now = e.at
		w.handle(e)
		if w.checkAll || steps%50 == 0 {
			if err := w.s.check(); err != nil {
				w.fail("after event %d: %v", e.kind, err)
			}
		}
		if w.s.Done() {
			return true
		}
		w.refill()
		// Tick while anything could still happen, as the real loop's
		// ticker would.
		if !w.ticking && (w.work > 0 || w.inFlight() > 0) {
			w.ticking = true
			w.push(&simEvent{at: w.now.Add(200 * time.Millisecond), kind: evTick})
		}
	}
	return false
}

func (w *swarm) handle(e *simEvent) {
	p := e.peer
	switch e.kind {
	case evJoin:
		have := bitfield.New(w.n)
		for _, x := range p.truth[:p.announced] {
			have.Set(x)
		}
		if err := w.s.AddPeer(p.id, have, w.now); err != nil {
			w.fail("join %s: %v", p.id, err)
		}
		p.online = true
	case evHave:
		if p.online {
			w.s.Have(p.id, e.chunk)
		}
	case evLeave:
		if p.online {
			p.online = false
			w.s.RemovePeer(p.id)
		}
	case evDeliver:
		w.deliver(p, e.chunk, e.bad)
	case evPlay:
		w.play(w.player)
	case evTick:
		w.ticking = false
		expired, dropped := w.s.Tick(w.now)
		w.stats.expired += len(expired)
		w.stats.dropped += len(dropped)
		for _, id := range dropped {
			// Honest peers serve well inside MinTimeout: dropping one
			// would mean the timeout misjudged a working peer.
			if w.peer(id).fault == honest {
				w.fail("honest peer %s dropped", id)
			}
			w.peer(id).online = false
		}
	}
}

func (w *swarm) deliver(p *simPeer, x int, bad bool) {
	if !p.online || p.cancelled[x] {
		delete(p.cancelled, x)
		return
	}
	if bad {
		w.stats.bad++
		if w.s.Bad(p.id, x) {
			w.stats.banned++
			p.online = false
			if !w.s.Banned(p.id) || w.s.AddPeer(p.id, nil, w.now) == nil {
				w.fail("%s banned but not refused", p.id)
			}
		}
		return
	}
	w.got[x] = true
	for _, c := range w.s.Received(p.id, x, 1000, w.now) {
		w.stats.cancels++
		if c.Chunk != x {
			w.fail("cancel %v for a delivery of %d", c, x)
		}
		if w.r.IntN(2) == 0 { // the cancel may lose the race
			w.peer(c.Peer).cancelled[x] = true
		}
	}
}

// refill asks every online peer for work and checks each answer.
func (w *swarm) refill() {
	for _, p := range w.peers {
		if !p.online {
			if got := w.s.Next(p.id, w.now); got != nil {
				w.fail("offline or banned %s was asked for %v", p.id, got)
			}
			continue
		}
		got := w.s.Next(p.id, w.now)
		if len(got) == 0 {
			continue
		}
		st, _ := peerStat(w.s, p.id)
		if st.InFlight > st.Window {
			w.fail("%s: %d in flight, window %d", p.id, st.InFlight, st.Window)
		}
		for _, x := range got {
			if w.got[x] {
				w.fail("asked %s for chunk %d we hold", p.id, x)
			}
			w.serve(p, x)
		}
	}
}

// serve schedules what peer p does with a request for x.
func (w *swarm) serve(p *simPeer, x int) {
	delete(p.cancelled, x)
	if p.fault == staller {
		if p.serveLeft == 0 {
			return
		}
		p.serveLeft--
	}
	start := w.now.Add(p.latency)
	if p.busyUntil.After(start) {
		start = p.busyUntil
	}
	p.busyUntil = start.Add(p.service)
	bad := p.fault == liar && w.r.Float64() < p.badProb
	w.push(&simEvent{at: p.busyUntil.Add(p.latency), kind: evDeliver, peer: p, chunk: x, bad: bad})
}

func (w *swarm) peer(id string) *simPeer {
	for _, p := range w.peers {
		if p.id == id {
			return p
		}
	}
	w.fail("unknown peer %q", id)
	return nil
}

func (w *swarm) inFlight() (n int) {
	for _, st := range w.s.Peers() {
		n += st.InFlight
	}
	return n
}

func TestSwarmProperties(t *testing.T) {
	seeds := 1000
	if testing.Short() {
		seeds = 100
	}
	finished, covered := 0, 0
	var st simStats
	for seed := range uint64(seeds) {
		w, cover := newSwarm(t, seed, &st)
		done := w.run()
		if cover {
			covered++
			if !done {
				t.Fatalf("seed %d: honest peers cover every chunk but %d are missing", seed, w.s.Missing())
			}
		}
		if done {
			finished++
			for x, ok := range w.got {
				if !ok {
					t.Fatalf("seed %d: done without chunk %d", seed, x)
				}
			}
		}
	}
	t.Logf("%d seeds: %d covered by honest peers, %d finished; %+v", seeds, covered, finished, st)
	if covered < seeds/4 || st.expired == 0 || st.dropped == 0 || st.banned == 0 || st.cancels == 0 {
		t.Fatalf("the swarm did not exercise every rule: %d of %d covered, %+v", covered, seeds, st)
	}
}
