package xfer

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"essaim/p2p/bitfield"
)

// t0 is the fake clock's start.
var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func at(d time.Duration) time.Time { return t0.Add(d) }

func testCrowd(n int) *crowd { return newCrowd(n, rand.New(rand.NewPCG(1, 2))) }

// join adds a session and checks its accept matches its view.
func join(t *testing.T, c *crowd, now time.Time) *view {
	t.Helper()
	v, b := c.join(now)
	if v == nil {
		t.Fatal("join: nil view while chunks are unsent")
	}
	if got, err := bitfield.Decode(c.n, b); err != nil || !slices.Equal(got.Bytes(), v.shown.Bytes()) {
		t.Fatalf("accept bitfield %x (%v), view shows %x", b, err, v.shown.Bytes())
	}
	checkCrowd(t, c)
	return v
}

// checkCrowd checks the crowd's invariants: showing counts exactly the
// in-turn sessions shown a chunk and not sent it, ahead counts a view's
// shown chunks not sent to it, and a view not in turn is shown every chunk.
func checkCrowd(t *testing.T, c *crowd) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	want := make([]uint16, c.n)
	for v := range c.views {
		if !v.turn {
			if !v.shown.Complete() {
				t.Fatalf("a view not in turn shows %d of %d chunks", v.shown.Count(), c.n)
			}
			continue
		}
		ahead := 0
		for x := range c.n {
			if v.shown.Has(x) && !v.got.Has(x) {
				want[x]++
				ahead++
			}
		}
		if ahead != v.ahead {
			t.Fatalf("view ahead %d, counted %d", v.ahead, ahead)
		}
	}
	if !slices.Equal(want, c.showing) {
		t.Fatalf("showing %v, counted %v", c.showing, want)
	}
}

func members(f *bitfield.Bitfield) []int {
	var out []int
	for x := range f.Len() {
		if f.Has(x) {
			out = append(out, x)
		}
	}
	return out
}

func overlap(a, b *bitfield.Bitfield) []int {
	var out []int
	for x := range a.Len() {
		if a.Has(x) && b.Has(x) {
			out = append(out, x)
		}
	}
	return out
}

func kicked(v *view) bool {
	select {
	case <-v.kick:
		return true
	default:
		return false
	}
}

func TestCrowdLoneSessionSeesWholeWork(t *testing.T) {
	c := testCrowd(40)
	a := join(t, c, t0)
	if a.turn || a.wantTurn || !a.shown.Complete() {
		t.Fatalf("lone session: turn %v, shown %d of 40", a.turn, a.shown.Count())
	}
	// Sending to it shows nothing and asks for no replacement.
	for x := range 20 {
		c.sentChunk(a, x, at(time.Duration(x)*time.Millisecond))
	}
	if haves, set := c.take(a, nil, at(time.Second)); haves != nil || set != nil {
		t.Fatalf("lone session told %v, %x", haves, set)
	}
	checkCrowd(t, c)
}

