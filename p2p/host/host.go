// Package host builds the libp2p host every essaim node runs: TCP and QUIC
// transports, Noise and TLS security, yamux, a resource manager sized for a
// home box, a connection manager, identify, a private Kademlia DHT under the
// essaim protocol prefix (never the public IPFS one), optional mDNS
// discovery on the LAN, and NAT traversal (AutoNAT, relays, hole punching:
// traversal.go, relay.go). Other p2p packages take the libp2p host from here and
// use the DHT through Provide and FindProviders with keys from WorkKey.
package host

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p"
	dht "github.com/libp2p/go-libp2p-kad-dht"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"github.com/libp2p/go-libp2p/p2p/net/connmgr"
	"github.com/libp2p/go-libp2p/p2p/protocol/holepunch"
	quic "github.com/libp2p/go-libp2p/p2p/transport/quic"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"
	ma "github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

// ErrBootstrap means none of the configured bootstrap peers could be
// reached, so the node would start isolated.
var ErrBootstrap = errors.New("no bootstrap peer reachable")

// DefaultMaxProviders is what FindProviders returns at most when asked for 0.
const DefaultMaxProviders = 20

// Host is a running libp2p host with its DHT and optional mDNS. Its methods
// are safe for concurrent use.
type Host struct {
	// Set by New, read-only afterwards.
	h           host.Host
	dht         *dht.IpfsDHT
	bootstrap   []peer.AddrInfo
	dialTimeout time.Duration
	log         *slog.Logger

	// Lifetime: cancel stops background work started by the host (mDNS
	// dials); mdns and notifee are nil when mDNS is off; admit makes
	// room for inbound newcomers; trav follows reachability and runs the
	// relay service.
	cancel  context.CancelFunc
	mdns    io.Closer
	notifee *mdnsNotifee
	admit   *admission
	trav    *traversal

	// The last addresses Addrs formatted, and their text: a status call
	// a millisecond would otherwise format them every time.
	addrsMu   sync.Mutex
	addrsFrom []ma.Multiaddr
	addrsText []string

	closeOnce sync.Once
	closeErr  error
}

// New starts a host as cfg describes, connects to the bootstrap peers and
// bootstraps the DHT. ctx bounds start-up only (the bootstrap dials); the
// host runs until Close. An invalid cfg returns an error wrapping ErrConfig
// or ErrBadAddr before anything listens; when bootstrap peers are given but
// none is reachable, New closes what it started and returns ErrBootstrap.
func New(ctx context.Context, cfg Config) (*Host, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	boot, err := ParseAddrs(cfg.Bootstrap)
	if err != nil {
		return nil, fmt.Errorf("bootstrap: %w", err)
	}
	var self atomic.Pointer[host.Host]
	lh, err := newLibp2p(cfg, traversalOptions(cfg, boot, &self))
	if err != nil {
		return nil, err
	}
	self.Store(&lh)
	trav, err := startTraversal(lh, cfg)
	if err != nil {
		lh.Close()
		return nil, fmt.Errorf("nat traversal: %w", err)
	}
	// A DHT server behind a NAT answers nobody: others' lookups would
	// reach it only through a relay, which the DHT does not use, and
	// would dial it there, wasting the hole punch that the first relayed
	// connection to it gets. So a node serves the DHT unless AutoNAT finds
	// it private (ModeAutoServer: server while reachability is unknown,
	// on a LAN too).
	mode := dht.ModeAutoServer
	if cfg.DHTClient {
		mode = dht.ModeClient
	}
	kad, err := dht.New(lh,
		dht.ProtocolPrefix(protocol.ID(cfg.ProtocolPrefix)),
		dht.Mode(mode),
		// Always explicit: with no peers given the DHT must start empty,
		// never fall back to public bootstrap nodes. Peers reached through
		// relays are left out: the DHT does not use relayed connections,
		// and it would dial them at once, before Bootstrap is ready to
		// answer their hole punching.
		dht.BootstrapPeers(slices.DeleteFunc(slices.Clone(boot), behindRelay)...),
	)
	if err != nil {
		trav.close()
		lh.Close()
		return nil, fmt.Errorf("start dht: %w", err)
	}
	runCtx, cancel := context.WithCancel(context.Background())
	h := &Host{h: lh, dht: kad, bootstrap: boot, dialTimeout: cfg.DialTimeout, log: cfg.Logger, cancel: cancel,
		admit: startAdmission(lh, cfg.MaxInbound), trav: trav}
	if cfg.MDNS {
		h.notifee = newMDNSNotifee(runCtx, lh, cfg.DialTimeout)
		h.mdns, err = startMDNS(lh, mdnsServiceName(cfg.ProtocolPrefix), h.notifee)
		if err != nil {
			h.Close()
			return nil, err
		}
	}
	if err := h.Bootstrap(ctx); err != nil {
		h.Close()
		return nil, err
	}
	return h, nil
}

