package host

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/event"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/host/autorelay"
	"github.com/libp2p/go-libp2p/p2p/host/eventbus"
	"github.com/libp2p/go-libp2p/p2p/protocol/circuitv2/proto"
	"github.com/libp2p/go-libp2p/p2p/protocol/holepunch"
	ma "github.com/multiformats/go-multiaddr"
)

// NAT traversal is libp2p's own machinery, switched on and tuned here:
//
//   - Reachability. AutoNAT v1 (its client runs in every libp2p host)
//     asks peers that run its service (EnableNATService: every essaim node
//     but a one-off download) to dial the node back; AutoNAT v2 checks each
//     public address the node has on its own. Reachability combines both
//     (decideReachability).
//   - Relays. A node that AutoNAT finds private reserves a slot with relays
//     (AutoRelay), chosen among its bootstrap peers and the connected peers
//     that run the relay protocol, and announces the relay addresses. A
//     node relays for others as its RelayMode says (relay.go).
//   - Hole punching. Every node, a one-off download included, runs DCUtR:
//     a node that receives a connection through a relay then tries a
//     direct one (dialling back a public peer, or a simultaneous dial
//     through both NATs).
//   - Port mapping (UPnP, NAT-PMP) only when Config.NATPortMap says so.

// autoRelayBackoff is how long AutoRelay waits before asking a relay that
// refused a reservation again (libp2p's default: an hour, far too long for
// a bootstrap peer that relays only once it learns it is public).
const autoRelayBackoff = time.Minute

// traversalOptions are the libp2p options of cfg's NAT traversal. self is
// filled in once the host exists (AutoRelay asks it for candidates only
// after start).
func traversalOptions(cfg Config, boot []peer.AddrInfo, self *atomic.Pointer[host.Host]) []libp2p.Option {
	opts := []libp2p.Option{
		libp2p.EnableRelay(), // dial and accept through relays
		libp2p.EnableHolePunching(holepunch.WithTracer(punchLog{cfg.Logger})),
	}
	if cfg.NATPortMap {
		opts = append(opts, libp2p.NATPortMap())
	}
	if cfg.Ephemeral {
		return opts
	}
	src := relayCandidates(boot, self)
	return append(opts,
		libp2p.EnableAutoNATv2(),
		libp2p.EnableNATService(),
		libp2p.EnableAutoRelayWithPeerSource(src,
			autorelay.WithMinCandidates(1),
			autorelay.WithBootDelay(0),
			autorelay.WithBackoff(autoRelayBackoff),
			autorelay.WithMinInterval(10*time.Second),
		),
	)
}

// relayCandidates offers AutoRelay the bootstrap peers first, then the
// connected peers that announced the relay protocol.
func relayCandidates(boot []peer.AddrInfo, self *atomic.Pointer[host.Host]) autorelay.PeerSource {
	return func(_ context.Context, num int) <-chan peer.AddrInfo {
		out := make(chan peer.AddrInfo, max(num, 0))
		defer close(out)
		hp := self.Load()
		if hp == nil {
			return out
		}
		for _, pi := range pickRelays(*hp, boot, num) {
			out <- pi
		}
		return out
	}
}

// pickRelays lists up to num relay candidates (see relayCandidates).
func pickRelays(h host.Host, boot []peer.AddrInfo, num int) []peer.AddrInfo {
	var out []peer.AddrInfo
	seen := map[peer.ID]bool{h.ID(): true}
	add := func(pi peer.AddrInfo) {
		if len(out) < num && !seen[pi.ID] {
			seen[pi.ID] = true
			out = append(out, pi)
		}
	}
	for _, pi := range boot {
		add(pi)
	}
	for _, p := range h.Network().Peers() {
		if ok, _ := h.Peerstore().SupportsProtocols(p, proto.ProtoIDv2Hop); len(ok) > 0 {
			add(peer.AddrInfo{ID: p, Addrs: h.Peerstore().Addrs(p)})
		}
	}
	return out
}

// decideReachability combines AutoNAT v1's verdict with AutoNAT v2's
// per-address results: an address v2 confirmed makes the node public; so
// does v1's dial-back; v1 failing, or v2 finding every address it checked
// unreachable, makes it private.
func decideReachability(v1 network.Reachability, reachable, unreachable int) network.Reachability {
	switch {
	case reachable > 0, v1 == network.ReachabilityPublic:
		return network.ReachabilityPublic
	case v1 == network.ReachabilityPrivate, unreachable > 0:
		return network.ReachabilityPrivate
	}
	return network.ReachabilityUnknown
}

