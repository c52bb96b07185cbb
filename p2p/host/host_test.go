package host

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	dht "github.com/libp2p/go-libp2p-kad-dht"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

func TestConnectViaBootstrap(t *testing.T) {
	cases := []struct {
		name      string
		listen    []string
		transport string // protocol name that must appear in the conn's address
	}{
		{"tcp", listenTCP, "tcp"},
		{"quic", listenQUIC, "quic-v1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkNoLeak(t)
			a := newTestHost(t, Config{Listen: tc.listen})
			b := newTestHost(t, Config{Listen: tc.listen, Bootstrap: a.Addrs()})
			conns := b.Host().Network().ConnsToPeer(a.ID())
			if len(conns) == 0 {
				t.Fatal("b is not connected to a after New returned")
			}
			for _, c := range conns {
				addr := c.RemoteMultiaddr().String()
				if !strings.Contains(addr, "/"+tc.transport) {
					t.Errorf("connection over %s, want %s", addr, tc.transport)
				}
			}
			eventually(t, 5*time.Second, "a to see b", func() bool {
				return a.Host().Network().Connectedness(b.ID()) == network.Connected
			})
		})
	}
}

func TestAddrsAreFullAndLoopback(t *testing.T) {
	checkNoLeak(t)
	h := newTestHost(t, Config{})
	addrs := h.Addrs()
	if len(addrs) < 2 {
		t.Fatalf("got %d addrs, want TCP and QUIC: %q", len(addrs), addrs)
	}
	infos, err := ParseAddrs(addrs)
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 1 || infos[0].ID != h.ID() {
		t.Fatalf("addrs name %v, want only %s", infos, h.ID())
	}
	for _, a := range infos[0].Addrs {
		if !manet.IsIPLoopback(a) {
			t.Errorf("non-loopback address %s for a loopback listener", a)
		}
	}
}

// errAny in a test table accepts any non-nil error.
var errAny = errors.New("any error")

// TestDHTIsPrivate checks the DHT speaks only the essaim protocol and
// starts with no peers at all when no bootstrap peer is given (in
// particular, none of the public IPFS bootstrap nodes).
func TestDHTIsPrivate(t *testing.T) {
	checkNoLeak(t)
	h := newTestHost(t, Config{Listen: listenTCP})
	protos := h.Host().Mux().Protocols()
	if !slices.Contains(protos, "/essaim/kad/1.0.0") {
		t.Errorf("DHT protocol /essaim/kad/1.0.0 missing from %v", protos)
	}
	if slices.Contains(protos, dht.ProtocolDHT) {
		t.Errorf("host speaks the public %s", dht.ProtocolDHT)
	}
	if n := h.dht.RoutingTable().Size(); n != 0 {
		t.Errorf("routing table holds %d peers with no bootstrap peer given", n)
	}
	if n := len(h.Host().Network().Peers()); n != 0 {
		t.Errorf("connected to %d peers with no bootstrap peer given", n)
	}
}

