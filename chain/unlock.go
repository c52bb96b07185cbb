package chain

import (
	"context"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Unlocking is an account's key being decrypted on a goroutine of its own
// (Keystore.UnlockInBackground), so that a command can start its network
// while the key derivation runs: scrypt with go-ethereum's standard
// parameters takes hundreds of milliseconds, longer on a small board, and
// a download needs the key only when it first proves its license to a
// holder. Whoever starts an Unlocking must Wait for it.
type Unlocking struct {
	from common.Address
	done chan struct{}
	opts *bind.TransactOpts // set before done is closed
	err  error
}

// UnlockInBackground checks addr's key file at once, as TransactorContext
// does, then decrypts the key with password on a goroutine of its own; the
// derivation stops soon after ctx ends. fail, when not nil, is called with
// the error if the key cannot be unlocked, on that goroutine, before Wait
// returns.
func (k *Keystore) UnlockInBackground(ctx context.Context, addr common.Address, password string, chainID *big.Int, fail func(error)) (*Unlocking, error) {
	acc, err := k.find(addr)
	if err != nil {
		return nil, err
	}
	u := &Unlocking{from: addr, done: make(chan struct{})}
	go func() {
		defer close(u.done)
		u.opts, u.err = k.unlock(ctx, acc, password, chainID)
		if u.err != nil && fail != nil {
			fail(u.err)
		}
	}()
	return u, nil
}

// Wait waits for the derivation's end and returns what TransactorContext
// would have: options that sign as the account, or why it is not unlocked.
func (u *Unlocking) Wait() (*bind.TransactOpts, error) {
	<-u.done
	return u.opts, u.err
}

// Opts returns transaction options for the account that wait for the
// unlock before they sign, and fail as it failed.
func (u *Unlocking) Opts() *bind.TransactOpts {
	return &bind.TransactOpts{
		From: u.from,
		Signer: func(from common.Address, tx *types.Transaction) (*types.Transaction, error) {
			opts, err := u.Wait()
			if err != nil {
				return nil, err
			}
			return opts.Signer(from, tx)
		},
		Context: context.Background(),
	}
}
