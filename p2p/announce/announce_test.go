package announce

import (
	"bytes"
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"essaim/p2p/bitfield"

	"github.com/libp2p/go-libp2p"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	pb "github.com/libp2p/go-libp2p-pubsub/pb"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
)

// TestMain fails the run if any goroutine of this package outlives the
// tests: every Topic must stop its reader and loop on Close.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		deadline := time.Now().Add(5 * time.Second)
		for leaked() && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if leaked() {
			os.Stderr.WriteString("goroutine of p2p/announce leaked\n")
			code = 1
		}
	}
	os.Exit(code)
}

func leaked() bool {
	buf := make([]byte, 1<<20)
	s := string(buf[:runtime.Stack(buf, true)])
	return strings.Contains(s, "announce.(*Topic).read") || strings.Contains(s, "announce.(*Topic).run")
}

var testNS = Namespace{ChainID: 31337, Contract: [20]byte{0x5f, 0xbd}}

type node struct {
	h  host.Host
	ps *pubsub.PubSub

	mu     sync.Mutex
	scores map[peer.ID]float64
	topics map[string]bool // topics of messages and IHAVEs received
	pubs   int             // messages it published
}

func (n *node) score(p peer.ID) (float64, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	s, ok := n.scores[p]
	return s, ok
}

func (n *node) saw(topic string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.topics[topic]
}

// published counts the messages this node published.
func (n *node) published() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.pubs
}

// Trace records which topics reached this node at all, and counts the
// messages it published.
func (n *node) Trace(evt *pb.TraceEvent) {
	meta := evt.GetRecvRPC().GetMeta()
	n.mu.Lock()
	defer n.mu.Unlock()
	if evt.GetType() == pb.TraceEvent_PUBLISH_MESSAGE {
		n.pubs++
	}
	for _, m := range meta.GetMessages() {
		n.topics[m.GetTopic()] = true
	}
	for _, ih := range meta.GetControl().GetIhave() {
		n.topics[ih.GetTopic()] = true
	}
}

