package sched

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"essaim/p2p/bitfield"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func span(lo, hi int) []int {
	var out []int
	for i := lo; i < hi; i++ {
		out = append(out, i)
	}
	return out
}

func newSched(t testing.TB, n int, have *bitfield.Bitfield, cfg Config, seed uint64) *Scheduler {
	t.Helper()
	return New(n, have, cfg, rand.New(rand.NewPCG(seed, seed)))
}

func mustCheck(t testing.TB, s *Scheduler) {
	t.Helper()
	if err := s.check(); err != nil {
		t.Fatal(err)
	}
}

func addPeer(t testing.TB, s *Scheduler, id string, have *bitfield.Bitfield) {
	t.Helper()
	if err := s.AddPeer(id, have, t0); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, s)
}

func peerStat(s *Scheduler, id string) (PeerStat, bool) {
	for _, p := range s.Peers() {
		if p.ID == id {
			return p, true
		}
	}
	return PeerStat{}, false
}

func TestRarestFirst(t *testing.T) {
	cases := []struct {
		name   string
		n      int
		held   []int
		peers  map[string][]int
		ask    string
		window int
		groups [][]int // Next must take these sets in this order
	}{
		{"rare before common", 6, nil,
			map[string][]int{"a": span(0, 6), "b": span(0, 4), "c": span(0, 2)},
			"a", 6, [][]int{{4, 5}, {2, 3}, {0, 1}}},
		{"only what the peer has", 6, nil,
			map[string][]int{"a": {0, 1, 2}, "b": span(0, 6)},
			"a", 6, [][]int{{0, 1, 2}}},
		{"never what we hold", 6, []int{4, 5},
			map[string][]int{"a": span(0, 6), "b": span(0, 3)},
			"a", 6, [][]int{{3}, {0, 1, 2}}},
		{"window bounds the batch", 8, nil,
			map[string][]int{"a": span(0, 8), "b": span(0, 6)},
			"a", 2, [][]int{{6, 7}}},
		{"rarity counts every peer", 4, nil,
			map[string][]int{"a": {0, 1, 2}, "b": span(0, 4), "c": span(0, 4)},
			"b", 4, [][]int{{3}, {0, 1, 2}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := Config{MinWindow: c.window, MaxWindow: c.window, InitWindow: c.window}
			s := newSched(t, c.n, bitfield.Of(c.n, c.held...), cfg, 7)
			for id, have := range c.peers {
				addPeer(t, s, id, bitfield.Of(c.n, have...))
			}
			got := s.Next(c.ask, t0)
			mustCheck(t, s)
			i := 0
			for _, g := range c.groups {
				part := got[i:min(i+len(g), len(got))]
				if !subset(part, g) {
					t.Fatalf("Next = %v, want groups %v", got, c.groups)
				}
				i += len(part)
			}
			if i != len(got) || len(got) != min(c.window, total(c.groups)) {
				t.Fatalf("Next = %v, want groups %v", got, c.groups)
			}
		})
	}
}

func total(g [][]int) (n int) {
	for _, x := range g {
		n += len(x)
	}
	return n
}

func subset(a, b []int) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func sameSet(a, b []int) bool { return len(a) == len(b) && subset(a, b) && subset(b, a) }

func TestTieBreakSeeded(t *testing.T) {
	pick := func(seed uint64) []int {
		cfg := Config{MinWindow: 8, MaxWindow: 8, InitWindow: 8}
		s := newSched(t, 256, nil, cfg, seed)
		addPeer(t, s, "a", bitfield.Full(256))
		return s.Next("a", t0)
	}
	first := pick(1)
	if again := pick(1); !slices.Equal(first, again) {
		t.Fatalf("same seed, different picks: %v vs %v", first, again)
	}
	differ := 0
	for seed := uint64(2); seed < 12; seed++ {
		if !slices.Equal(first, pick(seed)) {
			differ++
		}
	}
	if differ < 9 {
		t.Fatalf("only %d of 10 other seeds changed the tie-break", differ)
	}
	if slices.IsSorted(first) {
		t.Fatalf("tie-break looks like index order: %v", first)
	}
}

