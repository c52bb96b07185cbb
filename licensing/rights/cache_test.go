package rights

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

var t0 = time.Unix(1_800_000_000, 0) // local "now" of the policy tests

func TestCacheTTL(t *testing.T) {
	c := newCache(30*time.Second, 2*time.Second, 10)
	chainNow := uint64(t0.Unix())
	lic := func(expiry, at uint64) answer {
		return answer{Decision: Decision{true, Licensed}, expiry: expiry, chainNow: at}
	}
	tests := []struct {
		name string
		a    answer
		now  time.Time
		want time.Duration
	}{
		{"creator", answer{Decision: Decision{true, Creator}}, t0, 30 * time.Second},
		{"open work", answer{Decision: Decision{true, Open}}, t0, 30 * time.Second},
		{"perpetual license", lic(math.MaxUint64, chainNow), t0, 30 * time.Second},
		{"license far from expiry", lic(chainNow+3600, chainNow), t0, 30 * time.Second},
		{"license expiring in 10 s", lic(chainNow+10, chainNow), t0, 10 * time.Second},
		{"license expiring in 1 s", lic(chainNow+1, chainNow), t0, time.Second},
		{"license expiring at chain now", lic(chainNow, chainNow), t0, 0},
		{"license expired", lic(chainNow-5, chainNow), t0, 0},
		{"chain clock ahead of the local one", lic(chainNow+10, chainNow+4), t0, 6 * time.Second},
		{"local clock ahead of a stale head", lic(chainNow+10, chainNow-20), t0.Add(7 * time.Second), 3 * time.Second},
		{"local clock past the expiry", lic(chainNow+10, chainNow), t0.Add(11 * time.Second), 0},
		{"sub-second local time", lic(chainNow+2, chainNow), t0.Add(1500 * time.Millisecond), 500 * time.Millisecond},
		{"expiry near uint64 max", lic(math.MaxUint64-1, chainNow), t0, 30 * time.Second},
		{"no license", answer{Decision: Decision{false, NoLicense}}, t0, 2 * time.Second},
		{"not registered", answer{Decision: Decision{false, NotRegistered}}, t0, 2 * time.Second},
		{"unavailable never cached", answer{Decision: Decision{false, Unavailable}}, t0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.ttl(tt.a, tt.now); got != tt.want {
				t.Fatalf("ttl = %v, want %v", got, tt.want)
			}
		})
	}
}

func k(root, account byte) key { return key{[32]byte{root}, common.Address{account}} }

func TestCacheFreshness(t *testing.T) {
	chainNow := uint64(t0.Unix())
	tests := []struct {
		name      string
		a         answer
		after     time.Duration // local time passed since put
		chainTime uint64        // chain time seen since, 0 for none
		hit       bool
	}{
		{"positive within max ttl", answer{Decision: Decision{true, Creator}}, 29 * time.Second, 0, true},
		{"positive at max ttl", answer{Decision: Decision{true, Creator}}, 30 * time.Second, 0, false},
		{"negative within ttl", answer{Decision: Decision{false, NoLicense}}, 1999 * time.Millisecond, 0, true},
		{"negative at ttl", answer{Decision: Decision{false, NoLicense}}, 2 * time.Second, 0, false},
		{"license before expiry", answer{Decision{true, Licensed}, chainNow + 5, chainNow}, 4 * time.Second, 0, true},
		{"license at expiry", answer{Decision{true, Licensed}, chainNow + 5, chainNow}, 5 * time.Second, 0, false},
		{"chain clock jumped past expiry", answer{Decision{true, Licensed}, chainNow + 5, chainNow}, 0, chainNow + 5, false},
		{"chain clock just before expiry", answer{Decision{true, Licensed}, chainNow + 5, chainNow}, 0, chainNow + 4, true},
		{"perpetual ignores the chain clock", answer{Decision{true, Licensed}, math.MaxUint64, chainNow}, 0, math.MaxUint64 - 1, true},
		{"creator ignores the chain clock", answer{Decision: Decision{true, Creator}}, 0, chainNow + 1e9, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCache(30*time.Second, 2*time.Second, 10)
			c.put(k(1, 1), tt.a, t0)
			c.seenChainTime(tt.chainTime)
			d, ok := c.get(k(1, 1), t0.Add(tt.after))
			if ok != tt.hit {
				t.Fatalf("hit = %v, want %v", ok, tt.hit)
			}
			if ok && d != tt.a.Decision {
				t.Fatalf("decision %+v, want %+v", d, tt.a.Decision)
			}
			if !ok && c.len() != 0 {
				t.Fatalf("stale entry kept: %d entries", c.len())
			}
		})
	}
}

