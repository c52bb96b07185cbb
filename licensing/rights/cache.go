package rights

import (
	"container/list"
	"math"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// key names one question: may account have the work root?
type key struct {
	root    [32]byte
	account common.Address
}

// answer is what the chain said about one key, with what the cache needs
// to bound its life.
type answer struct {
	Decision
	expiry   uint64 // the license's expiry (chain seconds, exclusive) when Reason is Licensed
	chainNow uint64 // the latest block's timestamp read with it, 0 when not read
}

// entry is one cached answer.
type entry struct {
	key    key
	d      Decision
	until  time.Time // local time from which the entry is stale
	expiry uint64    // license expiry in chain seconds; 0 when the answer does not rest on one
}

// cache is the rights checker's policy: which answers are kept, for how
// long, and which are dropped when it is full or told the chain changed.
// It does no I/O, starts no goroutine and reads no clock: every method that
// needs the time takes it. It is not safe for concurrent use; the Checker
// guards it with its mutex.
type cache struct {
	maxTTL time.Duration // longest life of any positive answer
	negTTL time.Duration // life of a negative answer
	max    int           // most entries held

	byRoot    map[[32]byte]map[common.Address]*list.Element // index into lru
	lru       *list.List                                    // of *entry, most recently used first
	chainTime uint64                                        // the latest chain timestamp seen
}

func newCache(maxTTL, negTTL time.Duration, size int) *cache {
	return &cache{maxTTL: maxTTL, negTTL: negTTL, max: size,
		byRoot: map[[32]byte]map[common.Address]*list.Element{}, lru: list.New()}
}

// ttl is how long answer a may be served from the cache, measured from
// now. A positive answer resting on a license never outlives that license:
// its remaining time is counted from the later of the chain's clock and
// the local one, so a chain whose latest block is old cannot stretch it.
// Zero means "do not cache".
func (c *cache) ttl(a answer, now time.Time) time.Duration {
	switch {
	case a.Reason == Unavailable:
		return 0
	case !a.Allowed:
		return c.negTTL
	case a.Reason != Licensed || a.expiry == math.MaxUint64:
		return c.maxTTL
	}
	if a.expiry <= a.chainNow {
		return 0
	}
	if a.expiry > math.MaxInt64/2 { // billions of years: only maxTTL matters
		return c.maxTTL
	}
	ref := now
	if chain := time.Unix(int64(a.chainNow), 0); chain.After(ref) {
		ref = chain
	}
	left := time.Unix(int64(a.expiry), 0).Sub(ref)
	return max(0, min(left, c.maxTTL))
}

// put caches a for k, replacing what was there, unless its ttl is zero.
// When the cache is full the least recently used entry makes room.
func (c *cache) put(k key, a answer, now time.Time) {
	c.seenChainTime(a.chainNow)
	c.forget(k)
	ttl := c.ttl(a, now)
	if ttl <= 0 || c.max <= 0 {
		return
	}
	for c.lru.Len() >= c.max {
		c.remove(c.lru.Back())
	}
	e := &entry{key: k, d: a.Decision, until: now.Add(ttl)}
	if a.Reason == Licensed && a.expiry != math.MaxUint64 {
		e.expiry = a.expiry
	}
	m := c.byRoot[k.root]
	if m == nil {
		m = map[common.Address]*list.Element{}
		c.byRoot[k.root] = m
	}
	m[k.account] = c.lru.PushFront(e)
}

// get returns the cached decision for k if it is still fresh at now and
// the chain's clock, as far as it has been seen, has not passed the
// license's expiry. A stale entry is dropped.
func (c *cache) get(k key, now time.Time) (Decision, bool) {
	el := c.byRoot[k.root][k.account]
	if el == nil {
		return Decision{}, false
	}
	e := el.Value.(*entry)
	if !now.Before(e.until) || (e.expiry != 0 && c.chainTime >= e.expiry) {
		c.remove(el)
		return Decision{}, false
	}
	c.lru.MoveToFront(el)
	return e.d, true
}

// seenChainTime records a chain timestamp (of a block read or of an
// observed log); entries whose license expired by then are no longer used.
func (c *cache) seenChainTime(t uint64) { c.chainTime = max(c.chainTime, t) }

// forget drops the entry of k, if any.
func (c *cache) forget(k key) {
	if el := c.byRoot[k.root][k.account]; el != nil {
		c.remove(el)
	}
}

// forgetWork drops every entry of root.
func (c *cache) forgetWork(root [32]byte) {
	for _, el := range c.byRoot[root] {
		c.lru.Remove(el)
	}
	delete(c.byRoot, root)
}

// reset drops every entry; the chain clock seen is kept, since a
// reorganisation does not turn time back by more than a few blocks.
func (c *cache) reset() {
	clear(c.byRoot)
	c.lru.Init()
}

// len returns how many entries are held, fresh or not.
func (c *cache) len() int { return c.lru.Len() }

func (c *cache) remove(el *list.Element) {
	e := c.lru.Remove(el).(*entry)
	m := c.byRoot[e.key.root]
	delete(m, e.key.account)
	if len(m) == 0 {
		delete(c.byRoot, e.key.root)
	}
}

// breaker keeps a failing chain from being asked on every check: after a
// failed read, misses are refused without a call until the window ends;
// each failure seen after a window doubles the next one, up to max. A
// success closes it. Like cache, it does no I/O and reads no clock.
type breaker struct {
	min, max time.Duration
	next     time.Duration // the next window's length; 0 while the chain answers
	until    time.Time     // reads are refused before this
	lastErr  error         // the failure that opened the window
}

// allow reports whether the chain may be asked at now.
func (b *breaker) allow(now time.Time) bool { return !now.Before(b.until) }

// failure records a failed read at now and returns the window it opens
// (zero when a window is already open: concurrent failures of one outage
// count once).
func (b *breaker) failure(now time.Time, err error) time.Duration {
	if now.Before(b.until) {
		return 0
	}
	if b.next == 0 {
		b.next = b.min
	}
	w := b.next
	b.until, b.lastErr = now.Add(w), err
	b.next = min(2*b.next, b.max)
	return w
}

// success records a good read; it reports whether the chain had been
// failing until then.
func (b *breaker) success() (recovered bool) {
	recovered = b.next != 0
	b.next, b.until, b.lastErr = 0, time.Time{}, nil
	return recovered
}
