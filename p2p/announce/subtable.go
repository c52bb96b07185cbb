package announce

import (
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	pb "github.com/libp2p/go-libp2p-pubsub/pb"
	"github.com/libp2p/go-libp2p/core/peer"
)

// Limits on the subscriptions of remote peers that a node tracks. Gossipsub
// records every topic a connected peer says it subscribes to, in a map that
// keeps the topic name and one entry per (topic, peer), for as long as the
// peer stays connected; without a bound, one peer sending SUBSCRIBE for
// 60,000 distinct topics (40,000 of them 1,000 bytes long) made a node's
// live heap grow by 60 MiB. Only well-formed topic names of the node's
// deployment get this far (see NewGossip); these limits bound how many.
// Measured by TestSubscriptionFloodBounded, a tracked topic costs ~600
// bytes the first time a peer subscribes to it (its name, pubsub's entries,
// this table's), ~70 bytes for each further peer.
const (
	// MaxSubscriptionsPerRPC is the most subscription changes one RPC may
	// carry; pubsub ignores a larger RPC whole (subscriptions, messages and
	// control alike). Pubsub caps the subscriptions and control part of an
	// RPC at 512 KiB, and the shortest topic name (chain id of one digit)
	// takes 129 bytes there, so no RPC of well-formed topics holds more
	// than 4,064 of them: a larger count is junk, refused before any work
	// per entry.
	MaxSubscriptionsPerRPC = 4096
	// MaxTopicsPerPeer is the most topics one peer can have tracked at
	// once; further subscriptions are dropped until it unsubscribes or
	// disconnects. A node subscribes to one topic per work it holds or
	// fetches, so this is an honest node with 4,096 works. The cost, at
	// most 4,096 × 600 B ≈ 2.3 MiB per peer, is a fourteenth of the peer's
	// resource budget (32 MiB, PROTOCOL.md §1).
	MaxTopicsPerPeer = 4096
	// MaxRemoteTopics is the most distinct topics the node tracks that it
	// has not joined itself, all peers together (16,384 × 600 B ≈ 9.4
	// MiB). Subscriptions to topics the node has joined are not counted:
	// hostile identities filling this quota cannot hide the members of a
	// swarm the node is in.
	MaxRemoteTopics = 16384
	// MaxRemoteSubscriptions is the most (peer, topic) pairs the node
	// tracks over topics it has not joined; with MaxRemoteTopics, the
	// topics the node has not joined cost it at most ~12.5 MiB (49,152
	// further pairs × 70 B ≈ 3.3 MiB), under 5% of its 256 MiB budget.
	MaxRemoteSubscriptions = 65536
)

type subLimits struct {
	perRPC, perPeer, remoteTopics, remoteSubs int
}

var defaultSubLimits = subLimits{
	perRPC:       MaxSubscriptionsPerRPC,
	perPeer:      MaxTopicsPerPeer,
	remoteTopics: MaxRemoteTopics,
	remoteSubs:   MaxRemoteSubscriptions,
}

// subTable mirrors the subscriptions pubsub records for remote peers and
// decides which new ones it may record. Pubsub applies exactly the list
// the filter returns, in order (subscribe adds the pair, unsubscribe
// removes it), so the table follows pubsub's state; when pubsub forgets a
// peer on its own (its stream closed), the table keeps the peer's topics
// until it disconnects, which only makes it stricter with that peer. It
// does no I/O and is not safe for concurrent use.
type subTable struct {
	lim    subLimits
	peers  map[peer.ID]map[string]struct{} // topics each peer subscribes to
	topics map[string]*subTopic            // every topic some peer subscribes to
	local  map[string]struct{}             // topics this node has joined

	remoteTopics int // topics in topics that are not local
	remoteSubs   int // pairs over topics that are not local
}

// subTopic is one topic some remote peer subscribes to. Every peer's set
// refers to the topic by name, the one string held here: each RPC brings
// its own copy of the name, and keeping a copy per peer would cost ~140
// bytes per pair.
type subTopic struct {
	name  string
	peers int
}

