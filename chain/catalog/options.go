package catalog

import (
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
)

// Defaults of the Follower, in one place.
const (
	// DefaultBatchSize is how many blocks one eth_getLogs query covers.
	DefaultBatchSize = 2000
	// DefaultPollInterval is how often the head is polled when the
	// client cannot push new heads (HTTP), and the safety net when it can.
	DefaultPollInterval = 500 * time.Millisecond
	// DefaultMinBackoff and DefaultMaxBackoff bound the wait after an
	// RPC error; it doubles from the first to the second.
	DefaultMinBackoff = 100 * time.Millisecond
	DefaultMaxBackoff = 10 * time.Second
	// DefaultRPCTimeout bounds one call to the chain. A request written
	// into a connection that breaks at that moment may never be answered
	// (go-ethereum's WebSocket client can wait for it for ever): past
	// this, the call fails and is retried like any RPC error.
	DefaultRPCTimeout = 30 * time.Second
)

type config struct {
	start         uint64
	batch         uint64
	confirmations uint64
	poll          time.Duration
	minBackoff    time.Duration
	maxBackoff    time.Duration
	rpcTimeout    time.Duration
	log           *slog.Logger
	onLog         func(types.Log)
	onReorg       func()
	onHead        func(number, time uint64)
}

func newConfig(opts []Option) config {
	c := config{
		batch:      DefaultBatchSize,
		poll:       DefaultPollInterval,
		minBackoff: DefaultMinBackoff,
		maxBackoff: DefaultMaxBackoff,
		rpcTimeout: DefaultRPCTimeout,
		log:        slog.Default(),
	}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// Option changes one setting of a Follower.
type Option func(*config)

// WithStartBlock sets the first block to read when the store is empty
// (the registry's deployment block; default 0).
func WithStartBlock(n uint64) Option { return func(c *config) { c.start = n } }

// WithBatchSize sets how many blocks one log query covers (default 2000).
func WithBatchSize(n uint64) Option {
	return func(c *config) {
		if n > 0 {
			c.batch = n
		}
	}
}

// WithConfirmations makes the follower stay n blocks behind the head
// (default 0: a development chain does not reorganise; reorgs are handled
// either way).
func WithConfirmations(n uint64) Option { return func(c *config) { c.confirmations = n } }

// WithPollInterval sets how often the head is polled (default 500 ms).
func WithPollInterval(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.poll = d
		}
	}
}

// WithBackoff sets the first and the largest wait after an RPC error.
func WithBackoff(first, max time.Duration) Option {
	return func(c *config) {
		if first > 0 && max >= first {
			c.minBackoff, c.maxBackoff = first, max
		}
	}
}

// WithRPCTimeout sets how long one call to the chain may take (default
// 30 s).
func WithRPCTimeout(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.rpcTimeout = d
		}
	}
}

// WithLogger sets where warnings go (default slog.Default()).
func WithLogger(l *slog.Logger) Option {
	return func(c *config) {
		if l != nil {
			c.log = l
		}
	}
}

// WithLogHook calls hook with every registry log the follower applies,
// in chain order, once the range holding it is committed to the store
// (a malformed log the catalogue skips is passed too). It runs on the
// follower's goroutine: it must be quick and must not block. The rights
// checker's Observe fits.
func WithLogHook(hook func(types.Log)) Option { return func(c *config) { c.onLog = hook } }

// WithReorgHook calls hook after the store was rewound to a fork point,
// before the new branch is applied. Like the log hook it runs on the
// follower's goroutine. The rights checker's Reset fits.
func WithReorgHook(hook func()) Option { return func(c *config) { c.onReorg = hook } }

// WithHeadHook calls hook with the number and timestamp of the newest
// block the follower has committed, after the logs of its range went to
// the log hook. A new block with no registry log still moves the chain's
// clock, and licenses expire by that clock: the rights checker's
// ObserveHead fits. Like the other hooks it runs on the follower's
// goroutine and must not block.
func WithHeadHook(hook func(number, time uint64)) Option {
	return func(c *config) { c.onHead = hook }
}
