package chain

import (
	"context"
	"errors"
	"math/big"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

func TestUnlockInBackground(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keystore")
	k, err := OpenKeystore(dir, WithLightScrypt())
	if err != nil {
		t.Fatal(err)
	}
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	addr, err := k.Import(key, "pw")
	if err != nil {
		t.Fatal(err)
	}
	chainID := big.NewInt(31337)
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: chainID, Nonce: 1, Gas: 21000, GasFeeCap: big.NewInt(1), To: &common.Address{1}})
	failed := func(n *atomic.Int32, got *error) func(error) {
		return func(err error) { n.Add(1); *got = err }
	}

	t.Run("right password", func(t *testing.T) {
		var calls atomic.Int32
		var ferr error
		u, err := k.UnlockInBackground(context.Background(), addr, "pw", chainID, failed(&calls, &ferr))
		if err != nil {
			t.Fatal(err)
		}
		// The options sign once the key is there, without a Wait first.
		signed, err := u.Opts().Signer(addr, tx)
		if err != nil {
			t.Fatal(err)
		}
		if from, err := types.Sender(types.LatestSignerForChainID(chainID), signed); err != nil || from != addr {
			t.Fatalf("signed by %s, %v; want %s", from, err, addr)
		}
		if opts, err := u.Wait(); err != nil || opts.From != addr {
			t.Fatalf("Wait: %v, %v", opts, err)
		}
		if _, err := k.SignHash(addr, make([]byte, 32)); err != nil {
			t.Fatalf("SignHash after the unlock: %v", err)
		}
		if calls.Load() != 0 {
			t.Fatalf("fail called %d times after a good unlock (%v)", calls.Load(), ferr)
		}
		k.Lock(addr)
	})

	t.Run("wrong password", func(t *testing.T) {
		var calls atomic.Int32
		var ferr error
		u, err := k.UnlockInBackground(context.Background(), addr, "wrong", chainID, failed(&calls, &ferr))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := u.Opts().Signer(addr, tx); !errors.Is(err, ErrBadPassword) {
			t.Fatalf("Signer: %v, want ErrBadPassword", err)
		}
		if _, err := u.Wait(); !errors.Is(err, ErrBadPassword) {
			t.Fatalf("Wait: %v, want ErrBadPassword", err)
		}
		// fail ran before Wait returned: no race on ferr here.
		if calls.Load() != 1 || !errors.Is(ferr, ErrBadPassword) {
			t.Fatalf("fail called %d times with %v, want once with ErrBadPassword", calls.Load(), ferr)
		}
		if _, err := k.SignHash(addr, make([]byte, 32)); err == nil {
			t.Fatal("SignHash worked after a failed unlock")
		}
	})

	t.Run("unknown account", func(t *testing.T) {
		u, err := k.UnlockInBackground(context.Background(), common.Address{7}, "pw", chainID, nil)
		if !errors.Is(err, ErrNoAccount) || u != nil {
			t.Fatalf("got %v, %v; want ErrNoAccount at once", u, err)
		}
	})

	t.Run("stopped", func(t *testing.T) {
		// A key whose derivation takes long enough (scrypt N=2^16, about
		// 0.1-0.3 s) that it is still running when UnlockInBackground has
		// returned and ctx ends: Wait must report the interruption.
		slow, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		slowAddr := crypto.PubkeyToAddress(slow.PublicKey)
		data, err := keystore.EncryptKey(&keystore.Key{Address: slowAddr, PrivateKey: slow}, "pw", 1<<16, 1)
		if err != nil {
			t.Fatal(err)
		}
		writeKeystoreFile(t, dir, 59, slowAddr, data)
		ctx, cancel := context.WithCancel(context.Background())
		var calls atomic.Int32
		var ferr error
		u, err := k.UnlockInBackground(ctx, slowAddr, "pw", chainID, failed(&calls, &ferr))
		if err != nil {
			t.Fatal(err)
		}
		cancel()
		if _, err := u.Wait(); !errors.Is(err, context.Canceled) {
			t.Fatalf("Wait after ctx ended: %v, want context.Canceled", err)
		}
		if calls.Load() != 1 {
			t.Fatalf("fail called %d times, want once", calls.Load())
		}
	})
}
