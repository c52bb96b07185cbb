// Package simtest deploys the real registry on go-ethereum's simulated
// chain, for tests of the packages that read it (the rights checker, the
// catalogue, the transfer gate). It is imported by tests only; tests that
// need a real node use chain/anviltest.
package simtest

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"essaim/chain"
	"essaim/chain/devnet"
	"essaim/chain/registry"
)

// Registry is the registry deployed on a fresh simulated chain whose
// development accounts (devnet.Accounts) are funded. Blocks are sealed by
// Commit only; Send commits one per transaction.
type Registry struct {
	T       testing.TB
	Sim     *simulated.Backend
	Client  simulated.Client
	ChainID *big.Int
	Reg     *registry.EssaimRegistry
	Inst    *bind.BoundContract
	Addr    common.Address
}

// New deploys the registry (from development account 9) on a new
// simulated chain, closed when the test ends.
func New(t testing.TB) *Registry {
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
	return &Registry{T: t, Sim: sim, Client: client, ChainID: id, Reg: reg, Inst: reg.Instance(client, addr), Addr: addr}
}

// Send sends data with value from acct, seals a block and returns the
// receipt; a revert fails the test with the decoded error.
func (r *Registry) Send(acct devnet.Account, data []byte, value *big.Int) *types.Receipt {
	r.T.Helper()
	opts := bind.NewKeyedTransactor(acct.Key, r.ChainID)
	opts.Value = value
	tx, err := bind.Transact(r.Inst, opts, data)
	if err != nil {
		r.T.Fatal(chain.DecodeRevert(err))
	}
	r.Sim.Commit()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rc, err := chain.WaitMined(ctx, r.Client, tx.Hash())
	if err != nil {
		r.T.Fatal(err)
	}
	return rc
}

// Register commits to root and reveals it as acct's work with the given
// offers (none for an open work that sells nothing).
func (r *Registry) Register(acct devnet.Account, root [32]byte, open bool, offers ...registry.IEssaimRegistryOfferTerms) {
	r.T.Helper()
	salt := [32]byte{0x5a}
	cm, err := bind.Call(r.Inst, nil, r.Reg.PackComputeCommitment(root, acct.Address, salt), r.Reg.UnpackComputeCommitment)
	if err != nil {
		r.T.Fatal(err)
	}
	r.Send(acct, r.Reg.PackCommit(cm), nil)
	r.Sim.Commit() // the reveal is estimated at the head: it must be a block after the commit
	r.Send(acct, r.Reg.PackRegister(root, salt, "title", nil, [32]byte{}, open, nil, offers), nil)
}

// Offer is an offer at price wei for duration seconds (0: perpetual),
// transferable.
func Offer(price int64, duration uint64) registry.IEssaimRegistryOfferTerms {
	return registry.IEssaimRegistryOfferTerms{Price: big.NewInt(price), Duration: duration, Transferable: true}
}

// Buy buys offer 0 of root for acct at price wei.
func (r *Registry) Buy(acct devnet.Account, root [32]byte, price int64) *types.Receipt {
	r.T.Helper()
	return r.Send(acct, r.Reg.PackBuy(root, 0, big.NewInt(price)), big.NewInt(price))
}

// Head returns the latest block's header.
func (r *Registry) Head() *types.Header {
	r.T.Helper()
	h, err := r.Client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		r.T.Fatal(err)
	}
	return h
}