// TestWindowFollowsRate drives one peer that serves a chunk every interval
// and checks the window settles at rate * TargetQueue / ChunkSize, clamped.
func TestWindowFollowsRate(t *testing.T) {
	cases := []struct {
		name     string
		interval time.Duration
		want     int
	}{
		{"fast peer hits MaxWindow", 10 * time.Millisecond, 16},      // 100 chunks/s
		{"bandwidth-delay product", 125 * time.Millisecond, 8},       // 8 chunks/s
		{"slow peer floors at MinWindow", 900 * time.Millisecond, 2}, // ~1 chunk/s
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := Config{MinWindow: 2, MaxWindow: 16, InitWindow: 4, ChunkSize: 1000,
				TargetQueue: time.Second, MinTimeout: time.Hour}
			s := newSched(t, 1000, nil, cfg, 1)
			addPeer(t, s, "a", bitfield.Full(1000))
			now := t0
			queue := s.Next("a", now)
			prev := 4
			for range 200 {
				now = now.Add(c.interval)
				s.Received("a", queue[0], 1000, now)
				more := s.Next("a", now)
				queue = append(queue[1:], more...)
				st, _ := peerStat(s, "a")
				if st.Window > 2*prev || len(more) > 0 && st.InFlight > st.Window {
					t.Fatalf("window %d after %d, in flight %d", st.Window, prev, st.InFlight)
				}
				prev = st.Window
				mustCheck(t, s)
			}
			if prev != c.want {
				t.Fatalf("window %d, want %d", prev, c.want)
			}
		})
	}
}

func TestTimeoutShrinksWindow(t *testing.T) {
	cfg := Config{MinWindow: 2, MaxWindow: 16, InitWindow: 16, MinTimeout: time.Second, MaxStalls: 10}
	s := newSched(t, 100, nil, cfg, 1)
	addPeer(t, s, "a", bitfield.Full(100))
	for i, want := range []int{8, 4, 2, 2} {
		asked := s.Next("a", t0.Add(time.Duration(i)*2*time.Second))
		if len(asked) == 0 {
			t.Fatal("nothing asked")
		}
		exp, _ := s.Tick(t0.Add(time.Duration(i)*2*time.Second + 1500*time.Millisecond))
		mustCheck(t, s)
		if st, _ := peerStat(s, "a"); st.Window != want || len(exp) != len(asked) || st.InFlight != 0 {
			t.Fatalf("round %d: window %d (want %d), %d expired of %d", i, st.Window, want, len(exp), len(asked))
		}
	}
}

func TestEndgame(t *testing.T) {
	cfg := Config{MinWindow: 4, MaxWindow: 4, InitWindow: 4, EndgameDup: 2}
	s := newSched(t, 2, nil, cfg, 1)
	for _, id := range []string{"a", "b", "c", "d"} {
		addPeer(t, s, id, bitfield.Full(2))
	}
	for _, id := range []string{"a", "b", "c"} {
		if got := s.Next(id, t0); !sameSet(got, []int{0, 1}) {
			t.Fatalf("Next(%s) = %v, want both chunks", id, got)
		}
		mustCheck(t, s)
	}
	if got := s.Next("d", t0); len(got) != 0 {
		t.Fatalf("Next(d) = %v past the duplicate bound", got)
	}
	cancel := s.Received("b", 0, 10, t0.Add(time.Second))
	mustCheck(t, s)
	want := []Request{{"a", 0}, {"c", 0}}
	if !slices.Equal(cancel, want) {
		t.Fatalf("cancel = %v, want %v", cancel, want)
	}
	if got := s.Received("a", 0, 10, t0.Add(time.Second)); got != nil {
		t.Fatalf("late duplicate cancelled %v", got)
	}
	mustCheck(t, s)
	if got := s.Next("d", t0); len(got) != 0 {
		t.Fatalf("Next(d) = %v, chunk 1 is at the duplicate bound", got)
	}
	want = []Request{{"a", 1}, {"b", 1}}
	if cancel := s.Received("c", 1, 10, t0.Add(time.Second)); !slices.Equal(cancel, want) || !s.Done() {
		t.Fatalf("cancel %v, done %v", cancel, s.Done())
	}
	mustCheck(t, s)
}