func TestCrowdFormsFirstSessionNarrowed(t *testing.T) {
	cases := []struct {
		name  string
		asked []int
	}{
		{name: "asked nothing"},
		{name: "asked some", asked: []int{1, 2, 3}},
		{name: "asked out of range ignored", asked: []int{-1, 2, 40, 1 << 20}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := testCrowd(40)
			a := join(t, c, t0)
			kicked(a)
			b := join(t, c, t0)
			if !b.turn || b.shown.Count() != seedAhead {
				t.Fatalf("second session: turn %v, shown %d, want %d in turn", b.turn, b.shown.Count(), seedAhead)
			}
			if !kicked(a) || !a.wantTurn || a.turn {
				t.Fatal("first session not woken to take turns")
			}
			haves, set := c.take(a, tc.asked, t0)
			if haves != nil || set == nil {
				t.Fatalf("take: haves %v, set %x; want a replacement", haves, set)
			}
			got, err := bitfield.Decode(40, set)
			if err != nil {
				t.Fatal(err)
			}
			// What it asked stays shown, plus seedAhead fresh chunks.
			var fresh int
			for _, x := range members(got) {
				if !slices.Contains(tc.asked, x) {
					fresh++
				}
			}
			for _, x := range tc.asked {
				if x >= 0 && x < 40 && !got.Has(x) {
					t.Fatalf("asked chunk %d not in the new set %v", x, members(got))
				}
			}
			if fresh != seedAhead {
				t.Fatalf("%d fresh chunks in %v, want %d", fresh, members(got), seedAhead)
			}
			// The fresh chunks are none of the second session's.
			for _, x := range overlap(got, b.shown) {
				if !slices.Contains(tc.asked, x) {
					t.Fatalf("fresh chunk %d shown to both sessions", x)
				}
			}
			if !a.turn {
				t.Fatal("first session not in turn after the replacement")
			}
			if haves, set := c.take(a, nil, t0); haves != nil || set != nil {
				t.Fatalf("second take: %v, %x", haves, set)
			}
			// A newcomer is shown none of what the others wait for.
			d := join(t, c, t0)
			if o := append(overlap(d.shown, a.shown), overlap(d.shown, b.shown)...); len(o) != 0 {
				t.Fatalf("third session shown %v, which others wait for", o)
			}
			checkCrowd(t, c)
		})
	}
}

// What a session shown the whole work had asked when it was narrowed is
// shown to no one else, even where show's first round has not passed yet.
func TestCrowdAskedNotShownToOthers(t *testing.T) {
	c := testCrowd(2*seedAhead + 4)
	a := join(t, c, t0)
	join(t, c, t0)
	var asked []int
	for _, o := range c.order[2*seedAhead:] {
		asked = append(asked, int(o))
	}
	c.take(a, asked, t0)
	d := join(t, c, t0)
	if o := overlap(d.shown, a.shown); len(o) != 0 {
		t.Fatalf("newcomer shown %v, which the first session asked", o)
	}
	checkCrowd(t, c)
}

// Never-shown chunks go first; once every unsent chunk is shown to some
// session, a starving session is shown one of those the fewest wait for.
func TestCrowdShowOrder(t *testing.T) {
	c := testCrowd(2 * seedAhead)
	join(t, c, t0) // alone: the whole work
	b := join(t, c, t0)
	d := join(t, c, t0)
	if o := overlap(b.shown, d.shown); len(o) != 0 || d.shown.Count() != seedAhead {
		t.Fatalf("third session shown %v, overlapping %v", members(d.shown), o)
	}
	// Every chunk is shown once now: a newcomer gets nothing until it
	// starves, then one chunk.
	e := join(t, c, t0)
	f := join(t, c, t0)
	if e.shown.Count() != 0 || f.shown.Count() != 0 {
		t.Fatalf("newcomers shown %v, %v while every chunk is taken", members(e.shown), members(f.shown))
	}
	c.tick(e, false, at(seedStarve/2))
	if e.shown.Count() != 0 {
		t.Fatal("shown a chunk before starving")
	}
	c.tick(e, false, at(seedStarve))
	if e.shown.Count() != 1 {
		t.Fatalf("starving session shown %d chunks, want 1", e.shown.Count())
	}
	x := members(e.shown)[0]
	c.tick(f, false, at(seedStarve))
	if f.shown.Has(x) || f.shown.Count() != 1 {
		t.Fatalf("second starving session shown %v: chunk %d, which two sessions wait for, is not the least shown", members(f.shown), x)
	}
	checkCrowd(t, c)
}

