package catalog_test

import (
	"context"
	"io"
	"log/slog"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"essaim/chain/catalog"
	"essaim/chain/devnet"
	"essaim/chain/registry"
)

// simRegistry deploys the registry on a fresh simulated chain.
func simRegistry(t *testing.T) (*testChain, *simulated.Backend) {
	t.Helper()
	sim, client, chainID := newSim(t)
	addr, _, err := bind.DeployContract(bind.NewKeyedTransactor(devnet.Accounts()[9].Key, chainID),
		common.FromHex(registry.EssaimRegistryMetaData.Bin), client, nil)
	if err != nil {
		t.Fatal(err)
	}
	sim.Commit()
	return newTestChain(t, client, addr, chainID, func() { sim.Commit() }), sim
}

// TestLogHook: the hook sees every registry log of an applied range, in
// chain order, only once the range is in the store, and only once.
func TestLogHook(t *testing.T) {
	tc, _ := simRegistry(t)
	acc := devnet.Accounts()
	root := common.Hash{0xa1}
	tc.register(acc[0], root, "Hooked", []string{"x"}, nil, terms(5, true))
	tc.send(acc[2], tc.reg.PackBuy(root, 0, big.NewInt(5)), big.NewInt(5))
	tc.send(acc[2], tc.reg.PackTransferLicense(root, acc[3].Address), nil)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	client := tc.b.(catalog.Backend)
	want, err := client.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: new(big.Int), Addresses: []common.Address{tc.addr}})
	if err != nil || len(want) < 5 { // commit, register, offer, purchase, transfer
		t.Fatalf("registry logs: %d, %v", len(want), err)
	}

	store := openStore(t, tempStorePath(t))
	t.Cleanup(func() { store.Close() })
	var got []types.Log
	hook := func(l types.Log) {
		last, _, ok, err := store.LastBlock()
		if err != nil || !ok || last < l.BlockNumber {
			t.Errorf("log of block %d passed before its range was stored (last %d, %v, %v)", l.BlockNumber, last, ok, err)
		}
		got = append(got, l)
	}
	f := catalog.NewFollower(client, tc.addr, store, catalog.WithLogHook(hook), catalog.WithBatchSize(2))
	if err := f.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	key := func(l types.Log) [2]uint64 { return [2]uint64{l.BlockNumber, uint64(l.Index)} }
	if len(got) != len(want) {
		t.Fatalf("hook saw %d logs, want %d", len(got), len(want))
	}
	for i := range want {
		if key(got[i]) != key(want[i]) || got[i].TxHash != want[i].TxHash || !slices.Equal(got[i].Topics, want[i].Topics) {
			t.Fatalf("log %d: block %d index %d, want block %d index %d", i, got[i].BlockNumber, got[i].Index, want[i].BlockNumber, want[i].Index)
		}
	}
	if err := f.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("a second Sync passed %d logs again", len(got)-len(want))
	}
}

// TestReorgHook: after the store is rewound to the fork point, the hook
// runs once, before the new branch is applied.
func TestReorgHook(t *testing.T) {
	tc, sim := simRegistry(t)
	client := tc.b.(catalog.Backend)
	acc := devnet.Accounts()
	root := common.Hash{0xa1}
	tc.register(acc[0], root, "Fragile", nil, nil, terms(0, false))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	parent, err := client.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	tc.send(acc[2], tc.reg.PackBuy(root, 0, big.NewInt(0)), nil)

	store := openStore(t, tempStorePath(t))
	t.Cleanup(func() { store.Close() })
	reorgs := 0
	hook := func() {
		reorgs++
		last, _, _, err := store.LastBlock()
		if err != nil || last != parent.Number.Uint64() {
			t.Errorf("hook ran with the store at block %d (%v), want the fork point %d", last, err, parent.Number)
		}
		if _, ok, _ := store.License(root, acc[2].Address); ok {
			t.Error("hook ran before the purchase was undone")
		}
	}
	f := catalog.NewFollower(client, tc.addr, store, catalog.WithReorgHook(hook),
		catalog.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err := f.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if reorgs != 0 {
		t.Fatalf("reorg hook ran %d times without a reorganisation", reorgs)
	}
	if err := sim.Fork(parent.Hash()); err != nil {
		t.Fatal(err)
	}
	sim.Commit()
	sim.Commit()
	if err := f.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if reorgs != 1 {
		t.Fatalf("reorg hook ran %d times, want 1", reorgs)
	}
}

// TestHeadHook: every committed range reports its newest block and that
// block's timestamp, including blocks with no registry log, so the chain's
// clock reaches the rights checker even when nothing is bought.
func TestHeadHook(t *testing.T) {
	tc, sim := simRegistry(t)
	client := tc.b.(catalog.Backend)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	store := openStore(t, tempStorePath(t))
	t.Cleanup(func() { store.Close() })
	type head struct{ number, time uint64 }
	var got []head
	f := catalog.NewFollower(client, tc.addr, store, catalog.WithBatchSize(2),
		catalog.WithHeadHook(func(n, ts uint64) { got = append(got, head{n, ts}) }))
	check := func() {
		t.Helper()
		if err := f.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		h, err := client.HeaderByNumber(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[len(got)-1] != (head{h.Number.Uint64(), h.Time}) {
			t.Fatalf("head hook saw %v, want block %d at %d last", got, h.Number, h.Time)
		}
	}
	check()
	// An empty block an hour later: no log, but the clock moved.
	if err := sim.AdjustTime(time.Hour); err != nil {
		t.Fatal(err)
	}
	sim.Commit()
	n := len(got)
	check()
	if len(got) != n+1 {
		t.Fatalf("one new block gave %d head calls", len(got)-n)
	}
	// Nothing new: no call.
	check()
	if len(got) != n+1 {
		t.Fatal("a Sync with no new block called the head hook")
	}
}