// traversal follows the host's reachability and runs the relay service as
// the relay mode says. It owns one goroutine, which close stops and waits
// for.
type traversal struct {
	h      host.Host
	mode   RelayMode
	limits RelayLimits
	busy   func() bool
	log    *slog.Logger
	sub    event.Subscription

	relayed atomic.Int64 // bytes relayed, over every run of the service
	now     atomic.Int32 // a network.Reachability

	// Owned by the goroutine (and start, before it runs).
	v1                     network.Reachability
	reachable, unreachable int
	relay                  *relayService

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func startTraversal(h host.Host, cfg Config) (*traversal, error) {
	sub, err := h.EventBus().Subscribe([]any{new(event.EvtLocalReachabilityChanged), new(event.EvtHostReachableAddrsChanged)},
		eventbus.Name("essaim reachability"))
	if err != nil {
		return nil, err
	}
	t := &traversal{h: h, mode: cfg.Relay, limits: cfg.RelayLimits, busy: cfg.Busy, log: cfg.Logger, sub: sub}
	if cfg.Ephemeral {
		t.mode = RelayOff
	}
	if t.mode == RelayOn {
		if err := t.startRelay(); err != nil {
			sub.Close()
			return nil, err
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.cancel = cancel
	t.wg.Add(1)
	go t.run(ctx)
	return t, nil
}

func (t *traversal) run(ctx context.Context) {
	defer t.wg.Done()
	reap := time.NewTicker(reapEvery)
	defer reap.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-reap.C:
			t.reapCircuits()
		case e, ok := <-t.sub.Out():
			if !ok {
				return
			}
			switch e := e.(type) {
			case event.EvtLocalReachabilityChanged:
				t.v1 = e.Reachability
			case event.EvtHostReachableAddrsChanged:
				t.reachable, t.unreachable = len(e.Reachable), len(e.Unreachable)
			}
			t.update()
		}
	}
}

// update recomputes reachability and starts or stops the relay.
func (t *traversal) update() {
	r := decideReachability(t.v1, t.reachable, t.unreachable)
	if old := network.Reachability(t.now.Swap(int32(r))); old != r {
		t.log.Info("reachability", "now", reachabilityName(r), "was", reachabilityName(old))
	}
	if t.mode != RelayAuto {
		return
	}
	switch {
	case r == network.ReachabilityPublic && t.relay == nil:
		if err := t.startRelay(); err != nil {
			t.log.Warn("relay service", "err", err)
		}
	case r != network.ReachabilityPublic && t.relay != nil:
		t.stopRelay()
	}
}

func (t *traversal) startRelay() error {
	s, err := startRelay(t.h, t.limits, t.busy, &t.relayed)
	if err != nil {
		return err
	}
	t.relay = s
	t.log.Info("relaying for others", "rate", t.limits.Rate, "circuits_per_peer", t.limits.CircuitsPerPeer,
		"reservations", t.limits.Reservations)
	return nil
}

func (t *traversal) stopRelay() {
	if err := t.relay.close(); err != nil {
		t.log.Debug("relay service", "err", err)
	}
	t.relay = nil
	t.log.Info("stopped relaying for others")
}

// reapEvery is how often relayed connections made useless by a direct one
// are closed.
const reapEvery = 2 * time.Second

// reapCircuits closes each relayed connection to a peer that is also
// connected directly, once no stream runs on it (a transfer moves to the
// direct connection within a tick of the fetch loop, p2p/fetch). An idle
// relayed connection holds a circuit at the relay, and relays cap circuits
// per peer: a node in a swarm would otherwise run out of them.
func (t *traversal) reapCircuits() {
	for _, p := range t.h.Network().Peers() {
		conns := t.h.Network().ConnsToPeer(p)
		direct := slices.ContainsFunc(conns, func(c network.Conn) bool { return !c.Stat().Limited })
		if !direct {
			continue
		}
		for _, c := range conns {
			if c.Stat().Limited && len(c.GetStreams()) == 0 {
				t.log.Debug("closing a relayed connection: a direct one exists", "peer", p)
				c.Close()
			}
		}
	}
}

// reachability is the latest verdict.
func (t *traversal) reachability() network.Reachability { return network.Reachability(t.now.Load()) }

func (t *traversal) close() {
	t.cancel()
	t.wg.Wait()
	t.sub.Close()
	if t.relay != nil {
		t.stopRelay()
	}
}

// reachabilityName is the lower-case word for r.
func reachabilityName(r network.Reachability) string {
	switch r {
	case network.ReachabilityPublic:
		return "public"
	case network.ReachabilityPrivate:
		return "private"
	}
	return "unknown"
}

// punchLog reports hole punching outcomes to the node's log.
type punchLog struct{ log *slog.Logger }

func (l punchLog) Trace(e *holepunch.Event) {
	switch ev := e.Evt.(type) {
	case *holepunch.DirectDialEvt:
		l.log.Info("direct dial after a relayed connection", "peer", e.Remote, "ok", ev.Success,
			"ms", ev.EllapsedTime.Milliseconds(), "err", ev.Error)
	case *holepunch.EndHolePunchEvt:
		l.log.Info("hole punch", "peer", e.Remote, "ok", ev.Success, "ms", ev.EllapsedTime.Milliseconds(), "err", ev.Error)
	case *holepunch.ProtocolErrorEvt:
		l.log.Info("hole punch not attempted", "peer", e.Remote, "err", ev.Error)
	}
}

// relayAddr reports whether a is reached through a relay.
func relayAddr(a ma.Multiaddr) bool {
	return slices.ContainsFunc(a, func(c ma.Component) bool { return c.Protocol().Code == ma.P_CIRCUIT })
}
