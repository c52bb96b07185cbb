package sched

import (
	"slices"
	"time"
)

// Received records that peer id delivered chunk i, n bytes, verified
// against its hash, at now. It returns the other requests for i still
// outstanding (endgame duplicates), which the caller should cancel; the
// scheduler has already forgotten them.
//
// A delivery from an unknown peer or of an index out of range changes
// nothing. A verified chunk that was not asked of this peer (a request
// that timed out, or one never made) is still kept: the bytes are good.
// A chunk already held only feeds the peer's rate.
func (s *Scheduler) Received(id string, i, n int, now time.Time) []Request {
	p := s.peers[id]
	if p == nil || i < 0 || i >= s.n {
		return nil
	}
	since, asked := p.inflight[i]
	if asked {
		s.unrequest(p, i)
	} else {
		since = p.joined
	}
	if p.observe(n, since, now) {
		p.fit(s.cfg)
	}
	p.received++
	p.stalls = 0
	if s.state[i] == held {
		return nil
	}
	var cancel []Request
	for _, q := range s.asked(i) {
		cancel = append(cancel, Request{Peer: q.id, Chunk: i})
		delete(q.inflight, i)
		delete(q.urgent, i)
		delete(q.order, i)
	}
	s.setState(i, held)
	return cancel
}

// Bad records that peer id sent data for chunk i that failed its hash:
// the request goes back to the pool and the peer earns a strike. At
// MaxStrikes the peer is removed and banned for the rest of the download,
// and Bad reports true.
func (s *Scheduler) Bad(id string, i int) (banned bool) {
	p := s.peers[id]
	if p == nil {
		return false
	}
	if _, ok := p.inflight[i]; ok {
		s.unrequest(p, i)
		s.releaseIfIdle(i)
	}
	p.strikes++
	if p.strikes < s.cfg.MaxStrikes {
		return false
	}
	s.RemovePeer(id)
	s.banned[id] = true
	return true
}

// Tick expires requests outstanding longer than their peer's timeout.
// Each peer with expired requests counts one stall and halves its window;
// at MaxStalls stalls in a row it is removed. It returns the expired
// requests (to cancel) and the removed peers (to disconnect); the
// dropped peers' other requests are back in the pool, not listed.
func (s *Scheduler) Tick(now time.Time) (expired []Request, dropped []string) {
	for _, id := range slices.Clone(s.ids) {
		p := s.peers[id]
		limit := p.timeout(s.cfg)
		n := len(expired)
		for _, x := range p.sortedInflight() {
			if now.Sub(p.inflight[x]) > limit {
				expired = append(expired, Request{Peer: id, Chunk: x})
				s.unrequest(p, x)
				s.releaseIfIdle(x)
			}
		}
		if len(expired) == n {
			continue
		}
		p.shrink(s.cfg)
		if p.stalls++; p.stalls >= s.cfg.MaxStalls {
			s.RemovePeer(id)
			dropped = append(dropped, id)
		}
	}
	return expired, dropped
}
