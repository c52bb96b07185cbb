package announce

import (
	"context"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
)

// read drains the subscription into the holder table. It never waits on
// the consumer of Updates, so pubsub never has to drop for us.
func (t *Topic) read(ctx context.Context) {
	defer t.wg.Done()
	self := t.s.h.ID()
	for {
		m, err := t.sub.Next(ctx)
		if err != nil {
			return
		}
		from := m.GetFrom()
		a, ok := m.ValidatorData.(*announcement)
		if m.Local || from == self || !ok {
			continue
		}
		if t.record(from, a) {
			t.poke()
		}
	}
}

// record stores a remote peer's new state and queues it for Updates. It
// reports false when a newer state of that peer is already known.
func (t *Topic) record(from peer.ID, a *announcement) bool {
	h := Holder{Peer: from, Addrs: a.Addrs, Have: a.Have, Complete: a.Complete, Seq: a.Seq}
	if a.Complete {
		h.Have = t.full
	}
	now := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	if old, ok := t.holders.get(from, now); ok && old.Seq >= h.Seq {
		return false
	}
	if gone, ok := t.holders.put(from, h, now); ok {
		t.unqueue(gone)
	}
	if _, queued := t.pendingIdx[from]; !queued {
		t.pendingIdx[from] = t.pending.PushBack(from)
	}
	return true
}

func (t *Topic) unqueue(p peer.ID) {
	if el, ok := t.pendingIdx[p]; ok {
		t.pending.Remove(el)
		delete(t.pendingIdx, p)
	}
}

// peek returns the oldest undelivered state.
func (t *Topic) peek() (Holder, bool) {
	now := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	for el := t.pending.Front(); el != nil; el = t.pending.Front() {
		p := el.Value.(peer.ID)
		if h, ok := t.holders.get(p, now); ok {
			return h, true
		}
		t.unqueue(p) // expired meanwhile
	}
	return Holder{}, false
}

// delivered dequeues h's peer unless a newer state arrived while h was
// being handed over; that one then waits its turn.
func (t *Topic) delivered(h Holder) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if cur, ok := t.holders.get(h.Peer, time.Now()); !ok || cur.Seq == h.Seq {
		t.unqueue(h.Peer)
	}
}

// run owns sending: it announces the local state when it changed (at most
// once per minimum interval) or when the republish interval elapsed, and
// hands pending updates to the consumer of Updates.
func (t *Topic) run(ctx context.Context) {
	defer t.wg.Done()
	defer close(t.updates)
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	var lastSent time.Time
	for {
		if wait, ok := t.nextSend(lastSent); ok {
			timer.Reset(wait)
		} else {
			timer.Stop()
		}
		var out chan Holder
		next, ok := t.peek()
		if ok {
			out = t.updates
		}
		select {
		case <-ctx.Done():
			return
		case <-t.kick:
		case <-timer.C:
			t.send(ctx)
			lastSent = time.Now()
		case out <- next:
			t.delivered(next)
		}
	}
}

// nextSend says how long until the next announcement is due, if any.
func (t *Topic) nextSend(lastSent time.Time) (time.Duration, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.want == nil {
		return 0, false
	}
	gap := t.s.cfg.republish
	switch {
	case t.dirty && t.urgent:
		gap = t.s.cfg.minInterval
	case t.dirty:
		gap = min(gap, t.s.cfg.progress)
	}
	return max(0, gap-time.Since(lastSent)), true
}

// send publishes the latest local state under a fresh seq, when the topic
// has other members. A failure is not retried early: the next republish
// repeats the state anyway.
func (t *Topic) send(ctx context.Context) {
	t.mu.Lock()
	have := t.want
	t.dirty, t.urgent = false, false
	t.mu.Unlock()
	if have == nil {
		return
	}
	if len(t.pt.ListPeers()) == 0 {
		// Nobody in the swarm to hear it: signing and validating it would
		// be the whole cost (a node seeding 1,000 quiet works republishes
		// 33 a second). The first peer to join is told at once (see
		// watchJoins).
		return
	}
	data, err := t.message(have, t.s.nextSeq()).encode()
	if err != nil {
		return
	}
	_ = t.pt.Publish(ctx, data)
}
