package chain

import (
	"bytes"
	"encoding/hex"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

func TestKeystore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keystore")
	k, err := OpenKeystore(dir, WithLightScrypt())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.Pick(common.Address{}); !errors.Is(err, ErrNoAccount) {
		t.Fatalf("Pick on an empty keystore: %v, want ErrNoAccount", err)
	}
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	imported, err := k.Import(key, "pw1")
	if err != nil || imported != crypto.PubkeyToAddress(key.PublicKey) {
		t.Fatalf("Import: %s, %v", imported, err)
	}
	if _, err := k.Import(key, "pw1"); !errors.Is(err, ErrAccountExists) {
		t.Fatalf("second Import: %v, want ErrAccountExists", err)
	}
	created, err := k.New("pw2")
	if err != nil {
		t.Fatal(err)
	}
	if got := k.List(); len(got) != 2 || got[0] != imported || got[1] != created {
		t.Fatalf("List = %v, want [%s %s]", got, imported, created)
	}
	if got, err := k.Pick(common.Address{}); err != nil || got != imported {
		t.Fatalf("Pick(zero) = %s, %v; want the first account", got, err)
	}
	if _, err := k.Pick(common.Address{9}); !errors.Is(err, ErrNoAccount) {
		t.Fatalf("Pick(unknown): %v", err)
	}

	// Modes, and no key in clear on disk.
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("keystore folder mode %v, %v; want 0700", fi.Mode().Perm(), err)
	}
	files, _ := os.ReadDir(dir)
	if len(files) != 2 {
		t.Fatalf("%d key files, want 2", len(files))
	}
	secret := []byte(hex.EncodeToString(crypto.FromECDSA(key)))
	for _, f := range files {
		info, _ := f.Info()
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", f.Name(), info.Mode().Perm())
		}
		b, err := os.ReadFile(filepath.Join(dir, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, secret) || bytes.Contains(b, []byte("pw1")) {
			t.Errorf("%s holds the key or the password in clear", f.Name())
		}
	}

	chainID := big.NewInt(31337)
	if _, err := k.Transactor(imported, "wrong", chainID); !errors.Is(err, ErrBadPassword) {
		t.Fatalf("Transactor with a wrong password: %v, want ErrBadPassword", err)
	}
	opts, err := k.Transactor(imported, "pw1", chainID)
	if err != nil {
		t.Fatal(err)
	}
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: chainID, Nonce: 3, Gas: 21000, GasFeeCap: big.NewInt(1), To: &common.Address{1}})
	signed, err := opts.Signer(imported, tx)
	if err != nil {
		t.Fatal(err)
	}
	from, err := types.Sender(types.LatestSignerForChainID(chainID), signed)
	if err != nil || from != imported {
		t.Fatalf("signed by %s, %v; want %s", from, err, imported)
	}
	if _, err := opts.Signer(created, tx); err == nil {
		t.Fatal("the transactor signed for another account")
	}
	if err := k.Lock(imported); err != nil {
		t.Fatal(err)
	}
	if _, err := opts.Signer(imported, tx); err == nil {
		t.Fatal("signed after Lock")
	}
}
