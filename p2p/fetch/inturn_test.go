package fetch

import (
	"slices"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"essaim/p2p/bitfield"
	"essaim/p2p/sched"
	"essaim/p2p/xfer"
)

// queued drains the requests a conn was given.
func queued(c *conn) []int {
	var out []int
	for {
		select {
		case o := <-c.ops:
			if !o.cancel {
				out = append(out, o.chunk)
			}
		default:
			slices.Sort(out)
			return out
		}
	}
}

// A holder in turn is asked for what its session shows: gossip of its
// whole set does not widen that, a shown frame replaces it, and a reader's
// window may still ask it any chunk.
func TestInTurnHolderAskedWhatItShows(t *testing.T) {
	const n = 32
	id := peer.ID("seed")
	sch := sched.New(n, nil, sched.Config{InitWindow: 8}, nil)
	if err := sch.AddPeer(string(id), bitfield.Of(n, 3, 7), time.Now()); err != nil {
		t.Fatal(err)
	}
	sch.InTurn(string(id))
	c := &conn{ops: make(chan op, 2*xfer.MaxWindow), stop: func() {}, inTurn: true}
	l := &loop{sch: sch, conns: map[peer.ID]*conn{id: c}, cfg: Config{Wants: NewWants()}}

	l.refill(id)
	if got := queued(c); !slices.Equal(got, []int{3, 7}) {
		t.Fatalf("asked %v, want the chunks shown [3 7]", got)
	}
	l.heard(Holder{Peer: peer.AddrInfo{ID: id}, Have: bitfield.Full(n)})
	if got := queued(c); len(got) != 0 {
		t.Fatalf("after gossip of its whole set, asked %v it did not show", got)
	}
	if err := l.handle(event{peer: id, c: c, kind: evShown, shown: bitfield.Of(n, 10, 11)}); err != nil {
		t.Fatal(err)
	}
	if got := queued(c); !slices.Equal(got, []int{10, 11}) {
		t.Fatalf("after a shown frame, asked %v, want [10 11]", got)
	}
	// A player reading chunks 20 and 21, which it does not show.
	l.cfg.Wants.Set("player", sched.Window{From: 20, To: 22, Start: time.Now().Add(time.Minute), Per: time.Second})
	l.applyWants(false)
	if got := queued(c); !slices.Equal(got, []int{20, 21}) {
		t.Fatalf("for a reader's window, asked %v, want [20 21]", got)
	}
}

// Two downloads from one seed, told by gossip that it holds everything,
// both finish: they take turns at the seed (the downloads do not serve
// each other here) and still get every chunk.
func TestCrowdFromOneSeed(t *testing.T) {
	f := newFixture(t, 2<<20)
	h, _ := f.holder(t, open, false, nil)
	full := Holder{Peer: peer.AddrInfo{ID: h.ID(), Addrs: h.Addrs()}, Have: bitfield.Full(f.m.NumChunks())}
	var ds []*download
	for range 2 {
		holders := make(chan Holder, 1)
		holders <- full
		ds = append(ds, f.start(t, Config{Discover: addrs(h), Holders: holders}))
	}
	for _, d := range ds {
		d.wait(t, f)
	}
}