func newSubTable(lim subLimits) *subTable {
	return &subTable{
		lim:    lim,
		peers:  make(map[peer.ID]map[string]struct{}),
		topics: make(map[string]*subTopic),
		local:  make(map[string]struct{}),
	}
}

// filter returns the entries of subs that pubsub may apply for peer from,
// and records their effect. allowed says which topic names are acceptable
// at all; a peer that is no longer connected gets no new subscription
// (pubsub still drains RPCs it had queued, and the table would keep them
// after the peer was dropped).
func (t *subTable) filter(from peer.ID, subs []*pb.RPC_SubOpts, allowed func(string) bool, connected bool) ([]*pb.RPC_SubOpts, error) {
	if len(subs) > t.lim.perRPC {
		return nil, pubsub.ErrTooManySubscriptions
	}
	var out []*pb.RPC_SubOpts
	for _, s := range subs {
		topic := s.GetTopicid()
		if !allowed(topic) {
			continue
		}
		var ok bool
		if s.GetSubscribe() {
			ok = connected && t.add(from, topic)
		} else {
			ok = t.remove(from, topic)
		}
		if ok {
			out = append(out, s)
		}
	}
	return out, nil
}

// add records that p subscribes to topic, unless a limit forbids it. A
// subscription p already holds is accepted again (pubsub refreshes it).
func (t *subTable) add(p peer.ID, topic string) bool {
	mine := t.peers[p]
	if _, ok := mine[topic]; ok {
		return true
	}
	if len(mine) >= t.lim.perPeer {
		return false
	}
	_, local := t.local[topic]
	st := t.topics[topic]
	if !local && (t.remoteSubs >= t.lim.remoteSubs || st == nil && t.remoteTopics >= t.lim.remoteTopics) {
		return false
	}
	if st == nil {
		st = &subTopic{name: topic}
		t.topics[topic] = st
		if !local {
			t.remoteTopics++
		}
	}
	if mine == nil {
		mine = make(map[string]struct{})
		t.peers[p] = mine
	}
	mine[st.name] = struct{}{}
	st.peers++
	if !local {
		t.remoteSubs++
	}
	return true
}

// remove records that p unsubscribes from topic; false if it was not
// subscribed (pubsub would do nothing either).
func (t *subTable) remove(p peer.ID, topic string) bool {
	mine := t.peers[p]
	if _, ok := mine[topic]; !ok {
		return false
	}
	delete(mine, topic)
	if len(mine) == 0 {
		delete(t.peers, p)
	}
	t.release(topic)
	return true
}

func (t *subTable) release(topic string) {
	st := t.topics[topic]
	st.peers--
	_, local := t.local[topic]
	if !local {
		t.remoteSubs--
	}
	if st.peers == 0 {
		delete(t.topics, topic)
		if !local {
			t.remoteTopics--
		}
	}
}

// dropPeer forgets every subscription of p (it disconnected, or pubsub
// dropped its state).
func (t *subTable) dropPeer(p peer.ID) {
	for topic := range t.peers[p] {
		t.release(topic)
	}
	delete(t.peers, p)
}

// join records that this node joined topic: its subscribers stop counting
// against the remote limits.
func (t *subTable) join(topic string) {
	if _, ok := t.local[topic]; ok {
		return
	}
	t.local[topic] = struct{}{}
	if st := t.topics[topic]; st != nil {
		t.remoteTopics--
		t.remoteSubs -= st.peers
	}
}

// leave records that this node left topic: its subscribers count against
// the remote limits again (which may now stand above a limit until enough
// of them go).
func (t *subTable) leave(topic string) {
	if _, ok := t.local[topic]; !ok {
		return
	}
	delete(t.local, topic)
	if st := t.topics[topic]; st != nil {
		t.remoteTopics++
		t.remoteSubs += st.peers
	}
}
