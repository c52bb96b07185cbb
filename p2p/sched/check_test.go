package sched

import (
	"fmt"
	"slices"
)

// check verifies every internal invariant and returns the first broken one.
func (s *Scheduler) check() error {
	if err := s.checkOrder(); err != nil {
		return err
	}
	if err := s.checkRequests(); err != nil {
		return err
	}
	return s.checkPeers()
}

func (s *Scheduler) checkOrder() error {
	if len(s.order) != s.n || s.start[0] != 0 || s.start[len(s.start)-1] != int32(s.n) {
		return fmt.Errorf("order length %d, start %v, n %d", len(s.order), s.start, s.n)
	}
	for b := 0; b+1 < len(s.start); b++ {
		if s.start[b] > s.start[b+1] {
			return fmt.Errorf("bucket starts not sorted: %v", s.start)
		}
		for i := s.start[b]; i < s.start[b+1]; i++ {
			x := s.order[i]
			if s.pos[x] != i {
				return fmt.Errorf("pos[%d] = %d, want %d", x, s.pos[x], i)
			}
			if b == s.busy() && s.state[x] == free {
				return fmt.Errorf("free chunk %d in busy bucket", x)
			}
			if b != s.busy() && (s.state[x] != free || int(s.avail[x]) != b) {
				return fmt.Errorf("chunk %d (state %d, avail %d) in bucket %d", x, s.state[x], s.avail[x], b)
			}
		}
	}
	missing := 0
	for x := range s.n {
		if s.state[x] != held {
			missing++
		}
		want := 0
		for _, p := range s.peers {
			if p.has(x) {
				want++
			}
		}
		if int(s.avail[x]) != want {
			return fmt.Errorf("avail[%d] = %d, want %d", x, s.avail[x], want)
		}
	}
	if missing != s.missing {
		return fmt.Errorf("missing %d, want %d", s.missing, missing)
	}
	return nil
}

func (s *Scheduler) checkRequests() error {
	flying := 0
	for x := range s.n {
		r := s.asked(x)
		if (s.state[x] == inflight) != (len(r) > 0) {
			return fmt.Errorf("chunk %d state %d with %d requests", x, s.state[x], len(r))
		}
		if len(r) > 1+s.cfg.EndgameDup {
			return fmt.Errorf("chunk %d has %d requests", x, len(r))
		}
		if s.state[x] == inflight {
			flying++
			if s.flying[s.fpos[x]].chunk != int32(x) {
				return fmt.Errorf("chunk %d not at its place in the flying list", x)
			}
		}
		for i, p := range r {
			if s.peers[p.id] != p || slices.Index(r, p) != i {
				return fmt.Errorf("chunk %d requested from absent or repeated peer %q", x, p.id)
			}
			if _, ok := p.inflight[x]; !ok {
				return fmt.Errorf("chunk %d lists peer %q that does not list it", x, p.id)
			}
		}
	}
	if flying != len(s.flying) {
		return fmt.Errorf("%d chunks in flight, list %d", flying, len(s.flying))
	}
	return nil
}

func (s *Scheduler) checkPeers() error {
	keys := make([]string, 0, len(s.peers))
	for id, p := range s.peers {
		keys = append(keys, id)
		if s.banned[id] {
			return fmt.Errorf("banned peer %q present", id)
		}
		if p.window < s.cfg.MinWindow || p.window > s.cfg.MaxWindow {
			return fmt.Errorf("peer %q window %d", id, p.window)
		}
		for x := range p.inflight {
			if slices.Index(s.asked(x), p) < 0 {
				return fmt.Errorf("peer %q lists chunk %d that does not list it", id, x)
			}
		}
		for x := range p.urgent {
			if _, ok := p.inflight[x]; !ok {
				return fmt.Errorf("peer %q has an urgent request for chunk %d not in flight", id, x)
			}
		}
		for x, o := range p.order {
			if _, ok := p.inflight[x]; !ok || o == 0 || o > s.asks {
				return fmt.Errorf("peer %q numbers chunk %d (%d of %d asked) but has no request for it", id, x, o, s.asks)
			}
		}
		if len(p.order) != len(p.inflight) {
			return fmt.Errorf("peer %q numbers %d requests of %d in flight", id, len(p.order), len(p.inflight))
		}
	}
	for id, w := range s.wants {
		if w.From < 0 || w.To > s.n {
			return fmt.Errorf("window of %q [%d, %d) outside the work's %d chunks", id, w.From, w.To, s.n)
		}
	}
	slices.Sort(keys)
	if !slices.Equal(keys, s.ids) {
		return fmt.Errorf("ids %v, peers %v", s.ids, keys)
	}
	return nil
}
