package xfer

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"essaim/p2p/bitfield"
)

// recvWithin receives the next event, resetting the session if none comes
// within 10 s.
func recvWithin(s *Session, buf []byte) (Event, error) {
	t := time.AfterFunc(10*time.Second, func() { s.Reset() })
	defer t.Stop()
	return s.Recv(buf)
}

// askShown runs a downloader that asks a holder in turn only the chunks it
// shows, until the holder shows it the whole work (every chunk went out
// once). It returns the chunks received, in order.
func askShown(s *Session) ([]int, error) {
	m := s.m
	buf := make([]byte, m.ChunkSize())
	asked := bitfield.New(m.NumChunks())
	var got []int
	for {
		for x := range m.NumChunks() {
			if s.Have().Has(x) && !asked.Has(x) && s.Outstanding() < MaxWindow {
				asked.Set(x)
				if err := s.Request(x); err != nil {
					return got, err
				}
			}
		}
		ev, err := recvWithin(s, buf)
		if err != nil {
			return got, err
		}
		switch ev.Kind {
		case EventMissing:
			return got, fmt.Errorf("refused chunk %d", ev.Index)
		case EventChunk:
			if err := m.VerifyChunk(ev.Index, ev.Data); err != nil {
				return got, err
			}
			got = append(got, ev.Index)
		case EventShown:
			if ev.Shown.Complete() && s.Outstanding() == 0 {
				return got, nil
			}
		}
	}
}

// A complete holder shows a lone session the whole work; a second session
// is shown a few chunks in turn and the first is narrowed with a shown
// frame; any chunk asked is served; and two downloaders that ask only what
// they are shown are sent every chunk exactly once before the crowd ends.
func TestCrowdOverStreams(t *testing.T) {
	f := newFixture(t, 48<<16, ServerConfig{})
	f.rights.licensed[f.addr] = true
	n := f.work.Manifest().NumChunks()
	s1 := f.open(t)
	if !s1.InTurn() || !s1.Have().Complete() {
		t.Fatalf("lone session: in turn %v, shown %d of %d", s1.InTurn(), s1.Have().Count(), n)
	}
	manifest(t, s1)

	second := newHost(t)
	if err := second.Connect(context.Background(), peer.AddrInfo{ID: f.server.ID(), Addrs: f.server.Addrs()}); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(context.Background(), second, f.server.ID(), f.root(), f.prover(domain, nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s2.Reset() })
	if !s2.InTurn() || s2.Have().Count() != seedAhead {
		t.Fatalf("second session: in turn %v, shown %d, want %d", s2.InTurn(), s2.Have().Count(), seedAhead)
	}
	manifest(t, s2)

	buf := make([]byte, f.work.Manifest().ChunkSize())
	ev, err := recvWithin(s1, buf)
	if err != nil || ev.Kind != EventShown {
		t.Fatalf("first session got %+v, %v; want a shown frame", ev, err)
	}
	if ev.Shown.Count() != seedAhead || len(overlap(ev.Shown, s2.Have())) != 0 {
		t.Fatalf("first session shown %v, the second %v: want %d chunks each, none in common",
			members(ev.Shown), members(s2.Have()), seedAhead)
	}

	// A chunk neither is shown (a reader's window) is served all the same.
	other := -1
	for x := range n {
		if !s1.Have().Has(x) && !s2.Have().Has(x) {
			other = x
			break
		}
	}
	if other < 0 {
		t.Fatal("every chunk is shown already")
	}
	if err := s2.Request(other); err != nil {
		t.Fatal(err)
	}
	for {
		ev, err := recvWithin(s2, buf)
		if err != nil || ev.Kind == EventMissing {
			t.Fatalf("asked chunk %d, not shown: got %+v, %v", other, ev, err)
		}
		if ev.Kind == EventChunk && ev.Index == other {
			break
		}
	}

	var wg sync.WaitGroup
	got := make([][]int, 2)
	errs := make([]error, 2)
	for i, s := range []*Session{s1, s2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = askShown(s)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("session %d: %v", i+1, err)
		}
	}
	all := append(append([]int{other}, got[0]...), got[1]...)
	slices.Sort(all)
	if len(slices.Compact(slices.Clone(all))) != n || len(all) != n {
		t.Fatalf("sent %d chunks (%d distinct) before every chunk went out once, want %d each: %v",
			len(all), len(slices.Compact(slices.Clone(all))), n, all)
	}
	if len(got[0]) == 0 || len(got[1]) == 0 {
		t.Fatalf("one session got nothing: %d and %d chunks", len(got[0]), len(got[1]))
	}
}
