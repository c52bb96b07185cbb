package host

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	ma "github.com/multiformats/go-multiaddr"
)

func TestDecideReachability(t *testing.T) {
	const (
		unknown = network.ReachabilityUnknown
		public  = network.ReachabilityPublic
		private = network.ReachabilityPrivate
	)
	for _, c := range []struct {
		v1                     network.Reachability
		reachable, unreachable int
		want                   network.Reachability
	}{
		{unknown, 0, 0, unknown},
		{public, 0, 0, public},
		{private, 0, 0, private},
		{unknown, 1, 0, public},
		{private, 1, 0, public}, // v2 confirmed an address: v1's dial-back failed on another
		{unknown, 0, 2, private},
		{public, 0, 2, public}, // v1 reached the observed address v2 did not check
		{unknown, 1, 2, public},
	} {
		if got := decideReachability(c.v1, c.reachable, c.unreachable); got != c.want {
			t.Errorf("decideReachability(%s, %d, %d) = %s, want %s", c.v1, c.reachable, c.unreachable, got, c.want)
		}
	}
}

// TestWaitHolePunchOnLoopback: with no public peer to learn its address
// from, a host never gets a hole punching handler, and a download must not
// wait for it.
func TestWaitHolePunchOnLoopback(t *testing.T) {
	a := newTestHost(t, Config{Listen: listenTCP})
	newTestHost(t, Config{Listen: listenTCP, Bootstrap: a.Addrs()})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	if a.WaitHolePunch(ctx) {
		t.Fatal("hole punching ready on loopback")
	}
	// It answers at once; a second leaves room for a loaded machine and
	// still fails a wait that runs to ctx's end (5 s).
	if d := time.Since(start); d > time.Second {
		t.Fatalf("WaitHolePunch took %s with no public peer", d)
	}
	if got := a.Reachability(); got != network.ReachabilityUnknown {
		t.Fatalf("reachability on loopback: %s", got)
	}
}

func TestPeerRank(t *testing.T) {
	in := []string{
		"/ip4/127.0.0.1/tcp/1",
		"/ip4/192.168.1.2/tcp/1",
		"/ip4/11.0.2.2/tcp/4001/p2p/12D3KooWNU9vroKRuR5L1yXZJEPkw7LQqnpHwbsJE645f3nsPgdC/p2p-circuit",
		"/ip4/11.0.3.2/udp/1/quic-v1",
		"/ip4/10.0.0.1/tcp/1",
	}
	addrs := make([]ma.Multiaddr, len(in))
	for i, s := range in {
		addrs[i] = ma.StringCast(s)
	}
	slices.SortStableFunc(addrs, func(a, b ma.Multiaddr) int { return peerRank(a) - peerRank(b) })
	want := []string{in[3], in[2], in[1], in[4], in[0]}
	for i, a := range addrs {
		if a.String() != want[i] {
			t.Fatalf("order %v, want %v", addrs, want)
		}
	}
}
