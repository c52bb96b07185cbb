// Package rights answers the serving node's question "may Ethereum address
// A have work W?" from the registry on chain, through a cache.
//
// It fails closed: when the chain cannot be read the answer is no, with an
// error wrapping ErrUnavailable, and it is never cached. The cache keeps
// positive answers at most MaxTTL and never past the license's own expiry,
// negative ones for NegativeTTL; registry events fed to Observe drop the
// answers they change, and Reset drops all after a reorganisation. After
// a failed read, misses are refused without asking the chain for a short,
// growing window, then the chain is tried again by itself.
//
// The policy (what to keep, for how long, when to ask again) is a plain
// type with no I/O and no clock of its own; Checker adds the mutex, the
// chain reads and the shared in-flight queries around it.
package rights

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
)

// ErrUnavailable means the registry could not be read: the check answered
// no. The cause is wrapped with it.
var ErrUnavailable = errors.New("rights cannot be checked: chain unreachable")

// Chain is what the checker reads from the registry; *chain.RightsReader
// implements it, and tests plug in a fake.
type Chain interface {
	// Work returns the creator and the open flag; a zero creator means
	// the root is not registered.
	Work(ctx context.Context, root [32]byte) (chain.WorkInfo, error)
	// HasValidLicense is the registry's own answer at the latest block.
	HasValidLicense(ctx context.Context, root [32]byte, account common.Address) (bool, error)
	// LicenseExpiry is the license's expiry, unix seconds, exclusive;
	// math.MaxUint64 for perpetual.
	LicenseExpiry(ctx context.Context, root [32]byte, account common.Address) (uint64, error)
	// Now is the latest block's timestamp.
	Now(ctx context.Context) (uint64, error)
}

// Reason says why a Decision is what it is. Its zero value is
// Unavailable, so a zero Decision denies.
type Reason int

// The reasons of a Decision.
const (
	Unavailable   Reason = iota // the chain could not be read: denied
	Licensed                    // a license valid now: allowed
	Creator                     // the work's creator: allowed
	Open                        // an open work: allowed
	NoLicense                   // registered, but no valid license: denied
	NotRegistered               // no such work in the registry: denied
	Expired                     // the account's license has expired: denied
)

var reasonNames = [...]string{"unavailable", "licensed", "creator", "open work", "no license", "not registered", "license expired"}

// String returns a short lowercase description, for logs.
func (r Reason) String() string {
	if r < 0 || int(r) >= len(reasonNames) {
		return fmt.Sprintf("reason(%d)", int(r))
	}
	return reasonNames[r]
}

// Decision is the answer to one check.
type Decision struct {
	Allowed bool
	Reason  Reason
}

var denied = Decision{Allowed: false, Reason: Unavailable}

// Checker answers rights checks. It is safe for concurrent use.
type Checker struct {
	// Set by New, read-only afterwards.
	chain Chain
	cfg   config

	// Guarded by mu.
	mu      sync.Mutex
	cache   *cache
	breaker breaker
	flights map[key]*flight
	stats   Stats
}

// Stats counts what a Checker has done since it was made.
type Stats struct {
	Hits         uint64        // checks answered from the cache
	Misses       uint64        // checks that needed the chain (or were refused during a backoff)
	Queries      uint64        // queries to the chain, each shared by its concurrent checks
	Failures     uint64        // queries that failed after their retries
	QueryTime    time.Duration // spent in queries, in all
	QueryTimeMax time.Duration // the longest query
}

// Stats returns the checker's counters.
func (c *Checker) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

// flight is one query to the chain that every concurrent check of the
// same key waits for.
type flight struct {
	done  chan struct{} // closed when d and err are set
	stale bool          // invalidated while in flight: the answer is not cached (guarded by Checker.mu)
	d     Decision
	err   error
}

// New returns a checker reading from c.
func New(c Chain, opts ...Option) *Checker {
	cfg := newConfig(opts)
	return &Checker{
		chain:   c,
		cfg:     cfg,
		cache:   newCache(cfg.maxTTL, cfg.negTTL, cfg.maxEntries),
		breaker: breaker{min: cfg.failMin, max: cfg.failMax},
		flights: map[key]*flight{},
	}
}

// Check tells whether account may have the work root now. When the chain
// cannot be read (after bounded retries, or during the backoff that
// follows a failure) it returns Decision{false, Unavailable} and an error
// wrapping ErrUnavailable; when ctx ends first, the same decision with
// ctx's error. It never returns Allowed with an error. Fresh cached
// answers are served during the backoff too; the first miss after the
// backoff window asks the chain again, so service resumes by itself.
func (c *Checker) Check(ctx context.Context, root [32]byte, account common.Address) (Decision, error) {
	if err := ctx.Err(); err != nil {
		return denied, fmt.Errorf("rights check: %w", err)
	}
	k := key{root, account}
	c.mu.Lock()
	now := c.cfg.clock()
	if d, ok := c.cache.get(k, now); ok {
		c.stats.Hits++
		c.mu.Unlock()
		return d, nil
	}
	c.stats.Misses++
	f := c.flights[k]
	if f == nil {
		if !c.breaker.allow(now) {
			err := fmt.Errorf("%w: retrying after %s (last error: %v)",
				ErrUnavailable, c.breaker.until.Format(time.TimeOnly), c.breaker.lastErr)
			c.mu.Unlock()
			return denied, err
		}
		f = &flight{done: make(chan struct{})}
		c.flights[k] = f
		go c.fly(context.WithoutCancel(ctx), k, f)
	}
	c.mu.Unlock()
	select {
	case <-f.done:
		return f.d, f.err
	case <-ctx.Done():
		return denied, fmt.Errorf("rights check: %w", ctx.Err())
	}
}

