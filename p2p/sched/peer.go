package sched

import (
	"math"
	"slices"
	"time"
)

const (
	// minSample is the delivery time gathered before a rate sample is
	// taken, so a burst of chunks that arrive together (buffered by the
	// network) does not read as an absurd rate.
	minSample = 20 * time.Millisecond
	// rateGain weights a new sample in the moving average of the rate.
	rateGain = 0.3
	// timeoutFactor is how many times its window's worth of time a peer
	// may take before its oldest requests count as stalled.
	timeoutFactor = 4
)

// peer is one remote holder as the scheduler sees it.
type peer struct {
	id       string
	have     []uint64
	inflight map[int]time.Time // chunk -> when requested
	urgent   map[int]bool      // of those, asked for a reader's window
	order    map[int]uint64    // of those, the order p was asked for them in
	joined   time.Time
	// whole: p holds every chunk but shows them in turn (have is what it
	// showed); a reader's window may ask it for any chunk.
	whole bool

	window   int
	rate     float64 // bytes per second, 0 until the first sample
	accBytes int
	accTime  time.Duration
	lastRecv time.Time

	received, strikes, stalls int

	// The run being asked of p (Config.Run): runLeft more chunks from
	// runNext on, while they stay as rare as the rarest p could be asked.
	runNext, runLeft int
}

func newPeer(id string, n, window int, now time.Time) *peer {
	return &peer{
		id: id, have: make([]uint64, (n+63)/64), inflight: map[int]time.Time{}, urgent: map[int]bool{}, order: map[int]uint64{},
		joined: now, window: window,
	}
}

func (p *peer) has(x int) bool { return p.have[x>>6]&(1<<(x&63)) != 0 }

// serves reports whether p may be asked for x for a reader's window.
func (p *peer) serves(x int) bool { return p.whole || p.has(x) }
func (p *peer) set(x int)         { p.have[x>>6] |= 1 << (x & 63) }
func (p *peer) clear(x int)       { p.have[x>>6] &^= 1 << (x & 63) }

// sortedInflight lists p's requests in chunk order, so that what follows
// from them does not depend on map iteration.
func (p *peer) sortedInflight() []int {
	out := make([]int, 0, len(p.inflight))
	for x := range p.inflight {
		out = append(out, x)
	}
	slices.Sort(out)
	return out
}

// observe adds a delivery of n bytes to the rate estimate. The time it
// counts runs from the later of the previous delivery and since (when the
// chunk was asked for), so idle gaps with nothing requested do not lower
// the rate. It reports whether a new sample was taken.
func (p *peer) observe(n int, since, now time.Time) bool {
	from := p.lastRecv
	if since.After(from) {
		from = since
	}
	if now.After(from) {
		p.accTime += now.Sub(from)
	}
	if now.After(p.lastRecv) {
		p.lastRecv = now
	}
	p.accBytes += max(n, 0)
	if p.accTime < minSample {
		return false
	}
	sample := float64(p.accBytes) / p.accTime.Seconds()
	if p.rate == 0 {
		p.rate = sample
	} else {
		p.rate += rateGain * (sample - p.rate)
	}
	p.accBytes, p.accTime = 0, 0
	return true
}

// fit sets the window to the bandwidth-delay product: enough chunks to
// keep the peer busy for TargetQueue at its measured rate. It at most
// doubles per sample, so one lucky burst does not flood a peer.
func (p *peer) fit(cfg Config) {
	want := math.Ceil(p.rate * cfg.TargetQueue.Seconds() / float64(cfg.ChunkSize))
	w := int(min(want, float64(2*p.window), float64(cfg.MaxWindow)))
	p.window = max(w, cfg.MinWindow)
}

// shrink halves the window after a timeout.
func (p *peer) shrink(cfg Config) { p.window = max(p.window/2, cfg.MinWindow) }

// timeout is how long a request to p may stay outstanding: a few times
// what p needs to serve a full window at its measured rate, never less
// than MinTimeout (which alone applies until the rate is known).
func (p *peer) timeout(cfg Config) time.Duration {
	if p.rate <= 0 {
		return cfg.MinTimeout
	}
	secs := timeoutFactor * float64(p.window) * float64(cfg.ChunkSize) / p.rate
	if secs >= float64(time.Hour/time.Second) {
		return max(cfg.MinTimeout, time.Hour)
	}
	return max(cfg.MinTimeout, time.Duration(secs*float64(time.Second)))
}
