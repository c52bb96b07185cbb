package sched

import (
	"testing"
	"time"
)

// A player in the simulated swarm reads the work in order from a random
// place at a constant pace, jumps elsewhere now and then (a seek), and
// waits whenever the chunk under it is missing. With wants on, it tells
// the scheduler its read-ahead window at each step, as the stream server
// does.
type player struct {
	pos, ahead int
	per        time.Duration
	want       bool
	waiting    time.Time // since when the chunk under it is missing
	stalled    time.Duration
	read       int
}

const evPlay = 100

// play moves the player one step: read the chunk under it when held
// (then maybe seek), else wait; then tell the scheduler what it wants.
func (w *swarm) play(pl *player) {
	if pl.pos >= w.n {
		return
	}
	next := w.now.Add(pl.per)
	if w.got[pl.pos] {
		if !pl.waiting.IsZero() {
			pl.stalled += w.now.Sub(pl.waiting)
			pl.waiting = time.Time{}
		}
		pl.read++
		pl.pos++
		if w.r.IntN(20) == 0 { // a seek
			pl.pos = w.r.IntN(w.n)
		}
	} else {
		if pl.waiting.IsZero() {
			pl.waiting = w.now
		}
		next = w.now.Add(5 * time.Millisecond)
	}
	if pl.want && pl.pos < w.n {
		cancels := w.s.Want("player", Window{From: pl.pos, To: pl.pos + pl.ahead, Start: w.now.Add(pl.per), Per: pl.per})
		for _, c := range cancels {
			w.stats.cancels++
			if w.r.IntN(2) == 0 { // the cancel may lose the race
				w.peer(c.Peer).cancelled[c.Chunk] = true
			}
		}
	}
	// Play on while the download can still move.
	if pl.pos < w.n && w.s.Missing() > 0 && (w.work > 0 || w.inFlight() > 0) {
		w.pushPlay(pl, next)
	}
}

func (w *swarm) pushPlay(pl *player, at time.Time) {
	w.player = pl
	w.push(&simEvent{at: at, kind: evPlay})
}

// TestPlayersThatSeek runs the simulated swarms with a player reading
// and seeking, once telling the scheduler its window and once not, on
// the same seeds: every swarm rule still holds (TestSwarmProperties'
// checks run inside), downloads covered by honest peers still finish,
// and the players wait less for the chunks under them when the scheduler
// knows their windows. (How much less is bounded here by the simulated
// holders, which serve every request they accepted, in order: what a
// wanted chunk waits for is the queue ahead of it, which the fetch loop
// keeps to 300 ms of work.)
func TestPlayersThatSeek(t *testing.T) {
	seeds := 300
	if testing.Short() {
		seeds = 60
	}
	var stalledWith, stalledWithout time.Duration
	var readWith, readWithout int
	for _, want := range []bool{true, false} {
		var st simStats
		for seed := range uint64(seeds) {
			w, cover := newSwarm(t, seed, &st)
			pl := &player{pos: w.r.IntN(w.n), ahead: 8, per: 20 * time.Millisecond, want: want}
			w.pushPlay(pl, t0)
			done := w.run()
			if cover && !done {
				t.Fatalf("seed %d, wants %v: honest peers cover every chunk but %d are missing", seed, want, w.s.Missing())
			}
			if want {
				stalledWith += pl.stalled
				readWith += pl.read
			} else {
				stalledWithout += pl.stalled
				readWithout += pl.read
			}
		}
	}
	t.Logf("player waited %s for %d chunks with its windows known, %s for %d without", stalledWith, readWith,
		stalledWithout, readWithout)
	perWith := stalledWith / time.Duration(max(readWith, 1))
	perWithout := stalledWithout / time.Duration(max(readWithout, 1))
	if perWith*10 > perWithout*9 {
		t.Fatalf("wait per chunk read: %s with windows, %s without: want at least 10%% less", perWith, perWithout)
	}
}
