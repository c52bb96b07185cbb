package registryops

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"essaim/chain"
)

// Errors a caller can test for with errors.Is. Reverts of the registry
// are *chain.RevertError (worded by its Explain method).
var (
	// ErrNoContract means there is no code at the registry's address.
	ErrNoContract = errors.New("no registry contract")
	// ErrNoSigner means a transaction was asked of a read-only session.
	ErrNoSigner = errors.New("no account to sign with")
	// ErrInsufficientFunds means the account cannot pay a transaction's
	// value and gas; the error is a *FundsError.
	ErrInsufficientFunds = errors.New("insufficient funds")
	// ErrAlreadyRegistered means the root has a creator already.
	ErrAlreadyRegistered = errors.New("work already registered")
	// ErrBadRegistration means a Registration breaks one of the registry's
	// rules; it is refused before anything is sent.
	ErrBadRegistration = errors.New("invalid registration")
	// ErrNothingToWithdraw means no listed work owes the account anything.
	ErrNothingToWithdraw = errors.New("nothing to withdraw")
	// ErrNoEvent means a mined transaction's receipt lacks the registry
	// event that reports its outcome.
	ErrNoEvent = errors.New("receipt without the expected event")
	// ErrNotListed means the seller has no license to the work listed for
	// sale; nothing is sent.
	ErrNotListed = errors.New("no license listed")
	// ErrBadOffer means offer terms break one of the registry's rules;
	// they are refused before anything is sent.
	ErrBadOffer = errors.New("invalid offer")
)

// FundsError means Account cannot pay Value plus gas. Balance is what it
// holds, nil when that could not be read.
type FundsError struct {
	Account common.Address
	Balance *big.Int
	Value   *big.Int
}

func (e *FundsError) Error() string {
	switch {
	case e.Balance == nil:
		return fmt.Sprintf("%s: %s cannot pay %s plus gas", ErrInsufficientFunds, e.Account.Hex(), chain.FormatWei(e.Value))
	case e.Value == nil || e.Value.Sign() == 0:
		return fmt.Sprintf("%s: %s has %s, not enough for gas", ErrInsufficientFunds, e.Account.Hex(), chain.FormatWei(e.Balance))
	}
	return fmt.Sprintf("%s: %s has %s, needs %s plus gas", ErrInsufficientFunds, e.Account.Hex(),
		chain.FormatWei(e.Balance), chain.FormatWei(e.Value))
}

// Unwrap lets errors.Is(err, ErrInsufficientFunds) match.
func (e *FundsError) Unwrap() error { return ErrInsufficientFunds }
