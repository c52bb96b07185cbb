package host

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/discovery/mdns"
)

// startMDNS starts LAN discovery on h under service, reporting found peers
// to n.
func startMDNS(h host.Host, service string, n *mdnsNotifee) (io.Closer, error) {
	svc := mdns.NewMdnsService(h, service, n)
	if err := svc.Start(); err != nil {
		return nil, fmt.Errorf("start mdns: %w", err)
	}
	return svc, nil
}

// maxServiceLabel is the longest DNS-SD service label (RFC 6335 §5.1).
const maxServiceLabel = 15

// mdnsServiceName derives the mDNS service name from the protocol prefix,
// so nodes of different networks on one LAN ignore each other:
// "/essaim" gives "_essaim._udp". Characters outside [a-z0-9-] become '-'.
func mdnsServiceName(prefix string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.Trim(prefix, "/")) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	label := strings.Trim(b.String(), "-")
	if len(label) > maxServiceLabel {
		label = strings.TrimRight(label[:maxServiceLabel], "-")
	}
	if label == "" {
		label = "essaim"
	}
	return "_" + label + "._udp"
}

// mdnsNotifee dials peers that mDNS reports. mDNS calls HandlePeerFound on
// its own goroutine, so each dial runs on a goroutine of ours, tracked so
// Close can wait for it; a peer already being dialled is not dialled twice.
type mdnsNotifee struct {
	h       host.Host
	ctx     context.Context // cancelled by Host.Close
	timeout time.Duration

	mu      sync.Mutex // guards dialing and closed
	dialing map[peer.ID]bool
	closed  bool
	wg      sync.WaitGroup
}

func newMDNSNotifee(ctx context.Context, h host.Host, timeout time.Duration) *mdnsNotifee {
	return &mdnsNotifee{h: h, ctx: ctx, timeout: timeout, dialing: make(map[peer.ID]bool)}
}

// HandlePeerFound connects to a peer found on the LAN, unless it is us, is
// already connected, or is being dialled.
func (n *mdnsNotifee) HandlePeerFound(pi peer.AddrInfo) {
	if pi.ID == n.h.ID() || pi.ID == "" || len(pi.Addrs) == 0 {
		return
	}
	if n.h.Network().Connectedness(pi.ID) == network.Connected {
		return
	}
	n.mu.Lock()
	if n.closed || n.dialing[pi.ID] {
		n.mu.Unlock()
		return
	}
	n.dialing[pi.ID] = true
	n.wg.Add(1)
	n.mu.Unlock()
	go n.dial(pi)
}

func (n *mdnsNotifee) dial(pi peer.AddrInfo) {
	defer n.wg.Done()
	ctx, cancel := context.WithTimeout(n.ctx, n.timeout)
	defer cancel()
	// A failed dial is not an error of ours: the peer may have left the
	// LAN. mDNS will report it again if it is still there.
	_ = n.h.Connect(ctx, pi)
	n.mu.Lock()
	delete(n.dialing, pi.ID)
	n.mu.Unlock()
}

// close stops new dials and waits for running ones (their context is
// cancelled by the caller first).
func (n *mdnsNotifee) close() {
	n.mu.Lock()
	n.closed = true
	n.mu.Unlock()
	n.wg.Wait()
}
