package rights_test

import (
	"context"
	"math/big"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
	"essaim/chain/devnet"
	"essaim/chain/simtest"
	"essaim/licensing/rights"
)

// countingChain counts the reads a checker makes.
type countingChain struct {
	rights.Chain
	n atomic.Int64
}

func (c *countingChain) Work(ctx context.Context, root [32]byte) (chain.WorkInfo, error) {
	c.n.Add(1)
	return c.Chain.Work(ctx, root)
}

func (c *countingChain) take() int64 { return c.n.Swap(0) }

// TestCheckerOnSimulatedChain runs the checker against the deployed
// registry: every reason, a purchase seen through its log, and a license
// that expires while cached.
func TestCheckerOnSimulatedChain(t *testing.T) {
	s := simtest.New(t)
	acc := devnet.Accounts()
	author, buyer, stranger := acc[0], acc[2], acc[5]
	closed, open, unregistered := [32]byte{0xc1}, [32]byte{0x0e}, [32]byte{0xdd}
	const duration = 10 // seconds
	s.Register(author, closed, false, simtest.Offer(1000, duration))
	s.Register(author, open, true, simtest.Offer(1000, 0))

	var rr rights.Chain = chain.NewRightsReader(s.Client, s.Addr) // the adapter fits the interface
	reads := &countingChain{Chain: rr}
	head, err := s.Client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	clk := &fakeClock{t: time.Unix(int64(head.Time), 0)} // local time as the chain's
	c := rights.New(reads, rights.WithClock(clk.Now), rights.WithLogger(quiet))

	for _, tt := range []struct {
		root [32]byte
		who  common.Address
		want rights.Decision
	}{
		{closed, author.Address, rights.Decision{Allowed: true, Reason: rights.Creator}},
		{open, stranger.Address, rights.Decision{Allowed: true, Reason: rights.Open}},
		{unregistered, stranger.Address, rights.Decision{Allowed: false, Reason: rights.NotRegistered}},
		{closed, buyer.Address, noLicD},
	} {
		if d := check(t, c, tt.root, tt.who); d != tt.want {
			t.Fatalf("%x for %s: %+v, want %+v", tt.root[:1], tt.who, d, tt.want)
		}
	}

	r := s.Send(buyer, s.Reg.PackBuy(closed, 0, big.NewInt(1000)), big.NewInt(1000))
	reads.take()
	if d := check(t, c, closed, buyer.Address); d != noLicD || reads.take() != 0 {
		t.Fatalf("before the purchase log is observed: %+v, want the cached no", d)
	}
	for _, l := range r.Logs {
		c.Observe(*l)
	}
	if d := check(t, c, closed, buyer.Address); d != licensedD || reads.take() != 1 {
		t.Fatalf("after the purchase log: %+v, want licensed from the chain", d)
	}
	if d := check(t, c, closed, buyer.Address); d != licensedD || reads.take() != 0 {
		t.Fatalf("again: %+v, want licensed from the cache", d)
	}

	// The chain's clock and the local one move past the expiry together:
	// the cached entry is not used, and the chain says no.
	expiry, err := rr.LicenseExpiry(context.Background(), closed, buyer.Address)
	if err != nil || expiry != r.Logs[0].BlockTimestamp+duration {
		t.Fatalf("expiry %d, %v; want the purchase block's time + %d", expiry, err, duration)
	}
	now, _ := rr.Now(context.Background())
	if err := s.Sim.AdjustTime(time.Duration(expiry-now) * time.Second); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Duration(expiry-uint64(clk.Now().Unix())) * time.Second)
	if d := check(t, c, closed, buyer.Address); d != expiredD || reads.take() != 1 {
		t.Fatalf("at expiry: %+v, want license expired from the chain", d)
	}
}

// TestCheckerChainClockJump: a cached license is dropped when an observed
// log shows the chain's clock past its expiry, though the local clock has
// not moved (a dev chain whose time was adjusted).
func TestCheckerChainClockJump(t *testing.T) {
	s := simtest.New(t)
	acc := devnet.Accounts()
	author, buyer := acc[0], acc[2]
	root := [32]byte{0xc1}
	s.Register(author, root, false, simtest.Offer(1000, 3600))
	s.Send(buyer, s.Reg.PackBuy(root, 0, big.NewInt(1000)), big.NewInt(1000))
	reads := &countingChain{Chain: chain.NewRightsReader(s.Client, s.Addr)}
	clk := &fakeClock{t: time.Now()}
	c := rights.New(reads, rights.WithClock(clk.Now), rights.WithLogger(quiet))
	if d := check(t, c, root, buyer.Address); d != licensedD {
		t.Fatalf("bought: %+v", d)
	}
	if err := s.Sim.AdjustTime(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
	r := s.Send(author, s.Reg.PackGrant(root, acc[7].Address, 0), nil)
	c.Observe(*r.Logs[0])
	reads.take()
	if d := check(t, c, root, buyer.Address); d != expiredD || reads.take() != 1 {
		t.Fatalf("after the clock jump: %+v, want license expired from the chain", d)
	}
}

// TestObserveHeadEndsExpiredLicense: the chain's clock passes a cached
// license's expiry in a block with no registry log at all; the head's
// timestamp alone drops the entry, though the local clock has not moved
// and the cache's own bound (an hour here) is far off.
func TestObserveHeadEndsExpiredLicense(t *testing.T) {
	s := simtest.New(t)
	acc := devnet.Accounts()
	author, buyer := acc[0], acc[2]
	root := [32]byte{0xc2}
	s.Register(author, root, false, simtest.Offer(1000, 3600))
	s.Send(buyer, s.Reg.PackBuy(root, 0, big.NewInt(1000)), big.NewInt(1000))
	reads := &countingChain{Chain: chain.NewRightsReader(s.Client, s.Addr)}
	clk := &fakeClock{t: time.Now()}
	c := rights.New(reads, rights.WithClock(clk.Now), rights.WithMaxTTL(time.Hour), rights.WithLogger(quiet))
	if d := check(t, c, root, buyer.Address); d != licensedD {
		t.Fatalf("bought: %+v", d)
	}
	if err := s.Sim.AdjustTime(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
	s.Sim.Commit() // an empty block: no log to observe
	h, err := s.Client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	reads.take()
	if d := check(t, c, root, buyer.Address); d != licensedD || reads.take() != 0 {
		t.Fatalf("before the head is observed: %+v, want the cached license", d)
	}
	c.ObserveHead(h.Number.Uint64(), h.Time)
	if d := check(t, c, root, buyer.Address); d != expiredD || reads.take() != 1 {
		t.Fatalf("after the head: %+v, want license expired from the chain", d)
	}
}
