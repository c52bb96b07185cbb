package registryops

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// Payees lists the works whose sales pay an account, as creator or split
// payee; *catalog.Store implements it (PayeeRoots, kept from the
// registry's WorkRegistered events).
type Payees interface {
	PayeeRoots(account common.Address) ([]common.Hash, error)
}

// Withdrawal is the outcome of Withdraw.
type Withdrawal struct {
	Account  common.Address
	Works    [][32]byte // the works that owed something
	Proceeds *big.Int   // wei of it from resales of the account's licenses
	Amount   *big.Int   // wei in all, as the registry's Withdrawn event reports it
	Tx       common.Hash
}

// WithdrawAll collects, in one transaction, what every work that payees
// lists for the signer owes it, and its resale proceeds. The list should
// be up to date with the chain (a synced catalogue): a work it misses is
// simply not collected.
func (s *Session) WithdrawAll(ctx context.Context, payees Payees) (*Withdrawal, error) {
	if s.signer == nil {
		return nil, ErrNoSigner
	}
	hashes, err := payees.PayeeRoots(s.signer.From)
	if err != nil {
		return nil, fmt.Errorf("the works that pay %s: %w", s.signer.From.Hex(), err)
	}
	roots := make([][32]byte, len(hashes))
	for i, h := range hashes {
		roots[i] = h
	}
	return s.Withdraw(ctx, roots)
}

// Withdraw collects what the works in roots owe the signer, and its resale
// proceeds, in one transaction that pays it to the signer. Works that owe
// nothing are left out of the transaction (each costs gas); when nothing
// is owed at all, the error wraps ErrNothingToWithdraw and nothing is
// sent.
func (s *Session) Withdraw(ctx context.Context, roots [][32]byte) (*Withdrawal, error) {
	if s.signer == nil {
		return nil, ErrNoSigner
	}
	from := s.signer.From
	var owing [][32]byte
	for _, root := range roots {
		owed, err := Call(ctx, s, s.reg.PackOwed(root, from), s.reg.UnpackOwed)
		if err != nil {
			return nil, err
		}
		if owed.Sign() > 0 {
			owing = append(owing, root)
		}
	}
	proceeds, err := s.Proceeds(ctx, from)
	if err != nil {
		return nil, err
	}
	if len(owing) == 0 && proceeds.Sign() == 0 {
		works := fmt.Sprintf("%d works", len(roots))
		if len(roots) == 1 {
			works = "1 work"
		}
		return nil, fmt.Errorf("%w: no sale or resale owes %s anything (from %s)", ErrNothingToWithdraw, from.Hex(), works)
	}
	r, err := s.Send(ctx, s.reg.PackWithdraw(owing, from), nil)
	if err != nil {
		return nil, err
	}
	w := &Withdrawal{Account: from, Works: owing, Proceeds: new(big.Int), Tx: r.TxHash}
	for _, l := range s.logs(r) {
		if e, err := s.reg.UnpackProceedsClaimedEvent(l); err == nil && e.Account == from {
			w.Proceeds = e.Amount
		}
		if e, err := s.reg.UnpackWithdrawnEvent(l); err == nil && e.Account == from {
			w.Amount = e.Amount
		}
	}
	if w.Amount == nil {
		return nil, fmt.Errorf("%w: Withdrawn in %s", ErrNoEvent, r.TxHash.Hex())
	}
	return w, nil
}
