package sched

import (
	"slices"
	"time"
)

// The free chunks live in s.order sorted by availability, in buckets:
// bucket c (c < busy) spans order[start[c]:start[c+1]] and holds the free
// chunks that exactly c present peers have. The last bucket ("busy")
// holds chunks in flight or held, in no particular order. A change of
// availability moves a chunk to a neighbouring bucket with one swap, so
// rarest-first costs O(1) per Have and a picker reads chunks rarest first
// by walking the array. Each chunk that enters a bucket lands at a seeded
// random place in it, which is the random tie-break.

func (s *Scheduler) busy() int { return len(s.start) - 2 }

// growBuckets makes room for an availability equal to the peer count.
func (s *Scheduler) growBuckets() {
	for s.busy() <= len(s.peers) {
		b := s.busy()
		s.start = slices.Insert(s.start, b, s.start[b])
	}
}

func (s *Scheduler) swap(a, b int32) {
	x, y := s.order[a], s.order[b]
	s.order[a], s.order[b] = y, x
	s.pos[x], s.pos[y] = b, a
}

// move carries chunk x from bucket from to bucket to, one boundary swap
// per bucket crossed.
func (s *Scheduler) move(x int32, from, to int) {
	p := s.pos[x]
	for ; from < to; from++ {
		last := s.start[from+1] - 1
		s.swap(p, last)
		s.start[from+1]--
		p = last
	}
	for ; from > to; from-- {
		first := s.start[from]
		s.swap(p, first)
		s.start[from]++
		p = first
	}
	// Settle at a random place in the free bucket: an inside-out
	// shuffle step that keeps each bucket in random order whatever the
	// order of events, so picking from its front is a random tie-break.
	if to != s.busy() {
		if k := s.start[to+1] - s.start[to]; k > 1 {
			s.swap(p, s.start[to]+int32(s.rng.IntN(int(k))))
		}
	}
}

func (s *Scheduler) bucket(x int) int {
	if s.state[x] == free {
		return int(s.avail[x])
	}
	return s.busy()
}

// gain and lose record that peer p has (no longer has) chunk x.
func (s *Scheduler) gain(p *peer, x int) {
	p.set(x)
	if s.state[x] == free {
		s.move(int32(x), int(s.avail[x]), int(s.avail[x])+1)
	}
	s.avail[x]++
}

func (s *Scheduler) lose(p *peer, x int) {
	p.clear(x)
	if s.state[x] == free {
		s.move(int32(x), int(s.avail[x]), int(s.avail[x])-1)
	}
	s.avail[x]--
}

// setState moves chunk x between free, in flight and held, keeping the
// buckets and the in-flight list in step.
func (s *Scheduler) setState(x int, st uint8) {
	old := s.state[x]
	if old == st {
		return
	}
	to := s.busy()
	if st == free {
		to = int(s.avail[x])
	}
	s.move(int32(x), s.bucket(x), to)
	if old == inflight {
		i, end := s.fpos[x], len(s.flying)-1
		s.flying[i] = s.flying[end]
		s.fpos[s.flying[i].chunk] = i
		s.flying[end] = flight{}
		s.flying = s.flying[:end]
	}
	if st == inflight {
		s.fpos[x] = int32(len(s.flying))
		s.flying = append(s.flying, flight{chunk: int32(x)})
	}
	if st == held {
		s.missing--
	}
	s.state[x] = st
}

