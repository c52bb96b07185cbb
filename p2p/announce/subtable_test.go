package announce

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	pb "github.com/libp2p/go-libp2p-pubsub/pb"
	"github.com/libp2p/go-libp2p/core/peer"
	"google.golang.org/protobuf/proto"
)

func sub(topic string) *pb.RPC_SubOpts {
	return &pb.RPC_SubOpts{Topicid: proto.String(topic), Subscribe: proto.Bool(true)}
}

func unsub(topic string) *pb.RPC_SubOpts {
	return &pb.RPC_SubOpts{Topicid: proto.String(topic), Subscribe: proto.Bool(false)}
}

func anyTopic(string) bool { return true }

// check verifies the table's counters against its maps.
func (t *subTable) check(tb testing.TB) {
	tb.Helper()
	count := map[string]int{}
	for _, topics := range t.peers {
		if len(topics) == 0 {
			tb.Fatal("empty peer entry kept")
		}
		if len(topics) > t.lim.perPeer {
			tb.Fatalf("peer holds %d topics, limit %d", len(topics), t.lim.perPeer)
		}
		for topic := range topics {
			count[topic]++
		}
	}
	remoteTopics, remoteSubs := 0, 0
	for topic, n := range count {
		if st := t.topics[topic]; st == nil || st.peers != n || st.name != topic {
			tb.Fatalf("topic %s: %+v, want %d peers", topic, st, n)
		}
		if _, local := t.local[topic]; !local {
			remoteTopics++
			remoteSubs += n
		}
	}
	if len(t.topics) != len(count) || t.remoteTopics != remoteTopics || t.remoteSubs != remoteSubs {
		tb.Fatalf("counters %d topics, %d remote topics, %d remote subs; want %d, %d, %d",
			len(t.topics), t.remoteTopics, t.remoteSubs, len(count), remoteTopics, remoteSubs)
	}
}

// names returns the topics of subs in order, "+t" for a subscription and
// "-t" for an unsubscription.
func names(subs []*pb.RPC_SubOpts) []string {
	var out []string
	for _, s := range subs {
		sign := "-"
		if s.GetSubscribe() {
			sign = "+"
		}
		out = append(out, sign+s.GetTopicid())
	}
	return out
}