func TestCacheNeverStoresWhatItMustNot(t *testing.T) {
	c := newCache(30*time.Second, 2*time.Second, 10)
	chainNow := uint64(t0.Unix())
	c.put(k(1, 1), answer{Decision: Decision{false, Unavailable}}, t0)
	c.put(k(1, 2), answer{Decision{true, Licensed}, chainNow, chainNow}, t0)
	if c.len() != 0 {
		t.Fatalf("%d entries after putting an unavailable and an expired answer", c.len())
	}
	// A fresh answer that may not be cached replaces an older one.
	c.put(k(1, 3), answer{Decision: Decision{false, NoLicense}}, t0)
	c.put(k(1, 3), answer{Decision: Decision{false, Unavailable}}, t0)
	if _, ok := c.get(k(1, 3), t0); ok {
		t.Fatal("an uncacheable answer left the older one in place")
	}
	z := newCache(30*time.Second, 2*time.Second, 0)
	z.put(k(1, 1), answer{Decision: Decision{true, Creator}}, t0)
	if z.len() != 0 {
		t.Fatal("a cache of size 0 stored an entry")
	}
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newCache(30*time.Second, 2*time.Second, 3)
	yes := answer{Decision: Decision{true, Creator}}
	for i := byte(1); i <= 3; i++ {
		c.put(k(i, i), yes, t0)
	}
	if _, ok := c.get(k(1, 1), t0); !ok { // 1 becomes the most recent
		t.Fatal("entry 1 missing")
	}
	c.put(k(4, 4), yes, t0)
	if c.len() != 3 {
		t.Fatalf("%d entries, want the bound 3", c.len())
	}
	for i, want := range []bool{1: true, 2: false, 3: true, 4: true} {
		if i == 0 {
			continue
		}
		if _, ok := c.get(k(byte(i), byte(i)), t0); ok != want {
			t.Errorf("entry %d present = %v, want %v", i, ok, want)
		}
	}
	// Replacing an entry does not count twice.
	c.put(k(4, 4), yes, t0)
	if c.len() != 3 {
		t.Fatalf("%d entries after replacing one, want 3", c.len())
	}
}

func TestCacheForget(t *testing.T) {
	yes := answer{Decision: Decision{true, Creator}}
	fill := func() *cache {
		c := newCache(30*time.Second, 2*time.Second, 10)
		for _, kk := range []key{k(1, 1), k(1, 2), k(2, 1)} {
			c.put(kk, yes, t0)
		}
		return c
	}
	tests := []struct {
		name string
		do   func(c *cache)
		left []key
	}{
		{"forget one", func(c *cache) { c.forget(k(1, 2)) }, []key{k(1, 1), k(2, 1)}},
		{"forget absent", func(c *cache) { c.forget(k(3, 3)) }, []key{k(1, 1), k(1, 2), k(2, 1)}},
		{"forget work", func(c *cache) { c.forgetWork([32]byte{1}) }, []key{k(2, 1)}},
		{"reset", func(c *cache) { c.reset() }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := fill()
			tt.do(c)
			if c.len() != len(tt.left) {
				t.Fatalf("%d entries left, want %d", c.len(), len(tt.left))
			}
			for _, kk := range tt.left {
				if _, ok := c.get(kk, t0); !ok {
					t.Errorf("entry %v lost", kk)
				}
			}
			if len(tt.left) == 0 && len(c.byRoot) != 0 {
				t.Errorf("index keeps %d roots", len(c.byRoot))
			}
		})
	}
}

func TestBreaker(t *testing.T) {
	b := breaker{min: time.Second, max: 4 * time.Second}
	boom := errors.New("boom")
	if !b.allow(t0) {
		t.Fatal("a new breaker refuses")
	}
	steps := []struct {
		at         time.Duration
		fail       bool
		wantWindow time.Duration
		allowAt    []time.Duration // offsets from t0 to probe after the step
		refuseAt   []time.Duration
	}{
		{at: 0, fail: true, wantWindow: time.Second, refuseAt: []time.Duration{0, 999 * time.Millisecond}, allowAt: []time.Duration{time.Second}},
		{at: 500 * time.Millisecond, fail: true, wantWindow: 0, refuseAt: []time.Duration{999 * time.Millisecond}},     // same outage
		{at: time.Second, fail: true, wantWindow: 2 * time.Second, refuseAt: []time.Duration{2999 * time.Millisecond}}, // doubled
		{at: 3 * time.Second, fail: true, wantWindow: 4 * time.Second, allowAt: []time.Duration{7 * time.Second}},      // doubled
		{at: 7 * time.Second, fail: true, wantWindow: 4 * time.Second, refuseAt: []time.Duration{10 * time.Second}},    // capped
		{at: 11 * time.Second, fail: false, allowAt: []time.Duration{11 * time.Second}},                                // recovered
		{at: 12 * time.Second, fail: true, wantWindow: time.Second, allowAt: []time.Duration{13 * time.Second}},        // starts over
	}
	for i, s := range steps {
		now := t0.Add(s.at)
		if s.fail {
			if w := b.failure(now, boom); w != s.wantWindow {
				t.Fatalf("step %d: window %v, want %v", i, w, s.wantWindow)
			}
		} else if !b.success() {
			t.Fatalf("step %d: success after failures did not report a recovery", i)
		}
		for _, at := range s.allowAt {
			if !b.allow(t0.Add(at)) {
				t.Errorf("step %d: refused at %v", i, at)
			}
		}
		for _, at := range s.refuseAt {
			if b.allow(t0.Add(at)) {
				t.Errorf("step %d: allowed at %v", i, at)
			}
		}
	}
	b.success()
	if b.success() {
		t.Error("success after success reported a recovery")
	}
}

func TestReasonString(t *testing.T) {
	for r, want := range map[Reason]string{
		Unavailable: "unavailable", Licensed: "licensed", Creator: "creator", Open: "open work",
		NoLicense: "no license", NotRegistered: "not registered", Reason(42): "reason(42)", Reason(-1): "reason(-1)",
	} {
		if got := r.String(); got != want {
			t.Errorf("Reason(%d).String() = %q, want %q", int(r), got, want)
		}
	}
	if (Decision{}) != (Decision{false, Unavailable}) {
		t.Error("the zero Decision is not a denial")
	}
}
