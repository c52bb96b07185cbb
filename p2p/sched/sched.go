// Package sched decides which chunk to ask of which peer during a
// multi-peer download: rarest first, a bounded pipeline per peer that
// follows its measured rate, an endgame that duplicates the last requests,
// and the handling of peers that stall, leave or send bad data.
//
// The Scheduler is a plain value driven by events. It starts no goroutine,
// does no I/O, reads no clock (the caller passes the time in) and draws
// randomness only from the *rand.Rand it is given, so a run is a pure
// function of its inputs and tests replay it exactly. It is not safe for
// concurrent use: one loop owns it.
package sched

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"essaim/p2p/bitfield"
)

var (
	// ErrBanned refuses a peer banned earlier in this download.
	ErrBanned = errors.New("peer banned")
	// ErrLength refuses a bitfield whose length is not the chunk count.
	ErrLength = errors.New("bitfield length mismatch")
	// ErrDuplicatePeer refuses a second AddPeer for a peer already present.
	ErrDuplicatePeer = errors.New("peer already present")
	// ErrUnknownPeer refuses an update for a peer that is not present.
	ErrUnknownPeer = errors.New("unknown peer")
)

// Config tunes the scheduler. Zero fields take the DefaultConfig value.
type Config struct {
	// MinWindow and MaxWindow bound the requests in flight to one peer;
	// InitWindow is where a new peer starts, before its rate is known.
	MinWindow, MaxWindow, InitWindow int
	// TargetQueue is how much work, in time at the peer's measured rate,
	// we keep queued at a peer: window = rate * TargetQueue / ChunkSize.
	TargetQueue time.Duration
	// MinTimeout is the floor of the request timeout; above it the
	// timeout scales with the time the peer needs to serve its window.
	MinTimeout time.Duration
	// MaxStrikes bad chunks ban a peer for the rest of the download.
	MaxStrikes int
	// MaxStalls timeouts in a row, with no chunk in between, drop a peer.
	MaxStalls int
	// EndgameDup is how many extra requests a chunk may have in the
	// endgame; a negative value turns the endgame off.
	EndgameDup int
	// ChunkSize is the size of a full chunk in bytes.
	ChunkSize int
	// Run is how many consecutive chunks one pick takes: the rarest
	// chunks come first in a random order, and each one picked brings
	// the free chunks of its block (Run chunks from a multiple of Run)
	// that are as rare and that the peer has, from the first of them. A
	// peer then sends runs of adjacent chunks, which the downloader
	// writes with one call each, and downloaders still spread over the
	// work at random, a run at a time. 1 picks chunk by chunk.
	Run int
}

// DefaultConfig returns the values used for zero Config fields.
func DefaultConfig() Config {
	return Config{
		MinWindow: 2, MaxWindow: 64, InitWindow: 4,
		TargetQueue: time.Second, MinTimeout: 5 * time.Second,
		MaxStrikes: 3, MaxStalls: 3, EndgameDup: 2,
		ChunkSize: 1 << 20, Run: 1,
	}
}

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	def := func(v *int, dv int) {
		if *v <= 0 {
			*v = dv
		}
	}
	def(&c.MinWindow, d.MinWindow)
	def(&c.MaxWindow, d.MaxWindow)
	def(&c.InitWindow, d.InitWindow)
	def(&c.MaxStrikes, d.MaxStrikes)
	def(&c.MaxStalls, d.MaxStalls)
	def(&c.ChunkSize, d.ChunkSize)
	def(&c.Run, d.Run)
	c.MaxWindow = max(c.MaxWindow, c.MinWindow)
	c.InitWindow = min(max(c.InitWindow, c.MinWindow), c.MaxWindow)
	if c.TargetQueue <= 0 {
		c.TargetQueue = d.TargetQueue
	}
	if c.MinTimeout <= 0 {
		c.MinTimeout = d.MinTimeout
	}
	switch {
	case c.EndgameDup == 0:
		c.EndgameDup = d.EndgameDup
	case c.EndgameDup < 0:
		c.EndgameDup = 0
	}
	return c
}

