package announce

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"essaim/p2p/bitfield"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/multiformats/go-multiaddr"
)

// Holder is the latest state a remote peer announced for a work. Have and
// Addrs are shared with other readers and must not be modified (Clone the
// bitfield to change it). When Complete, Have is the full set.
type Holder struct {
	Peer     peer.ID
	Addrs    []multiaddr.Multiaddr
	Have     *bitfield.Bitfield
	Complete bool
	Seq      uint64
}

// Topic is one joined work: it publishes the local state and collects the
// states of the other members of the swarm. Two goroutines serve it until
// Close: a reader draining the subscription, and a loop that sends
// announcements and delivers updates.
type Topic struct {
	s       *Service
	root    [32]byte
	n       int
	full    *bitfield.Bitfield // shared Have of complete holders
	name    string
	pt      *pubsub.Topic
	sub     *pubsub.Subscription
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	updates chan Holder   // written by run only, closed when it ends
	kick    chan struct{} // wakes run: new local state or new pending update

	closeOnce sync.Once
	closeErr  error

	// Guarded by mu: the local state to announce, and what is known of
	// remote peers. pending lists peers whose latest state has not been
	// handed to Updates yet, oldest first; it only ever holds peers
	// present in holders, so it shares holders' bound.
	mu         sync.Mutex
	closed     bool
	want       *bitfield.Bitfield // never mutated once stored
	dirty      bool
	urgent     bool // the change waiting is more than chunks gained (see progressOnly)
	holders    *peerMap[Holder]
	pending    list.List
	pendingIdx map[peer.ID]*list.Element
}

// openTopic registers the validator before subscribing, so that no message
// of the topic is ever delivered unchecked. The caller holds s.mu.
func (s *Service) openTopic(root [32]byte, n int) (*Topic, error) {
	name := TopicName(s.ns, root)
	chk := newChecker(root, s.known, s.cfg.now, s.cfg.maxPeers)
	// Inline: the check is a few map lookups, cheaper than a goroutine.
	if err := s.ps.RegisterTopicValidator(name, chk.validate, pubsub.WithValidatorInline(true)); err != nil {
		return nil, fmt.Errorf("register validator: %w", err)
	}
	pt, err := s.ps.Join(name)
	if err != nil {
		_ = s.ps.UnregisterTopicValidator(name)
		return nil, fmt.Errorf("join topic: %w", err)
	}
	undo := func(err error) (*Topic, error) {
		_ = pt.Close()
		_ = s.ps.UnregisterTopicValidator(name)
		return nil, err
	}
	if err := pt.SetScoreParams(TopicScoreParams()); err != nil {
		return undo(fmt.Errorf("topic score parameters (is peer scoring on?): %w", err))
	}
	sub, err := pt.Subscribe()
	if err != nil {
		return undo(fmt.Errorf("subscribe: %w", err))
	}
	joins, err := pt.EventHandler()
	if err != nil {
		sub.Cancel()
		return undo(fmt.Errorf("topic events: %w", err))
	}
	ctx, cancel := context.WithCancel(context.Background())
	t := &Topic{
		s: s, root: root, n: n, full: bitfield.Full(n), name: name,
		pt: pt, sub: sub, cancel: cancel,
		updates:    make(chan Holder),
		kick:       make(chan struct{}, 1),
		holders:    newPeerMap[Holder](s.cfg.maxPeers, 3*s.cfg.republish),
		pendingIdx: make(map[peer.ID]*list.Element),
	}
	t.wg.Add(3)
	go t.read(ctx)
	go t.run(ctx)
	go t.watchJoins(ctx, joins)
	return t, nil
}

// Name is the gossipsub topic name.
func (t *Topic) Name() string { return t.name }

// Publish makes have the local state to announce. It returns at once: the
// topic's loop sends it, at most once per minimum interval (states given
// in between are coalesced, the latest wins), and repeats the latest state
// every republish interval until Close. A state that only gains chunks
// over the last waits for the longer progress interval instead. A
// complete set is announced without its bitfield.
func (t *Topic) Publish(ctx context.Context, have *bitfield.Bitfield) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if have == nil || have.Len() != t.n {
		return fmt.Errorf("publish: %w: bitfield does not have %d chunks", ErrChunkCount, t.n)
	}
	// Refuse now what could never be sent (a partial set of a work too
	// large for one message) rather than failing silently later.
	if _, err := t.message(have, 0).encode(); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		return ErrClosed
	}
	t.urgent = t.urgent || !progressOnly(t.want, have)
	t.want, t.dirty = have.Clone(), true
	t.mu.Unlock()
	t.poke()
	return nil
}

// Updates delivers each change of a remote peer's state. A slow reader
// loses nothing but intermediate states: for each peer only the latest
// state waits, so the pubsub loop is never blocked. The channel is closed
// by Close; own announcements are not delivered.
func (t *Topic) Updates() <-chan Holder { return t.updates }

// Holders returns the latest live state of every remote peer, most recent
// first. Entries expire after three republish intervals without news.
func (t *Topic) Holders() []Holder {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.holders.values(time.Now())
}

// Close stops the topic's goroutines, leaves the topic and removes its
// validator. Updates is closed when it returns.
func (t *Topic) Close() error {
	t.closeOnce.Do(func() {
		t.mu.Lock()
		t.closed = true
		t.mu.Unlock()
		t.cancel()
		t.sub.Cancel()
		t.wg.Wait()
		t.closeErr = errors.Join(t.pt.Close(), t.s.ps.UnregisterTopicValidator(t.name))
		t.s.forget(t.root)
	})
	return t.closeErr
}

// watchJoins announces the local state again soon after a peer joins the
// topic: a newcomer (a downloader that just got the manifest) would
// otherwise wait up to a republish interval to learn who holds what. The
// minimum interval still bounds how often this sends.
func (t *Topic) watchJoins(ctx context.Context, h *pubsub.TopicEventHandler) {
	defer t.wg.Done()
	defer h.Cancel()
	for {
		ev, err := h.NextPeerEvent(ctx)
		if err != nil {
			return
		}
		if ev.Type != pubsub.PeerJoin {
			continue
		}
		t.mu.Lock()
		t.dirty = t.want != nil
		t.urgent = t.dirty
		t.mu.Unlock()
		t.poke()
	}
}

// progressOnly reports whether next, replacing prev, only adds chunks to
// a state that already had some and is not complete yet: news for the
// peers that fetch from this node, which their sessions tell them, not
// for the topic.
func progressOnly(prev, next *bitfield.Bitfield) bool {
	if prev == nil || prev.Count() == 0 || next.Complete() || next.Count() < prev.Count() {
		return false
	}
	nb := next.Bytes()
	for i, b := range prev.Bytes() {
		if b&^nb[i] != 0 {
			return false
		}
	}
	return true
}

func (t *Topic) poke() {
	select {
	case t.kick <- struct{}{}:
	default:
	}
}

// message builds the announcement of have with a given seq.
func (t *Topic) message(have *bitfield.Bitfield, seq uint64) *announcement {
	a := &announcement{
		Root:      t.root,
		Seq:       seq,
		TimeMs:    uint64(t.s.cfg.now().UnixMilli()),
		NumChunks: uint32(t.n),
		Complete:  have.Complete(),
		Addrs:     t.s.localAddrs(),
	}
	if !a.Complete {
		a.Have = have
	}
	return a
}
