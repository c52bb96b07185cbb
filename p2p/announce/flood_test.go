package announce

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	phost "essaim/p2p/host"

	"github.com/libp2p/go-libp2p"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	pb "github.com/libp2p/go-libp2p-pubsub/pb"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"google.golang.org/protobuf/proto"
)

// floodTarget is a node as p2p/node wires one: the real host (p2p/host,
// with its resource limits), gossipsub from NewGossip, one joined work.
type floodTarget struct {
	h    *phost.Host
	ps   *pubsub.PubSub
	rpcs *rpcCounter
}

func newFloodTarget(t *testing.T) *floodTarget {
	t.Helper()
	key, _, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		t.Fatal(err)
	}
	h, err := phost.New(t.Context(), phost.Config{Identity: key, Listen: []string{"/ip4/127.0.0.1/tcp/0"}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); h.Close() })
	ft := &floodTarget{h: h, rpcs: &rpcCounter{n: map[peer.ID]int{}}}
	ft.ps, err = NewGossip(ctx, h.Host(),
		WithNamespace(testNS),
		WithColocationWhitelist("127.0.0.0/8"),
		WithPubSubOptions(pubsub.WithRawTracer(ft.rpcs)))
	if err != nil {
		t.Fatal(err)
	}
	tp, err := New(ft.ps, h.Host(), testNS, testKnown).Join(workA)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tp.Close() })
	return ft
}

// tracked counts the topics of names for which the target's pubsub lists p
// as a subscriber.
func (ft *floodTarget) tracked(p peer.ID, names []string) int {
	n := 0
	for _, name := range names {
		for _, q := range ft.ps.ListPeers(name) {
			if q == p {
				n++
				break
			}
		}
	}
	return n
}

// lists says whether the target's pubsub has a stream to p.
func (ft *floodTarget) lists(p peer.ID) bool {
	for _, q := range ft.ps.ListPeers("") {
		if q == p {
			return true
		}
	}
	return false
}

// rpcCounter counts the RPCs pubsub has taken in from each peer. pubsub
// calls RecvRPC from its event loop just before it applies the RPC's
// subscriptions, so once the count is reached, any later request to that
// loop (ListPeers) sees their effect.
type rpcCounter struct {
	noopTracer
	mu sync.Mutex
	n  map[peer.ID]int
}

func (c *rpcCounter) RecvRPC(rpc *pubsub.RPC) {
	c.mu.Lock()
	c.n[rpc.From()]++
	c.mu.Unlock()
}

func (c *rpcCounter) count(p peer.ID) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[p]
}

// rawPeer speaks gossipsub by hand: length-prefixed RPC protobufs on a
// /meshsub/1.2.0 stream, with no pubsub of its own behind it.
type rawPeer struct {
	h    host.Host
	s    network.Stream
	sent int // RPCs written
}

var meshsub = protocol.ID("/meshsub/1.2.0")

