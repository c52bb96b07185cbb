package host

import (
	"fmt"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/network"
	rcmgr "github.com/libp2p/go-libp2p/p2p/host/resource-manager"
	relayv2 "github.com/libp2p/go-libp2p/p2p/protocol/circuitv2/relay"
)

// Default resource limits for a home box (a NAS, a small server, a laptop
// left on). libp2p's own defaults scale with the machine's whole memory and
// fd limit; a node that shares a 1-2 GiB box with other services should not
// let the network take more than a fixed, modest share.
const (
	// DefaultMemory is what all peers together may make libp2p buffer
	// (stream and muxer windows, DHT messages). 256 MiB leaves room on a
	// 1 GiB box while keeping ~100 busy connections at full yamux windows.
	DefaultMemory = 256 << 20
	// DefaultFD is the number of sockets libp2p may hold. 512 is half of
	// the common 1024 soft limit, leaving the rest for the chunk store,
	// the catalogue database and the RPC client.
	DefaultFD = 512
	// DefaultMemoryPerPeer caps what one peer can make us buffer. A yamux
	// stream at full speed holds a receive window of up to 16 MiB; 32 MiB
	// lets a peer run two such streams (or many slower ones) and lets at
	// least eight peers do so before the system budget is reached, where
	// libp2p's scaled default (96 MiB) would let three peers take it all.
	DefaultMemoryPerPeer = 32 << 20
	// DefaultConnsPerPeer caps connections from one peer. A peer needs one;
	// a simultaneous dial over TCP and QUIC can briefly make two; 4 leaves
	// slack for reconnects while refusing a peer that piles them up.
	DefaultConnsPerPeer = 4
	// DefaultStreamsInPerPeer caps the streams one peer may open to us at
	// once: a downloader pipelines a handful of transfer streams, plus
	// identify, ping, DHT and pubsub. 64 is generous for that and small
	// enough that one peer cannot exhaust the system-wide stream budget.
	DefaultStreamsInPerPeer = 64
	// DefaultStreamsOutPerPeer caps streams we open to one peer: our own
	// scheduler asks several chunks of a good peer at once.
	DefaultStreamsOutPerPeer = 128
	// DefaultConnsInbound is the hard cap on inbound connections, past
	// which the resource manager refuses them. It sits well above the
	// admission limit (DefaultMaxInbound) and the connection manager's
	// high water mark, so that a newcomer is never refused while idle
	// peers hold the slots: the room between the two absorbs connections
	// still in their handshake during a flood.
	DefaultConnsInbound = 128
	// DefaultConns is the hard cap on all connections, inbound and
	// outbound.
	DefaultConns = 192
)

// Limits bounds what remote peers can make this host spend. Zero fields take
// the defaults above. The values are enforced by libp2p's resource manager:
// past a limit it refuses the connection or resets the stream before any
// application code runs.
type Limits struct {
	// Memory is the system-wide memory budget in bytes.
	Memory int64
	// FD is the system-wide file descriptor budget.
	FD int
	// MemoryPerPeer caps the memory one peer's connections and streams reserve.
	MemoryPerPeer int64
	// ConnsPerPeer caps connections (in + out) with one peer.
	ConnsPerPeer int
	// StreamsInPerPeer caps inbound streams one peer may hold open.
	StreamsInPerPeer int
	// StreamsOutPerPeer caps outbound streams to one peer.
	StreamsOutPerPeer int
	// ConnsInbound and Conns are the node's hard caps on inbound and on
	// all connections.
	ConnsInbound, Conns int
}

// withDefaults fills zero fields.
func (l Limits) withDefaults() Limits {
	if l.Memory == 0 {
		l.Memory = DefaultMemory
	}
	if l.FD == 0 {
		l.FD = DefaultFD
	}
	if l.MemoryPerPeer == 0 {
		l.MemoryPerPeer = DefaultMemoryPerPeer
	}
	if l.ConnsPerPeer == 0 {
		l.ConnsPerPeer = DefaultConnsPerPeer
	}
	if l.StreamsInPerPeer == 0 {
		l.StreamsInPerPeer = DefaultStreamsInPerPeer
	}
	if l.StreamsOutPerPeer == 0 {
		l.StreamsOutPerPeer = DefaultStreamsOutPerPeer
	}
	if l.ConnsInbound == 0 {
		l.ConnsInbound = DefaultConnsInbound
	}
	if l.Conns == 0 {
		l.Conns = DefaultConns
	}
	return l
}

