package host

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
)

const testProto = protocol.ID("/essaim/test/hold/1.0.0")

func TestLimitsDefaults(t *testing.T) {
	l := Limits{}.withDefaults()
	if l.Memory != DefaultMemory || l.MemoryPerPeer != DefaultMemoryPerPeer || l.FD != DefaultFD || l.ConnsPerPeer != DefaultConnsPerPeer ||
		l.StreamsInPerPeer != DefaultStreamsInPerPeer || l.StreamsOutPerPeer != DefaultStreamsOutPerPeer {
		t.Fatalf("defaults not applied: %+v", l)
	}
	c := l.concrete().ToPartialLimitConfig()
	if got := c.System.Memory; int64(got) != DefaultMemory {
		t.Errorf("system memory %v, want %d", got, DefaultMemory)
	}
	if got := c.System.FD; int(got) != DefaultFD {
		t.Errorf("system fd %v, want %d", got, DefaultFD)
	}
	if got := c.PeerDefault.StreamsInbound; int(got) != DefaultStreamsInPerPeer {
		t.Errorf("peer inbound streams %v, want %d", got, DefaultStreamsInPerPeer)
	}
	if got := c.PeerDefault.Memory; int64(got) != DefaultMemoryPerPeer {
		t.Errorf("peer memory %v, want %d", got, DefaultMemoryPerPeer)
	}
	if got := c.PeerDefault.ConnsInbound; int(got) != DefaultConnsPerPeer {
		t.Errorf("peer inbound conns %v, want %d", got, DefaultConnsPerPeer)
	}
	// The service limits libp2p ships (identify, ping, ...) survive.
	if _, ok := c.Service["libp2p.identify"]; !ok {
		t.Error("identify service limit missing")
	}
}

// TestPerPeerStreamCap has one raw libp2p peer open more streams than the
// cap to a host and checks that exactly the cap is served, the rest are
// reset by the resource manager, and every reservation is released after.
func TestPerPeerStreamCap(t *testing.T) {
	checkNoLeak(t)
	const limit, extra = 8, 5
	server := newTestHost(t, Config{Listen: listenTCP, Limits: Limits{StreamsInPerPeer: limit}})
	var served, finished atomic.Int32
	server.Host().SetStreamHandler(testProto, func(s network.Stream) {
		defer finished.Add(1)
		buf := make([]byte, 1)
		if _, err := s.Read(buf); err != nil {
			s.Reset()
			return
		}
		served.Add(1)
		if _, err := s.Write(buf); err != nil {
			s.Reset()
			return
		}
		// Hold the stream until the client closes it.
		s.Read(buf)
		s.Close()
	})

	// The attacker is a plain libp2p host without DHT, so its only other
	// inbound streams at the server are identify's, which end quickly.
	client, err := libp2p.New(libp2p.ListenAddrStrings(listenTCP...))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	infos, _ := ParseAddrs(server.Addrs())
	if err := client.Connect(ctx, infos[0]); err != nil {
		t.Fatal(err)
	}
	inbound := func() int { return peerStat(t, server, client.ID()).NumStreamsInbound }
	eventually(t, 5*time.Second, "identify streams to end", func() bool { return inbound() == 0 })

	var open []network.Stream
	refused := 0
	for i := 0; i < limit+extra; i++ {
		s, err := client.NewStream(ctx, server.ID(), testProto)
		if err != nil {
			refused++
			continue
		}
		s.SetDeadline(time.Now().Add(5 * time.Second))
		buf := []byte{byte(i)}
		_, werr := s.Write(buf)
		_, rerr := s.Read(buf)
		if werr != nil || rerr != nil {
			refused++
			s.Reset()
			continue
		}
		s.SetDeadline(time.Time{})
		open = append(open, s)
	}
	if len(open) != limit || refused != extra {
		t.Fatalf("%d streams served, %d refused; want %d and %d", len(open), refused, limit, extra)
	}
	if got := served.Load(); got != limit {
		t.Fatalf("handler ran %d times, want %d", got, limit)
	}
	if got := inbound(); got != limit {
		t.Fatalf("server accounts %d inbound streams from the peer, want %d", got, limit)
	}
	for _, s := range open {
		s.Close()
	}
	eventually(t, 5*time.Second, "handlers to finish", func() bool { return finished.Load() == limit })
	eventually(t, 5*time.Second, "stream reservations to be released", func() bool { return inbound() == 0 })
	if mem := peerStat(t, server, client.ID()).Memory; mem != 0 {
		t.Errorf("peer still holds %d bytes of reservations", mem)
	}
}

// peerStat reads the server's resource accounting for peer p.
func peerStat(t testing.TB, h *Host, p peer.ID) network.ScopeStat {
	t.Helper()
	var st network.ScopeStat
	err := h.Host().Network().ResourceManager().ViewPeer(p, func(s network.PeerScope) error {
		st = s.Stat()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}