func newRawPeer(t *testing.T) *rawPeer {
	t.Helper()
	h, err := libp2p.New(libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	// Accept the node's own pubsub stream (so that the node lists this
	// peer) and discard what it sends.
	h.SetStreamHandler(meshsub, func(s network.Stream) {
		_, _ = io.Copy(io.Discard, s)
		_ = s.Reset()
	})
	return &rawPeer{h: h}
}

// dial connects to the target and opens the stream RPCs go out on.
func (r *rawPeer) dial(t *testing.T, ft *floodTarget) {
	t.Helper()
	ai := peer.AddrInfo{ID: ft.h.ID(), Addrs: ft.h.Host().Addrs()}
	if err := r.h.Connect(t.Context(), ai); err != nil {
		t.Fatal(err)
	}
	s, err := r.h.NewStream(t.Context(), ft.h.ID(), meshsub)
	if err != nil {
		t.Fatal(err)
	}
	r.s = s
}

// send writes one RPC with varint length framing, as pubsub does.
func (r *rawPeer) send(t *testing.T, rpc *pb.RPC) {
	t.Helper()
	b, err := proto.Marshal(rpc)
	if err != nil {
		t.Fatal(err)
	}
	_ = r.s.SetWriteDeadline(time.Now().Add(10 * time.Second))
	if _, err := r.s.Write(append(binary.AppendUvarint(nil, uint64(len(b))), b...)); err != nil {
		t.Fatal(err)
	}
	r.sent++
}

// subscribe sends SUBSCRIBE for every name, packed into RPCs of under
// 500 KB: pubsub counts subscriptions with control messages, at most
// 512 KiB per RPC (a larger one costs the sender its stream).
func (r *rawPeer) subscribe(t *testing.T, names []string, yes bool) {
	t.Helper()
	var subs []*pb.RPC_SubOpts
	size := 0
	for _, name := range names {
		if size+len(name)+16 > 500_000 {
			r.send(t, &pb.RPC{Subscriptions: subs})
			subs, size = nil, 0
		}
		subs = append(subs, &pb.RPC_SubOpts{Topicid: proto.String(name), Subscribe: proto.Bool(yes)})
		size += len(name) + 16
	}
	if len(subs) > 0 {
		r.send(t, &pb.RPC{Subscriptions: subs})
	}
}

// control sends GRAFT, PRUNE and IHAVE for every name, under pubsub's
// 512 KiB limit on the control part of an RPC.
func (r *rawPeer) control(t *testing.T, names []string) {
	t.Helper()
	for len(names) > 0 {
		n := min(len(names), 150)
		ctl := &pb.ControlMessage{}
		for i, name := range names[:n] {
			ctl.Graft = append(ctl.Graft, &pb.ControlGraft{TopicID: proto.String(name)})
			ctl.Prune = append(ctl.Prune, &pb.ControlPrune{TopicID: proto.String(name), Backoff: proto.Uint64(3600)})
			ctl.Ihave = append(ctl.Ihave, &pb.ControlIHave{TopicID: proto.String(name), MessageIDs: []string{fmt.Sprintf("mid-%d", i)}})
		}
		r.send(t, &pb.RPC{Control: ctl})
		names = names[n:]
	}
}

// enter connects to the target, waits until its pubsub lists r, and
// subscribes to the work the target holds.
func (r *rawPeer) enter(t *testing.T, ft *floodTarget) {
	t.Helper()
	r.dial(t, ft)
	eventually(t, "node lists the raw peer", func() bool { return ft.lists(r.h.ID()) })
	r.subscribe(t, []string{TopicName(testNS, workA)}, true)
	r.waitTaken(t, ft)
}

// waitTaken waits until the target has taken in every RPC r sent.
func (r *rawPeer) waitTaken(t *testing.T, ft *floodTarget) {
	t.Helper()
	eventually(t, "target read every RPC", func() bool { return ft.rpcs.count(r.h.ID()) >= r.sent })
}

// liveHeap is the heap in use by live objects, after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// floodTopics returns the attack's topic names: n1 of 1,000 bytes that
// are no essaim topic (half of them start like one), n2 well-formed
// topics of other deployments, n3 of this node's own deployment with
// roots nobody holds.
func floodTopics(n1, n2, n3 int) (junk, foreign, own []string) {
	own0 := TopicName(testNS, [32]byte{})
	for i := range n1 {
		head := fmt.Sprintf("/junk/%d/", i)
		if i%2 == 1 {
			head = own0[:len(own0)-64] + fmt.Sprintf("%064x/", i)
		}
		junk = append(junk, head+strings.Repeat("x", 1000-len(head)))
	}
	otherChain := Namespace{ChainID: 1, Contract: testNS.Contract}
	otherContract := Namespace{ChainID: testNS.ChainID, Contract: [20]byte{0xde, 0xad}}
	for i := range n2 {
		ns := otherChain
		if i%2 == 1 {
			ns = otherContract
		}
		foreign = append(foreign, TopicName(ns, root(i)))
	}
	for i := range n3 {
		own = append(own, TopicName(testNS, root(1_000_000+i)))
	}
	return junk, foreign, own
}

func root(i int) [32]byte {
	var r [32]byte
	binary.BigEndian.PutUint64(r[24:], uint64(i))
	r[0] = 0x77
	return r
}

// floodHeapBudget bounds the live heap the whole attack may add.
const floodHeapBudget = 8 << 20

// TestSubscriptionFloodBounded attacks a node as a peer without a license
// or a single valid message can: tens of thousands of SUBSCRIBEs for
// distinct topics, 1,000-byte ones, other deployments' and unheld works of
// the node's own, plus GRAFT, PRUNE and IHAVE for topics it has not
// joined; then a second identity subscribes to the same topics. The node
// must track none of the foreign topics, at most MaxTopicsPerPeer of its
// own per peer, and its live heap must grow by less than floodHeapBudget;
// an honest peer is still tracked, and once a hostile peer leaves, its
// quota is free again.
func TestSubscriptionFloodBounded(t *testing.T) {
	ft := newFloodTarget(t)
	evil, evil2 := newRawPeer(t), newRawPeer(t)
	evil.enter(t, ft)
	evil2.enter(t, ft)
	junk, foreign, own := floodTopics(40_000, 10_000, 10_000)
	before := liveHeap()

	evil.subscribe(t, junk, true)
	evil.subscribe(t, foreign, true)
	evil.subscribe(t, own, true)
	evil.control(t, junk[:6000])
	evil.waitTaken(t, ft)
	mid := liveHeap()
	id := evil.h.ID()
	gotJunk, gotForeign, gotOwn := ft.tracked(id, junk), ft.tracked(id, foreign), ft.tracked(id, own)
	t.Logf("first peer, %d RPCs: tracked %d of %d junk, %d of %d foreign, %d of %d own; live heap +%.2f MiB, %d bytes per tracked topic",
		evil.sent, gotJunk, len(junk), gotForeign, len(foreign), gotOwn, len(own),
		mib(mid-before), int(mid-before)/max(gotOwn, 1))
	if gotJunk != 0 || gotForeign != 0 {
		t.Errorf("node tracks %d junk and %d foreign topics of one peer, want none", gotJunk, gotForeign)
	}
	// One slot holds the node's own work, subscribed to on entering.
	if gotOwn != MaxTopicsPerPeer-1 {
		t.Errorf("node tracks %d unheld topics of one peer, want %d", gotOwn, MaxTopicsPerPeer-1)
	}

	evil2.subscribe(t, own, true)
	evil2.waitTaken(t, ft)
	after := liveHeap()
	got2 := ft.tracked(evil2.h.ID(), own)
	t.Logf("second peer, same topics: tracked %d; live heap +%.2f MiB, %d bytes per tracked pair; whole attack +%.2f MiB",
		got2, mib(after-mid), int(after-mid)/max(got2, 1), mib(after-before))
	if got2 != MaxTopicsPerPeer-1 {
		t.Errorf("node tracks %d topics of the second peer, want %d", got2, MaxTopicsPerPeer-1)
	}
	// The topic lists were allocated before the first measurement: keep
	// them alive through the last.
	runtime.KeepAlive(junk)
	runtime.KeepAlive(foreign)
	if int64(after)-int64(before) > floodHeapBudget {
		t.Errorf("live heap grew by %.1f MiB, budget %d MiB", mib(after-before), floodHeapBudget>>20)
	}
	if ft.tracked(id, []string{TopicName(testNS, workA)}) != 1 {
		t.Error("the subscription to the node's own work was lost")
	}
	honestTracked(t, ft)
	quotaFreedOnLeave(t, ft, evil)
}

func mib(n uint64) float64 { return float64(int64(n)) / (1 << 20) }

// honestTracked checks that an honest peer arriving now is tracked in a
// topic the node holds and in one it does not.
func honestTracked(t *testing.T, ft *floodTarget) {
	t.Helper()
	honest := newNode(t)
	if err := honest.h.Connect(t.Context(), peer.AddrInfo{ID: ft.h.ID(), Addrs: ft.h.Host().Addrs()}); err != nil {
		t.Fatal(err)
	}
	topics := []string{join(t, honest, workA).Name(), join(t, honest, workB).Name()}
	eventually(t, "honest subscriptions tracked", func() bool { return ft.tracked(honest.h.ID(), topics) == 2 })
}

// quotaFreedOnLeave disconnects r, whose quota is full, and checks that
// back under the same identity a new subscription is tracked.
func quotaFreedOnLeave(t *testing.T, ft *floodTarget, r *rawPeer) {
	t.Helper()
	if err := r.h.Network().ClosePeer(ft.h.ID()); err != nil {
		t.Fatal(err)
	}
	eventually(t, "node forgets the raw peer", func() bool { return !ft.lists(r.h.ID()) })
	r.dial(t, ft)
	again := TopicName(testNS, root(42))
	r.subscribe(t, []string{again}, true)
	eventually(t, "subscription after reconnecting tracked", func() bool { return ft.tracked(r.h.ID(), []string{again}) == 1 })
}
