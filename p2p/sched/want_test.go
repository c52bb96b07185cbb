package sched

import (
	"slices"
	"testing"
	"time"

	"essaim/p2p/bitfield"
)

// wantCfg gives peers a window of 4 from the start.
var wantCfg = Config{MinWindow: 1, MaxWindow: 4, InitWindow: 4, ChunkSize: 1000}

func TestWantedChunksComeFirst(t *testing.T) {
	s := newSched(t, 100, nil, wantCfg, 1)
	addPeer(t, s, "a", bitfield.Of(100, span(0, 100)...))
	// Chunks 50..53 are wanted, 52 soonest (the second window).
	s.Want("r1", Window{From: 50, To: 54, Start: t0.Add(time.Second), Per: time.Second})
	s.Want("r2", Window{From: 52, To: 53, Start: t0.Add(500 * time.Millisecond), Per: time.Second})
	mustCheck(t, s)
	got := s.Next("a", t0)
	if want := []int{52, 50, 51, 53}; !slices.Equal(got, want) {
		t.Fatalf("Next = %v, want the wanted chunks by deadline %v", got, want)
	}
	mustCheck(t, s)
}

func TestWantedChunksOnlyFromPeersThatHaveThem(t *testing.T) {
	s := newSched(t, 20, nil, wantCfg, 1)
	addPeer(t, s, "a", bitfield.Of(20, 0, 1, 2, 3, 4))
	addPeer(t, s, "b", bitfield.Of(20, span(0, 20)...))
	s.Want("r", Window{From: 10, To: 12, Start: t0, Per: time.Second})
	if got := s.Next("a", t0); slices.Contains(got, 10) || slices.Contains(got, 11) {
		t.Fatalf("a, which lacks them, was asked %v", got)
	}
	if got := s.Next("b", t0); !slices.Equal(got[:2], []int{10, 11}) {
		t.Fatalf("b asked %v, want 10 and 11 first", got)
	}
	mustCheck(t, s)
}

func TestWindowLeavesRoomForRarestFirst(t *testing.T) {
	s := newSched(t, 100, nil, wantCfg, 1)
	addPeer(t, s, "a", bitfield.Of(100, span(0, 100)...))
	s.Want("r", Window{From: 0, To: 1, Start: t0, Per: time.Second})
	got := s.Next("a", t0)
	if len(got) != 4 || got[0] != 0 {
		t.Fatalf("Next = %v, want chunk 0 then 3 others", got)
	}
}

func TestDueSoonAskedOfMorePeers(t *testing.T) {
	s := newSched(t, 10, nil, Config{MinWindow: 1, MaxWindow: 1, InitWindow: 1, ChunkSize: 1000, EndgameDup: 1}, 1)
	all := bitfield.Of(10, span(0, 10)...)
	addPeer(t, s, "a", all)
	addPeer(t, s, "b", all)
	addPeer(t, s, "c", all)
	// Due in 5 s: asked of a only; b and c go rarest first.
	s.Want("r", Window{From: 7, To: 8, Start: t0.Add(5 * time.Second), Per: time.Second})
	if got := s.Next("a", t0); !slices.Equal(got, []int{7}) {
		t.Fatalf("a: %v", got)
	}
	if got := s.Next("b", t0); slices.Contains(got, 7) {
		t.Fatalf("b asked for 7, due in 5 s: %v", got)
	}
	// Four seconds and a half later it is due within DueSoon: c takes a
	// duplicate (EndgameDup 1: two requests at most).
	later := t0.Add(4500 * time.Millisecond)
	if got := s.Next("c", later); !slices.Equal(got, []int{7}) {
		t.Fatalf("c, with 7 due soon: %v", got)
	}
	mustCheck(t, s)
	if cancels := s.Received("c", 7, 1000, later); !slices.Equal(cancels, []Request{{Peer: "a", Chunk: 7}}) {
		t.Fatalf("cancels after c delivered 7: %v", cancels)
	}
	mustCheck(t, s)
}

func TestSeekCancelsUselessUrgentRequests(t *testing.T) {
	s := newSched(t, 100, nil, Config{MinWindow: 1, MaxWindow: 6, InitWindow: 6, ChunkSize: 1000}, 1)
	addPeer(t, s, "a", bitfield.Of(100, span(0, 100)...))
	s.Want("r", Window{From: 10, To: 13, Start: t0, Per: time.Second})
	got := s.Next("a", t0)
	plain := got[3:]
	// The reader seeks to 80: 10..12 are no use now; the requests made
	// for no reader stay.
	cancels := s.Want("r", Window{From: 80, To: 82, Start: t0, Per: time.Second})
	want := []Request{{"a", 10}, {"a", 11}, {"a", 12}}
	if !slices.Equal(cancels, want) {
		t.Fatalf("cancels %v, want %v", cancels, want)
	}
	mustCheck(t, s)
	st, _ := peerStat(s, "a")
	if st.InFlight != len(plain) {
		t.Fatalf("%d in flight after the seek, want the %d plain requests %v", st.InFlight, len(plain), plain)
	}
	if got := s.Next("a", t0); !slices.Equal(got[:2], []int{80, 81}) {
		t.Fatalf("after the seek: %v, want 80 and 81 first", got)
	}
	// The reader goes: its requests are dropped too.
	if cancels := s.Unwant("r"); !slices.Equal(cancels, []Request{{"a", 80}, {"a", 81}}) {
		t.Fatalf("Unwant cancels %v", cancels)
	}
	mustCheck(t, s)
}

