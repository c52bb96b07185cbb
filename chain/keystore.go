package chain

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"os"
	"sort"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
)

// Keystore errors a caller can test for with errors.Is.
var (
	// ErrNoAccount means the keystore holds no account (or not the one asked for).
	ErrNoAccount = errors.New("no such account in the keystore")
	// ErrBadPassword means the password does not decrypt the account's key.
	ErrBadPassword = errors.New("wrong password for the account")
	// ErrAccountExists means an imported key is already in the keystore.
	ErrAccountExists = errors.New("account already in the keystore")
)

// Keystore holds essaim's Ethereum accounts as go-ethereum encrypted key
// files in one folder (mode 0700, files 0600). Keys are decrypted only to
// sign and never leave this type.
type Keystore struct {
	ks  *keystore.KeyStore
	dir string
}

// KeystoreOption changes how a keystore is opened.
type KeystoreOption func(*keystoreConfig)

type keystoreConfig struct{ scryptN, scryptP int }

// WithLightScrypt encrypts new keys with cheap scrypt parameters, for
// throwaway development accounts and tests; keys are then far easier to
// brute-force.
func WithLightScrypt() KeystoreOption {
	return func(c *keystoreConfig) { c.scryptN, c.scryptP = keystore.LightScryptN, keystore.LightScryptP }
}

// OpenKeystore opens (creating if needed) the keystore in dir.
func OpenKeystore(dir string, opts ...KeystoreOption) (*Keystore, error) {
	cfg := keystoreConfig{scryptN: keystore.StandardScryptN, scryptP: keystore.StandardScryptP}
	for _, o := range opts {
		o(&cfg)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, err
	}
	return &Keystore{ks: keystore.NewKeyStore(dir, cfg.scryptN, cfg.scryptP), dir: dir}, nil
}

// Dir returns the keystore folder.
func (k *Keystore) Dir() string { return k.dir }

// New creates an account with a fresh key encrypted under password.
func (k *Keystore) New(password string) (common.Address, error) {
	a, err := k.ks.NewAccount(password)
	return a.Address, err
}

// Import stores key encrypted under password.
func (k *Keystore) Import(key *ecdsa.PrivateKey, password string) (common.Address, error) {
	a, err := k.ks.ImportECDSA(key, password)
	if errors.Is(err, keystore.ErrAccountAlreadyExists) {
		return a.Address, fmt.Errorf("%w: %s", ErrAccountExists, a.Address)
	}
	return a.Address, err
}

// List returns the addresses in the keystore, in the order of their key
// files (oldest first, as the file names begin with their creation time).
func (k *Keystore) List() []common.Address {
	accs := k.ks.Accounts()
	sort.Slice(accs, func(i, j int) bool { return accs[i].URL.Path < accs[j].URL.Path })
	out := make([]common.Address, len(accs))
	for i, a := range accs {
		out[i] = a.Address
	}
	return out
}

// Pick returns addr if the keystore holds it, or, when addr is the zero
// address, the first account.
func (k *Keystore) Pick(addr common.Address) (common.Address, error) {
	all := k.List()
	if addr == (common.Address{}) {
		if len(all) == 0 {
			return addr, fmt.Errorf("%w: the keystore in %s is empty (create one with `essaim account new`)", ErrNoAccount, k.dir)
		}
		return all[0], nil
	}
	if !k.ks.HasAddress(addr) {
		return addr, fmt.Errorf("%w: %s", ErrNoAccount, addr)
	}
	return addr, nil
}

// Transactor returns transaction options that sign as addr on chainID,
// after checking that password decrypts its key. The key stays unlocked in
// memory until Lock.
func (k *Keystore) Transactor(addr common.Address, password string, chainID *big.Int) (*bind.TransactOpts, error) {
	acc := accounts.Account{Address: addr}
	if err := k.ks.Unlock(acc, password); err != nil {
		if errors.Is(err, keystore.ErrDecrypt) {
			return nil, fmt.Errorf("%w %s", ErrBadPassword, addr)
		}
		return nil, fmt.Errorf("%w: %s", ErrNoAccount, addr)
	}
	return bind.NewKeyStoreTransactor(k.ks, acc, chainID), nil
}

// SignHash signs a 32-byte hash as addr with its unlocked key (after
// Transactor); it is how access proofs are signed.
func (k *Keystore) SignHash(addr common.Address, hash []byte) ([]byte, error) {
	return k.ks.SignHash(accounts.Account{Address: addr}, hash)
}

// Lock drops addr's decrypted key from memory.
func (k *Keystore) Lock(addr common.Address) error { return k.ks.Lock(addr) }