func TestEndgameOff(t *testing.T) {
	s := newSched(t, 2, nil, Config{EndgameDup: -1}, 1)
	addPeer(t, s, "a", bitfield.Full(2))
	addPeer(t, s, "b", bitfield.Full(2))
	if got := s.Next("a", t0); len(got) != 2 {
		t.Fatalf("Next(a) = %v", got)
	}
	if got := s.Next("b", t0); len(got) != 0 {
		t.Fatalf("Next(b) = %v with the endgame off", got)
	}
}

// TestEndgameWaitsForRareChunks: a chunk nobody has does not hold the
// endgame back, but a chunk somebody has and nobody was asked for does.
func TestEndgameWaitsForRareChunks(t *testing.T) {
	s := newSched(t, 3, nil, Config{MinWindow: 1, MaxWindow: 1, InitWindow: 1}, 1)
	addPeer(t, s, "a", bitfield.Of(3, 0, 1))
	addPeer(t, s, "b", bitfield.Of(3, 0, 1))
	if s.Unavailable() != 1 {
		t.Fatalf("unavailable %d, want 1", s.Unavailable())
	}
	first := s.Next("a", t0)
	second := s.Next("b", t0)
	if len(first) != 1 || len(second) != 1 || first[0] == second[0] {
		t.Fatalf("Next = %v, %v: want the two chunks, one each", first, second)
	}
	s.Received("a", first[0], 1, t0)
	if got := s.Next("a", t0); !slices.Equal(got, second) {
		t.Fatalf("Next(a) = %v, want duplicate %v", got, second)
	}
	mustCheck(t, s)
}

func TestStallReassignDrop(t *testing.T) {
	cfg := Config{MinWindow: 2, MaxWindow: 4, InitWindow: 4, MinTimeout: time.Second, MaxStalls: 3}
	s := newSched(t, 40, nil, cfg, 1)
	addPeer(t, s, "a", bitfield.Full(40))
	now := t0
	for round := 1; round <= 3; round++ {
		stuck := s.Next("a", now)
		now = now.Add(2 * time.Second)
		expired, dropped := s.Tick(now)
		mustCheck(t, s)
		if len(expired) != len(stuck) {
			t.Fatalf("round %d: expired %v, asked %v", round, expired, stuck)
		}
		// A fresh peer holding just those chunks must be given them.
		b := fmt.Sprint("b", round)
		addPeer(t, s, b, bitfield.Of(40, stuck...))
		got := s.Next(b, now)
		if !sameSet(stuck, got) {
			t.Fatalf("round %d: b got %v, want the expired %v", round, got, stuck)
		}
		for _, x := range got {
			s.Received(b, x, 1, now)
		}
		if (round == 3) != slices.Equal(dropped, []string{"a"}) {
			t.Fatalf("round %d: dropped %v", round, dropped)
		}
	}
	if _, ok := peerStat(s, "a"); ok || s.Banned("a") {
		t.Fatal("stalled peer still present, or banned")
	}
	addPeer(t, s, "a", bitfield.Full(40)) // dropped is not banned
}