func TestCrowdSentChunk(t *testing.T) {
	c := testCrowd(100)
	a := join(t, c, t0)
	b := join(t, c, t0)
	c.take(a, nil, t0)
	x := members(b.shown)[0]
	c.take(b, nil, t0)

	c.sentChunk(b, x, at(time.Millisecond))
	checkCrowd(t, c)
	if !c.sent.Has(x) || !b.got.Has(x) || c.showing[x] != 0 {
		t.Fatalf("chunk %d sent: sent %v, got %v, showing %d", x, c.sent.Has(x), b.got.Has(x), c.showing[x])
	}
	haves, _ := c.take(b, nil, at(time.Millisecond))
	if len(haves) != 1 || b.ahead != seedAhead || c.sent.Has(haves[0]) {
		t.Fatalf("after a send: shown %v, ahead %d; want one new unsent chunk, ahead %d", haves, b.ahead, seedAhead)
	}
	// The same chunk again (asked twice) and a chunk it was not shown (a
	// reader's window) show nothing more.
	var other int
	for other = range 100 {
		if !b.shown.Has(other) && !a.shown.Has(other) {
			break
		}
	}
	c.sentChunk(b, x, at(2*time.Millisecond))
	c.sentChunk(b, other, at(3*time.Millisecond))
	checkCrowd(t, c)
	if haves, _ := c.take(b, nil, at(3*time.Millisecond)); len(haves) != 0 || b.ahead != seedAhead {
		t.Fatalf("repeat and unshown sends showed %v, ahead %d", haves, b.ahead)
	}
	if !c.sent.Has(other) {
		t.Fatal("a chunk sent outside the shown set is not counted as sent")
	}
	// A chunk sent to the first session is never shown to anyone.
	for y := range 100 {
		if !c.sent.Has(y) && c.showing[y] == 0 {
			c.sentChunk(a, y, at(4*time.Millisecond))
			c.tick(b, false, at(10*time.Second))
			if b.shown.Has(y) {
				t.Fatalf("chunk %d shown after it was sent", y)
			}
			break
		}
	}
}

func TestCrowdTickOnStarvation(t *testing.T) {
	steps := []struct {
		at     time.Duration
		asking bool
		shown  int // chunks shown by this step
	}{
		{at: 500 * time.Millisecond, shown: 0},
		{at: 999 * time.Millisecond, shown: 0},
		{at: 1500 * time.Millisecond, asking: true, shown: 0}, // requests waiting: not starving
		{at: 2400 * time.Millisecond, shown: 0},
		{at: 2500 * time.Millisecond, shown: 1},
		{at: 3000 * time.Millisecond, shown: 0},
		{at: 3500 * time.Millisecond, shown: 1},
	}
	c := testCrowd(100)
	join(t, c, t0)
	b := join(t, c, t0)
	c.take(b, nil, t0)
	for _, s := range steps {
		c.tick(b, s.asking, at(s.at))
		haves, _ := c.take(b, nil, at(s.at))
		if len(haves) != s.shown {
			t.Fatalf("at %s (asking %v): shown %v, want %d", s.at, s.asking, haves, s.shown)
		}
	}
	checkCrowd(t, c)
}

// How far a session is shown ahead follows the chunks sent to it during
// the last second, between seedAhead and seedAheadMax.
func TestCrowdAheadGrowsWithRate(t *testing.T) {
	cases := []struct {
		name  string
		sends int
		every time.Duration
		ahead int
	}{
		{name: "slow", sends: 20, every: 200 * time.Millisecond, ahead: seedAhead},
		{name: "fast", sends: 30, every: 10 * time.Millisecond, ahead: 30},
		{name: "capped", sends: 200, every: time.Millisecond, ahead: seedAheadMax},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := testCrowd(1000)
			join(t, c, t0)
			b := join(t, c, t0)
			now := t0
			for i := range tc.sends {
				now = at(time.Duration(i+1) * tc.every)
				c.sentChunk(b, firstUnsent(b), now)
			}
			checkCrowd(t, c)
			if b.ahead != tc.ahead {
				t.Fatalf("ahead %d after %d sends every %s, want %d", b.ahead, tc.sends, tc.every, tc.ahead)
			}
			// A second later the rate is forgotten: sends show nothing
			// until the session is back to seedAhead.
			later := now.Add(2 * seedRateSpan)
			if got := b.target(later); got != seedAhead {
				t.Fatalf("target %d after a pause, want %d", got, seedAhead)
			}
			for range tc.ahead - seedAhead {
				c.take(b, nil, later)
				c.sentChunk(b, firstUnsent(b), later)
				later = later.Add(2 * seedRateSpan)
				if haves, _ := c.take(b, nil, later); len(haves) != 0 && b.ahead > seedAhead {
					t.Fatalf("shown %v with %d ahead", haves, b.ahead)
				}
			}
			if b.ahead != seedAhead {
				t.Fatalf("ahead %d after the pause, want %d", b.ahead, seedAhead)
			}
		})
	}
}

