package catalog

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sort"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
)

// ErrReorgTooDeep means the chain no longer contains any of the last
// blocks the catalogue remembers: it must be rebuilt from scratch.
var ErrReorgTooDeep = errors.New("catalogue: reorganisation deeper than the blocks kept")

// errRaced means the chain changed while a range was being read; the
// range is read again.
var errRaced = errors.New("chain changed while reading a range")

// Backend is what the Follower needs from a node: *ethclient.Client,
// *chain.Client and the simulated backend's client all fit.
type Backend interface {
	BlockNumber(ctx context.Context) (uint64, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error)
}

// HeadSubscriber is implemented by backends that can push new heads (a
// WebSocket client). The Follower then reacts at once instead of waiting
// for the next poll.
type HeadSubscriber interface {
	SubscribeNewHead(ctx context.Context, ch chan<- *types.Header) (ethereum.Subscription, error)
}

// Follower keeps a Store up to date with the registry's logs.
type Follower struct {
	// Set by NewFollower, read-only afterwards.
	b        Backend
	registry common.Address
	store    *Store
	cfg      config

	applied atomic.Uint64 // logs that changed the catalogue, since NewFollower
	head    atomic.Uint64 // the chain's head when last asked
	synced  atomic.Uint64 // the last block committed to the store
}

// Lag returns the chain's head when the follower last asked and the last
// block it has committed to the store; their difference is how far the
// catalogue is behind (confirmations included).
func (f *Follower) Lag() (head, synced uint64) { return f.head.Load(), f.synced.Load() }

// NewFollower returns a follower of the registry at addr that writes into
// store. It does nothing until Run or Sync.
func NewFollower(b Backend, addr common.Address, store *Store, opts ...Option) *Follower {
	return &Follower{b: b, registry: addr, store: store, cfg: newConfig(opts)}
}

// Follow runs a follower until ctx is done: NewFollower(...).Run(ctx).
func Follow(ctx context.Context, b Backend, addr common.Address, store *Store, opts ...Option) error {
	return NewFollower(b, addr, store, opts...).Run(ctx)
}

// Applied returns how many logs this follower applied that changed the
// catalogue (logs undone by a reorganisation stay counted).
func (f *Follower) Applied() uint64 { return f.applied.Load() }

// Run catches up with the chain, then follows it until ctx is done, when
// it returns nil. RPC errors are retried with capped exponential backoff,
// resuming from the last block stored; it returns only on a store failure
// or ErrReorgTooDeep.
func (f *Follower) Run(ctx context.Context) error {
	heads := make(chan *types.Header, 16)
	var sub ethereum.Subscription
	defer func() {
		if sub != nil {
			sub.Unsubscribe()
		}
	}()
	noPush := false
	backoff := f.cfg.minBackoff
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		if sub == nil && !noPush {
			sub, noPush = f.subscribe(ctx, heads)
		}
		err := f.Sync(ctx)
		if ctx.Err() != nil {
			return nil
		}
		wait, kick := f.cfg.poll, (<-chan *types.Header)(heads)
		if err != nil {
			if errors.Is(err, errStore) || errors.Is(err, ErrReorgTooDeep) {
				return err
			}
			f.cfg.log.Warn("catalogue: sync failed, retrying", "err", err, "in", backoff)
			wait, kick = backoff, nil
			backoff = min(2*backoff, f.cfg.maxBackoff)
		} else {
			backoff = f.cfg.minBackoff
		}
		var subErr <-chan error
		if sub != nil {
			subErr = sub.Err()
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return nil
		case <-timer.C:
		case <-kick:
			drain(heads)
		case <-subErr:
			sub.Unsubscribe()
			sub = nil
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
	}
}

// subscribe asks for new heads; noPush reports a client that never can.
func (f *Follower) subscribe(ctx context.Context, heads chan *types.Header) (sub ethereum.Subscription, noPush bool) {
	hs, ok := f.b.(HeadSubscriber)
	if !ok {
		return nil, true
	}
	cctx, cancel := f.call(ctx)
	defer cancel()
	sub, err := hs.SubscribeNewHead(cctx, heads)
	if errors.Is(err, rpc.ErrNotificationsUnsupported) {
		return nil, true
	}
	if err != nil {
		return nil, false
	}
	return sub, false
}

// call bounds one call to the chain (WithRPCTimeout).
func (f *Follower) call(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, f.cfg.rpcTimeout)
}

func drain(ch chan *types.Header) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

// Sync brings the store up to the current head (less the confirmations)
// once: what Run does in a loop, for a one-shot command.
func (f *Follower) Sync(ctx context.Context) error {
	cctx, cancel := f.call(ctx)
	head, err := f.b.BlockNumber(cctx)
	cancel()
	if err != nil {
		return fmt.Errorf("block number: %w", err)
	}
	f.head.Store(head)
	if head < f.cfg.confirmations {
		return nil
	}
	target := head - f.cfg.confirmations
	for ctx.Err() == nil {
		last, lastHash, ok, err := f.store.LastBlock()
		if err != nil {
			return fmt.Errorf("%w: %v", errStore, err)
		}
		from := f.cfg.start
		if ok {
			same, err := f.checkReorg(ctx, last, lastHash)
			if err != nil {
				return err
			}
			if !same {
				continue // rewound to the fork point
			}
			from = last + 1
		}
		if from > target {
			return nil
		}
		to := min(from+f.cfg.batch-1, target)
		r, err := f.read(ctx, from, to, target, lastHash, ok)
		if err != nil {
			return err
		}
		n, err := f.store.applyRange(r, f.warn)
		if err != nil {
			return err
		}
		f.applied.Add(uint64(n))
		if f.cfg.onLog != nil {
			for _, l := range r.logs {
				f.cfg.onLog(l)
			}
		}
		f.synced.Store(r.to)
		if f.cfg.onHead != nil {
			f.cfg.onHead(r.to, r.times[r.to])
		}
	}
	return ctx.Err()
}