// newLibp2p assembles the libp2p host itself, with extra options (NAT
// traversal).
func newLibp2p(cfg Config, extra []libp2p.Option) (host.Host, error) {
	rm, err := newResourceManager(cfg.Limits, cfg.RelayLimits)
	if err != nil {
		return nil, err
	}
	cm, err := connmgr.NewConnManager(cfg.ConnLow, cfg.ConnHigh, connmgr.WithGracePeriod(cfg.ConnGrace))
	if err != nil {
		rm.Close()
		return nil, fmt.Errorf("connection manager: %w", err)
	}
	opts := []libp2p.Option{
		libp2p.Identity(cfg.Identity),
		// Listen after construction (below): when libp2p.New fails to
		// listen it leaves the swarm's goroutines running.
		libp2p.NoListenAddrs,
		libp2p.Transport(tcp.NewTCPTransport),
		libp2p.Transport(quic.NewTransport),
		cfg.Security.options(),
		libp2p.DefaultMuxers, // yamux
		libp2p.ResourceManager(rm),
		libp2p.ConnectionManager(cm),
	}
	lh, err := libp2p.New(append(opts, extra...)...)
	if err != nil {
		// libp2p.New does not always close what it was given when it
		// fails; both Close methods tolerate being called twice.
		rm.Close()
		cm.Close()
		return nil, fmt.Errorf("start libp2p host: %w", err)
	}
	// One address at a time: the swarm's Listen succeeds when any address
	// works, and a node should say so when one it was told to use does not.
	for _, l := range cfg.Listen {
		addr, err := ma.NewMultiaddr(l)
		if err == nil {
			err = lh.Network().Listen(addr)
		}
		if err != nil {
			lh.Close()
			return nil, fmt.Errorf("listen on %s: %w", l, err)
		}
	}
	return lh, nil
}

// Bootstrap connects to every configured bootstrap peer (in parallel, each
// dial bounded by Config.DialTimeout) and then starts a DHT refresh. It
// returns an error wrapping ErrBootstrap, with each dial's failure, when
// peers were configured and none could be reached. It may be called again
// later, for example by a node that lost all its peers.
//
// Peers reached through a relay (a link's holder behind a NAT) are dialled
// last, once the host's hole punching handler is ready
// (WaitHolePunch, within holePunchWait): such a peer punches a hole
// towards us once, as soon as we reach it, and a handler missing then is a
// direct connection lost.
func (h *Host) Bootstrap(ctx context.Context) error {
	var direct, relayed []peer.AddrInfo
	for _, pi := range h.bootstrap {
		switch {
		case pi.ID == h.h.ID():
			// our own address in a shared bootstrap list
		case behindRelay(pi):
			relayed = append(relayed, pi)
		default:
			direct = append(direct, pi)
		}
	}
	connected, errs := h.connectAll(ctx, direct)
	if len(relayed) > 0 {
		wctx, cancel := context.WithTimeout(ctx, holePunchWait)
		start := time.Now()
		ready := h.WaitHolePunch(wctx)
		cancel()
		h.log.Debug("peers behind relays: hole punching", "ready", ready, "waited", time.Since(start), "peers", len(relayed))
		n, more := h.connectAll(ctx, relayed)
		connected, errs = connected+n, append(errs, more...)
	}
	if len(direct)+len(relayed) > 0 && connected == 0 {
		return fmt.Errorf("%w: %w", ErrBootstrap, errors.Join(errs...))
	}
	if err := h.dht.Bootstrap(ctx); err != nil {
		return fmt.Errorf("bootstrap dht: %w", err)
	}
	return nil
}