// Request names one chunk asked of one peer.
type Request struct {
	Peer  string
	Chunk int
}

// PeerStat is a snapshot of one peer as the scheduler sees it.
type PeerStat struct {
	ID       string
	Window   int     // requests allowed in flight
	InFlight int     // requests in flight
	Rate     float64 // measured bytes per second, 0 until known
	Received int     // verified chunks delivered
	Strikes  int     // bad chunks delivered
	Stalls   int     // timeouts since the last delivery
}

// flight is one chunk in flight and the peers it was asked of.
type flight struct {
	chunk int32
	peers []*peer
}

// chunk states
const (
	free     uint8 = iota // missing, not requested
	inflight              // missing, requested from one peer or more
	held                  // verified and stored
)

// Scheduler holds the download's state. The zero value is not usable:
// call New.
type Scheduler struct {
	cfg Config
	rng *rand.Rand
	n   int

	// Per chunk.
	state []uint8
	avail []int32 // peers present that have the chunk

	// Free chunks sorted by availability in buckets (see pick.go); chunks
	// in flight or held sit in the last bucket, unordered.
	order []int32
	pos   []int32
	start []int32

	// Chunks in flight with the peers asked, in request order; a list
	// (not a map) so the endgame scan is cheap and deterministic.
	flying []flight
	fpos   []int32 // chunk -> index in flying, while in flight

	missing int
	asks    uint64            // requests made so far, numbering them
	wants   map[string]Window // readers' windows (want.go)
	peers   map[string]*peer
	ids     []string // sorted keys of peers, for deterministic iteration
	banned  map[string]bool
}

// New returns a scheduler for n chunks of which have (may be nil) are
// already held; a have of another length counts as nothing held. rng breaks ties between equally rare chunks; nil means a
// fixed seed.
func New(n int, have *bitfield.Bitfield, cfg Config, rng *rand.Rand) *Scheduler {
	n = max(n, 0)
	if rng == nil {
		rng = rand.New(rand.NewPCG(1, 2))
	}
	s := &Scheduler{
		cfg: cfg.withDefaults(), rng: rng, n: n,
		state: make([]uint8, n), avail: make([]int32, n),
		order: make([]int32, n), pos: make([]int32, n), fpos: make([]int32, n),
		peers: map[string]*peer{}, banned: map[string]bool{},
	}
	for i := range s.order {
		s.order[i] = int32(i)
	}
	// A random initial order is the tie-break between equally rare
	// chunks: bucket moves below only swap, so it persists.
	rng.Shuffle(n, func(i, j int) { s.order[i], s.order[j] = s.order[j], s.order[i] })
	// Bucket 0 (no holder) then the busy bucket; held chunks go last.
	busy := 0
	for i, x := range s.order {
		if have != nil && have.Len() == n && have.Has(int(x)) {
			s.state[x] = held
			continue
		}
		s.order[busy], s.order[i] = x, s.order[busy]
		busy++
	}
	for i, x := range s.order {
		s.pos[x] = int32(i)
	}
	s.start = []int32{0, int32(busy), int32(n)}
	s.missing = busy
	return s
}

// AddPeer adds a peer holding the chunks in have (nil means none).
func (s *Scheduler) AddPeer(id string, have *bitfield.Bitfield, now time.Time) error {
	switch {
	case s.banned[id]:
		return fmt.Errorf("add %q: %w", id, ErrBanned)
	case s.peers[id] != nil:
		return fmt.Errorf("add %q: %w", id, ErrDuplicatePeer)
	case have != nil && have.Len() != s.n:
		return fmt.Errorf("add %q: %w: %d chunks, want %d", id, ErrLength, have.Len(), s.n)
	}
	p := newPeer(id, s.n, s.cfg.InitWindow, now)
	s.peers[id] = p
	i, _ := slices.BinarySearch(s.ids, id)
	s.ids = slices.Insert(s.ids, i, id)
	s.growBuckets()
	if have != nil {
		for x := range s.n {
			if have.Has(x) {
				s.gain(p, x)
			}
		}
	}
	return nil
}