func TestStallsResetOnDelivery(t *testing.T) {
	cfg := Config{MinWindow: 2, MaxWindow: 2, InitWindow: 2, MinTimeout: time.Second, MaxStalls: 2}
	s := newSched(t, 40, nil, cfg, 1)
	addPeer(t, s, "a", bitfield.Full(40))
	now := t0
	for range 5 {
		got := s.Next("a", now)
		s.Received("a", got[0], 1, now.Add(time.Millisecond))
		now = now.Add(2 * time.Second)
		if _, dropped := s.Tick(now); len(dropped) != 0 {
			t.Fatal("peer that delivers between stalls was dropped")
		}
	}
}

func TestBadDataBans(t *testing.T) {
	s := newSched(t, 10, nil, Config{MaxStrikes: 3}, 1)
	addPeer(t, s, "a", bitfield.Full(10))
	addPeer(t, s, "b", bitfield.Full(10))
	for strike := 1; strike <= 3; strike++ {
		got := s.Next("a", t0)
		banned := s.Bad("a", got[0])
		mustCheck(t, s)
		if banned != (strike == 3) {
			t.Fatalf("strike %d: banned %v", strike, banned)
		}
		if st, ok := peerStat(s, "a"); ok && (st.Strikes != strike || st.InFlight != 3) {
			t.Fatalf("strike %d: %+v", strike, st)
		}
	}
	if !s.Banned("a") || !slices.Equal(s.Bans(), []string{"a"}) {
		t.Fatalf("bans %v", s.Bans())
	}
	if err := s.AddPeer("a", bitfield.Full(10), t0); !errors.Is(err, ErrBanned) {
		t.Fatalf("re-adding a banned peer: %v", err)
	}
	if got := s.Next("a", t0); got != nil {
		t.Fatalf("banned peer asked for %v", got)
	}
	if got := s.Next("b", t0); len(got) != 4 {
		t.Fatalf("b got %v", got)
	}
	mustCheck(t, s)
}

func TestRemovePeerReturnsChunks(t *testing.T) {
	s := newSched(t, 4, nil, Config{EndgameDup: -1}, 1)
	addPeer(t, s, "a", bitfield.Full(4))
	addPeer(t, s, "b", bitfield.Of(4, 0, 1, 2, 3))
	asked := s.Next("a", t0)
	if got := s.Next("b", t0); len(got) != 0 {
		t.Fatalf("b got %v while all were in flight to a", got[:0])
	}
	s.RemovePeer("a")
	mustCheck(t, s)
	if got := s.Next("b", t0); !sameSet(got, asked) {
		t.Fatalf("b got %v, want a's %v", got, asked)
	}
	s.RemovePeer("nobody") // harmless
	mustCheck(t, s)
}

func TestRefused(t *testing.T) {
	s := newSched(t, 2, nil, Config{EndgameDup: -1}, 1)
	addPeer(t, s, "a", bitfield.Full(2))
	addPeer(t, s, "b", bitfield.Full(2))
	s.Next("a", t0)
	s.Refused("a", 0)
	mustCheck(t, s)
	if got := s.Next("a", t0); len(got) != 0 {
		t.Fatalf("a asked again for %v after refusing", got)
	}
	if got := s.Next("b", t0); !slices.Equal(got, []int{0}) {
		t.Fatalf("b got %v, want [0]", got)
	}
}

func TestReceivedOddities(t *testing.T) {
	cases := []struct {
		name        string
		peer        string
		chunk       int
		wantCancel  []Request
		wantMissing int
	}{
		{"unknown peer", "z", 1, nil, 4},
		{"negative index", "a", -1, nil, 4},
		{"index past the end", "a", 5, nil, 4},
		{"already held", "a", 0, nil, 4},
		{"not requested but missing", "a", 2, []Request{{"b", 2}}, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newSched(t, 5, bitfield.Of(5, 0), Config{MinWindow: 1, MaxWindow: 1, InitWindow: 1}, 1)
			addPeer(t, s, "a", bitfield.Full(5))
			addPeer(t, s, "b", bitfield.Of(5, 2))
			if got := s.Next("b", t0); !slices.Equal(got, []int{2}) {
				t.Fatalf("b got %v", got)
			}
			cancel := s.Received(c.peer, c.chunk, 100, t0.Add(time.Second))
			mustCheck(t, s)
			if !slices.Equal(cancel, c.wantCancel) || s.Missing() != c.wantMissing {
				t.Fatalf("cancel %v missing %d, want %v %d", cancel, s.Missing(), c.wantCancel, c.wantMissing)
			}
		})
	}
}