func newNode(t *testing.T) *node {
	t.Helper()
	h, err := libp2p.New(libp2p.ListenAddrStrings("/ip4/127.0.0.1/tcp/0"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); h.Close() })
	n := &node{h: h, scores: map[peer.ID]float64{}, topics: map[string]bool{}}
	inspect := func(snap map[peer.ID]*pubsub.PeerScoreSnapshot) {
		n.mu.Lock()
		defer n.mu.Unlock()
		for p, s := range snap {
			n.scores[p] = s.Score
		}
	}
	n.ps, err = NewGossip(ctx, h,
		WithNamespace(testNS),
		WithColocationWhitelist("127.0.0.0/8"),
		WithScoreInspect(inspect, 50*time.Millisecond),
		WithPubSubOptions(pubsub.WithEventTracer(n)))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func connect(t *testing.T, nodes ...*node) {
	t.Helper()
	for i, a := range nodes {
		for _, b := range nodes[i+1:] {
			if err := a.h.Connect(t.Context(), peer.AddrInfo{ID: b.h.ID(), Addrs: b.h.Addrs()}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func join(t *testing.T, n *node, root [32]byte, opts ...Option) *Topic {
	t.Helper()
	opts = append([]Option{WithMinInterval(20 * time.Millisecond)}, opts...)
	tp, err := New(n.ps, n.h, testNS, testKnown, opts...).Join(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := tp.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return tp
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitPeers waits until tp's pubsub topic knows every peer of want.
func waitPeers(t *testing.T, tp *Topic, want ...*node) {
	t.Helper()
	eventually(t, "topic peers", func() bool {
		have := map[peer.ID]bool{}
		for _, p := range tp.pt.ListPeers() {
			have[p] = true
		}
		for _, n := range want {
			if !have[n.h.ID()] {
				return false
			}
		}
		return true
	})
}

// next reads updates until one from p satisfies ok.
func next(t *testing.T, tp *Topic, p peer.ID, ok func(Holder) bool) Holder {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case h, open := <-tp.Updates():
			if !open {
				t.Fatal("updates closed")
			}
			if h.Peer == tp.s.h.ID() {
				t.Fatal("own announcement delivered")
			}
			if h.Peer == p && ok(h) {
				return h
			}
		case <-timeout:
			t.Fatalf("no matching update from %s", p)
		}
	}
}

func TestPartialThenComplete(t *testing.T) {
	a, b, c := newNode(t), newNode(t), newNode(t)
	connect(t, a, b, c)
	ta, tb, tc := join(t, a, workA), join(t, b, workA), join(t, c, workA)
	waitPeers(t, ta, b, c)

	have := bitfield.Of(20, 0, 3, 5)
	if err := ta.Publish(t.Context(), have); err != nil {
		t.Fatal(err)
	}
	for _, tp := range []*Topic{tb, tc} {
		h := next(t, tp, a.h.ID(), func(Holder) bool { return true })
		if h.Complete || !bytes.Equal(h.Have.Bytes(), have.Bytes()) {
			t.Fatalf("got complete=%v %x, want partial %x", h.Complete, h.Have.Bytes(), have.Bytes())
		}
		if len(h.Addrs) == 0 || len(h.Addrs) != len(a.h.Addrs()) || !h.Addrs[0].Equal(a.h.Addrs()[0]) {
			t.Fatalf("addrs %v, want %v", h.Addrs, a.h.Addrs())
		}
	}
	if err := ta.Publish(t.Context(), bitfield.Full(20)); err != nil {
		t.Fatal(err)
	}
	h := next(t, tb, a.h.ID(), func(h Holder) bool { return h.Complete })
	if h.Have.Count() != 20 {
		t.Fatalf("complete holder has %d chunks", h.Have.Count())
	}
	eventually(t, "holders table", func() bool {
		hs := tc.Holders()
		return len(hs) == 1 && hs[0].Peer == a.h.ID() && hs[0].Complete
	})
	// B announces too: A hears B and never itself.
	if err := tb.Publish(t.Context(), bitfield.Of(20, 1)); err != nil {
		t.Fatal(err)
	}
	next(t, ta, b.h.ID(), func(Holder) bool { return true })
	for _, h := range ta.Holders() {
		if h.Peer == a.h.ID() {
			t.Fatal("own state in holders")
		}
	}
}

func TestUnjoinedTopicStaysSilent(t *testing.T) {
	a, b, c := newNode(t), newNode(t), newNode(t)
	connect(t, a, b, c)
	ta, tb := join(t, a, workA), join(t, b, workA)
	tbY, tcY := join(t, b, workB), join(t, c, workB)
	waitPeers(t, ta, b)
	waitPeers(t, tbY, c)

	if err := ta.Publish(t.Context(), bitfield.Of(20, 2)); err != nil {
		t.Fatal(err)
	}
	if err := tbY.Publish(t.Context(), bitfield.Of(9, 2)); err != nil {
		t.Fatal(err)
	}
	next(t, tb, a.h.ID(), func(Holder) bool { return true })
	next(t, tcY, b.h.ID(), func(Holder) bool { return true })
	if !c.saw(tcY.Name()) {
		t.Fatal("tracer missed the topic C joined")
	}
	if c.saw(ta.Name()) {
		t.Fatal("C received traffic of a topic it did not join")
	}
	if len(tcY.Holders()) != 1 {
		t.Fatalf("C knows %d holders of its topic, want 1", len(tcY.Holders()))
	}
}

func TestHostilePeerPenalised(t *testing.T) {
	a, b, evil := newNode(t), newNode(t), newNode(t)
	connect(t, a, b, evil)
	ta, tb := join(t, a, workA), join(t, b, workA)
	// The hostile node speaks raw pubsub on the topic, no validator.
	raw, err := evil.ps.Join(ta.Name())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	eventually(t, "hostile sees the swarm", func() bool { return len(raw.ListPeers()) == 2 })

	bad := [][]byte{
		[]byte("garbage"),
		valid(t, uint64(time.Now().UnixNano()), func(a *announcement) { a.NumChunks, a.Have = 21, bitfield.Of(21) }),
		make([]byte, MaxMessageSize+10),
	}
	for _, m := range bad {
		if err := raw.Publish(t.Context(), m); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, "hostile score negative", func() bool {
		s, ok := a.score(evil.h.ID())
		return ok && s < 0
	})
	// An honest message sent afterwards arrives; nothing of the hostile did.
	if err := tb.Publish(t.Context(), bitfield.Of(20, 7)); err != nil {
		t.Fatal(err)
	}
	next(t, ta, b.h.ID(), func(Holder) bool { return true })
	for _, h := range ta.Holders() {
		if h.Peer == evil.h.ID() {
			t.Fatal("holder state from the hostile peer")
		}
	}
	if s, _ := a.score(b.h.ID()); s < 0 {
		t.Fatalf("honest peer score %v", s)
	}
}

func TestCoalesceAndRepublish(t *testing.T) {
	a, b := newNode(t), newNode(t)
	connect(t, a, b)
	ta := join(t, a, workA, WithMinInterval(300*time.Millisecond), WithRepublish(time.Hour))
	tb := join(t, b, workA)
	waitPeers(t, ta, b)

	var last *bitfield.Bitfield
	for i := range 10 {
		last = bitfield.Of(20, 0, i+1)
		if err := ta.Publish(t.Context(), last); err != nil {
			t.Fatal(err)
		}
	}
	got := 0
	next(t, tb, a.h.ID(), func(h Holder) bool {
		got++
		return bytes.Equal(h.Have.Bytes(), last.Bytes())
	})
	if got > 3 {
		t.Fatalf("%d announcements for 10 rapid updates, want coalescing", got)
	}
}

func TestRepublishAndExpiry(t *testing.T) {
	a, b := newNode(t), newNode(t)
	connect(t, a, b)
	ta, err := New(a.ps, a.h, testNS, testKnown, WithRepublish(100*time.Millisecond)).Join(workA)
	if err != nil {
		t.Fatal(err)
	}
	tb := join(t, b, workA, WithRepublish(100*time.Millisecond))
	waitPeers(t, ta, b)
	if err := ta.Publish(t.Context(), bitfield.Of(20, 4)); err != nil {
		t.Fatal(err)
	}
	first := next(t, tb, a.h.ID(), func(Holder) bool { return true })
	for range 2 {
		h := next(t, tb, a.h.ID(), func(Holder) bool { return true })
		if h.Seq <= first.Seq || !bytes.Equal(h.Have.Bytes(), first.Have.Bytes()) {
			t.Fatalf("republish seq %d after %d, have %x", h.Seq, first.Seq, h.Have.Bytes())
		}
		first = h
	}
	if err := ta.Close(); err != nil {
		t.Fatal(err)
	}
	if _, open := <-ta.Updates(); open {
		t.Fatal("updates still open after Close")
	}
	if err := ta.Publish(t.Context(), bitfield.Of(20)); !errors.Is(err, ErrClosed) {
		t.Fatalf("publish after close: %v", err)
	}
	eventually(t, "holder expiry", func() bool { return len(tb.Holders()) == 0 })
	// Close left the topic and its validator: joining again works.
	again := join(t, a, workA)
	if again.Name() != tb.Name() {
		t.Fatal("topic name changed")
	}
}

func TestSlowConsumerKeepsLatest(t *testing.T) {
	a, b := newNode(t), newNode(t)
	connect(t, a, b)
	ta, tb := join(t, a, workA), join(t, b, workA)
	waitPeers(t, ta, b)
	var want *bitfield.Bitfield
	for i := range 5 {
		want = bitfield.Of(20, i)
		if err := ta.Publish(t.Context(), want); err != nil {
			t.Fatal(err)
		}
		eventually(t, "state received", func() bool {
			hs := tb.Holders()
			return len(hs) == 1 && bytes.Equal(hs[0].Have.Bytes(), want.Bytes())
		})
	}
	// Nobody read Updates meanwhile: only the latest state waits.
	h := <-tb.Updates()
	if !bytes.Equal(h.Have.Bytes(), want.Bytes()) {
		t.Fatalf("first pending update %x, want latest %x", h.Have.Bytes(), want.Bytes())
	}
	select {
	case h := <-tb.Updates():
		t.Fatalf("stale update delivered: %x", h.Have.Bytes())
	default:
	}
}

func TestJoinRefuses(t *testing.T) {
	a := newNode(t)
	s := New(a.ps, a.h, testNS, testKnown)
	if _, err := s.Join(unknownW); !errors.Is(err, ErrUnknownWork) {
		t.Fatalf("unknown work: %v", err)
	}
	tp, err := s.Join(workA)
	if err != nil {
		t.Fatal(err)
	}
	defer tp.Close()
	if _, err := s.Join(workA); !errors.Is(err, ErrJoined) {
		t.Fatalf("second join: %v", err)
	}
	if err := tp.Publish(t.Context(), bitfield.Of(19)); !errors.Is(err, ErrChunkCount) {
		t.Fatalf("wrong length: %v", err)
	}
	if got, want := tp.Name(), "/essaim/avail/1/31337/0x5fbd000000000000000000000000000000000000/aa"+strings.Repeat("0", 62); got != want {
		t.Fatalf("topic %s, want %s", got, want)
	}
}

// A peer that joins late hears the holders at once, not after a republish
// interval (an hour here): holders announce again when someone joins.
func TestLateJoinerHearsHolders(t *testing.T) {
	a, b := newNode(t), newNode(t)
	connect(t, a, b)
	// Progress would wait an hour: the newcomer is told at once because
	// it joined.
	ta := join(t, a, workA, WithRepublish(time.Hour), WithMinInterval(50*time.Millisecond), WithProgressInterval(time.Hour))
	if err := ta.Publish(t.Context(), bitfield.Full(20)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the first announcement goes out to nobody
	tb := join(t, b, workA, WithRepublish(time.Hour))
	h := next(t, tb, a.h.ID(), func(h Holder) bool { return h.Complete })
	if h.Peer != a.h.ID() {
		t.Fatalf("heard %s", h.Peer)
	}
}

// TestQuietTopicPublishesNothing: a holder alone in its work's topic signs
// and sends no announcement, however many republish intervals pass; the
// first peer to join is told at once.
func TestQuietTopicPublishesNothing(t *testing.T) {
	a, b := newNode(t), newNode(t)
	ta := join(t, a, workA, WithRepublish(50*time.Millisecond))
	if err := ta.Publish(t.Context(), bitfield.Full(20)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // six republish intervals with nobody to hear them
	if n := a.published(); n != 0 {
		t.Fatalf("published %d announcements to an empty topic", n)
	}
	connect(t, a, b)
	tb := join(t, b, workA)
	next(t, tb, a.h.ID(), func(h Holder) bool { return h.Complete })
	if a.published() == 0 {
		t.Fatal("the joiner heard a without a publish")
	}
}

// TestProgressWaitsForItsInterval: a downloader's progress (chunks gained)
// is not announced more often than the progress interval, while its first
// chunk and its completion go out at once.
func TestProgressWaitsForItsInterval(t *testing.T) {
	a, b := newNode(t), newNode(t)
	connect(t, a, b)
	ta := join(t, a, workA, WithRepublish(time.Hour), WithProgressInterval(time.Hour))
	tb := join(t, b, workA)
	waitPeers(t, ta, b)

	have := bitfield.New(20)
	have.Set(0)
	if err := ta.Publish(t.Context(), have); err != nil {
		t.Fatal(err)
	}
	first := next(t, tb, a.h.ID(), func(Holder) bool { return true })
	if first.Have.Count() != 1 {
		t.Fatalf("first announcement holds %d chunks, want 1", first.Have.Count())
	}
	// Ten states that only gain chunks: the next announcement is due in
	// an hour, not in the minimum interval (20 ms).
	for i := 1; i <= 10; i++ {
		have = have.Clone()
		have.Set(i)
		if err := ta.Publish(t.Context(), have); err != nil {
			t.Fatal(err)
		}
		if wait, ok := ta.nextSend(time.Now()); !ok || wait < 30*time.Minute {
			t.Fatalf("after %d chunks gained, the next announcement is due in %v", i, wait)
		}
	}
	if err := ta.Publish(t.Context(), bitfield.Full(20)); err != nil {
		t.Fatal(err)
	}
	h := next(t, tb, a.h.ID(), func(Holder) bool { return true })
	if !h.Complete {
		t.Fatalf("after the first chunk b heard %d chunks before completion; progress should wait an hour", h.Have.Count())
	}
}

func TestProgressOnly(t *testing.T) {
	cases := []struct {
		name       string
		prev, next *bitfield.Bitfield
		want       bool
	}{
		{"first state", nil, bitfield.Of(20, 1), false},
		{"first chunk", bitfield.New(20), bitfield.Of(20, 1), false},
		{"chunks gained", bitfield.Of(20, 1), bitfield.Of(20, 1, 2, 3), true},
		{"complete", bitfield.Of(20, 1), bitfield.Full(20), false},
		{"unchanged", bitfield.Of(20, 1, 2), bitfield.Of(20, 1, 2), true},
		{"a chunk lost", bitfield.Of(20, 1, 2), bitfield.Of(20, 2, 3, 4), false},
	}
	for _, c := range cases {
		if got := progressOnly(c.prev, c.next); got != c.want {
			t.Errorf("%s: progressOnly = %v, want %v", c.name, got, c.want)
		}
	}
}
