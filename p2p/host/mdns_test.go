package host

import (
	"context"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
)

// TestMDNSNotifeeConnects drives the discovery callback directly: real
// multicast cannot be used here (the sandbox allows loopback traffic only
// and lo has no MULTICAST flag), so the test feeds the notifee what mDNS
// would report and checks the host dials it.
func TestMDNSNotifeeConnects(t *testing.T) {
	checkNoLeak(t)
	a := newTestHost(t, Config{Listen: listenTCP})
	b := newTestHost(t, Config{Listen: listenQUIC})
	ctx, cancel := context.WithCancel(context.Background())
	n := newMDNSNotifee(ctx, a.Host(), 5*time.Second)
	defer func() { cancel(); n.close() }()

	// Reports of ourselves or of an empty record are ignored.
	n.HandlePeerFound(peer.AddrInfo{ID: a.ID(), Addrs: a.Host().Addrs()})
	n.HandlePeerFound(peer.AddrInfo{ID: b.ID()})
	n.mu.Lock()
	pending := len(n.dialing)
	n.mu.Unlock()
	if pending != 0 {
		t.Fatalf("%d dials started for self or addressless peers", pending)
	}

	info := peer.AddrInfo{ID: b.ID(), Addrs: b.Host().Addrs()}
	n.HandlePeerFound(info)
	n.HandlePeerFound(info) // a repeated report must not start a second dial
	eventually(t, 5*time.Second, "a to connect to b", func() bool {
		return a.Host().Network().Connectedness(b.ID()) == network.Connected
	})
	eventually(t, 5*time.Second, "dial bookkeeping to clear", func() bool {
		n.mu.Lock()
		defer n.mu.Unlock()
		return len(n.dialing) == 0
	})
	if c := len(a.Host().Network().ConnsToPeer(b.ID())); c != 1 {
		t.Errorf("%d connections to b, want 1", c)
	}

	// After close, reports start nothing.
	cancel()
	n.close()
	c := newTestHost(t, Config{Listen: listenTCP})
	n.HandlePeerFound(peer.AddrInfo{ID: c.ID(), Addrs: c.Host().Addrs()})
	n.mu.Lock()
	pending = len(n.dialing)
	n.mu.Unlock()
	if pending != 0 {
		t.Fatal("closed notifee started a dial")
	}
}

// The real mDNS service starts with the host and stops with it, leaving
// nothing running (multicast itself does not reach across loopback here,
// so discovery is tested through the notifee above).
func TestMDNSServiceStartsAndStops(t *testing.T) {
	checkNoLeak(t)
	h := newTestHost(t, Config{Listen: listenTCP, MDNS: true})
	if h.mdns == nil {
		t.Fatal("MDNS set but no mDNS service running")
	}
}