func TestPeerErrors(t *testing.T) {
	s := newSched(t, 8, nil, Config{}, 1)
	addPeer(t, s, "a", nil)
	cases := []struct {
		name string
		err  error
		want error
	}{
		{"short bitfield", s.AddPeer("b", bitfield.New(7), t0), ErrLength},
		{"duplicate", s.AddPeer("a", bitfield.New(8), t0), ErrDuplicatePeer},
		{"update unknown", s.Update("z", bitfield.New(8)), ErrUnknownPeer},
		{"update wrong length", s.Update("a", bitfield.New(9)), ErrLength},
	}
	for _, c := range cases {
		if !errors.Is(c.err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, c.err, c.want)
		}
	}
	mustCheck(t, s)
	s.Have("a", 8)
	s.Have("a", -1)
	s.Have("z", 1)
	if err := s.Update("a", bitfield.Of(8, 1, 2)); err != nil {
		t.Fatal(err)
	}
	s.Have("a", 3)
	mustCheck(t, s)
	if got := s.Next("a", t0); !sameSet(got, []int{1, 2, 3}) {
		t.Fatalf("Next = %v, want 1 2 3", got)
	}
	if s.Unavailable() != 5 || s.Missing() != 8 {
		t.Fatalf("unavailable %d missing %d", s.Unavailable(), s.Missing())
	}
}

func TestConfigDefaults(t *testing.T) {
	got := Config{MinWindow: 10, MaxWindow: 5}.withDefaults()
	if got.MaxWindow != 10 || got.InitWindow != 10 || got.EndgameDup != 2 || got.ChunkSize != 1<<20 {
		t.Fatalf("defaults: %+v", got)
	}
}

// TestRuns checks that picks come in runs of adjacent chunks (Config.Run)
// without giving up rarest first: a run never takes a commoner chunk, one
// in flight or one the peer lacks, and never the same chunk twice.
func TestRuns(t *testing.T) {
	const n = 64
	for seed := uint64(1); seed <= 20; seed++ {
		cfg := Config{MinWindow: 16, MaxWindow: 16, InitWindow: 16, Run: 4}
		s := newSched(t, n, bitfield.Of(n), cfg, seed)
		addPeer(t, s, "a", bitfield.Of(n, span(0, n)...))
		addPeer(t, s, "b", bitfield.Of(n, span(0, 32)...)) // 32-63 are rarer
		addPeer(t, s, "c", bitfield.Of(n, span(0, n)...))
		var got []int
		for _, id := range []string{"a", "c"} {
			out := s.Next(id, t0)
			mustCheck(t, s)
			adjacent := 0
			for k, x := range out {
				if x < 32 {
					t.Fatalf("seed %d: %s got %v: chunk %d is commoner than chunks left free", seed, id, out, x)
				}
				if k > 0 && out[k-1]+1 == x {
					adjacent++
				}
			}
			// 16 chunks in runs of up to 4: 12 adjacent pairs, fewer where a
			// run meets the end of the work. The second peer gets what is
			// left, in pieces.
			if len(out) != 16 || id == "a" && adjacent < 8 {
				t.Fatalf("seed %d: %s got %v: %d adjacent pairs, want 16 chunks in runs (8 pairs at least)", seed, id, out, adjacent)
			}
			got = append(got, out...)
		}
		slices.Sort(got)
		if !slices.Equal(got, span(32, n)) {
			t.Fatalf("seed %d: a and c got %v, want each of 32-63 once", seed, got)
		}
	}
	// A peer with every other chunk: runs stop at the chunks it lacks.
	s := newSched(t, n, bitfield.Of(n), Config{MinWindow: 8, MaxWindow: 8, InitWindow: 8, Run: 4}, 3)
	odd := bitfield.Of(n)
	for x := 1; x < n; x += 2 {
		odd.Set(x)
	}
	addPeer(t, s, "d", odd)
	out := s.Next("d", t0)
	mustCheck(t, s)
	for _, x := range out {
		if x%2 == 0 {
			t.Fatalf("d got %v: chunk %d, which it does not have", out, x)
		}
	}
	if len(out) != 8 {
		t.Fatalf("d got %v, want 8 chunks", out)
	}
}

