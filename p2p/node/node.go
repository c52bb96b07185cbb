// Package node wires one essaim peer together: the libp2p host, the
// availability announcements, the transfer server with its rights gate,
// the shelf of works it holds, and downloads. Every node is client and
// server: what it downloads it serves onward as the chunks arrive.
//
// The node asks the chain nothing itself: rights come through the Rights
// it is given (licensing/rights over chain/).
package node

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/event"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/host/eventbus"

	"essaim/licensing/proof"
	"essaim/p2p/announce"
	"essaim/p2p/content"
	phost "essaim/p2p/host"
	"essaim/p2p/shelf"
	"essaim/p2p/xfer"
)

// Config is what a node needs.
type Config struct {
	Host     phost.Config
	ChainID  uint64
	Contract common.Address
	Rights   xfer.Rights
	Shelf    *shelf.Shelf
	Logger   *slog.Logger
	// Upload and Download cap bytes per second across every peer; nil
	// means no cap.
	Upload, Download xfer.Limiter
	// PageCache writes downloads through the page cache instead of
	// straight to the disk (fetch.Config.PageCache).
	PageCache bool
	// Gossip holds extra gossipsub options (tests on one machine
	// whitelist 127.0.0.0/8 for the colocation penalty).
	Gossip []announce.GossipOption
	// Reprovide is how often the DHT provider records of held works are
	// renewed (default 1 h, well inside the records' 48 h life).
	Reprovide time.Duration
	// Ephemeral is for a short-lived node (a one-off download): its DHT
	// runs as a client and it puts no provider records, which would
	// send others to its address for two days after it exits. It still
	// serves what it holds, announced over gossip, while it runs.
	Ephemeral bool
}

// Node is a running peer.
type Node struct {
	cfg     Config
	host    *phost.Host
	ps      *pubsub.PubSub
	ann     *announce.Service
	srv     *xfer.Server
	lib     *library
	traffic *traffic

	// life bounds the node's background services (gossip, provider
	// records); Close ends it and waits for bg.
	life context.Context
	stop context.CancelFunc
	bg   sync.WaitGroup

	mu        sync.Mutex
	topics    map[content.Hash]*announce.Topic
	providing map[content.Hash]bool // a provide (with its retries) is running
	connected chan struct{}         // closed at the next new connection, then replaced
	closed    bool

	notify *network.NotifyBundle
}

// New starts a node: host, DHT bootstrap, gossip and the transfer server.
// ctx bounds the start (bootstrap dials); the node runs until Close.
func New(ctx context.Context, cfg Config) (*Node, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Reprovide <= 0 {
		cfg.Reprovide = time.Hour
	}
	if cfg.Rights == nil || cfg.Shelf == nil {
		return nil, errors.New("node: Rights and Shelf are required")
	}
	if cfg.Ephemeral {
		cfg.Host.DHTClient = true
		cfg.Host.Ephemeral = true
	}
	tr := newTraffic()
	if cfg.Host.Busy == nil {
		// The relay slows down while this node's own uploads run.
		cfg.Host.Busy = tr.busy
	}
	if cfg.Host.Logger == nil {
		cfg.Host.Logger = cfg.Logger
	}
	h, err := phost.New(ctx, cfg.Host)
	if err != nil {
		return nil, err
	}
	n := &Node{cfg: cfg, host: h, lib: newLibrary(), traffic: tr, topics: make(map[content.Hash]*announce.Topic),
		providing: make(map[content.Hash]bool), connected: make(chan struct{})}
	n.notify = &network.NotifyBundle{ConnectedF: func(network.Network, network.Conn) { n.newConnection() }}
	h.Host().Network().Notify(n.notify)
	n.life, n.stop = context.WithCancel(context.Background())
	ns := announce.Namespace{ChainID: cfg.ChainID, Contract: cfg.Contract}
	if n.ps, err = announce.NewGossip(n.life, h.Host(), append([]announce.GossipOption{announce.WithNamespace(ns)}, cfg.Gossip...)...); err != nil {
		n.stop()
		h.Close()
		return nil, fmt.Errorf("gossip: %w", err)
	}
	// Announcements carry the addresses a peer elsewhere can use first:
	// public ones, then relays (a node behind a NAT), then LAN, loopback.
	n.ann = announce.New(n.ps, h.Host(), ns, n.lib.numChunks, announce.WithAddrs(h.PeerAddrs))
	n.srv = xfer.NewServer(h.Host(), xfer.ServerConfig{
		Domain:  n.Domain(),
		Rights:  cfg.Rights,
		Library: n.lib,
		Logger:  cfg.Logger,
		Upload:  cfg.Upload,
		Sent:    n.traffic.sent,
		Refused: n.traffic.refusal,
	})
	return n, nil
}

