package fetch

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/protocol/circuitv2/client"
	relayv2 "github.com/libp2p/go-libp2p/p2p/protocol/circuitv2/relay"
	ma "github.com/multiformats/go-multiaddr"

	"essaim/p2p/bitfield"
	"essaim/p2p/content"
	"essaim/p2p/ratelimit"
	"essaim/p2p/xfer"
)

// behindRelay makes h reachable only through relay, as a holder behind a
// NAT is: it reserves a slot, then stops listening on its own addresses.
// It returns h's address through the relay.
func behindRelay(t *testing.T, h, relay host.Host) ma.Multiaddr {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ri := peer.AddrInfo{ID: relay.ID(), Addrs: relay.Addrs()}
	if err := h.Connect(ctx, ri); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Reserve(ctx, h, ri); err != nil {
		t.Fatal(err)
	}
	var direct []ma.Multiaddr // not the circuit listener: circuits come in on it
	for _, a := range h.Network().ListenAddresses() {
		if _, err := a.ValueForProtocol(ma.P_CIRCUIT); err != nil {
			direct = append(direct, a)
		}
	}
	h.Network().(interface{ ListenClose(...ma.Multiaddr) }).ListenClose(direct...)
	return ma.StringCast(relay.Addrs()[0].String() + "/p2p/" + relay.ID().String() + "/p2p-circuit")
}

// newRelay starts a relay whose circuits are limited connections, as
// essaim's are (p2p/host).
func newRelay(t *testing.T) host.Host {
	t.Helper()
	r := newHost(t)
	rs, err := relayv2.New(r, relayv2.WithLimit(&relayv2.RelayLimit{Duration: time.Hour, Data: 1 << 30}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rs.Close() })
	return r
}