func TestWantSharedChunkStaysWanted(t *testing.T) {
	s := newSched(t, 50, nil, wantCfg, 1)
	addPeer(t, s, "a", bitfield.Of(50, span(0, 50)...))
	s.Want("r1", Window{From: 5, To: 7, Start: t0, Per: time.Second})
	s.Want("r2", Window{From: 6, To: 8, Start: t0, Per: time.Second})
	s.Next("a", t0)
	// r1 seeks away: 6 is still r2's.
	cancels := s.Want("r1", Window{From: 40, To: 41, Start: t0, Per: time.Second})
	if !slices.Equal(cancels, []Request{{"a", 5}}) {
		t.Fatalf("cancels %v, want only chunk 5", cancels)
	}
	mustCheck(t, s)
}

func TestWindowClippedToTheWork(t *testing.T) {
	s := newSched(t, 10, nil, wantCfg, 1)
	addPeer(t, s, "a", bitfield.Of(10, span(0, 10)...))
	s.Want("r", Window{From: -5, To: 50, Start: t0, Per: time.Millisecond})
	mustCheck(t, s)
	if got := s.Next("a", t0); !slices.Equal(got, []int{0, 1, 2, 3}) {
		t.Fatalf("Next = %v", got)
	}
	mustCheck(t, s)
}

// TestDuplicatesOnlyWhenCriticalAndLate: a wanted chunk in flight is asked
// of a second peer only when it is one of its window's first Critical
// missing chunks, due within DueSoon, and not expected from the peer it
// was asked of by its deadline (that peer's rate, behind the requests
// queued before it; an unknown rate never delivers in time).
func TestDuplicatesOnlyWhenCriticalAndLate(t *testing.T) {
	cfg := Config{MinWindow: 1, MaxWindow: 8, InitWindow: 8, ChunkSize: 1000, EndgameDup: 1}
	for _, c := range []struct {
		name     string
		rate     float64 // a's measured rate, bytes/s (0: unknown)
		queued   int     // plain requests a was sent before the window's
		due, per time.Duration
		wantDups []int
	}{
		// 10..14 are all due within DueSoon and in flight at a, whose
		// rate is unknown: only the first two are critical.
		{"unknown rate", 0, 0, 500 * time.Millisecond, 100 * time.Millisecond, []int{10, 11}},
		// At 10 chunks/s a delivers 10 at 0.1 s, 11 at 0.2 s.
		{"in time at a", 10_000, 0, 500 * time.Millisecond, 100 * time.Millisecond, nil},
		// Behind 5 plain requests a delivers 10 at 0.6 s, 11 at 0.7 s:
		// 10 (due 0.55 s) is late, 11 (due 0.75 s) is not.
		{"late behind a's queue", 10_000, 5, 550 * time.Millisecond, 200 * time.Millisecond, []int{10}},
		{"not due soon", 0, 0, 3 * time.Second, 100 * time.Millisecond, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newSched(t, 40, nil, cfg, 1)
			all := bitfield.Of(40, span(0, 40)...)
			addPeer(t, s, "a", all)
			if c.queued > 0 {
				s.peers["a"].window = c.queued
				if got := s.Next("a", t0); len(got) != c.queued {
					t.Fatalf("plain requests: %v", got)
				}
				s.peers["a"].window = 8
			}
			s.peers["a"].rate = c.rate
			s.Want("r", Window{From: 10, To: 15, Start: t0.Add(c.due), Per: c.per})
			atA := s.Next("a", t0)
			if len(atA) < 2 || atA[0] != 10 || atA[1] != 11 {
				t.Fatalf("a asked %v, want the window first", atA)
			}
			addPeer(t, s, "b", all)
			var dups []int
			for _, x := range s.Next("b", t0) {
				if slices.Contains(atA, x) {
					dups = append(dups, x)
				}
			}
			if !slices.Equal(dups, c.wantDups) {
				t.Fatalf("b was asked for %v, in flight at a, want %v", dups, c.wantDups)
			}
			mustCheck(t, s)
		})
	}
}
