// Package registryops performs the operations of essaim's registry
// contract for every front end — the CLI and the node's API call the same
// code: sending a transaction (estimated first, with a margin, waited for,
// its custom revert decoded), registering a work by commit and reveal,
// buying with a price guard, granting, withdrawing what the works listed
// in the catalogue owe, an account's ether balance, and the one license
// status (creator, open, valid, expired, none).
//
// It sits beside package chain rather than in it: chain is the base that
// the rights checker, the devnet and the tests import (client, keystore,
// revert decoding, the rights reader), while these operations join it
// with the catalogue (chain/catalog) and are needed only by the programs
// that act for a user. Nothing here knows about libp2p or the command line.
package registryops

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"essaim/chain"
	"essaim/chain/registry"
)

// Backend is what a Session needs from a node: *chain.Client and the
// simulated backend's client both fit.
type Backend interface {
	bind.ContractBackend
	chain.ReceiptReader
	BlockNumber(ctx context.Context) (uint64, error)
	BalanceAt(ctx context.Context, account common.Address, block *big.Int) (*big.Int, error)
}

// gasMargin is how much gas a transaction may use beyond its estimate, as
// a fraction of it (1/5: 20%), for state that changes between the estimate
// and the block.
const gasMargin = 5

// Session is a connection to the registry at one address and, when it has
// a signer, an account that sends transactions. It keeps no mutable state:
// it is safe for concurrent use, though transactions of one account sent
// concurrently may race for the same nonce.
type Session struct {
	b        Backend
	contract common.Address
	reg      *registry.EssaimRegistry
	inst     *bind.BoundContract
	rights   *chain.RightsReader
	signer   *bind.TransactOpts // nil: the session only reads
}

// New returns a read-only session with the registry at contract. It does
// not check that the registry is there: see CheckDeployed.
func New(b Backend, contract common.Address) *Session {
	reg := registry.NewEssaimRegistry()
	return &Session{b: b, contract: contract, reg: reg, inst: reg.Instance(b, contract),
		rights: chain.NewRightsReader(b, contract)}
}

// WithSigner returns a session that sends transactions as signer.From
// (a keystore transactor, chain.Keystore.TransactorContext). The signer's
// Context, Value and GasLimit are replaced on each transaction.
func (s *Session) WithSigner(signer *bind.TransactOpts) *Session {
	c := *s
	c.signer = signer
	return &c
}

// From returns the signer's account, or the zero address for a read-only
// session.
func (s *Session) From() common.Address {
	if s.signer == nil {
		return common.Address{}
	}
	return s.signer.From
}

// Contract returns the registry's address.
func (s *Session) Contract() common.Address { return s.contract }

// Registry returns the registry's bindings, to pack calls for Send and Call.
func (s *Session) Registry() *registry.EssaimRegistry { return s.reg }

// CheckDeployed returns an error wrapping ErrNoContract when there is no
// code at the registry's address, and ErrUnreachable when the node
// cannot be asked.
func (s *Session) CheckDeployed(ctx context.Context) error {
	code, err := s.b.CodeAt(ctx, s.contract, nil)
	if err != nil {
		return fmt.Errorf("%w: %v", chain.ErrUnreachable, err)
	}
	if len(code) == 0 {
		return fmt.Errorf("%w at %s", ErrNoContract, s.contract.Hex())
	}
	return nil
}

// Call runs a view function of the registry at the latest block: data is
// packed with the bindings, unpack decodes the answer. A custom revert is
// a *chain.RevertError.
func Call[T any](ctx context.Context, s *Session, data []byte, unpack func([]byte) (T, error)) (T, error) {
	v, err := bind.Call(s.inst, &bind.CallOpts{Context: ctx}, data, unpack)
	if err != nil {
		return v, fmt.Errorf("read the registry: %w", chain.DecodeRevert(err))
	}
	return v, nil
}

// Send calls the registry with data and value (nil: none) from the signer:
// it estimates the gas first (eth_estimateGas), so that a revert is
// reported before anything is spent, sends with a 20% margin, and waits
// for the receipt (chain.WaitMined). A custom revert, at the estimate or
// once mined, is a *chain.RevertError; an account that cannot pay is a
// *FundsError. It returns once the transaction's block is the chain's
// head or older.
func (s *Session) Send(ctx context.Context, data []byte, value *big.Int) (*types.Receipt, error) {
	if s.signer == nil {
		return nil, ErrNoSigner
	}
	if value == nil {
		value = new(big.Int)
	}
	msg := ethereum.CallMsg{From: s.signer.From, To: &s.contract, Data: data, Value: value}
	gas, err := s.b.EstimateGas(ctx, msg)
	if err != nil {
		return nil, txError(ctx, s.b, s.signer.From, err, value)
	}
	opts := *s.signer
	opts.Context, opts.Value, opts.GasLimit = ctx, value, gas+gas/gasMargin
	tx, err := bind.Transact(s.inst, &opts, data)
	if err != nil {
		return nil, txError(ctx, s.b, s.signer.From, err, value)
	}
	r, err := chain.WaitMined(ctx, s.b, tx.Hash())
	if err == nil {
		// A node may serve the receipt a moment before its block is the
		// head (the devnet under load did): wait for it, so that what the
		// caller does next (a reveal after its commitment) sees the change.
		if werr := s.waitBlockAfter(ctx, r.BlockNumber.Uint64()-1); werr != nil {
			return r, werr
		}
	}
	if errors.Is(err, chain.ErrReverted) && r != nil && r.BlockNumber != nil && r.BlockNumber.Sign() > 0 {
		// Replay it on the state before its block to learn why.
		before := new(big.Int).Sub(r.BlockNumber, big.NewInt(1))
		if _, cerr := s.b.CallContract(ctx, msg, before); cerr != nil {
			if d := chain.DecodeRevert(cerr); d != cerr {
				return r, d
			}
		}
	}
	return r, err
}

// txError turns a failed estimate or send into an error a user can act
// on: a *FundsError, a *chain.RevertError, or err as it is.
func txError(ctx context.Context, b Backend, from common.Address, err error, value *big.Int) error {
	if !strings.Contains(err.Error(), "insufficient funds") {
		return chain.DecodeRevert(err)
	}
	fe := &FundsError{Account: from, Value: value}
	if bal, berr := b.BalanceAt(ctx, from, nil); berr == nil {
		fe.Balance = bal
	}
	return fe
}

// Balance returns account's ether balance, in wei, at the latest block.
func (s *Session) Balance(ctx context.Context, account common.Address) (*big.Int, error) {
	bal, err := s.b.BalanceAt(ctx, account, nil)
	if err != nil {
		return nil, fmt.Errorf("balance of %s: %w", account.Hex(), err)
	}
	return bal, nil
}

// Deploy deploys the registry at chain.RegistryAddress from signer, or
// does nothing when it is there already, and returns the address.
func Deploy(ctx context.Context, b Backend, signer *bind.TransactOpts) (common.Address, error) {
	if signer == nil {
		return chain.RegistryAddress(), ErrNoSigner
	}
	opts := *signer
	opts.Context = ctx
	addr, err := chain.DeployRegistry(ctx, b, &opts)
	if err != nil {
		return addr, fmt.Errorf("deploy the registry: %w", txError(ctx, b, signer.From, err, nil))
	}
	return addr, nil
}