func TestNewRefusesBadConfig(t *testing.T) {
	k, _, _ := crypto.GenerateEd25519Key(nil)
	id := testPeerID(t)
	cases := []struct {
		name string
		cfg  Config
		want error
	}{
		{"no identity", Config{Listen: listenTCP}, ErrConfig},
		{"bad prefix", Config{Identity: k, Listen: listenTCP, ProtocolPrefix: "essaim"}, ErrConfig},
		{"negative limit", Config{Identity: k, Listen: listenTCP, Limits: Limits{FD: -1}}, ErrConfig},
		{"bad listen address", Config{Identity: k, Listen: []string{"/ip4/127.0.0.1/tcp/x"}}, ErrConfig},
		// A valid multiaddr no configured transport can listen on fails in
		// libp2p itself; what matters is a clean error and no leak.
		{"unsupported listen transport", Config{Identity: k, Listen: []string{"/ip4/127.0.0.1/udp/0"}}, errAny},
		{"low above high", Config{Identity: k, Listen: listenTCP, ConnLow: 10, ConnHigh: 5}, ErrConfig},
		{"bootstrap without peer id", Config{Identity: k, Listen: listenTCP, Bootstrap: []string{"/ip4/127.0.0.1/tcp/1"}}, ErrBadAddr},
		// Port 1 on loopback refuses at once.
		{"unreachable bootstrap", Config{Identity: k, Listen: listenTCP, DialTimeout: 2 * time.Second,
			Bootstrap: []string{"/ip4/127.0.0.1/tcp/1/p2p/" + id.String()}}, ErrBootstrap},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkNoLeak(t)
			h, err := New(context.Background(), tc.cfg)
			if err == nil {
				h.Close()
			}
			if tc.want == errAny && err != nil {
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestBootstrapSkipsSelf(t *testing.T) {
	checkNoLeak(t)
	k, _, _ := crypto.GenerateEd25519Key(nil)
	id, _ := peer.IDFromPrivateKey(k)
	// A shared bootstrap list that names only this node must not fail.
	newTestHost(t, Config{Identity: k, Listen: listenTCP,
		Bootstrap: []string{"/ip4/127.0.0.1/tcp/9/p2p/" + id.String()}})
}

func TestDHTFindsProviderAcrossChain(t *testing.T) {
	checkNoLeak(t)
	const n = 6
	hosts := make([]*Host, n)
	hosts[0] = newTestHost(t, Config{Listen: listenTCP})
	for i := 1; i < n; i++ {
		hosts[i] = newTestHost(t, Config{Listen: listenTCP, Bootstrap: hosts[i-1].Addrs()})
	}
	first, last := hosts[0], hosts[n-1]
	var contract [20]byte
	contract[0] = 0xee
	var root [32]byte
	root[31] = 7
	key := WorkKey(31337, contract, root)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// Provide needs a non-empty routing table, which fills as identify
	// completes: retry until it takes.
	eventually(t, 10*time.Second, "provide to succeed", func() bool {
		return first.Provide(ctx, key) == nil
	})
	var found []peer.AddrInfo
	eventually(t, 20*time.Second, "the last host to find the first as provider", func() bool {
		fctx, fcancel := context.WithTimeout(ctx, 2*time.Second)
		defer fcancel()
		got, err := last.FindProviders(fctx, key, 5)
		if err != nil {
			t.Fatal(err)
		}
		found = got
		for _, p := range got {
			if p.ID == first.ID() {
				return true
			}
		}
		return false
	})
	for _, p := range found {
		if p.ID == last.ID() {
			t.Error("FindProviders returned the caller itself")
		}
	}
	// A host looking for a key of another deployment finds nobody.
	other := WorkKey(1, contract, root)
	fctx, fcancel := context.WithTimeout(ctx, 2*time.Second)
	defer fcancel()
	got, err := last.FindProviders(fctx, other, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("found %d providers for another chain's key, want 0", len(got))
	}
}

func TestFindProvidersExcludesSelf(t *testing.T) {
	checkNoLeak(t)
	a := newTestHost(t, Config{Listen: listenTCP})
	b := newTestHost(t, Config{Listen: listenTCP, Bootstrap: a.Addrs()})
	key := WorkKey(5, [20]byte{1}, [32]byte{2})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	eventually(t, 10*time.Second, "provide", func() bool { return b.Provide(ctx, key) == nil })
	eventually(t, 10*time.Second, "a to find b", func() bool {
		got, _ := a.FindProviders(ctx, key, 1)
		return len(got) == 1 && got[0].ID == b.ID()
	})
	fctx, fcancel := context.WithTimeout(ctx, time.Second)
	defer fcancel()
	got, err := b.FindProviders(fctx, key, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range got {
		if p.ID == b.ID() {
			t.Fatal("FindProviders returned the caller itself")
		}
	}
}

func TestCloseLeavesNoGoroutines(t *testing.T) {
	checkNoLeak(t)
	a := newTestHost(t, Config{})
	b := newTestHost(t, Config{Bootstrap: a.Addrs()})
	// Exercise both transports and the DHT before closing.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	key := WorkKey(1, [20]byte{}, [32]byte{})
	eventually(t, 5*time.Second, "provide", func() bool { return a.Provide(ctx, key) == nil })
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	// The goroutine check itself runs in checkNoLeak's cleanup.
}

// TestAddrsFollowListeners: Addrs keeps its last formatting only while
// the addresses stay the same, and what it returns is the caller's.
func TestAddrsFollowListeners(t *testing.T) {
	h := newTestHost(t, Config{Listen: listenTCP})
	first := h.Addrs()
	if len(first) == 0 {
		t.Fatal("no addresses")
	}
	first[0] = "changed by the caller"
	if again := h.Addrs(); again[0] == "changed by the caller" {
		t.Fatal("Addrs handed out its own slice")
	}
	if err := h.Host().Network().Listen(ma.StringCast("/ip4/127.0.0.1/tcp/0")); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "a second listener in Addrs", func() bool { return len(h.Addrs()) > len(first) })
}
