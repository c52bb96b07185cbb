package rights_test

import (
	"context"
	"math/big"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"essaim/chain"
	"essaim/chain/devnet"
	"essaim/chain/registry"
	"essaim/licensing/rights"
)

// simRegistry is the real registry on go-ethereum's simulated chain.
type simRegistry struct {
	t       *testing.T
	sim     *simulated.Backend
	client  simulated.Client
	chainID *big.Int
	reg     *registry.EssaimRegistry
	inst    *bind.BoundContract
	addr    common.Address
}

func newSimRegistry(t *testing.T) *simRegistry {
	t.Helper()
	alloc := types.GenesisAlloc{}
	for _, a := range devnet.Accounts() {
		alloc[a.Address] = types.Account{Balance: devnet.DefaultBalance()}
	}
	sim := simulated.NewBackend(alloc)
	t.Cleanup(func() { sim.Close() })
	client := sim.Client()
	id, err := client.ChainID(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	addr, _, err := bind.DeployContract(bind.NewKeyedTransactor(devnet.Accounts()[9].Key, id),
		common.FromHex(registry.EssaimRegistryMetaData.Bin), client, nil)
	if err != nil {
		t.Fatal(err)
	}
	sim.Commit()
	reg := registry.NewEssaimRegistry()
	return &simRegistry{t: t, sim: sim, client: client, chainID: id, reg: reg, inst: reg.Instance(client, addr), addr: addr}
}

// send sends data from acct, seals a block and returns the receipt.
func (s *simRegistry) send(acct devnet.Account, data []byte, value *big.Int) *types.Receipt {
	s.t.Helper()
	opts := bind.NewKeyedTransactor(acct.Key, s.chainID)
	opts.Value = value
	tx, err := bind.Transact(s.inst, opts, data)
	if err != nil {
		s.t.Fatal(chain.DecodeRevert(err))
	}
	s.sim.Commit()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := chain.WaitMined(ctx, s.client, tx.Hash())
	if err != nil {
		s.t.Fatal(err)
	}
	return r
}

// register commits to root and reveals it with one offer of duration.
func (s *simRegistry) register(acct devnet.Account, root [32]byte, open bool, duration uint64) {
	s.t.Helper()
	salt := [32]byte{0x5a}
	cm, err := bind.Call(s.inst, nil, s.reg.PackComputeCommitment(root, acct.Address, salt), s.reg.UnpackComputeCommitment)
	if err != nil {
		s.t.Fatal(err)
	}
	s.send(acct, s.reg.PackCommit(cm), nil)
	s.sim.Commit() // the reveal is estimated at the head: it must be a block after the commit
	offer := registry.IEssaimRegistryOfferTerms{Price: big.NewInt(1000), Duration: duration, Transferable: true}
	s.send(acct, s.reg.PackRegister(root, salt, "title", nil, [32]byte{}, open, nil,
		[]registry.IEssaimRegistryOfferTerms{offer}), nil)
}

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
	s := newSimRegistry(t)
	acc := devnet.Accounts()
	author, buyer, stranger := acc[0], acc[2], acc[5]
	closed, open, unregistered := [32]byte{0xc1}, [32]byte{0x0e}, [32]byte{0xdd}
	const duration = 10 // seconds
	s.register(author, closed, false, duration)
	s.register(author, open, true, 0)

	var rr rights.Chain = chain.NewRightsReader(s.client, s.addr) // the adapter fits the interface
	reads := &countingChain{Chain: rr}
	head, err := s.client.HeaderByNumber(context.Background(), nil)
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

	r := s.send(buyer, s.reg.PackBuy(closed, 0, big.NewInt(1000)), big.NewInt(1000))
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
	if err := s.sim.AdjustTime(time.Duration(expiry-now) * time.Second); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Duration(expiry-uint64(clk.Now().Unix())) * time.Second)
	if d := check(t, c, closed, buyer.Address); d != noLicD || reads.take() != 1 {
		t.Fatalf("at expiry: %+v, want no license from the chain", d)
	}
}

// TestCheckerChainClockJump: a cached license is dropped when an observed
// log shows the chain's clock past its expiry, though the local clock has
// not moved (a dev chain whose time was adjusted).
func TestCheckerChainClockJump(t *testing.T) {
	s := newSimRegistry(t)
	acc := devnet.Accounts()
	author, buyer := acc[0], acc[2]
	root := [32]byte{0xc1}
	s.register(author, root, false, 3600)
	s.send(buyer, s.reg.PackBuy(root, 0, big.NewInt(1000)), big.NewInt(1000))
	reads := &countingChain{Chain: chain.NewRightsReader(s.client, s.addr)}
	clk := &fakeClock{t: time.Now()}
	c := rights.New(reads, rights.WithClock(clk.Now), rights.WithLogger(quiet))
	if d := check(t, c, root, buyer.Address); d != licensedD {
		t.Fatalf("bought: %+v", d)
	}
	if err := s.sim.AdjustTime(2 * time.Hour); err != nil {
		t.Fatal(err)
	}
	r := s.send(author, s.reg.PackGrant(root, acc[7].Address, 0), nil)
	c.Observe(*r.Logs[0])
	reads.take()
	if d := check(t, c, root, buyer.Address); d != noLicD || reads.take() != 1 {
		t.Fatalf("after the clock jump: %+v, want no license from the chain", d)
	}
}
