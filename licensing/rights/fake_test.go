package rights_test

import (
	"context"
	"math"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
)

// fakeChain is an in-memory registry that counts its reads and fails on
// demand.
type fakeChain struct {
	mu       sync.Mutex
	works    map[[32]byte]chain.WorkInfo
	licenses map[[32]byte]map[common.Address]uint64
	now      uint64
	calls    []string         // reads since the last takeCalls, in order
	failAll  error            // every read fails with it
	failOnce map[string]error // the next read of a method fails with it
	gate     chan struct{}    // when set, reads of gateOn wait for it to close (or for their ctx)
	gateOn   string
}

func newFake(now uint64) *fakeChain {
	return &fakeChain{works: map[[32]byte]chain.WorkInfo{}, licenses: map[[32]byte]map[common.Address]uint64{},
		now: now, failOnce: map[string]error{}}
}

func (f *fakeChain) setWork(root [32]byte, creator common.Address, open bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.works[root] = chain.WorkInfo{Creator: creator, Open: open}
}

func (f *fakeChain) setLicense(root [32]byte, account common.Address, expiry uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.licenses[root] == nil {
		f.licenses[root] = map[common.Address]uint64{}
	}
	f.licenses[root][account] = expiry
}

func (f *fakeChain) setNow(now uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = now
}

func (f *fakeChain) setFailAll(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failAll = err
}

func (f *fakeChain) setFailOnce(method string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failOnce[method] = err
}

// setGate makes reads of method wait until g is closed.
func (f *fakeChain) setGate(method string, g chan struct{}) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.gate, f.gateOn = g, method
}

// takeCalls returns the reads made since the last call and forgets them.
func (f *fakeChain) takeCalls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.calls
	f.calls = nil
	return c
}

func (f *fakeChain) read(ctx context.Context, method string) error {
	f.mu.Lock()
	f.calls = append(f.calls, method)
	err := f.failAll
	if e := f.failOnce[method]; e != nil && err == nil {
		err = e
		delete(f.failOnce, method)
	}
	gate := f.gate
	if f.gateOn != method {
		gate = nil
	}
	f.mu.Unlock()
	if err != nil {
		return err
	}
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func (f *fakeChain) Work(ctx context.Context, root [32]byte) (chain.WorkInfo, error) {
	if err := f.read(ctx, "Work"); err != nil {
		return chain.WorkInfo{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.works[root], nil
}

func (f *fakeChain) HasValidLicense(ctx context.Context, root [32]byte, account common.Address) (bool, error) {
	if err := f.read(ctx, "HasValidLicense"); err != nil {
		return false, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	w := f.works[root]
	if w.Creator == (common.Address{}) {
		return false, nil
	}
	return account == w.Creator || w.Open || f.now < f.licenses[root][account], nil
}

func (f *fakeChain) LicenseExpiry(ctx context.Context, root [32]byte, account common.Address) (uint64, error) {
	if err := f.read(ctx, "LicenseExpiry"); err != nil {
		return 0, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.licenses[root][account], nil
}

func (f *fakeChain) Now(ctx context.Context) (uint64, error) {
	if err := f.read(ctx, "Now"); err != nil {
		return 0, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now, nil
}

// fakeClock is a local clock that moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

const perpetual = math.MaxUint64
