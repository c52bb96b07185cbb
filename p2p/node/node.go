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
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"

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

	// life bounds the node's background services (gossip); Close ends it.
	life context.Context
	stop context.CancelFunc

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
	}
	h, err := phost.New(ctx, cfg.Host)
	if err != nil {
		return nil, err
	}
	n := &Node{cfg: cfg, host: h, lib: newLibrary(), traffic: newTraffic(), topics: make(map[content.Hash]*announce.Topic),
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
	n.ann = announce.New(n.ps, h.Host(), ns, n.lib.numChunks)
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

// Run keeps the node's provider records fresh until ctx ends.
func (n *Node) Run(ctx context.Context) error {
	t := time.NewTicker(n.cfg.Reprovide)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			for _, r := range n.lib.roots() {
				go n.provide(ctx, r)
			}
		}
	}
}

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
	return n.host.Close()
}
