package host

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	relayv2 "github.com/libp2p/go-libp2p/p2p/protocol/circuitv2/relay"
	"golang.org/x/time/rate"
)

// A node may relay connections for peers that cannot be dialled (circuit
// relay v2, libp2p's own service). What it carries is bounded three ways:
// by count (reservations in all, circuits per peer: libp2p's relay
// enforces them, and the resource manager bounds the relay service's
// streams and memory, limits.go), by size and age (each circuit ends after
// CircuitDuration or CircuitBytes each way; a downloader then opens
// another), and by rate: every byte the relay reads is paced, per circuit
// direction (CircuitRate) and for all circuits together (Rate, or BusyRate
// while the node's own transfers are sending, so that they come first).
// libp2p's relay has no rate limit of its own; essaim gets one by handing
// it a host whose streams pace their reads (relayHost, below), so the
// relaying itself stays libp2p's code.

// RelayMode says when a node relays for others.
type RelayMode int

const (
	// RelayAuto relays while the node is publicly reachable.
	RelayAuto RelayMode = iota
	// RelayOn relays whatever the node's reachability (a node its operator
	// knows to be public, such as a bootstrap server).
	RelayOn
	// RelayOff never relays.
	RelayOff
)

// ParseRelayMode reads "auto", "on" or "off".
func ParseRelayMode(s string) (RelayMode, error) {
	switch s {
	case "auto":
		return RelayAuto, nil
	case "on":
		return RelayOn, nil
	case "off":
		return RelayOff, nil
	}
	return 0, fmt.Errorf("%w: relay mode %q: want auto, on or off", ErrConfig, s)
}

func (m RelayMode) String() string {
	switch m {
	case RelayAuto:
		return "auto"
	case RelayOn:
		return "on"
	case RelayOff:
		return "off"
	}
	return fmt.Sprintf("RelayMode(%d)", int(m))
}

// Default relay limits, for a home box that relays when it is public.
const (
	// DefaultRelayRate is what all circuits together may carry, in bytes
	// per second summed over both directions: 8 MiB/s, 64 Mbit/s, the
	// upload of a good home fibre line. A relay is a fallback for the few
	// minutes hole punching needs or for peers it cannot help; it is not
	// meant to carry whole swarms.
	DefaultRelayRate = 8 << 20
	// DefaultRelayCircuits is how many circuits one peer may hold open
	// through the relay (libp2p's default). A downloader needs one per
	// holder behind a NAT, and a holder behind a NAT one per downloader
	// reaching it, for the seconds its hole punch takes: a flash crowd at a
	// NATed seed opens a dozen at once. One peer's share of the rate is
	// bounded by Rate, whatever its circuits.
	DefaultRelayCircuits = 16
	// DefaultRelayCircuitsTotal is how many circuits the relay carries at
	// once, for all peers: the resource manager gives the relay service
	// two streams per circuit and no more (limits.go).
	DefaultRelayCircuitsTotal = 64
	// DefaultRelayReservations is how many peers may hold a reservation
	// (be reachable through this relay) at once (libp2p's default: 128).
	DefaultRelayReservations = 64
	// DefaultRelayCircuitDuration and DefaultRelayCircuitBytes end a
	// circuit (libp2p's defaults: 2 minutes and 128 KiB, too little to
	// fall back on for a transfer). A circuit that reaches either is reset;
	// a download carries on over a new one.
	DefaultRelayCircuitDuration = 30 * time.Minute
	DefaultRelayCircuitBytes    = 1 << 30
	// relayBuffer is the copy buffer of one circuit direction (libp2p's
	// default: 2 KiB, which costs a system call per 2 KiB relayed).
	relayBuffer = 16 << 10
	// relayBurst is the most one read may take from a rate limiter: above
	// relayBuffer and every message of the relay protocol.
	relayBurst = 64 << 10
	// busyCheck is how often the pacer asks whether the node is busy.
	busyCheck = 250 * time.Millisecond
)

// RelayLimits bounds what the relay service carries. Zero fields take the
// defaults above.
type RelayLimits struct {
	// Rate caps the bytes per second relayed for all peers together (both
	// directions summed).
	Rate int64
	// BusyRate replaces Rate while Config.Busy reports the node's own
	// transfers sending (default Rate/16).
	BusyRate int64
	// CircuitRate caps one direction of one circuit (default Rate/4).
	CircuitRate int64
	// Reservations caps the peers holding a reservation at once.
	Reservations int
	// CircuitsPerPeer caps the circuits one peer holds open, as source or
	// destination; Circuits caps them for all peers together.
	CircuitsPerPeer int
	Circuits        int
	// CircuitDuration and CircuitBytes end a circuit (bytes each way).
	CircuitDuration time.Duration
	CircuitBytes    int64
}

func (l RelayLimits) withDefaults() RelayLimits {
	if l.Rate == 0 {
		l.Rate = DefaultRelayRate
	}
	if l.BusyRate == 0 {
		l.BusyRate = max(l.Rate/16, relayBurst)
	}
	if l.CircuitRate == 0 {
		l.CircuitRate = max(l.Rate/4, relayBurst)
	}
	if l.Reservations == 0 {
		l.Reservations = DefaultRelayReservations
	}
	if l.CircuitsPerPeer == 0 {
		l.CircuitsPerPeer = DefaultRelayCircuits
	}
	if l.Circuits == 0 {
		l.Circuits = DefaultRelayCircuitsTotal
	}
	if l.CircuitDuration == 0 {
		l.CircuitDuration = DefaultRelayCircuitDuration
	}
	if l.CircuitBytes == 0 {
		l.CircuitBytes = DefaultRelayCircuitBytes
	}
	return l
}