func TestSubTableRules(t *testing.T) {
	lim := subLimits{perRPC: 8, perPeer: 3, remoteTopics: 4, remoteSubs: 6}
	type step struct {
		from      peer.ID
		subs      []*pb.RPC_SubOpts
		offline   bool
		join      string
		leave     string
		drop      bool
		want      []string
		wantError bool
	}
	a, b, c := peer.ID("a"), peer.ID("b"), peer.ID("c")
	tests := []struct {
		name  string
		steps []step
	}{
		{"per-peer cap", []step{
			{from: a, subs: []*pb.RPC_SubOpts{sub("t1"), sub("t2"), sub("t3"), sub("t4")}, want: []string{"+t1", "+t2", "+t3"}},
			{from: a, subs: []*pb.RPC_SubOpts{sub("t1")}, want: []string{"+t1"}}, // held already: refreshed
			{from: a, subs: []*pb.RPC_SubOpts{unsub("t2"), sub("t4"), sub("t5")}, want: []string{"-t2", "+t4"}},
			{from: b, subs: []*pb.RPC_SubOpts{sub("t1")}, want: []string{"+t1"}}, // another peer has its own quota
		}},
		{"too many entries in one RPC", []step{
			{from: a, subs: []*pb.RPC_SubOpts{sub("1"), sub("2"), sub("3"), sub("4"), sub("5"), sub("6"), sub("7"), sub("8"), sub("9")}, wantError: true},
			{from: a, subs: []*pb.RPC_SubOpts{sub("t1")}, want: []string{"+t1"}}, // nothing was recorded
		}},
		{"names refused", []step{
			{from: a, subs: []*pb.RPC_SubOpts{sub("bad"), sub("t1"), unsub("bad")}, want: []string{"+t1"}},
		}},
		{"unsubscribing what was never held", []step{
			{from: a, subs: []*pb.RPC_SubOpts{unsub("t1")}, want: nil},
		}},
		{"subscribe then unsubscribe in one RPC", []step{
			{from: a, subs: []*pb.RPC_SubOpts{sub("t1"), unsub("t1"), sub("t2")}, want: []string{"+t1", "-t1", "+t2"}},
			{from: a, subs: []*pb.RPC_SubOpts{unsub("t1")}, want: nil},
		}},
		{"a peer no longer connected", []step{
			{from: a, subs: []*pb.RPC_SubOpts{sub("t1")}, want: []string{"+t1"}},
			{from: a, offline: true, subs: []*pb.RPC_SubOpts{sub("t2"), unsub("t1")}, want: []string{"-t1"}},
		}},
		{"distinct remote topics", []step{
			{from: a, subs: []*pb.RPC_SubOpts{sub("t1"), sub("t2"), sub("t3")}, want: []string{"+t1", "+t2", "+t3"}},
			{from: b, subs: []*pb.RPC_SubOpts{sub("t4"), sub("t5"), sub("t1")}, want: []string{"+t4", "+t1"}},
			{from: c, subs: []*pb.RPC_SubOpts{unsub("t9"), sub("t6")}, want: nil},
			{from: a, subs: []*pb.RPC_SubOpts{unsub("t3")}, want: []string{"-t3"}},
			{from: c, subs: []*pb.RPC_SubOpts{sub("t6")}, want: []string{"+t6"}},
		}},
		{"remote pairs", []step{
			{from: a, subs: []*pb.RPC_SubOpts{sub("t1"), sub("t2"), sub("t3")}, want: []string{"+t1", "+t2", "+t3"}},
			{from: b, subs: []*pb.RPC_SubOpts{sub("t1"), sub("t2"), sub("t3")}, want: []string{"+t1", "+t2", "+t3"}},
			{from: c, subs: []*pb.RPC_SubOpts{sub("t1")}, want: nil},
			{from: a, drop: true},
			{from: c, subs: []*pb.RPC_SubOpts{sub("t1")}, want: []string{"+t1"}},
		}},
		{"joined topics do not count against the remote limits", []step{
			{join: "mine"},
			{from: a, subs: []*pb.RPC_SubOpts{sub("t1"), sub("t2"), sub("t3")}, want: []string{"+t1", "+t2", "+t3"}},
			{from: b, subs: []*pb.RPC_SubOpts{sub("t1"), sub("t2"), sub("t3")}, want: []string{"+t1", "+t2", "+t3"}},
			{from: c, subs: []*pb.RPC_SubOpts{sub("t1"), sub("mine")}, want: []string{"+mine"}},
			{leave: "mine"}, // back to remote: 4 topics, 7 pairs, over the limit
			{from: c, subs: []*pb.RPC_SubOpts{unsub("mine"), sub("t1")}, want: []string{"-mine"}},
			{from: b, subs: []*pb.RPC_SubOpts{unsub("t3")}, want: []string{"-t3"}},
			{from: c, subs: []*pb.RPC_SubOpts{sub("t1")}, want: []string{"+t1"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := newSubTable(lim)
			allowed := func(s string) bool { return s != "bad" }
			for i, st := range tt.steps {
				switch {
				case st.join != "":
					tab.join(st.join)
				case st.leave != "":
					tab.leave(st.leave)
				case st.drop:
					tab.dropPeer(st.from)
				default:
					got, err := tab.filter(st.from, st.subs, allowed, !st.offline)
					if st.wantError != (err != nil) || (err != nil && !errors.Is(err, pubsub.ErrTooManySubscriptions)) {
						t.Fatalf("step %d: error %v, want error %v", i, err, st.wantError)
					}
					if fmt.Sprint(names(got)) != fmt.Sprint(st.want) {
						t.Fatalf("step %d: accepted %v, want %v", i, names(got), st.want)
					}
				}
				tab.check(t)
			}
		})
	}
}

// TestSubTableFollowsPubsub drives the table with random RPCs, applies what
// it accepts the way pubsub does, and checks that the table and pubsub's
// state agree and that no limit is ever passed.
func TestSubTableFollowsPubsub(t *testing.T) {
	lim := subLimits{perRPC: 6, perPeer: 5, remoteTopics: 12, remoteSubs: 20}
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 1))
		tab := newSubTable(lim)
		state := map[peer.ID]map[string]bool{} // what pubsub records
		peers := []peer.ID{"a", "b", "c", "d", "e", "f"}
		topic := func() string { return fmt.Sprintf("t%d", rng.IntN(30)) }
		for range 300 {
			p := peers[rng.IntN(len(peers))]
			switch rng.IntN(20) {
			case 0:
				tab.dropPeer(p)
				delete(state, p)
			case 1:
				tab.join(topic())
			case 2:
				tab.leave(topic())
			default:
				var subs []*pb.RPC_SubOpts
				for range rng.IntN(lim.perRPC + 2) {
					if rng.IntN(3) == 0 {
						subs = append(subs, unsub(topic()))
					} else {
						subs = append(subs, sub(topic()))
					}
				}
				rt, rs := tab.remoteTopics, tab.remoteSubs
				got, err := tab.filter(p, subs, anyTopic, true)
				if (err != nil) != (len(subs) > lim.perRPC) {
					t.Fatalf("seed %d: %d entries, error %v", seed, len(subs), err)
				}
				// A leave may have left the counters above a limit; an
				// RPC never adds beyond it.
				if tab.remoteTopics > max(rt, lim.remoteTopics) || tab.remoteSubs > max(rs, lim.remoteSubs) {
					t.Fatalf("seed %d: remote topics %d → %d, pairs %d → %d, limits %d, %d",
						seed, rt, tab.remoteTopics, rs, tab.remoteSubs, lim.remoteTopics, lim.remoteSubs)
				}
				for _, s := range got {
					if state[p] == nil {
						state[p] = map[string]bool{}
					}
					if s.GetSubscribe() {
						state[p][s.GetTopicid()] = true
					} else {
						delete(state[p], s.GetTopicid())
					}
				}
			}
			tab.check(t)
			for _, p := range peers {
				if len(state[p]) != len(tab.peers[p]) {
					t.Fatalf("seed %d: pubsub holds %d topics of %s, table %d", seed, len(state[p]), p, len(tab.peers[p]))
				}
				for topic := range state[p] {
					if _, ok := tab.peers[p][topic]; !ok {
						t.Fatalf("seed %d: table lost %s of %s", seed, topic, p)
					}
				}
			}
		}
	}
}

