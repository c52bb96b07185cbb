package announce

import (
	"container/list"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
)

// peerMap is a map keyed by peer with a size bound and an age bound: it
// keeps at most max entries, evicting the least recently written first,
// and an entry not written for ttl is gone. Remote peers choose the keys
// (any key can sign), so the bound is what keeps memory fixed. It is not
// safe for concurrent use; its owner holds a lock.
type peerMap[V any] struct {
	max int
	ttl time.Duration
	m   map[peer.ID]*list.Element
	l   list.List // front = most recently written
}

type peerEntry[V any] struct {
	k  peer.ID
	v  V
	at time.Time
}

func newPeerMap[V any](max int, ttl time.Duration) *peerMap[V] {
	if max < 1 {
		max = 1
	}
	return &peerMap[V]{max: max, ttl: ttl, m: make(map[peer.ID]*list.Element)}
}

// get returns the live value for k.
func (p *peerMap[V]) get(k peer.ID, now time.Time) (V, bool) {
	var zero V
	el, ok := p.m[k]
	if !ok {
		return zero, false
	}
	e := el.Value.(*peerEntry[V])
	if now.Sub(e.at) > p.ttl {
		p.remove(k)
		return zero, false
	}
	return e.v, true
}

// put writes v for k and returns the key it evicted to make room, if any.
func (p *peerMap[V]) put(k peer.ID, v V, now time.Time) (evicted peer.ID, ok bool) {
	if el, found := p.m[k]; found {
		e := el.Value.(*peerEntry[V])
		e.v, e.at = v, now
		p.l.MoveToFront(el)
		return "", false
	}
	p.m[k] = p.l.PushFront(&peerEntry[V]{k: k, v: v, at: now})
	if p.l.Len() <= p.max {
		return "", false
	}
	last := p.l.Back().Value.(*peerEntry[V]).k
	p.remove(last)
	return last, true
}

func (p *peerMap[V]) remove(k peer.ID) {
	if el, ok := p.m[k]; ok {
		p.l.Remove(el)
		delete(p.m, k)
	}
}

// prune drops expired entries and returns their keys.
func (p *peerMap[V]) prune(now time.Time) []peer.ID {
	var gone []peer.ID
	for el := p.l.Back(); el != nil; el = p.l.Back() {
		e := el.Value.(*peerEntry[V])
		if now.Sub(e.at) <= p.ttl {
			break
		}
		gone = append(gone, e.k)
		p.remove(e.k)
	}
	return gone
}

// values returns the live values, most recently written first.
func (p *peerMap[V]) values(now time.Time) []V {
	p.prune(now)
	out := make([]V, 0, p.l.Len())
	for el := p.l.Front(); el != nil; el = el.Next() {
		out = append(out, el.Value.(*peerEntry[V]).v)
	}
	return out
}

func (p *peerMap[V]) len() int { return p.l.Len() }