// validate refuses negative values, which libp2p would read as "block all".
func (l Limits) validate() error {
	if l.Memory < 0 || l.FD < 0 || l.MemoryPerPeer < 0 || l.ConnsPerPeer < 0 || l.StreamsInPerPeer < 0 ||
		l.StreamsOutPerPeer < 0 || l.ConnsInbound < 0 || l.Conns < l.ConnsInbound {
		return fmt.Errorf("%w: negative resource limit in %+v", ErrConfig, l)
	}
	return nil
}

// concrete turns Limits into the resource manager's full limit set: libp2p's
// defaults (with its per-service limits for identify, ping, autonat, ...)
// scaled to our memory and fd budget, then the system and per-peer caps
// pinned to exactly our numbers.
func (l Limits) concrete() rcmgr.ConcreteLimitConfig {
	scaling := rcmgr.DefaultLimits
	libp2p.SetDefaultServiceLimits(&scaling)
	base := scaling.Scale(l.Memory, l.FD)

	streams := rcmgr.LimitVal(l.StreamsInPerPeer + l.StreamsOutPerPeer)
	pinned := rcmgr.PartialLimitConfig{
		System: rcmgr.ResourceLimits{
			Memory:       rcmgr.LimitVal64(l.Memory),
			FD:           rcmgr.LimitVal(l.FD),
			ConnsInbound: rcmgr.LimitVal(l.ConnsInbound),
			Conns:        rcmgr.LimitVal(l.Conns),
		},
		PeerDefault: rcmgr.ResourceLimits{
			Memory:          rcmgr.LimitVal64(l.MemoryPerPeer),
			Conns:           rcmgr.LimitVal(l.ConnsPerPeer),
			ConnsInbound:    rcmgr.LimitVal(l.ConnsPerPeer),
			ConnsOutbound:   rcmgr.LimitVal(l.ConnsPerPeer),
			Streams:         streams,
			StreamsInbound:  rcmgr.LimitVal(l.StreamsInPerPeer),
			StreamsOutbound: rcmgr.LimitVal(l.StreamsOutPerPeer),
		},
	}
	return pinned.Build(base)
}

// withRelay pins the relay service's share of c to what r allows: two
// streams per circuit (the relay reads one and writes the other), plus
// room for reservations being made, and each circuit's copy buffers. A
// peer gets two streams per circuit it may hold and two for its
// reservation. So however relaying is abused, it holds a fixed, small part
// of the node's streams and memory, and the node's own transfers keep the
// rest.
func (r RelayLimits) withRelay(c rcmgr.ConcreteLimitConfig) rcmgr.ConcreteLimitConfig {
	p := c.ToPartialLimitConfig()
	streams := 2*r.Circuits + 32
	perPeer := 2*r.CircuitsPerPeer + 2
	if p.Service == nil {
		p.Service = map[string]rcmgr.ResourceLimits{}
	}
	if p.ServicePeer == nil {
		p.ServicePeer = map[string]rcmgr.ResourceLimits{}
	}
	p.Service[relayv2.ServiceName] = rcmgr.ResourceLimits{
		Streams: rcmgr.LimitVal(streams), StreamsInbound: rcmgr.LimitVal(streams), StreamsOutbound: rcmgr.LimitVal(streams),
		Memory: rcmgr.LimitVal64(int64(r.Circuits) * 4 * relayBuffer),
	}
	p.ServicePeer[relayv2.ServiceName] = rcmgr.ResourceLimits{
		Streams: rcmgr.LimitVal(perPeer), StreamsInbound: rcmgr.LimitVal(perPeer), StreamsOutbound: rcmgr.LimitVal(perPeer),
		Memory: rcmgr.LimitVal64(1 << 20),
	}
	return p.Build(c)
}

// newResourceManager builds the resource manager for l, with the relay
// service held to r. Loopback addresses stay exempt from libp2p's per-IP
// connection caps (its default), which is what lets many local nodes and
// tests share 127.0.0.1.
func newResourceManager(l Limits, r RelayLimits) (network.ResourceManager, error) {
	rm, err := rcmgr.NewResourceManager(rcmgr.NewFixedLimiter(r.withRelay(l.concrete())))
	if err != nil {
		return nil, fmt.Errorf("resource manager: %w", err)
	}
	return rm, nil
}
