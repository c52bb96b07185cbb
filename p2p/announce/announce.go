// Package announce tells the peers of a swarm which chunks of a work each
// of them holds, over libp2p gossipsub.
//
// There is one topic per work (TopicName), so a node only ever sees
// announcements for the works it holds or is fetching: gossip traffic is
// bounded by the swarms a node takes part in, not by the size of the
// catalogue. Finding the holders of a work one has not joined yet is the
// DHT's job (provider records), not this package's.
//
// Every message is signed by its origin (StrictSign) and checked by a
// topic validator that uses local state only: the wire format (see
// wire.go), the work's chunk count from the local catalogue, the clock,
// and the last seq seen from the origin. Invalid messages cost the peer
// that forwarded them its gossipsub score.
//
// What remote peers can make the node remember is bounded too: gossipsub
// tracks only subscriptions to availability topics of the node's
// deployment, within limits per RPC, per peer and in total
// (MaxTopicsPerPeer and its siblings).
package announce

import (
	"errors"
	"fmt"
	"sync"
	"time"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/multiformats/go-multiaddr"
)

// Defaults, overridable with options.
const (
	// DefaultRepublish is how often a joined topic repeats the latest state,
	// so that peers that joined since, or missed a message, catch up.
	DefaultRepublish = 30 * time.Second
	// DefaultMinInterval is the shortest gap between two announcements of
	// one topic; updates in between are coalesced, the latest state wins.
	DefaultMinInterval = 500 * time.Millisecond
	// DefaultProgressInterval is the shortest gap between two announcements
	// when the state only gained chunks since the last one. Peers that
	// fetch from this node learn each new chunk from their sessions (have
	// frames); the topic only tells the others who holds what, so a
	// downloader's progress need not go out twice a second, through every
	// mesh member's uplink (in a flash crowd, the seed's: the crowd's
	// bound). A first chunk, a complete state, a lost chunk and a newcomer
	// in the topic still go out within DefaultMinInterval.
	DefaultProgressInterval = 5 * time.Second
	// DefaultMaxPeers bounds the per-topic state kept about remote peers
	// (latest holder state and last seq), whatever the number of keys
	// signing messages.
	DefaultMaxPeers = 1024
)

var (
	// ErrJoined reports a second Join of a topic this Service has joined.
	ErrJoined = errors.New("topic already joined")
	// ErrClosed reports use of a closed Topic.
	ErrClosed = errors.New("topic closed")
)

// Namespace keeps deployments apart: announcements of one chain and
// registry contract never mix with another's.
type Namespace struct {
	ChainID  uint64
	Contract [20]byte
}

// TopicName is the gossipsub topic of one work in a namespace:
// /essaim/avail/1/<chain id>/0x<contract, lowercase hex>/<root, hex>.
func TopicName(ns Namespace, root [32]byte) string {
	return fmt.Sprintf("/essaim/avail/1/%d/0x%x/%x", ns.ChainID, ns.Contract, root)
}

// Known answers, from local state only (catalogue, manifests held), the
// number of chunks of a work, or ok=false when the work is unknown. It is
// called from the pubsub validator and must not block.
type Known func(root [32]byte) (numChunks int, ok bool)

// Option tunes New.
type Option func(*config)

type config struct {
	republish   time.Duration
	minInterval time.Duration
	progress    time.Duration
	maxPeers    int
	now         func() time.Time
	addrs       func() []multiaddr.Multiaddr
}

// WithRepublish sets the republish interval; holder entries expire after
// three of them.
func WithRepublish(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.republish = d
		}
	}
}

// WithMinInterval sets the shortest gap between two announcements.
func WithMinInterval(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.minInterval = d
		}
	}
}

// WithProgressInterval sets the shortest gap between two announcements
// of which the second only adds chunks; it is never below the minimum
// interval.
func WithProgressInterval(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.progress = d
		}
	}
}

// WithMaxPeers bounds the per-topic state about remote peers.
func WithMaxPeers(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxPeers = n
		}
	}
}

// WithClock replaces the wall clock (tests).
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

// WithAddrs chooses the listen addresses put in announcements (the first
// MaxAddrs that fit MaxAddrLen). The default is the host's Addrs; a node
// behind NAT would pass its observed or relay addresses instead.
func WithAddrs(fn func() []multiaddr.Multiaddr) Option {
	return func(c *config) {
		if fn != nil {
			c.addrs = fn
		}
	}
}

// Service announces and collects availability for the works of one
// namespace.
type Service struct {
	ps    *pubsub.PubSub
	h     host.Host
	ns    Namespace
	known Known
	cfg   config

	seqMu   sync.Mutex // guards lastSeq
	lastSeq uint64

	mu     sync.Mutex // guards topics
	topics map[[32]byte]*Topic
}

// New returns a Service publishing as h on ps (normally from NewGossip).
func New(ps *pubsub.PubSub, h host.Host, ns Namespace, known Known, opts ...Option) *Service {
	cfg := config{
		republish:   DefaultRepublish,
		minInterval: DefaultMinInterval,
		progress:    DefaultProgressInterval,
		maxPeers:    DefaultMaxPeers,
		now:         time.Now,
		addrs:       h.Addrs,
	}
	for _, o := range opts {
		o(&cfg)
	}
	cfg.progress = max(cfg.progress, cfg.minInterval)
	return &Service{ps: ps, h: h, ns: ns, known: known, cfg: cfg, topics: make(map[[32]byte]*Topic)}
}

// nextSeq returns a seq larger than any this Service returned before and,
// being at least the wall clock in nanoseconds, larger than any a previous
// run of this node returned: a restart never looks like a replay.
func (s *Service) nextSeq() uint64 {
	s.seqMu.Lock()
	defer s.seqMu.Unlock()
	seq := s.lastSeq + 1
	if ns := s.cfg.now().UnixNano(); ns > 0 && uint64(ns) > seq {
		seq = uint64(ns)
	}
	s.lastSeq = seq
	return seq
}

// localAddrs returns the addresses to announce, within the wire limits.
func (s *Service) localAddrs() []multiaddr.Multiaddr {
	var out []multiaddr.Multiaddr
	for _, m := range s.cfg.addrs() {
		if len(out) == MaxAddrs {
			break
		}
		if l := len(m.Bytes()); l > 0 && l <= MaxAddrLen {
			out = append(out, m)
		}
	}
	return out
}

// Join registers the validator of the work's topic, then subscribes to it.
// The work must be known locally. The returned Topic runs until Close.
func (s *Service) Join(root [32]byte) (*Topic, error) {
	n, ok := s.known(root)
	if !ok {
		return nil, fmt.Errorf("join %x: %w", root[:8], ErrUnknownWork)
	}
	if n < 0 || uint64(n) > uint64(^uint32(0)) {
		return nil, fmt.Errorf("join %x: %w: %d", root[:8], ErrChunkCount, n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.topics[root]; dup {
		return nil, fmt.Errorf("join %x: %w", root[:8], ErrJoined)
	}
	t, err := s.openTopic(root, n)
	if err != nil {
		return nil, fmt.Errorf("join %x: %w", root[:8], err)
	}
	s.topics[root] = t
	return t, nil
}

func (s *Service) forget(root [32]byte) {
	s.mu.Lock()
	delete(s.topics, root)
	s.mu.Unlock()
}