// Next returns the chunks to request from peer id now, up to its free
// pipeline slots, and records them as in flight. Rarest chunks come
// first. Once every obtainable chunk is in flight (the endgame), a peer
// with nothing in flight gets duplicates of requests outstanding
// elsewhere, so a slow peer cannot hold up the last chunks.
func (s *Scheduler) Next(id string, now time.Time) []int {
	p := s.peers[id]
	if p == nil {
		return nil
	}
	slots := p.window - len(p.inflight)
	if slots <= 0 {
		return nil
	}
	idle := len(p.inflight) == 0
	// What readers want comes first (want.go).
	out := s.urgentFor(p, slots, now)
	for _, x := range out {
		s.request(p, x, now)
		p.urgent[x] = true
	}
	rest := len(out)
	// Bucket 0 is skipped: nobody has those chunks. x is the rarest chunk
	// p has, in random order; the run p was asked goes on instead when its
	// next chunk is as rare, and each chunk taken brings the ones after it
	// while there are slots.
	var runs []int // chunks taken out of order, to skip when met
	for i := s.start[1]; i < s.start[s.busy()] && len(out) < slots; i++ {
		x := int(s.order[i])
		if !p.has(x) || slices.Contains(runs, x) {
			continue
		}
		if p.runLeft > 0 && s.follows(p, x, p.runNext) && !slices.Contains(out[rest:], p.runNext) {
			i-- // x is still to be taken
			x = p.runNext
			runs = append(runs, x)
		} else {
			// A new run covers x's block of Run chunks (aligned on a
			// multiple of Run) from its first chunk that can go with x:
			// runs started anywhere would leave stubs of fewer than Run
			// free chunks between them, asked later in short runs.
			for first := x - x%s.cfg.Run; x > first && s.follows(p, x, x-1) && !slices.Contains(out[rest:], x-1); {
				x--
				runs = append(runs, x)
			}
			p.runLeft = s.cfg.Run - x%s.cfg.Run
		}
		for {
			out = append(out, x)
			p.runNext, p.runLeft = x+1, p.runLeft-1
			if x = p.runNext; p.runLeft == 0 || len(out) == slots || !s.follows(p, x-1, x) || slices.Contains(out[rest:], x) {
				break
			}
			runs = append(runs, x)
		}
	}
	if idle && s.start[1] == s.start[s.busy()] {
		out = append(out, s.duplicates(p, slots-len(out))...)
	}
	for _, x := range out[rest:] {
		s.request(p, x, now)
	}
	return out
}

// follows reports whether y can be picked with x, in a run after it: a
// free chunk that p has and that is exactly as rare as x.
func (s *Scheduler) follows(p *peer, x, y int) bool {
	return y < len(s.state) && s.state[y] == free && s.avail[y] == s.avail[x] && p.has(y)
}

// duplicates picks up to k chunks in flight elsewhere that p has, least
// requested first, each below the endgame bound.
func (s *Scheduler) duplicates(p *peer, k int) []int {
	var out []int
	for c := 1; c <= s.cfg.EndgameDup && len(out) < k; c++ {
		for _, f := range s.flying {
			if len(f.peers) == c && p.has(int(f.chunk)) && !slices.Contains(f.peers, p) {
				if out = append(out, int(f.chunk)); len(out) == k {
					break
				}
			}
		}
	}
	return out
}

// asked lists the peers chunk x is requested from.
func (s *Scheduler) asked(x int) []*peer {
	if s.state[x] != inflight {
		return nil
	}
	return s.flying[s.fpos[x]].peers
}

func (s *Scheduler) request(p *peer, x int, now time.Time) {
	p.inflight[x] = now
	s.asks++
	p.order[x] = s.asks
	s.setState(x, inflight)
	f := &s.flying[s.fpos[x]]
	f.peers = append(f.peers, p)
}

// unrequest forgets p's request for x without touching the chunk's state.
func (s *Scheduler) unrequest(p *peer, x int) {
	delete(p.inflight, x)
	delete(p.urgent, x)
	delete(p.order, x)
	if s.state[x] == inflight {
		f := &s.flying[s.fpos[x]]
		if i := slices.Index(f.peers, p); i >= 0 {
			f.peers = slices.Delete(f.peers, i, i+1)
		}
	}
}

// releaseIfIdle puts x back in the pool if it is in flight to nobody.
func (s *Scheduler) releaseIfIdle(x int) {
	if s.state[x] == inflight && len(s.asked(x)) == 0 {
		s.setState(x, free)
	}
}