// fly runs the query of f, which ends within the retry budget whatever
// the callers do, then records its outcome and wakes the waiters.
func (c *Checker) fly(ctx context.Context, k key, f *flight) {
	start := time.Now()
	a, err := c.query(ctx, k)
	took := time.Since(start)
	c.mu.Lock()
	c.stats.Queries++
	c.stats.QueryTime += took
	c.stats.QueryTimeMax = max(c.stats.QueryTimeMax, took)
	if err != nil {
		c.stats.Failures++
	}
	now := c.cfg.clock()
	if c.flights[k] == f {
		delete(c.flights, k)
	}
	if err != nil {
		f.d, f.err = denied, fmt.Errorf("%w: %w", ErrUnavailable, err)
		if w := c.breaker.failure(now, err); w > 0 {
			c.cfg.log.Warn("rights: chain read failed, refusing misses for a while", "err", err, "for", w)
		}
	} else {
		f.d = a.Decision
		if c.breaker.success() {
			c.cfg.log.Info("rights: chain reads recovered")
		}
		if f.stale {
			c.cache.seenChainTime(a.chainNow)
		} else {
			c.cache.put(k, a, now)
		}
	}
	c.mu.Unlock()
	close(f.done)
}

// query asks the chain, trying again up to the configured number of
// times with a doubling wait.
func (c *Checker) query(ctx context.Context, k key) (answer, error) {
	wait := c.cfg.retryBackoff
	for attempt := 0; ; attempt++ {
		a, err := c.attempt(ctx, k)
		if err == nil || attempt >= c.cfg.retries {
			return a, err
		}
		t := time.NewTimer(wait)
		<-t.C // ctx never ends here: it is detached from the callers
		wait *= 2
	}
}

// attempt reads, in order: the work (unregistered, creator, open), the
// registry's own verdict, and for a license its expiry and the chain's
// clock, which bound how long the answer may be cached.
func (c *Checker) attempt(ctx context.Context, k key) (answer, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.callTimeout)
	defer cancel()
	w, err := c.chain.Work(ctx, k.root)
	switch {
	case err != nil:
		return answer{}, err
	case w.Creator == (common.Address{}):
		return answer{Decision: Decision{false, NotRegistered}}, nil
	case w.Creator == k.account:
		return answer{Decision: Decision{true, Creator}}, nil
	case w.Open:
		return answer{Decision: Decision{true, Open}}, nil
	}
	ok, err := c.chain.HasValidLicense(ctx, k.root, k.account)
	if err != nil {
		return answer{}, err
	}
	expiry, err := c.chain.LicenseExpiry(ctx, k.root, k.account)
	if err != nil {
		return answer{}, err
	}
	if !ok {
		// A license record that is not valid is one that ran out: a
		// license transferred away or never held has no record.
		if expiry != 0 {
			return answer{Decision: Decision{false, Expired}}, nil
		}
		return answer{Decision: Decision{false, NoLicense}}, nil
	}
	now, err := c.chain.Now(ctx)
	if err != nil {
		return answer{}, err
	}
	if expiry <= now && expiry != math.MaxUint64 {
		// Expired between the reads: the latest state says no.
		return answer{Decision: Decision{false, Expired}, chainNow: now}, nil
	}
	return answer{Decision: Decision{true, Licensed}, expiry: expiry, chainNow: now}, nil
}

// Forget drops what is known about account and root, and keeps a query
// already in flight for them from being cached.
func (c *Checker) Forget(root [32]byte, account common.Address) {
	k := key{root, account}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cache.forget(k)
	c.detach(func(fk key) bool { return fk == k })
}

// ForgetWork drops what is known about every account of root.
func (c *Checker) ForgetWork(root [32]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cache.forgetWork(root)
	c.detach(func(fk key) bool { return fk.root == root })
}

// Reset drops everything cached, as after a reorganisation.
func (c *Checker) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cache.reset()
	c.detach(func(key) bool { return true })
}

// detach marks the matching flights stale and lets later checks start
// fresh queries instead of joining them. Callers hold mu.
func (c *Checker) detach(match func(key) bool) {
	for k, f := range c.flights {
		if match(k) {
			f.stale = true
			delete(c.flights, k)
		}
	}
}
