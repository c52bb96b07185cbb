package rights

import (
	"log/slog"
	"time"
)

// Defaults of the Checker, in one place.
const (
	// DefaultMaxTTL is the longest a positive answer is served from the
	// cache; events usually invalidate it sooner, and a license's own
	// expiry always bounds it.
	DefaultMaxTTL = 30 * time.Second
	// DefaultNegativeTTL is how long a "no" is kept: short, so that a
	// buyer whose purchase event was missed waits at most this long.
	DefaultNegativeTTL = 2 * time.Second
	// DefaultRetries is how many times a failed query is tried again
	// before the check answers Unavailable.
	DefaultRetries = 2
	// DefaultRetryBackoff is the wait before the first retry; it doubles
	// for each next one.
	DefaultRetryBackoff = 50 * time.Millisecond
	// DefaultCallTimeout bounds one attempt (up to four reads).
	DefaultCallTimeout = 2 * time.Second
	// DefaultMaxEntries bounds the cache: 20-55 MiB when full (about 210
	// bytes an entry when works have many accounts, 560 when each has one).
	DefaultMaxEntries = 100_000
	// DefaultFailureBackoff and DefaultMaxFailureBackoff bound the window
	// during which, after a failed query, misses are refused without
	// asking the chain; it doubles from the first to the second.
	DefaultFailureBackoff    = time.Second
	DefaultMaxFailureBackoff = 10 * time.Second
)

type config struct {
	clock        func() time.Time
	maxTTL       time.Duration
	negTTL       time.Duration
	retries      int
	retryBackoff time.Duration
	callTimeout  time.Duration
	maxEntries   int
	failMin      time.Duration
	failMax      time.Duration
	log          *slog.Logger
}

func newConfig(opts []Option) config {
	c := config{
		clock:        time.Now,
		maxTTL:       DefaultMaxTTL,
		negTTL:       DefaultNegativeTTL,
		retries:      DefaultRetries,
		retryBackoff: DefaultRetryBackoff,
		callTimeout:  DefaultCallTimeout,
		maxEntries:   DefaultMaxEntries,
		failMin:      DefaultFailureBackoff,
		failMax:      DefaultMaxFailureBackoff,
		log:          slog.Default(),
	}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// Option changes one setting of a Checker.
type Option func(*config)

// WithClock sets the local clock the cache and the failure backoff read
// (default time.Now); tests pass a fake one.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.clock = now
		}
	}
}

// WithMaxTTL sets the longest a positive answer is cached (default 30 s).
// Zero or less disables positive caching.
func WithMaxTTL(d time.Duration) Option { return func(c *config) { c.maxTTL = max(0, d) } }

// WithNegativeTTL sets how long a negative answer is cached (default 2 s).
// Zero or less disables negative caching.
func WithNegativeTTL(d time.Duration) Option { return func(c *config) { c.negTTL = max(0, d) } }

// WithRetries sets how many times a failed query is tried again (default
// 2) and the wait before the first retry, doubling after (default 50 ms).
func WithRetries(n int, backoff time.Duration) Option {
	return func(c *config) { c.retries, c.retryBackoff = max(0, n), max(0, backoff) }
}

// WithCallTimeout bounds one attempt at a query, all its reads together
// (default 2 s).
func WithCallTimeout(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.callTimeout = d
		}
	}
}

// WithMaxEntries bounds the cache (default 100,000); the least recently
// used entry makes room. Zero or less disables caching.
func WithMaxEntries(n int) Option { return func(c *config) { c.maxEntries = n } }

// WithFailureBackoff sets the first and the largest window during which,
// after a failed query, misses are refused without asking the chain
// (default 1 s doubling to 10 s).
func WithFailureBackoff(first, largest time.Duration) Option {
	return func(c *config) {
		if first > 0 && largest >= first {
			c.failMin, c.failMax = first, largest
		}
	}
}

// WithLogger sets where failures and recoveries are reported (default
// slog.Default()).
func WithLogger(l *slog.Logger) Option {
	return func(c *config) {
		if l != nil {
			c.log = l
		}
	}
}