func (l RelayLimits) validate() error {
	if l.Rate < 0 || l.BusyRate < 0 || l.CircuitRate < 0 || l.Reservations < 0 || l.CircuitsPerPeer < 0 || l.Circuits < 0 ||
		l.CircuitDuration < time.Second || l.CircuitBytes < relayBuffer {
		return fmt.Errorf("%w: relay limits %+v", ErrConfig, l)
	}
	return nil
}

// resources are the limits libp2p's relay enforces itself.
func (l RelayLimits) resources() relayv2.Resources {
	rc := relayv2.DefaultResources()
	rc.Limit = &relayv2.RelayLimit{Duration: l.CircuitDuration, Data: l.CircuitBytes}
	rc.MaxReservations = l.Reservations
	rc.MaxCircuits = l.CircuitsPerPeer
	rc.BufferSize = relayBuffer
	return rc
}

// pacer paces the reads of every relayed stream.
type pacer struct {
	total       *rate.Limiter
	normal      rate.Limit
	busyRate    rate.Limit
	circuitRate rate.Limit
	busy        func() bool

	checked atomic.Int64  // unix nanoseconds of the last busy check
	relayed *atomic.Int64 // bytes read from relayed streams
	done    chan struct{}
	stop    sync.Once
}

func newPacer(l RelayLimits, busy func() bool, relayed *atomic.Int64) *pacer {
	return &pacer{
		relayed:     relayed,
		total:       rate.NewLimiter(rate.Limit(l.Rate), relayBurst),
		normal:      rate.Limit(l.Rate),
		busyRate:    rate.Limit(l.BusyRate),
		circuitRate: rate.Limit(l.CircuitRate),
		busy:        busy,
		done:        make(chan struct{}),
	}
}

// close ends every wait, for a relay service that stops.
func (p *pacer) close() { p.stop.Do(func() { close(p.done) }) }

// adjust switches the total rate to BusyRate while the node is busy.
func (p *pacer) adjust(now time.Time) {
	if p.busy == nil {
		return
	}
	last := p.checked.Load()
	if now.UnixNano()-last < int64(busyCheck) || !p.checked.CompareAndSwap(last, now.UnixNano()) {
		return
	}
	want := p.normal
	if p.busy() {
		want = p.busyRate
	}
	if p.total.Limit() != want {
		p.total.SetLimitAt(now, want)
	}
}

// wrap paces s's reads.
func (p *pacer) wrap(s network.Stream) network.Stream {
	return &pacedStream{Stream: s, p: p, own: rate.NewLimiter(p.circuitRate, relayBurst), closed: make(chan struct{})}
}

// pacedStream is one direction of one circuit as the relay sees it: every
// read waits for its bytes to fit both the circuit's rate and the total.
type pacedStream struct {
	network.Stream
	p      *pacer
	own    *rate.Limiter
	closed chan struct{}
	once   sync.Once
}

func (s *pacedStream) Read(b []byte) (int, error) {
	if len(b) > relayBurst {
		b = b[:relayBurst]
	}
	n, err := s.Stream.Read(b)
	if n > 0 {
		s.p.relayed.Add(int64(n))
		s.wait(n)
	}
	return n, err
}

// wait holds the reader until n bytes fit the rates, or the stream or the
// relay closes.
func (s *pacedStream) wait(n int) {
	now := time.Now()
	s.p.adjust(now)
	d := max(s.own.ReserveN(now, n).DelayFrom(now), s.p.total.ReserveN(now, n).DelayFrom(now))
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-s.closed:
	case <-s.p.done:
	}
}

func (s *pacedStream) end() { s.once.Do(func() { close(s.closed) }) }

func (s *pacedStream) Close() error { s.end(); return s.Stream.Close() }

func (s *pacedStream) Reset() error { s.end(); return s.Stream.Reset() }

func (s *pacedStream) ResetWithError(c network.StreamErrorCode) error {
	s.end()
	return s.Stream.ResetWithError(c)
}

// relayHost is the host libp2p's relay is given: the same host, whose
// relay streams, inbound (the hop protocol's handler) and outbound (the
// stop protocol's streams it opens), are paced.
type relayHost struct {
	host.Host
	p *pacer
}

func (r *relayHost) SetStreamHandler(pid protocol.ID, handler network.StreamHandler) {
	r.Host.SetStreamHandler(pid, func(s network.Stream) { handler(r.p.wrap(s)) })
}

func (r *relayHost) NewStream(ctx context.Context, p peer.ID, pids ...protocol.ID) (network.Stream, error) {
	s, err := r.Host.NewStream(ctx, p, pids...)
	if err != nil {
		return nil, err
	}
	return r.p.wrap(s), nil
}

// relayService is a running relay.
type relayService struct {
	r *relayv2.Relay
	p *pacer
}

// startRelay starts libp2p's relay on h, paced; relayed counts its bytes.
func startRelay(h host.Host, l RelayLimits, busy func() bool, relayed *atomic.Int64) (*relayService, error) {
	p := newPacer(l, busy, relayed)
	r, err := relayv2.New(&relayHost{Host: h, p: p}, relayv2.WithResources(l.resources()))
	if err != nil {
		return nil, fmt.Errorf("start relay service: %w", err)
	}
	return &relayService{r: r, p: p}, nil
}

func (s *relayService) close() error {
	s.p.close()
	return s.r.Close()
}
