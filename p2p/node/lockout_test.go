package node

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/transport/tcp"

	"essaim/p2p/content"
	phost "essaim/p2p/host"
	"essaim/p2p/xfer"
)

// idleAttacker connects to target under a fresh identity, opens a transfer
// stream for root without a license (refused), and stays connected doing
// nothing. It returns the host, to be closed by the caller.
func idleAttacker(target peer.AddrInfo, root content.Hash) (host.Host, error) {
	h, err := libp2p.New(libp2p.NoListenAddrs, libp2p.Transport(tcp.NewTCPTransport),
		libp2p.ResourceManager(&network.NullResourceManager{}), libp2p.DisableMetrics())
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := h.Connect(ctx, target); err != nil {
		return h, err
	}
	_, err = xfer.Open(ctx, h, target.ID, root, nil)
	if r := (*xfer.RefusedError)(nil); !errors.As(err, &r) {
		return h, err
	}
	return h, nil
}

// inbound counts the node's inbound connections.
func inbound(n *Node) int {
	c := 0
	for _, conn := range n.Host().Host().Network().Conns() {
		if conn.Stat().Direction == network.DirInbound {
			c++
		}
	}
	return c
}

// TestIdleIdentitiesDoNotLockOut attacks a real node as the issue of
// idle peers described: hundreds of fresh identities each connect, open a
// transfer stream without a license (refused) and stay connected idle. A
// licensed peer that arrives while they pour in, and another that arrives
// once they all sit idle, must both connect and download; the node keeps
// its inbound connections at the admission limit.
func TestIdleIdentitiesDoNotLockOut(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 300 libp2p hosts")
	}
	const attackers = 300
	key, _ := crypto.GenerateKey()
	licensed := crypto.PubkeyToAddress(key.PublicKey)
	server := startNode(t, nil, oneLicense{licensed})
	t.Cleanup(func() { server.Close() })
	dir, files := writeTree(t, 1<<20)
	m, err := content.Build(dir, content.WithChunkLog2(16))
	if err != nil {
		t.Fatal(err)
	}
	if err := server.Share(context.Background(), dir, m); err != nil {
		t.Fatal(err)
	}
	target := peer.AddrInfo{ID: server.ID(), Addrs: server.Host().Host().Addrs()}

	var (
		mu    sync.Mutex
		hosts []host.Host
		fails int
	)
	t.Cleanup(func() {
		for _, h := range hosts {
			h.Close()
		}
	})
	attack := func(n int) {
		var wg sync.WaitGroup
		sem := make(chan struct{}, 32)
		for range n {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				h, err := idleAttacker(target, m.Root())
				mu.Lock()
				defer mu.Unlock()
				if h != nil {
					hosts = append(hosts, h)
				}
				if err != nil {
					fails++
				}
			}()
		}
		wg.Wait()
	}
	download := func(name string) {
		t.Helper()
		getter := startNode(t, server.Addrs(), oneLicense{licensed})
		defer getter.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		out := filepath.Join(t.TempDir(), name)
		if _, err := getter.Get(ctx, m.Root(), out, GetOptions{GiveUp: 15 * time.Second, Prove: keyProver(getter.Domain(), key)}); err != nil {
			t.Fatalf("%s: licensed download: %v (node has %d inbound connections)", name, err, inbound(server))
		}
		sameFiles(t, out, files)
	}

	// At the peak: half the attackers are in, the other half keeps coming
	// while the licensed peer connects.
	attack(attackers / 2)
	done := make(chan struct{})
	go func() { attack(attackers / 2); close(done) }()
	download("at the peak")
	<-done
	// All connected and idle.
	download("after the flood")
	n := inbound(server)
	t.Logf("%d attackers (%d failed to connect), %d inbound connections left", attackers, fails, n)
	if n > phost.DefaultMaxInbound {
		t.Fatalf("%d inbound connections, want at most the admission limit %d", n, phost.DefaultMaxInbound)
	}
}