// A peer that only ever sends (pubsub never opened a stream to it, so its
// tracer hooks never fire) is forgotten when its last connection closes,
// and gets no new subscription once gone.
func TestSubFilterForgetsDisconnectedPeer(t *testing.T) {
	a, b := newNode(t), newNode(t)
	f := newSubFilter(a.h.Network(), topicMatcher(&testNS), defaultSubLimits)
	a.h.Network().Notify(f.ntf)
	t.Cleanup(func() { a.h.Network().StopNotify(f.ntf) })
	connect(t, a, b)
	held := func() int {
		f.mu.Lock()
		defer f.mu.Unlock()
		return len(f.t.peers[b.h.ID()])
	}
	topics := []*pb.RPC_SubOpts{sub(TopicName(testNS, workA)), sub(TopicName(testNS, workB)), sub("junk")}
	got, err := f.FilterIncomingSubscriptions(b.h.ID(), topics)
	if err != nil || len(got) != 2 || held() != 2 {
		t.Fatalf("accepted %v (%v), table holds %d", names(got), err, held())
	}
	// b goes away for good (closing only the connection left b's side
	// free to dial again, and the check below racing with it).
	if err := b.h.Close(); err != nil {
		t.Fatal(err)
	}
	eventually(t, "table forgets the peer", func() bool { return held() == 0 })
	if got, _ := f.FilterIncomingSubscriptions(b.h.ID(), topics); len(got) != 0 || held() != 0 {
		t.Fatalf("accepted %v from a peer no longer connected", names(got))
	}
}

// TestPerRPCLimitAboveWhatFits checks the reason for
// MaxSubscriptionsPerRPC: that many well-formed topics, in their shortest
// encoding, exceed what pubsub lets one RPC carry, so an honest RPC never
// reaches the limit.
func TestPerRPCLimitAboveWhatFits(t *testing.T) {
	shortest := TopicName(Namespace{ChainID: 0}, [32]byte{})
	rpc := &pb.RPC{}
	for range MaxSubscriptionsPerRPC {
		rpc.Subscriptions = append(rpc.Subscriptions, &pb.RPC_SubOpts{Topicid: proto.String(shortest)})
	}
	b, err := proto.Marshal(rpc)
	if err != nil {
		t.Fatal(err)
	}
	if err := pb.ValidateRawRPCControlMessageSize(b, pubsub.DefaultMaxControlMessageSize); err == nil {
		t.Fatalf("%d subscriptions take %d bytes, within pubsub's limit", MaxSubscriptionsPerRPC, len(b))
	}
	rpc.Subscriptions = rpc.Subscriptions[:MaxSubscriptionsPerRPC-32]
	if b, _ := proto.Marshal(rpc); pb.ValidateRawRPCControlMessageSize(b, pubsub.DefaultMaxControlMessageSize) != nil {
		t.Fatalf("%d subscriptions (%d bytes) refused by pubsub", len(rpc.Subscriptions), len(b))
	}
}
