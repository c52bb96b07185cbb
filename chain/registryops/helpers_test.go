package registryops_test

import (
	"context"
	"errors"
	"math/big"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"essaim/chain"
	"essaim/chain/catalog"
	"essaim/chain/devnet"
	"essaim/chain/registryops"
	"essaim/chain/simtest"
)

// Both clients a session is used with fit its backend.
var (
	_ registryops.Backend = (*chain.Client)(nil)
	_ registryops.Backend = simulated.Client(nil)
)

// env is the registry on a simulated chain that seals a block per
// transaction.
type env struct {
	t   *testing.T
	r   *simtest.Registry
	ctx context.Context
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return &env{t: t, r: simtest.New(t), ctx: ctx}
}

// headMoves is a chain whose head moves on whenever it is asked for
// (each BlockNumber seals a block), as a public chain's does over time:
// a reveal estimated in the commitment's block then waits for one.
type headMoves struct {
	simulated.Client
	sim *simulated.Backend
}

func (h headMoves) BlockNumber(ctx context.Context) (uint64, error) {
	h.sim.Commit()
	return h.Client.BlockNumber(ctx)
}

// acct is development account i.
func acct(i int) devnet.Account { return devnet.Accounts()[i] }

// session returns a session that signs as development account i.
func (e *env) session(i int) *registryops.Session {
	b := headMoves{Client: e.r.AutoMining(), sim: e.r.Sim}
	return registryops.New(b, e.r.Addr).WithSigner(bind.NewKeyedTransactor(acct(i).Key, e.r.ChainID))
}

// register registers root as development account i's with offers.
func (e *env) register(i int, root [32]byte, r registryops.Registration) *registryops.Registered {
	e.t.Helper()
	res, err := e.session(i).Register(e.ctx, root, r)
	if err != nil {
		e.t.Fatalf("register %x: %v", root[:4], err)
	}
	return res
}

func (e *env) nonce(a common.Address) uint64 {
	e.t.Helper()
	n, err := e.r.Client.NonceAt(e.ctx, a, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func (e *env) balance(a common.Address) *big.Int {
	e.t.Helper()
	b, err := e.r.Client.BalanceAt(e.ctx, a, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

// catalogue returns a catalogue of the registry synced to the head.
func (e *env) catalogue() *catalog.Store {
	e.t.Helper()
	st, err := catalog.Open(filepath.Join(e.t.TempDir(), "catalog.db"))
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { st.Close() })
	if err := catalog.NewFollower(e.r.Client, e.r.Addr, st).Sync(e.ctx); err != nil {
		e.t.Fatal(err)
	}
	return st
}

// gasPaid is what the transaction cost its sender in fees.
func (e *env) gasPaid(tx common.Hash) *big.Int {
	e.t.Helper()
	r, err := e.r.Client.TransactionReceipt(e.ctx, tx)
	if err != nil {
		e.t.Fatal(err)
	}
	return new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice)
}

// wantRevert checks that err is the registry's custom error name.
func wantRevert(t *testing.T, err error, name string) *chain.RevertError {
	t.Helper()
	var rev *chain.RevertError
	if !errors.As(err, &rev) || rev.Name != name {
		t.Fatalf("got %v, want the registry's %s", err, name)
	}
	return rev
}

func offer(price int64, duration uint64, transferable bool) registryops.OfferTerms {
	return registryops.OfferTerms{Price: big.NewInt(price), Duration: duration, Transferable: transferable}
}

// blockOf returns the header of the block that holds transaction tx.
func (e *env) blockOf(tx common.Hash) *types.Header {
	e.t.Helper()
	r, err := e.r.Client.TransactionReceipt(e.ctx, tx)
	if err != nil {
		e.t.Fatal(err)
	}
	h, err := e.r.Client.HeaderByNumber(e.ctx, r.BlockNumber)
	if err != nil {
		e.t.Fatal(err)
	}
	return h
}
