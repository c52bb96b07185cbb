package announce

import (
	"sync"
	"time"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	pb "github.com/libp2p/go-libp2p-pubsub/pb"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
)

// subFilter is the subscription filter NewGossip gives pubsub. Pubsub asks
// it about every subscription change a remote peer sends, before recording
// it, from its event loop; it keeps only topic names that pass allowed,
// within the limits of subTable. It learns what pubsub does not tell a
// filter from two other sources: as a raw tracer, which topics the node
// joins and leaves and when pubsub drops a peer's state; as a network
// notifiee, when a peer's last connection closes (pubsub may never have
// opened a stream to a peer that only sends, so the tracer alone would
// miss it).
type subFilter struct {
	noopTracer
	net     network.Network
	allowed func(string) bool

	mu  sync.Mutex // guards t; taken from pubsub's loop and the swarm's notifications
	t   *subTable
	ntf network.Notifiee
}

var (
	_ pubsub.SubscriptionFilter = (*subFilter)(nil)
	_ pubsub.RawTracer          = (*subFilter)(nil)
)

func newSubFilter(net network.Network, allowed func(string) bool, lim subLimits) *subFilter {
	f := &subFilter{net: net, allowed: allowed, t: newSubTable(lim)}
	f.ntf = &network.NotifyBundle{DisconnectedF: f.disconnected}
	return f
}

// CanSubscribe says whether this node may join topic.
func (f *subFilter) CanSubscribe(topic string) bool { return f.allowed(topic) }

// FilterIncomingSubscriptions returns the subscription changes of one RPC
// that pubsub may apply.
func (f *subFilter) FilterIncomingSubscriptions(from peer.ID, subs []*pb.RPC_SubOpts) ([]*pb.RPC_SubOpts, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	// The swarm forgets a connection before it notifies its end, so a
	// peer seen connected here will still be dropped by disconnected.
	connected := f.net.Connectedness(from) != network.NotConnected
	return f.t.filter(from, subs, f.allowed, connected)
}

// Join is called by pubsub when this node joins topic.
func (f *subFilter) Join(topic string) {
	f.mu.Lock()
	f.t.join(topic)
	f.mu.Unlock()
}

// Leave is called by pubsub when this node leaves topic.
func (f *subFilter) Leave(topic string) {
	f.mu.Lock()
	f.t.leave(topic)
	f.mu.Unlock()
}

// OnClosedOutboundStream is called by pubsub when it drops its state about
// p (and its subscriptions with it).
func (f *subFilter) OnClosedOutboundStream(p peer.ID) { f.drop(p) }

func (f *subFilter) disconnected(_ network.Network, c network.Conn) {
	if p := c.RemotePeer(); f.net.Connectedness(p) == network.NotConnected {
		f.drop(p)
	}
}

func (f *subFilter) drop(p peer.ID) {
	f.mu.Lock()
	f.t.dropPeer(p)
	f.mu.Unlock()
}

// noopTracer implements pubsub.RawTracer doing nothing, to be embedded by
// tracers that need a few of its methods.
type noopTracer struct{}

func (noopTracer) OnNewOutboundStream(peer.ID, protocol.ID)             {}
func (noopTracer) OnClosedOutboundStream(peer.ID)                       {}
func (noopTracer) Join(string)                                          {}
func (noopTracer) Leave(string)                                         {}
func (noopTracer) Graft(peer.ID, string)                                {}
func (noopTracer) Prune(peer.ID, string)                                {}
func (noopTracer) ValidateMessage(*pubsub.Message)                      {}
func (noopTracer) DeliverMessage(*pubsub.Message)                       {}
func (noopTracer) RejectMessage(*pubsub.Message, string)                {}
func (noopTracer) DuplicateMessage(*pubsub.Message)                     {}
func (noopTracer) ThrottlePeer(peer.ID)                                 {}
func (noopTracer) RecvRPC(*pubsub.RPC)                                  {}
func (noopTracer) SendRPC(*pubsub.RPC, peer.ID)                         {}
func (noopTracer) SendRPCCompleted(*pubsub.RPC, peer.ID, time.Duration) {}
func (noopTracer) DropRPC(*pubsub.RPC, peer.ID)                         {}
func (noopTracer) UndeliverableMessage(*pubsub.Message)                 {}