// TestTransferMovesToDirectConnection: a holder reached through a relay
// serves over the relayed connection; once a direct connection to it
// exists (here the holder dials the downloader back, as hole punching
// does for a public downloader), the transfer moves to it and ends there.
func TestTransferMovesToDirectConnection(t *testing.T) {
	f := newFixture(t, 2<<20)
	relay := newRelay(t)
	// 2 MiB at 1 MiB/s; from the direct connection on, the holder sends
	// nothing more until the transfer has moved (or 10 s have passed), so
	// the relayed session cannot finish first however slow the move.
	moved := watchLog("transfer moved to a direct connection")
	up := &holdLimiter{pace: ratelimit.New(1 << 20), release: moved.seen}
	holder := f.pacedHolder(t, up)
	via := behindRelay(t, holder, relay)
	me := newHost(t)
	var got atomic.Int32
	punched := make(chan error, 1)
	res, out, err := f.run(t, Config{
		Host:   me,
		Logger: slog.New(moved),
		GiveUp: 20 * time.Second,
		Discover: func(_ context.Context, found func(peer.AddrInfo)) {
			found(peer.AddrInfo{ID: holder.ID(), Addrs: []ma.Multiaddr{via}})
		},
		Stored: func(int) {
			if got.Add(1) == 4 {
				up.hold(10 * time.Second)
				// The connection reversal DCUtR performs.
				go func() {
					ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
					defer cancel()
					ctx = network.WithForceDirectDial(ctx, "connection reversal")
					punched <- holder.Connect(ctx, peer.AddrInfo{ID: me.ID(), Addrs: me.Addrs()})
				}()
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := <-punched; err != nil {
		t.Fatalf("direct connection: %v", err)
	}
	f.same(t, out)
	p := string(holder.ID())
	t.Logf("chunks: %d in all, %d relayed; last session %s", res.From[p], res.Relayed[p], res.Via[p])
	if res.Relayed[p] == 0 {
		t.Fatal("no chunk came through the relay: the test proves nothing")
	}
	if res.Via[p] != ViaDirect || res.From[p]-res.Relayed[p] == 0 {
		t.Fatalf("the transfer stayed on the relay: via %s, %d of %d chunks relayed", res.Via[p], res.Relayed[p], res.From[p])
	}
}

// TestRelayedOnlyHolderServes: a holder that stays behind its relay serves
// the whole work over the relayed connection.
func TestRelayedOnlyHolderServes(t *testing.T) {
	f := newFixture(t, 512<<10)
	relay := newRelay(t)
	holder, _ := f.holder(t, open, false, nil)
	via := behindRelay(t, holder, relay)
	res, out, err := f.run(t, Config{Discover: func(_ context.Context, found func(peer.AddrInfo)) {
		found(peer.AddrInfo{ID: holder.ID(), Addrs: []ma.Multiaddr{via}})
	}})
	if err != nil {
		t.Fatal(err)
	}
	f.same(t, out)
	p := string(holder.ID())
	if res.Via[p] != ViaRelayed || res.Relayed[p] != f.m.NumChunks() {
		t.Fatalf("via %s, %d of %d chunks relayed", res.Via[p], res.Relayed[p], f.m.NumChunks())
	}
}

// holdLimiter paces writes; once hold is called, it holds every write
// until release closes or the hold's time is up.
type holdLimiter struct {
	pace    xfer.Limiter
	release <-chan struct{}
	mu      sync.Mutex
	until   time.Time // zero: not held
}

func (h *holdLimiter) hold(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.until = time.Now().Add(d)
}

func (h *holdLimiter) WaitN(ctx context.Context, n int) error {
	h.mu.Lock()
	until := h.until
	h.mu.Unlock()
	if !until.IsZero() {
		t := time.NewTimer(time.Until(until))
		defer t.Stop()
		select {
		case <-h.release:
		case <-t.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return h.pace.WaitN(ctx, n)
}

// slowHolder is a holder of the whole work whose uploads are capped.
func (f *fixture) slowHolder(t *testing.T, rate int64) host.Host {
	t.Helper()
	return f.pacedHolder(t, ratelimit.New(rate))
}

// pacedHolder is a holder of the whole work whose uploads go through up.
func (f *fixture) pacedHolder(t *testing.T, up xfer.Limiter) host.Host {
	t.Helper()
	src, err := content.OpenSource(f.path, f.m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	mb, _ := f.m.MarshalBinary()
	h := newHost(t)
	xfer.NewServer(h, xfer.ServerConfig{Domain: testDomain, Rights: open,
		Library: lib{&served{src: src, mb: mb, have: bitfield.Full(f.m.NumChunks())}}, Upload: up})
	return h
}

// TestHostileRelayOnlyDelays: a relay that cuts every circuit after a few
// chunks (it can drop or delay; it cannot read or forge what the secure
// channel carries) costs the download nothing but the holder behind it:
// the work comes whole, verified, from a holder reached directly.
func TestHostileRelayOnlyDelays(t *testing.T) {
	f := newFixture(t, 2<<20)
	r := newHost(t)
	rs, err := relayv2.New(r, relayv2.WithLimit(&relayv2.RelayLimit{Duration: time.Hour, Data: 128 << 10}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rs.Close() })
	behind := f.slowHolder(t, 512<<10)
	via := behindRelay(t, behind, r)
	direct := f.slowHolder(t, 512<<10)
	res, out, err := f.run(t, Config{GiveUp: 10 * time.Second, Discover: func(_ context.Context, found func(peer.AddrInfo)) {
		found(peer.AddrInfo{ID: behind.ID(), Addrs: []ma.Multiaddr{via}})
		found(peer.AddrInfo{ID: direct.ID(), Addrs: direct.Addrs()})
	}})
	if err != nil {
		t.Fatal(err)
	}
	f.same(t, out)
	t.Logf("chunks: %d through the hostile relay, %d direct", res.From[string(behind.ID())], res.From[string(direct.ID())])
	if res.From[string(direct.ID())] == 0 || res.From[string(behind.ID())] >= f.m.NumChunks() {
		t.Fatalf("chunks per holder %v", res.From)
	}
}
