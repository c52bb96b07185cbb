package sched

import (
	"cmp"
	"slices"
	"time"
)

// A reader (a media player reading a file of the work as it downloads)
// wants a window of chunks by deadlines: chunk From is due at Start, and
// each later one Per after it, the pace at which the reader consumes
// them. Next serves windows before rarest first: a peer's free slots go
// first to the wanted chunks it has, earliest deadline first. A chunk in
// flight is asked of a second and third peer too (as in the endgame) only
// when it is critical, one of the first Critical missing chunks of a
// window, due within DueSoon, and late: no peer it was asked of is
// expected to deliver it by its deadline (at that peer's measured rate,
// behind the requests queued there before it; a peer whose rate is not
// known yet counts as late). So one slow holder does not stall the
// reader, and a reader that reads as fast as the download goes, as a
// player filling its buffer does, costs no bandwidth in duplicates. The
// window is short (the reader's read-ahead), so the rest of the capacity
// keeps going to the rarest chunks and the swarm stays healthy. This is
// deadline-aware picking as libtorrent's set_piece_deadline and
// WebTorrent's critical pieces do it.

// Window is the chunks a reader wants and when.
type Window struct {
	From, To int           // chunks [From, To)
	Start    time.Time     // when chunk From is due
	Per      time.Duration // between the deadlines of two consecutive chunks
}

// due returns chunk x's deadline in w.
func (w Window) due(x int) time.Time { return w.Start.Add(time.Duration(x-w.From) * w.Per) }

const (
	// DueSoon is how close to its deadline a wanted chunk in flight may
	// be asked of more peers.
	DueSoon = time.Second
	// Critical is how many of a window's first missing chunks may be
	// asked of more peers.
	Critical = 2
)

// Want sets reader id's window (replacing the one it had) and returns the
// requests to cancel: those made for the reader's old window whose chunks
// no window wants any more (a seek). The scheduler has forgotten them and
// their chunks are back in the pool; a cancel that crosses its reply on
// the wire is harmless (Received keeps a chunk that arrives anyway).
func (s *Scheduler) Want(id string, w Window) []Request {
	w.From, w.To = max(w.From, 0), min(w.To, s.n)
	if s.wants == nil {
		s.wants = map[string]Window{}
	}
	s.wants[id] = w
	return s.dropUnwanted()
}

// Unwant forgets reader id's window, with the same cancels as Want.
func (s *Scheduler) Unwant(id string) []Request {
	delete(s.wants, id)
	return s.dropUnwanted()
}

// wanted reports whether some window holds chunk x.
func (s *Scheduler) wanted(x int) bool {
	for _, w := range s.wants {
		if x >= w.From && x < w.To {
			return true
		}
	}
	return false
}

// dropUnwanted takes back the urgent requests no window wants any more.
func (s *Scheduler) dropUnwanted() []Request {
	var cancel []Request
	for _, id := range s.ids {
		p := s.peers[id]
		for _, x := range p.sortedInflight() {
			if !p.urgent[x] || s.wanted(x) {
				continue
			}
			cancel = append(cancel, Request{Peer: id, Chunk: x})
			s.unrequest(p, x)
			s.releaseIfIdle(x)
		}
	}
	return cancel
}

// dueChunk is a wanted chunk not held, with its deadline.
type dueChunk struct {
	x   int
	due time.Time
}

// dueList returns the wanted chunks not held, earliest deadline first
// (ties by chunk index, so the order is a function of the windows).
func (s *Scheduler) dueList() []dueChunk {
	var out []dueChunk
	seen := map[int]bool{}
	for _, w := range s.wants {
		for x := w.From; x < w.To; x++ {
			if s.state[x] == held {
				continue
			}
			d := w.due(x)
			if !seen[x] {
				seen[x] = true
				out = append(out, dueChunk{x, d})
				continue
			}
			for i := range out {
				if out[i].x == x && d.Before(out[i].due) {
					out[i].due = d
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b dueChunk) int {
		if c := a.due.Compare(b.due); c != 0 {
			return c
		}
		return cmp.Compare(a.x, b.x)
	})
	return out
}

// urgentFor picks up to slots wanted chunks for peer p: free ones it has,
// then critical ones due within DueSoon and late, in flight elsewhere with
// fewer than 1+EndgameDup requests.
func (s *Scheduler) urgentFor(p *peer, slots int, now time.Time) []int {
	if len(s.wants) == 0 || slots <= 0 {
		return nil
	}
	list := s.dueList()
	var out []int
	for _, c := range list {
		if len(out) == slots {
			return out
		}
		if s.state[c.x] == free && p.serves(c.x) {
			out = append(out, c.x)
		}
	}
	var critical map[int]bool
	for _, c := range list {
		if len(out) == slots || c.due.Sub(now) > DueSoon {
			break
		}
		if s.state[c.x] != inflight || !p.serves(c.x) {
			continue
		}
		if critical == nil {
			critical = s.critical()
		}
		asked := s.asked(c.x)
		if critical[c.x] && len(asked) < 1+s.cfg.EndgameDup && !slices.Contains(asked, p) && s.late(asked, c, now) {
			out = append(out, c.x)
		}
	}
	return out
}

// critical returns the first Critical chunks not held of every window.
func (s *Scheduler) critical() map[int]bool {
	out := map[int]bool{}
	for _, w := range s.wants {
		n := 0
		for x := w.From; x < w.To && n < Critical; x++ {
			if s.state[x] != held {
				out[x] = true
				n++
			}
		}
	}
	return out
}

// late reports whether none of the peers chunk c is asked of is expected
// to deliver it by its deadline: at its measured rate, a peer serves the
// requests it was sent before c's first, then c. A peer whose rate is
// not known yet is expected never.
func (s *Scheduler) late(asked []*peer, c dueChunk, now time.Time) bool {
	for _, q := range asked {
		if q.rate <= 0 {
			continue
		}
		mine := q.order[c.x]
		ahead := 0
		for _, o := range q.order {
			if o <= mine {
				ahead++ // c's own request included
			}
		}
		eta := now.Add(time.Duration(float64(ahead*s.cfg.ChunkSize) / q.rate * float64(time.Second)))
		if !eta.After(c.due) {
			return false
		}
	}
	return true
}
