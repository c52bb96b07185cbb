package catalog_test

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"essaim/chain"
	"essaim/chain/catalog"
	"essaim/chain/devnet"
	"essaim/chain/registry"
)

func newSim(t *testing.T) (*simulated.Backend, simulated.Client, *big.Int) {
	t.Helper()
	alloc := types.GenesisAlloc{}
	for _, a := range devnet.Accounts() {
		alloc[a.Address] = types.Account{Balance: devnet.DefaultBalance()}
	}
	sim := simulated.NewBackend(alloc)
	t.Cleanup(func() { sim.Close() })
	id, err := sim.Client().ChainID(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return sim, sim.Client(), id
}

// TestReorgTooDeep: when none of the remembered blocks is on the chain any
// more, Sync says so instead of guessing.
func TestReorgTooDeep(t *testing.T) {
	sim, client, _ := newSim(t)
	ctx := context.Background()
	parent, err := client.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 70 {
		sim.Commit()
	}
	store := openStore(t, tempStorePath(t))
	t.Cleanup(func() { store.Close() })
	f := catalog.NewFollower(client, common.Address{0x01}, store, catalog.WithBatchSize(16))
	if err := f.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if err := sim.Fork(parent.Hash()); err != nil {
		t.Fatal(err)
	}
	for range 72 {
		sim.Commit()
	}
	if err := f.Sync(ctx); !errors.Is(err, catalog.ErrReorgTooDeep) {
		t.Fatalf("Sync after a 70-block reorg = %v, want ErrReorgTooDeep", err)
	}
	if err := f.Run(ctx); !errors.Is(err, catalog.ErrReorgTooDeep) {
		t.Fatalf("Run after a 70-block reorg = %v, want ErrReorgTooDeep", err)
	}
}

// TestReorgRemovesPurchase: a purchase whose block is reorganised away
// disappears from the catalogue, and what the new branch did appears.
func TestReorgRemovesPurchase(t *testing.T) {
	sim, client, chainID := newSim(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	acc := devnet.Accounts()
	addr, _, err := bind.DeployContract(bind.NewKeyedTransactor(acc[9].Key, chainID),
		common.FromHex(registry.EssaimRegistryMetaData.Bin), client, nil)
	if err != nil {
		t.Fatal(err)
	}
	sim.Commit()
	tc := newTestChain(t, client, addr, chainID, func() { sim.Commit() })

	store := openStore(t, tempStorePath(t))
	t.Cleanup(func() { store.Close() })
	f := catalog.NewFollower(client, addr, store)
	root := common.Hash{0xa1}
	tc.register(acc[0], root, "Fragile", nil, nil, terms(0, false))
	parent, err := client.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	buy := tc.send(acc[2], tc.reg.PackBuy(root, 0, big.NewInt(0)), nil)
	buyTx, _, err := client.TransactionByHash(ctx, buy.TxHash)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := store.License(root, acc[2].Address); !ok {
		t.Fatal("purchase not in the catalogue before the reorg")
	}
	head := parent.Number.Uint64() + 1

	// A longer branch from the parent, in which the buyer spends the
	// purchase's nonce on something else (outbidding the purchase if the
	// pool puts it back) and the creator retires the offer.
	if err := sim.Fork(parent.Hash()); err != nil {
		t.Fatal(err)
	}
	other := bind.NewKeyedTransactor(acc[2].Key, chainID)
	other.Nonce = new(big.Int).SetUint64(buyTx.Nonce())
	other.GasTipCap = new(big.Int).Mul(buyTx.GasTipCap(), big.NewInt(10))
	other.GasFeeCap = new(big.Int).Mul(buyTx.GasFeeCap(), big.NewInt(10))
	replaced, err := bind.Transact(tc.inst, other, tc.reg.PackCommit(common.Hash{0xcc}))
	if err != nil {
		t.Fatal(err)
	}
	retire, err := bind.Transact(tc.inst, bind.NewKeyedTransactor(acc[0].Key, chainID), tc.reg.PackRetireOffer(root, 0))
	if err != nil {
		t.Fatal(err)
	}
	sim.Commit()
	sim.Commit()
	for _, tx := range []*types.Transaction{replaced, retire} {
		if _, err := chain.WaitMined(ctx, client, tx.Hash()); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := client.BlockNumber(ctx); n != head+1 {
		t.Fatalf("head %d after the fork, want %d", n, head+1)
	}
	if err := f.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if l, ok, _ := store.License(root, acc[2].Address); ok {
		t.Fatalf("reorganised purchase still in the catalogue: %+v", l)
	}
	o, _ := store.Offers(root)
	if len(o) != 1 || o[0].Sold != 0 || !o[0].Retired {
		t.Fatalf("offers after the reorg = %+v, want one retired offer with no sale", o)
	}
	if _, ok, _ := store.Work(root); !ok {
		t.Fatal("work registered before the fork point was lost")
	}
	last, hash, _, _ := store.LastBlock()
	if h, _ := client.HeaderByNumber(ctx, new(big.Int).SetUint64(last)); last != head+1 || h.Hash() != hash {
		t.Fatalf("last block %d %s, chain head %d %s", last, hash, head+1, h.Hash())
	}
}
