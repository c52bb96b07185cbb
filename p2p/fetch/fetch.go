// Package fetch downloads one work from every holder it can find at once.
// A single loop owns the scheduler (p2p/sched) and the set of sessions; it
// is fed events by the goroutines that dial holders, write requests and
// receive chunks. Every chunk is verified against the manifest before it
// is written to the chunk store, and the store is served onward while the
// download runs.
package fetch

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"

	"essaim/p2p/bitfield"
	"essaim/p2p/chunkstore"
	"essaim/p2p/content"
	"essaim/p2p/sched"
	"essaim/p2p/xfer"
)

// Holder is availability heard from the network (gossip).
type Holder struct {
	Peer peer.AddrInfo
	Have *bitfield.Bitfield // nil: unknown, ask the peer
}

// Config is what a download needs.
type Config struct {
	Host host.Host
	Root content.Hash
	// Manifest, when known already (verified against Root: from the
	// node's shelf), opens the store before any holder is asked, so a
	// resumed download needs no manifest from the network.
	Manifest *content.Manifest
	Out      string      // output folder
	Prove    xfer.Prover // nil for open works
	// PageCache writes the chunks through the page cache instead of
	// straight to the disk (chunkstore.Store.UsePageCache).
	PageCache bool
	// Download caps the bytes received per second across all holders.
	Download xfer.Limiter
	Logger   *slog.Logger

	// Discover finds candidate holders, handing each to found as soon as
	// it is known (a connected bootstrap peer at once, DHT results as they
	// come), and returns when the round is over. It is called at start
	// and then every DiscoverEvery while the download runs; found may be
	// called from any goroutine until Discover returns.
	Discover      func(ctx context.Context, found func(peer.AddrInfo))
	DiscoverEvery time.Duration
	// Holders delivers availability heard by gossip; may be nil.
	Holders <-chan Holder
	// Opened is called once the chunk store is open (before any chunk is
	// requested) so the node can serve it onward; Stored after each chunk.
	Opened func(*chunkstore.Store, *content.Manifest)
	Stored func(i int)
	// Progress is called after each chunk and on every tick.
	Progress func(Progress)
	// Recheck is asked, after a holder says the requester holds no
	// license, whether the chain says otherwise: holders learn of a fresh
	// purchase a few seconds late. When it does, the holder is asked again
	// (until GiveUp) instead of the download failing. May be nil.
	Recheck func(ctx context.Context) bool
	// Wants, when set, carries readers' windows: chunks a player reading
	// the work as it downloads needs by deadlines come first.
	Wants *Wants
	// GiveUp is how long the download may go without any holder serving
	// it before it fails (default 30 s).
	GiveUp time.Duration
	Sched  sched.Config
	Seed   uint64 // for the scheduler's tie-breaks; 0 picks one
}

// Progress is a snapshot of a download.
type Progress struct {
	Held, Total int   // chunks
	Bytes, Size int64 // bytes held, work size
	Received    int64 // bytes received in this run
	Peers       int   // holders currently serving us
	Rate        float64
	Started     time.Time
}

// Result says how a finished download went.
type Result struct {
	Manifest *content.Manifest
	Resumed  int            // chunks already on disk at start
	From     map[string]int // chunks received per peer
	Received int64          // bytes of chunks received and stored in this run
	Started  time.Time      // when Run began
	Elapsed  time.Duration  // from Started to the last file in place
	// FirstChunk is when the first chunk received was verified and
	// stored, from Started; zero when nothing was received (all resumed).
	FirstChunk time.Duration
	// Relayed counts, per peer, the chunks of From that came over a
	// relayed connection; Via says over which kind of connection each
	// peer's last session ran: "direct" or "relayed".
	Relayed map[string]int
	Via     map[string]string
}

// The kinds of connection in Result.Via.
const (
	ViaDirect  = "direct"
	ViaRelayed = "relayed"
)

// ErrNoHolder means no holder served the work within the give-up time.
var ErrNoHolder = errors.New("no holder is serving this work")

const tick = 250 * time.Millisecond

// Run downloads the work into cfg.Out and returns once every chunk is
// verified and every file is in place under its final name.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	cfg.defaults()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	l := &loop{
		cfg:         cfg,
		ctx:         ctx,
		cancel:      cancel,
		events:      make(chan event, 256),
		lost:        make(chan struct{}, 1),
		conns:       make(map[peer.ID]*conn),
		dialing:     make(map[peer.ID]bool),
		candidates:  make(map[peer.ID]peer.AddrInfo),
		notHeld:     make(map[peer.ID]bool),
		announced:   make(map[peer.ID]bool),
		refused:     make(map[peer.ID]time.Time),
		moving:      make(map[peer.ID]bool),
		moveAfter:   make(map[peer.ID]time.Time),
		from:        make(map[string]int),
		relayedFrom: make(map[string]int),
		via:         make(map[string]string),
		start:       time.Now(),
	}
	defer l.close()
	return l.run()
}

func (c *Config) defaults() {
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.GiveUp <= 0 {
		c.GiveUp = 30 * time.Second
	}
	if c.DiscoverEvery <= 0 {
		c.DiscoverEvery = 5 * time.Second
	}
	if c.Seed == 0 {
		c.Seed = rand.Uint64()
	}
	if c.Sched.TargetQueue <= 0 {
		c.Sched.TargetQueue = 300 * time.Millisecond
	}
	if c.Sched.MaxWindow <= 0 || c.Sched.MaxWindow > xfer.MaxWindow {
		c.Sched.MaxWindow = xfer.MaxWindow
	}
}

// loop is the single owner of the download's state.
type loop struct {
	cfg    Config
	ctx    context.Context
	cancel context.CancelFunc // ends ctx: every goroutine of the download
	events chan event
	lost   chan struct{} // a holder was dropped: discover again now
	start  time.Time

	m       *content.Manifest
	store   *chunkstore.Store
	putter  *putter // stores chunks off the readers' goroutines
	sch     *sched.Scheduler
	resumed int
	wg      sync.WaitGroup // every goroutine of the download but the putter's

	conns       map[peer.ID]*conn
	dialing     map[peer.ID]bool
	candidates  map[peer.ID]peer.AddrInfo // every holder heard of, to retry
	notHeld     map[peer.ID]bool          // refused: did not hold the work then
	announced   map[peer.ID]bool          // announced chunks while a dial to it was under way
	refused     map[peer.ID]time.Time     // do not dial again before
	lastRef     error                     // the last refusal, to explain a failure
	lastErr     error                     // the last other dial failure, likewise
	licensed    bool                      // Recheck said yes: refusals are lag
	rechecked   time.Time                 // when Recheck last answered
	moving      map[peer.ID]bool          // a session over a direct connection is being opened
	moveAfter   map[peer.ID]time.Time     // do not try to move before
	from        map[string]int
	relayedFrom map[string]int    // chunks of from that came over relayed connections
	via         map[string]string // connection kind of each peer's last session
	recv        int64
	first       time.Duration // when the first chunk was stored, from start
	rate        rateMeter
	served      time.Time // last time some holder was serving us
	asked       time.Time // last time few holders made the loop search again
}

// close ends every session and waits for its goroutines, then for the
// putter's, before the store closes under them.
func (l *loop) close() {
	l.cancel()
	for p, c := range l.conns {
		c.stop()
		l.cfg.Host.ConnManager().Unprotect(p, l.protectTag())
	}
	l.wg.Wait()
	if l.putter != nil {
		l.putter.close()
	}
	if l.store != nil {
		l.store.Close()
	}
}