func (f *Follower) warn(l types.Log, err error) {
	f.cfg.log.Warn("catalogue: skipping registry log", "block", l.BlockNumber, "tx", l.TxHash, "index", l.Index, "err", err)
}

// checkReorg compares the last stored block with the chain. When they
// differ it walks back through the stored hashes to the newest block the
// chain still has, rewinds the store there and reports same = false.
func (f *Follower) checkReorg(ctx context.Context, last uint64, lastHash common.Hash) (same bool, err error) {
	h, err := f.hashAt(ctx, last)
	if err != nil || h == lastHash {
		return err == nil, err
	}
	nums, hashes, err := f.store.recentHashes()
	if err != nil {
		return false, fmt.Errorf("%w: %v", errStore, err)
	}
	for i, n := range nums {
		h, err := f.hashAt(ctx, n)
		if err != nil {
			return false, err
		}
		if h == hashes[i] {
			f.cfg.log.Warn("catalogue: chain reorganised, undoing blocks", "from", n+1, "to", last)
			if err := f.store.rewind(n); err != nil {
				return false, err
			}
			if f.cfg.onReorg != nil {
				f.cfg.onReorg()
			}
			return false, nil
		}
	}
	return false, fmt.Errorf("%w: block %d (%s) is gone", ErrReorgTooDeep, last, lastHash)
}

// hashAt returns the hash of block n, or the zero hash when the chain is
// shorter.
func (f *Follower) hashAt(ctx context.Context, n uint64) (common.Hash, error) {
	ctx, cancel := f.call(ctx)
	defer cancel()
	h, err := f.b.HeaderByNumber(ctx, new(big.Int).SetUint64(n))
	if errors.Is(err, ethereum.NotFound) {
		return common.Hash{}, nil
	}
	if err != nil {
		return common.Hash{}, fmt.Errorf("header %d: %w", n, err)
	}
	return h.Hash(), nil
}

// read fetches the registry's logs of blocks from..to and the headers of
// the blocks among them that are within keepBlocks of target (always to),
// and checks that they form one chain on top of prev (when havePrev).
func (f *Follower) read(ctx context.Context, from, to, target uint64, prev common.Hash, havePrev bool) (blockRange, error) {
	r := blockRange{from: from, to: to, hashes: map[uint64]common.Hash{}, times: map[uint64]uint64{}}
	cctx, cancel := f.call(ctx)
	logs, err := f.b.FilterLogs(cctx, ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(from),
		ToBlock:   new(big.Int).SetUint64(to),
		Addresses: []common.Address{f.registry},
	})
	cancel()
	if err != nil {
		return r, fmt.Errorf("logs %d-%d: %w", from, to, err)
	}
	lo := from
	if target >= keepBlocks && target-keepBlocks+1 > lo {
		lo = target - keepBlocks + 1
	}
	if lo > to {
		lo = to
	}
	var parents = map[uint64]common.Hash{}
	for n := lo; n <= to; n++ {
		if err := f.header(ctx, n, &r, parents); err != nil {
			return r, err
		}
	}
	if err := checkLinks(r, parents, prev, havePrev); err != nil {
		return r, err
	}
	for _, l := range logs {
		if l.Removed || l.Address != f.registry || l.BlockNumber < from || l.BlockNumber > to {
			continue
		}
		if h, ok := r.hashes[l.BlockNumber]; ok && h != l.BlockHash {
			return r, fmt.Errorf("%w: log of block %d has hash %s, header %s", errRaced, l.BlockNumber, l.BlockHash, h)
		}
		if _, ok := r.times[l.BlockNumber]; !ok && l.BlockTimestamp == 0 && len(l.Topics) > 0 && l.Topics[0] == eventIDs["WorkRegistered"] {
			if err := f.header(ctx, l.BlockNumber, &r, nil); err != nil {
				return r, err
			}
			delete(r.hashes, l.BlockNumber) // its hash is only kept for recent blocks
		}
		r.logs = append(r.logs, l)
	}
	sort.SliceStable(r.logs, func(i, j int) bool {
		if r.logs[i].BlockNumber != r.logs[j].BlockNumber {
			return r.logs[i].BlockNumber < r.logs[j].BlockNumber
		}
		return r.logs[i].Index < r.logs[j].Index
	})
	return r, nil
}

func (f *Follower) header(ctx context.Context, n uint64, r *blockRange, parents map[uint64]common.Hash) error {
	cctx, cancel := f.call(ctx)
	h, err := f.b.HeaderByNumber(cctx, new(big.Int).SetUint64(n))
	cancel()
	if err != nil {
		return fmt.Errorf("header %d: %w", n, err)
	}
	r.hashes[n], r.times[n] = h.Hash(), h.Time
	if parents != nil {
		parents[n] = h.ParentHash
	}
	return nil
}

// checkLinks verifies that consecutive fetched headers link up, and that
// the first block of the range sits on the last stored one.
func checkLinks(r blockRange, parents map[uint64]common.Hash, prev common.Hash, havePrev bool) error {
	for n, p := range parents {
		want, ok := r.hashes[n-1]
		if n == r.from && havePrev {
			want, ok = prev, true
		}
		if ok && n > 0 && p != want {
			return fmt.Errorf("%w: block %d's parent is %s, not %s", errRaced, n, p, want)
		}
	}
	return nil
}
