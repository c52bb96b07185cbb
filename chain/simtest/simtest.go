// Package simtest deploys the real registry on go-ethereum's simulated
// chain, for tests of the packages that read it (the rights checker, the
// catalogue, the transfer gate) and send to it (the registry's
// operations). It is imported by tests only; tests that need a real node
// use chain/anviltest.
package simtest

import (
	"context"
	"errors"
	"math/big"
	"reflect"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
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

// revertData is an error carrying revert data, as a JSON-RPC node returns
// it for a reverted call.
type revertData string

func (e revertData) Error() string  { return "execution reverted" }
func (e revertData) ErrorData() any { return string(e) }

// RevertErrors returns every custom error of the registry's ABI, decoded by
// chain.DecodeRevert from revert data with sample arguments (an amount of
// 7 wei, offer 3, version 5, address 0xaa…, root 0xbb…), keyed by name without the
// contract's prefix. A test that words or maps reverts checks each one.
func RevertErrors(t testing.TB) map[string]*chain.RevertError {
	t.Helper()
	out := map[string]*chain.RevertError{}
	for name, e := range registry.NewEssaimRegistry().GetABI().Errors {
		var vals []any
		for _, in := range e.Inputs {
			vals = append(vals, sampleArg(t, in.Type.GetType()))
		}
		data, err := e.Inputs.Pack(vals...)
		if err != nil {
			t.Fatalf("%s: pack %v: %v", name, vals, err)
		}
		raw := hexutil.Encode(append(append([]byte{}, e.ID[:4]...), data...))
		var rev *chain.RevertError
		if !errors.As(chain.DecodeRevert(revertData(raw)), &rev) {
			t.Fatalf("%s: revert data %s not decoded", name, raw)
		}
		out[rev.Name] = rev
	}
	return out
}

// sampleArg is a recognisable value of an ABI argument's Go type.
func sampleArg(t testing.TB, typ reflect.Type) any {
	switch typ {
	case reflect.TypeFor[*big.Int]():
		return big.NewInt(7)
	case reflect.TypeFor[common.Address]():
		return common.Address{0xaa}
	case reflect.TypeFor[[32]byte]():
		return [32]byte{0xbb}
	case reflect.TypeFor[uint32]():
		return uint32(3)
	case reflect.TypeFor[uint64]():
		return uint64(5)
	}
	t.Fatalf("no sample for an argument of type %s", typ)
	return nil
}

// autoMining is the simulated chain's client, sealing a block after each
// transaction it sends.
type autoMining struct {
	simulated.Client
	sim *simulated.Backend
}

func (a autoMining) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if err := a.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	a.sim.Commit()
	return nil
}

// AutoMining returns a client of the chain that seals a block for each
// transaction sent through it, as Anvil and the devnet do, so that code
// which sends and then waits for the receipt runs unchanged. Like
// go-ethereum, it estimates gas in the head block, and no block comes
// unless a transaction or Commit seals one.
func (r *Registry) AutoMining() simulated.Client {
	return autoMining{Client: r.Client, sim: r.Sim}
}