// Domain is the EIP-712 domain access proofs to this node's deployment use.
func (n *Node) Domain() proof.Domain {
	return proof.Domain{ChainID: newBig(n.cfg.ChainID), Contract: n.cfg.Contract}
}

// ID is the node's peer id.
func (n *Node) ID() peer.ID { return n.host.ID() }

// Addrs are the node's full multiaddrs (with /p2p/<id>).
func (n *Node) Addrs() []string { return n.host.Addrs() }

// Host is the node's libp2p host.
func (n *Node) Host() *phost.Host { return n.host }

// Holds reports whether the node serves root.
func (n *Node) Holds(root content.Hash) bool {
	_, ok := n.lib.Lookup(root)
	return ok
}

// addrSettle is how long the node's addresses must stay unchanged before
// its provider records are put again with them (a node behind a NAT gains
// its relay addresses a few seconds after start, one relay at a time).
const addrSettle = 2 * time.Second

// Run keeps the node's provider records fresh until ctx ends: every
// Reprovide, and whenever the node's addresses change (a relay
// reservation, a new observed or mapped address), so that the records
// name addresses that reach it.
func (n *Node) Run(ctx context.Context) error {
	sub, err := n.host.Host().EventBus().Subscribe(new(event.EvtLocalAddressesUpdated), eventbus.Name("essaim provide"))
	if err != nil {
		return err
	}
	defer sub.Close()
	t := time.NewTicker(n.cfg.Reprovide)
	defer t.Stop()
	settle := time.NewTimer(time.Hour)
	settle.Stop()
	defer settle.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-sub.Out():
			settle.Reset(addrSettle)
		case <-settle.C:
			n.cfg.Logger.Debug("addresses changed: providing again", "addrs", n.host.PeerAddrs())
			n.provideAll(ctx)
		case <-t.C:
			n.provideAll(ctx)
		}
	}
}

// provideAll renews the provider record of every work held, in the
// background (owned by the node: Close waits for it).
func (n *Node) provideAll(ctx context.Context) {
	for _, r := range n.lib.roots() {
		n.goProvide(ctx, r)
	}
}

// goProvide runs provide in a goroutine Close waits for.
func (n *Node) goProvide(ctx context.Context, root content.Hash) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return
	}
	n.bg.Add(1)
	go func() {
		defer n.bg.Done()
		// Bounded by the node's life as well as ctx.
		pctx, cancel := context.WithCancel(ctx)
		defer cancel()
		stop := context.AfterFunc(n.life, cancel)
		defer stop()
		n.provide(pctx, root)
	}()
}

// Reachability is what the node knows of whether peers elsewhere can dial
// it ("public", "private" or "unknown"; see p2p/host).
func (n *Node) Reachability() string { return phost.ReachabilityName(n.host.Reachability()) }

// newConnection wakes whoever waits for one (provides of a node that was
// alone).
func (n *Node) newConnection() {
	n.mu.Lock()
	defer n.mu.Unlock()
	close(n.connected)
	n.connected = make(chan struct{})
}

// nextConnection returns a channel closed when a new connection comes.
func (n *Node) nextConnection() <-chan struct{} {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.connected
}

// Close stops serving and closes the host. Downloads must be over.
func (n *Node) Close() error {
	n.host.Host().Network().StopNotify(n.notify)
	n.mu.Lock()
	n.closed = true
	topics := n.topics
	n.topics = nil
	n.mu.Unlock()
	n.srv.Close()
	for _, t := range topics {
		t.Close()
	}
	for _, r := range n.lib.roots() {
		if h := n.lib.remove(r); h != nil {
			h.close()
		}
	}
	n.stop()
	n.bg.Wait()
	return n.host.Close()
}