// behindRelay reports whether pi may be reached through a relay: it has a
// relay address (its others, if any, are on its own LAN, or public but
// maybe firewalled).
func behindRelay(pi peer.AddrInfo) bool { return slices.ContainsFunc(pi.Addrs, relayAddr) }

// holePunchWait bounds a wait for the hole punching handler: libp2p looks
// for the host's public address at 0.25, 0.75 and 1.75 s after start.
const holePunchWait = 2 * time.Second

// connectAll dials peers in parallel and returns how many answered, and
// each failure.
func (h *Host) connectAll(ctx context.Context, peers []peer.AddrInfo) (int, []error) {
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		errs      []error
		connected int
	)
	for _, pi := range peers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dctx, cancel := context.WithTimeout(ctx, h.dialTimeout)
			defer cancel()
			// A peer behind a NAT may be reachable through a relay only:
			// that connection counts.
			err := h.h.Connect(network.WithAllowLimitedConn(dctx, "bootstrap"), pi)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", pi.ID, err))
				return
			}
			connected++
		}()
	}
	wg.Wait()
	return connected, errs
}

// RoutingTableSize is the number of peers in the DHT's routing table: 0
// means no DHT operation can reach anyone.
func (h *Host) RoutingTableSize() int { return h.dht.RoutingTable().Size() }

// Host returns the underlying libp2p host, for protocols to register on.
func (h *Host) Host() host.Host { return h.h }

// ID returns this node's peer id.
func (h *Host) ID() peer.ID { return h.h.ID() }

// Addrs returns the addresses other nodes can dial, each a full multiaddr
// ending in /p2p/<id>: loopback first, then LAN, then others, each group
// sorted, so the output is stable for display and for --bootstrap flags.
func (h *Host) Addrs() []string {
	addrs := h.h.Addrs()
	h.addrsMu.Lock()
	defer h.addrsMu.Unlock()
	if h.addrsText == nil || !slices.EqualFunc(addrs, h.addrsFrom, ma.Multiaddr.Equal) {
		h.addrsFrom, h.addrsText = addrs, fullAddrs(h.h.ID(), addrs)
	}
	return slices.Clone(h.addrsText)
}

// Reachability is what the node knows of whether peers elsewhere can dial
// it: public, private (behind a NAT or a firewall: reached through relays,
// or directly after a hole punch) or unknown (not found out yet). See
// traversal.go.
func (h *Host) Reachability() network.Reachability { return h.trav.reachability() }

// ReachabilityName is the word for r: "public", "private" or "unknown".
func ReachabilityName(r network.Reachability) string { return reachabilityName(r) }

// Relayed is the number of bytes this node has relayed for others.
func (h *Host) Relayed() int64 { return h.trav.relayed.Load() }

// PeerAddrs are the node's addresses ordered for peers elsewhere: public
// direct addresses, then relay addresses, then LAN, then loopback. They
// are what announcements and links carry (without /p2p/<id>).
func (h *Host) PeerAddrs() []ma.Multiaddr {
	addrs := slices.Clone(h.h.Addrs())
	slices.SortStableFunc(addrs, func(a, b ma.Multiaddr) int { return peerRank(a) - peerRank(b) })
	return addrs
}

// peerRank orders addresses for peers elsewhere.
func peerRank(a ma.Multiaddr) int {
	switch {
	case relayAddr(a):
		return 1
	case manet.IsPublicAddr(a):
		return 0
	case manet.IsIPLoopback(a):
		return 3
	}
	return 2
}