// TestRunsOneSlotAtATime: as chunks arrive one by one, each freeing one
// slot, the peer is still asked for runs: the run in progress goes on.
func TestRunsOneSlotAtATime(t *testing.T) {
	const n = 64
	cfg := Config{MinWindow: 1, MaxWindow: 1, InitWindow: 1, Run: 4}
	s := newSched(t, n, bitfield.Of(n), cfg, 5)
	addPeer(t, s, "a", bitfield.Of(n, span(0, n)...))
	var seq []int
	now := t0
	for range 32 {
		out := s.Next("a", now)
		mustCheck(t, s)
		if len(out) != 1 {
			t.Fatalf("Next = %v with one slot, want one chunk", out)
		}
		seq = append(seq, out[0])
		now = now.Add(time.Millisecond)
		s.Received("a", out[0], 1<<20, now)
		mustCheck(t, s)
	}
	adjacent := 0
	for k := 1; k < len(seq); k++ {
		if seq[k] == seq[k-1]+1 {
			adjacent++
		}
	}
	// 32 chunks in runs of 4: 24 adjacent pairs, fewer where a run meets
	// the end of the work or a chunk held already.
	if adjacent < 16 {
		t.Fatalf("asked in order %v: %d adjacent pairs, want runs of up to 4 (16 pairs at least)", seq, adjacent)
	}
}

// TestRunsWholeDownload: one holder serves a whole work, chunks arriving
// in the order they were asked. Runs are aligned (chunk 4k to 4k+3), so
// nearly every chunk is asked as part of a whole run of four and the
// downloader writes it with three others. Runs that started anywhere
// left stubs of one to three free chunks between them as the download
// went on, and 36-41% of the chunks were asked in shorter runs.
func TestRunsWholeDownload(t *testing.T) {
	const n, run = 1024, 4
	for seed := uint64(1); seed <= 5; seed++ {
		cfg := Config{MinWindow: 16, MaxWindow: 16, InitWindow: 16, Run: run}
		s := newSched(t, n, bitfield.Of(n), cfg, seed)
		addPeer(t, s, "a", bitfield.Of(n, span(0, n)...))
		var seq, queue []int
		now := t0
		for len(seq) < n {
			out := s.Next("a", now)
			seq, queue = append(seq, out...), append(queue, out...)
			if len(queue) == 0 {
				t.Fatalf("seed %d: nothing in flight and nothing asked after %d chunks", seed, len(seq))
			}
			now = now.Add(time.Millisecond)
			s.Received("a", queue[0], 1<<18, now)
			queue = queue[1:]
		}
		mustCheck(t, s)
		whole := 0
		for k := 0; k < len(seq); {
			l := 1
			for k+l < len(seq) && l < run && seq[k+l] == seq[k+l-1]+1 {
				l++
			}
			if l == run && seq[k]%run == 0 {
				whole += run
			}
			k += l
		}
		if whole < n*9/10 {
			t.Errorf("seed %d: %d of %d chunks asked in whole aligned runs of %d, want 90%% at least", seed, whole, n, run)
		}
	}
}