// InTurn records that peer id holds the whole work but shows its chunks
// in turn (a seed serving a crowd): rarest first asks it only for what it
// showed, a reader's window for anything.
func (s *Scheduler) InTurn(id string) {
	if p := s.peers[id]; p != nil {
		p.whole = true
	}
}

// Update replaces a peer's whole set of chunks. Requests in flight for
// chunks it no longer lists stay until they arrive, are refused or time out.
func (s *Scheduler) Update(id string, have *bitfield.Bitfield) error {
	p := s.peers[id]
	switch {
	case p == nil:
		return fmt.Errorf("update %q: %w", id, ErrUnknownPeer)
	case have == nil || have.Len() != s.n:
		return fmt.Errorf("update %q: %w", id, ErrLength)
	}
	for x := range s.n {
		switch now := have.Has(x); {
		case now && !p.has(x):
			s.gain(p, x)
		case !now && p.has(x):
			s.lose(p, x)
		}
	}
	return nil
}

// Have records that a peer now holds chunk i. Unknown peers and indexes
// out of range are ignored.
func (s *Scheduler) Have(id string, i int) {
	if p := s.peers[id]; p != nil && i >= 0 && i < s.n && !p.has(i) {
		s.gain(p, i)
	}
}

// Refused records that a peer does not serve chunk i after all: its
// request goes back to the pool and the peer is no longer asked for it.
func (s *Scheduler) Refused(id string, i int) {
	p := s.peers[id]
	if p == nil || i < 0 || i >= s.n {
		return
	}
	if p.has(i) {
		s.lose(p, i)
	}
	if _, ok := p.inflight[i]; ok {
		s.unrequest(p, i)
		s.releaseIfIdle(i)
	}
}

// RemovePeer forgets a peer that left or failed; its requests go back to
// the pool. Unknown peers are ignored.
func (s *Scheduler) RemovePeer(id string) {
	p := s.peers[id]
	if p == nil {
		return
	}
	for x := range s.n {
		if p.has(x) {
			s.lose(p, x)
		}
	}
	for _, x := range p.sortedInflight() {
		s.unrequest(p, x)
		s.releaseIfIdle(x)
	}
	delete(s.peers, id)
	if i, ok := slices.BinarySearch(s.ids, id); ok {
		s.ids = slices.Delete(s.ids, i, i+1)
	}
}

// Banned reports whether id is banned for the rest of the download.
func (s *Scheduler) Banned(id string) bool { return s.banned[id] }

// Bans lists the banned peers, sorted.
func (s *Scheduler) Bans() []string {
	out := make([]string, 0, len(s.banned))
	for id := range s.banned {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// Done reports whether every chunk is held.
func (s *Scheduler) Done() bool { return s.missing == 0 }

// Missing is the number of chunks not yet held.
func (s *Scheduler) Missing() int { return s.missing }

// Unavailable is the number of missing chunks that no present peer has
// and nobody is fetching: the download cannot finish without new peers.
func (s *Scheduler) Unavailable() int { return int(s.start[1] - s.start[0]) }

// Peers returns a snapshot of every present peer, sorted by id.
func (s *Scheduler) Peers() []PeerStat {
	out := make([]PeerStat, 0, len(s.ids))
	for _, id := range s.ids {
		p := s.peers[id]
		out = append(out, PeerStat{
			ID: id, Window: p.window, InFlight: len(p.inflight), Rate: p.rate,
			Received: p.received, Strikes: p.strikes, Stalls: p.stalls,
		})
	}
	return out
}