// WaitHolePunch waits, until ctx ends, for this host's hole punching
// handler (DCUtR) to be ready, and reports whether it is. libp2p registers
// the handler once the host knows a public address of its own (observed by
// a public peer); a holder reached through a relay punches once, right
// away, and a downloader whose handler is missing then loses its only
// chance of a direct connection. So a download waits for it first, but
// only while it is connected to a public peer that can tell it its
// address: on a LAN or loopback the handler never comes, and nothing
// waits.
func (h *Host) WaitHolePunch(ctx context.Context) bool {
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		if slices.Contains(h.h.Mux().Protocols(), holepunch.Protocol) {
			return true
		}
		if !h.HasPublicPeer() {
			return false
		}
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
		}
	}
}

// HasPublicPeer reports whether the host holds a direct connection to a
// peer at a public address: one that can tell it its own public address,
// and answer AutoNAT.
func (h *Host) HasPublicPeer() bool {
	for _, c := range h.h.Network().Conns() {
		if a := c.RemoteMultiaddr(); !c.Stat().Limited && !relayAddr(a) && manet.IsPublicAddr(a) {
			return true
		}
	}
	return false
}

// Provide announces in the DHT that this node holds the item under key
// (see WorkKey).
func (h *Host) Provide(ctx context.Context, key cid.Cid) error {
	h.waitTable(ctx)
	if err := h.dht.Provide(ctx, key, true); err != nil {
		return fmt.Errorf("provide %s: %w", key, err)
	}
	return nil
}

// FindProviders asks the DHT for up to max other nodes that announced key
// (max <= 0 means DefaultMaxProviders). This node itself is never returned.
// It returns what it found when ctx ends, without error, so callers can
// bound the search with a timeout and use partial results.
func (h *Host) FindProviders(ctx context.Context, key cid.Cid, max int) ([]peer.AddrInfo, error) {
	var out []peer.AddrInfo
	err := h.FindProvidersFunc(ctx, key, max, func(pi peer.AddrInfo) { out = append(out, pi) })
	return out, err
}

// FindProvidersFunc is FindProviders handing each provider to found as
// soon as the DHT reports it, on the caller's goroutine, and returning
// when the search is over (or ctx ends).
func (h *Host) FindProvidersFunc(ctx context.Context, key cid.Cid, max int, found func(peer.AddrInfo)) error {
	if !key.Defined() {
		return fmt.Errorf("find providers: undefined key")
	}
	if max <= 0 {
		max = DefaultMaxProviders
	}
	h.waitTable(ctx)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	n := 0
	// Ask one more than max: we may be among the providers.
	for pi := range h.dht.FindProvidersAsync(ctx, key, max+1) {
		if pi.ID == h.h.ID() {
			continue
		}
		found(pi)
		if n++; n == max {
			break
		}
	}
	return nil
}

// waitTable waits, until ctx ends, for the DHT's routing table to hold a
// peer while the host has connections. Right after bootstrap the table is
// empty until identify has run with the bootstrap peers: a provide or a
// lookup made then reaches nobody and finds nothing. A host with no
// connection at all does not wait.
func (h *Host) waitTable(ctx context.Context) {
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for h.dht.RoutingTable().Size() == 0 && len(h.h.Network().Peers()) > 0 {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Close stops mDNS, the DHT and the host, and waits for the goroutines the
// host started. Calling it again returns the first result.
func (h *Host) Close() error {
	h.closeOnce.Do(func() {
		var errs []error
		if h.mdns != nil {
			errs = append(errs, h.mdns.Close())
		}
		h.cancel()
		if h.notifee != nil {
			h.notifee.close()
		}
		h.admit.close()
		h.trav.close()
		errs = append(errs, h.dht.Close(), h.h.Close())
		h.closeErr = errors.Join(errs...)
	})
	return h.closeErr
}
