package host

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/protocol/circuitv2/client"
	ma "github.com/multiformats/go-multiaddr"
)

const sinkProto = "/essaim-test/sink"

// relayed is a destination behind a relay: it holds a reservation and
// counts what reaches it through circuits.
type relayed struct {
	h    *Host
	got  atomic.Int64
	addr ma.Multiaddr // its circuit address through the relay
}

func newRelayed(t *testing.T, relay *Host) *relayed {
	t.Helper()
	d := &relayed{h: newTestHost(t, Config{Listen: listenTCP})}
	d.h.Host().SetStreamHandler(sinkProto, func(s network.Stream) {
		buf := make([]byte, 32<<10)
		for {
			n, err := s.Read(buf)
			d.got.Add(int64(n))
			if err != nil {
				break
			}
		}
		s.Close()
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ri := peer.AddrInfo{ID: relay.ID(), Addrs: relay.Host().Addrs()}
	if err := d.h.Host().Connect(ctx, ri); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Reserve(ctx, d.h.Host(), ri); err != nil {
		t.Fatalf("reserve: %v", err)
	}
	d.addr = ma.StringCast(relay.Host().Addrs()[0].String() + "/p2p/" + relay.ID().String() + "/p2p-circuit")
	// Behind a NAT nobody could dial d; on loopback anyone can (and the
	// DHT would, once identify names d's addresses).
	stopListening(d.h)
	return d
}

// newSource makes a host that reaches others through relays: like d, it
// does not listen, or d's DHT, learning its addresses through identify,
// would dial it directly and the test's stream could take that connection.
func newSource(t *testing.T) *Host {
	h := newTestHost(t, Config{Listen: listenTCP})
	stopListening(h)
	return h
}

// stopListening closes h's direct listeners, as if h sat behind a NAT.
func stopListening(h *Host) {
	var direct []ma.Multiaddr
	for _, a := range h.Host().Network().ListenAddresses() {
		if !relayAddr(a) {
			direct = append(direct, a)
		}
	}
	h.Host().Network().(interface{ ListenClose(...ma.Multiaddr) }).ListenClose(direct...)
}

// openCircuit opens a stream from src to d through the relay.
func openCircuit(t *testing.T, src *Host, d *relayed) (network.Stream, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// Only through the relay: without the flag, libp2p would dial d's own
	// addresses, which on loopback (unlike behind a NAT) answer.
	ctx = network.WithAllowLimitedConn(ctx, "test")
	if err := src.Host().Connect(ctx, peer.AddrInfo{ID: d.h.ID(), Addrs: []ma.Multiaddr{d.addr}}); err != nil {
		return nil, err
	}
	s, err := src.Host().NewStream(ctx, d.h.ID(), sinkProto)
	if err != nil {
		return nil, err
	}
	if c := s.Conn(); !c.Stat().Limited {
		t.Fatalf("stream on %s is not on a limited (relayed) connection", c.RemoteMultiaddr())
	}
	return s, nil
}

// push writes to s as fast as it can for d, then closes it.
func push(s network.Stream, d time.Duration) {
	buf := make([]byte, 32<<10)
	s.SetWriteDeadline(time.Now().Add(d))
	for {
		if _, err := s.Write(buf); err != nil {
			break
		}
	}
	s.Reset()
}

// TestRelayPacesCircuits: a peer using a public node as a free relay gets
// at most CircuitRate per circuit, all circuits together at most Rate, and
// BusyRate while the node's own transfers are sending.
func TestRelayPacesCircuits(t *testing.T) {
	checkNoLeak(t)
	var busy atomic.Bool
	lim := RelayLimits{Rate: 768 << 10, CircuitRate: 512 << 10, BusyRate: 128 << 10}
	relay := newTestHost(t, Config{Listen: listenTCP, Relay: RelayOn, RelayLimits: lim, Busy: busy.Load})
	d := newRelayed(t, relay)
	srcs := []*Host{newSource(t), newSource(t)}
	const span = 1500 * time.Millisecond
	// slack: one burst of each limiter, and one read taken before its
	// wait, per circuit.
	const slack = 3 * relayBurst

	measure := func(n int) (bytes int64, seconds float64) {
		t.Helper()
		before := d.got.Load()
		done := make(chan struct{}, n)
		start := time.Now()
		for _, src := range srcs[:n] {
			s, err := openCircuit(t, src, d)
			if err != nil {
				t.Fatal(err)
			}
			go func() { push(s, span); done <- struct{}{} }()
		}
		for range n {
			<-done
		}
		// What the relay read before the resets may still be on its way.
		time.Sleep(200 * time.Millisecond)
		return d.got.Load() - before, time.Since(start).Seconds()
	}
	for _, c := range []struct {
		name    string
		sources int
		busy    bool
		cap     int64
	}{
		{"one circuit: CircuitRate", 1, false, lim.CircuitRate},
		{"two circuits: Rate in all", 2, false, lim.Rate},
		{"node busy: BusyRate in all", 2, true, lim.BusyRate},
	} {
		busy.Store(c.busy)
		time.Sleep(busyCheck) // the pacer looks at Busy at most this often
		got, secs := measure(c.sources)
		t.Logf("%s: %d KiB in %.2f s, %.0f KiB/s (cap %d KiB/s)", c.name, got>>10, secs, float64(got)/secs/1024, c.cap>>10)
		if limit := float64(c.cap)*secs + float64(slack*c.sources); float64(got) > limit {
			t.Errorf("%s: %d bytes relayed in %.2f s, above the cap (%.0f)", c.name, got, secs, limit)
		}
		if float64(got) < 0.3*float64(c.cap)*float64(span.Seconds()) {
			t.Errorf("%s: %d bytes relayed in %.2f s, far below the cap", c.name, got, secs)
		}
	}
	if r := relay.Relayed(); r < d.got.Load() {
		t.Errorf("Relayed() = %d, below the %d bytes delivered", r, d.got.Load())
	}
}

// TestRelayCircuitsPerPeer: past CircuitsPerPeer circuits to one peer, the
// relay refuses more.
func TestRelayCircuitsPerPeer(t *testing.T) {
	relay := newTestHost(t, Config{Listen: listenTCP, Relay: RelayOn, RelayLimits: RelayLimits{CircuitsPerPeer: 2}})
	d := newRelayed(t, relay)
	for i := range 3 {
		src := newSource(t)
		s, err := openCircuit(t, src, d)
		if i < 2 {
			if err != nil {
				t.Fatalf("circuit %d: %v", i+1, err)
			}
			defer s.Reset()
			continue
		}
		if err == nil {
			s.Reset()
			t.Fatal("a third circuit to one peer was relayed; the cap is 2")
		}
		var re client.ReservationError
		t.Logf("third circuit refused: %v (%v)", err, errors.As(err, &re))
	}
}

// TestRelayCircuitsForACrowd: with the default limits, a dozen peers
// reach one holder behind the relay at once (a flash crowd at a NATed
// seed: each needs a circuit for the seconds its hole punch takes).
func TestRelayCircuitsForACrowd(t *testing.T) {
	relay := newTestHost(t, Config{Listen: listenTCP, Relay: RelayOn})
	d := newRelayed(t, relay)
	for i := range 12 {
		s, err := openCircuit(t, newSource(t), d)
		if err != nil {
			t.Fatalf("circuit %d of 12 to one holder: %v", i+1, err)
		}
		defer s.Reset()
	}
}

// TestRelayOffRefusesCircuits: a node that does not relay (RelayOff, or
// RelayAuto while its reachability is not public, as on loopback) gives no
// reservation.
func TestRelayOffRefusesCircuits(t *testing.T) {
	for _, mode := range []RelayMode{RelayOff, RelayAuto} {
		r := newTestHost(t, Config{Listen: listenTCP, Relay: mode})
		d := newTestHost(t, Config{Listen: listenTCP})
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		ri := peer.AddrInfo{ID: r.ID(), Addrs: r.Host().Addrs()}
		_, err := client.Reserve(ctx, d.Host(), ri)
		cancel()
		if err == nil {
			t.Errorf("relay %s: reservation granted", mode)
		}
	}
}

func TestParseRelayMode(t *testing.T) {
	for _, m := range []RelayMode{RelayAuto, RelayOn, RelayOff} {
		got, err := ParseRelayMode(m.String())
		if err != nil || got != m {
			t.Errorf("ParseRelayMode(%q) = %v, %v", m, got, err)
		}
	}
	for _, bad := range []string{"", "yes", "ON", "auto "} {
		if _, err := ParseRelayMode(bad); !errors.Is(err, ErrConfig) {
			t.Errorf("ParseRelayMode(%q): %v, want ErrConfig", bad, err)
		}
	}
}

func TestRelayLimitsRefused(t *testing.T) {
	k := newKey(t)
	for _, l := range []RelayLimits{{Rate: -1}, {CircuitsPerPeer: -1}, {CircuitDuration: time.Millisecond}, {CircuitBytes: 1}} {
		if _, err := New(context.Background(), Config{Identity: k, RelayLimits: l}); !errors.Is(err, ErrConfig) {
			t.Errorf("limits %+v: %v, want ErrConfig", l, err)
		}
	}
	if _, err := New(context.Background(), Config{Identity: k, Relay: RelayOff + 1}); !errors.Is(err, ErrConfig) {
		t.Errorf("relay mode out of range: %v, want ErrConfig", err)
	}
}

func newKey(t *testing.T) crypto.PrivKey {
	t.Helper()
	k, _, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestRelayReservationsCapped: peers holding reservations to exhaust a
// relay get no more than Reservations of them.
func TestRelayReservationsCapped(t *testing.T) {
	relay := newTestHost(t, Config{Listen: listenTCP, Relay: RelayOn, RelayLimits: RelayLimits{Reservations: 2}})
	ri := peer.AddrInfo{ID: relay.ID(), Addrs: relay.Host().Addrs()}
	granted := 0
	for range 4 {
		d := newTestHost(t, Config{Listen: listenTCP})
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if _, err := client.Reserve(ctx, d.Host(), ri); err == nil {
			granted++
		}
		cancel()
	}
	if granted != 2 {
		t.Fatalf("%d reservations granted, want the cap of 2", granted)
	}
}

// TestRelayedConnClosedOnceDirect: once two peers hold a direct
// connection, the idle relayed one between them is closed, which frees
// its circuit at the relay (relays cap circuits per peer).
func TestRelayedConnClosedOnceDirect(t *testing.T) {
	relay := newTestHost(t, Config{Listen: listenTCP, Relay: RelayOn})
	d := newRelayed(t, relay)
	src := newSource(t)
	s, err := openCircuit(t, src, d)
	if err != nil {
		t.Fatal(err)
	}
	s.Reset() // no stream left on the relayed connection
	// src listens again, for d to dial it back.
	if err := src.Host().Network().Listen(ma.StringCast("/ip4/127.0.0.1/tcp/0")); err != nil {
		t.Fatal(err)
	}
	limited := func() bool {
		for _, c := range src.Host().Network().ConnsToPeer(d.h.ID()) {
			if c.Stat().Limited {
				return true
			}
		}
		return false
	}
	if !limited() {
		t.Fatal("no relayed connection: the test proves nothing")
	}
	// The connection reversal of hole punching: d dials src directly. The
	// dial is retried: src's identify push about its new listener can
	// replace, in d's peer store, the addresses Connect just put there
	// ("no addresses"; seen under -race on a loaded machine).
	direct := func() bool {
		for _, c := range d.h.Host().Network().ConnsToPeer(src.ID()) {
			if !c.Stat().Limited {
				return true
			}
		}
		ctx, cancel := context.WithTimeout(network.WithForceDirectDial(context.Background(), "test"), 5*time.Second)
		defer cancel()
		err := d.h.Host().Connect(ctx, peer.AddrInfo{ID: src.ID(), Addrs: src.Host().Network().ListenAddresses()})
		return err == nil
	}
	eventually(t, 10*time.Second, "a direct connection from d to src", direct)
	eventually(t, 3*reapEvery, "the relayed connection closed", func() bool { return !limited() })
}