// firstUnsent is a chunk shown to v and not yet sent to it.
func firstUnsent(v *view) int {
	for x := range v.shown.Len() {
		if v.shown.Has(x) && !v.got.Has(x) {
			return x
		}
	}
	return -1
}

func TestCrowdLeave(t *testing.T) {
	t.Run("alone again: shown the whole work", func(t *testing.T) {
		c := testCrowd(40)
		a := join(t, c, t0)
		b := join(t, c, t0)
		c.take(a, []int{5}, t0)
		if c.leave(b) {
			t.Fatal("crowd empty with one session left")
		}
		checkCrowd(t, c)
		if !kicked(a) {
			t.Fatal("the remaining session was not woken")
		}
		_, set := c.take(a, nil, t0)
		if got, err := bitfield.Decode(40, set); err != nil || !got.Complete() {
			t.Fatalf("remaining session's new set %x (%v), want every chunk", set, err)
		}
		for x, n := range c.showing {
			if n != 0 {
				t.Fatalf("chunk %d still counted as shown %d times", x, n)
			}
		}
		if !c.leave(a) {
			t.Fatal("crowd not empty after its last session left")
		}
	})
	t.Run("left before the first session was narrowed", func(t *testing.T) {
		c := testCrowd(40)
		a := join(t, c, t0)
		b := join(t, c, t0)
		c.leave(b)
		if haves, set := c.take(a, nil, t0); haves != nil || set != nil {
			t.Fatalf("told %v, %x; it was shown the whole work all along", haves, set)
		}
		checkCrowd(t, c)
	})
	t.Run("a third session leaving keeps the crowd", func(t *testing.T) {
		c := testCrowd(2 * seedAhead) // every chunk shown once with three sessions
		join(t, c, t0)
		b := join(t, c, t0)
		d := join(t, c, t0)
		shown := members(d.shown)
		c.leave(d)
		checkCrowd(t, c)
		if !b.wantTurn {
			t.Fatal("two sessions left, and they no longer take turns")
		}
		// What the third was shown is free for others again.
		e := join(t, c, t0)
		if o := overlap(e.shown, d.shown); len(o) != len(shown) {
			t.Fatalf("newcomer shown %v, the chunks freed were %v", members(e.shown), shown)
		}
	})
}

// Once every chunk went out, every session is shown the whole work and
// later sessions are accepted as complete.
func TestCrowdEnds(t *testing.T) {
	c := testCrowd(30)
	a := join(t, c, t0)
	b := join(t, c, t0)
	c.take(a, nil, t0)
	for x := range 30 {
		if last := c.sentChunk(a, x, t0); last != (x == 29) {
			t.Fatalf("chunk %d: last %v", x, last)
		}
	}
	for _, v := range []*view{a, b} {
		if !kicked(v) {
			t.Fatal("a session was not woken when the crowd ended")
		}
		_, set := c.take(v, nil, t0)
		if got, err := bitfield.Decode(30, set); err != nil || !got.Complete() {
			t.Fatalf("new set %x (%v), want every chunk", set, err)
		}
	}
	checkCrowd(t, c)
	if v, b := c.join(t0); v != nil || b != nil {
		t.Fatal("a session after the end is shown chunks in turn")
	}
	if c.sentChunk(nil, 3, t0) {
		t.Fatal("a repeat send reported as the last")
	}
}
