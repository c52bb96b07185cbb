package chain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
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

// errLocked means a key is asked to sign before it is unlocked, or after Lock.
var errLocked = errors.New("account locked")

// Keystore holds essaim's Ethereum accounts as go-ethereum encrypted key
// files in one folder (mode 0700, files 0600). go-ethereum writes new key
// files; essaim reads them itself, checking each one (ReadKeyFile) before
// any key derivation and deriving keys in a way Ctrl-C stops. Keys are
// decrypted only to sign and never leave this type.
type Keystore struct {
	ks  *keystore.KeyStore // writes new key files
	dir string

	mu       sync.Mutex // guards unlocked
	unlocked map[common.Address]*ecdsa.PrivateKey
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
	return &Keystore{
		ks:       keystore.NewKeyStore(dir, cfg.scryptN, cfg.scryptP),
		dir:      dir,
		unlocked: map[common.Address]*ecdsa.PrivateKey{},
	}, nil
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

// ImportKeyFile decrypts f with filePassword (derivation stops when ctx
// ends) and stores its key re-encrypted under password, with this
// keystore's own scrypt parameters. f itself is not copied. A wrong
// filePassword gives ErrBadPassword.
func (k *Keystore) ImportKeyFile(ctx context.Context, f *KeyFile, filePassword, password string) (common.Address, error) {
	key, err := f.Decrypt(ctx, filePassword)
	if err != nil {
		return common.Address{}, err
	}
	defer wipeKey(key)
	return k.Import(key, password)
}

// Account is one key file of the keystore folder.
type Account struct {
	// Address is the account the file names; zero if it names none.
	Address common.Address
	// File is the key file's path.
	File string
	// Err is nil for a usable key file, or why it is not one (it matches
	// ErrBadKeyFile when the file is malformed).
	Err error

	kf *KeyFile // the checked file, when Err is nil
}

// Accounts reads and checks every key file in the keystore folder, in the
// order of their names (oldest first, as names begin with their creation
// time). A malformed file is returned with its error, not skipped, so that
// it is never taken for a missing account. As for go-ethereum, hidden
// files, editor backups (name~), folders and symlinks are not key files.
func (k *Keystore) Accounts() ([]Account, error) {
	entries, err := os.ReadDir(k.dir)
	if err != nil {
		return nil, err
	}
	var out []Account
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || !e.Type().IsRegular() {
			continue
		}
		out = append(out, readAccount(filepath.Join(k.dir, name)))
	}
	return out, nil
}

// readAccount reads one key file of the keystore; unlike an imported file,
// it must name its account, so that accounts can be listed without
// decrypting them.
func readAccount(path string) Account {
	a := Account{File: path}
	data, err := readKeyFileBytes(path)
	if err != nil {
		a.Err = err
		return a
	}
	kf, kerr := parseKeyFile(data)
	a.Address = kf.Address
	switch {
	case kerr != nil:
		kerr.File = path
		a.Err = kerr
	case kf.Address == (common.Address{}):
		a.Err = &KeyFileError{File: path, Field: "address", Msg: "missing (a key file in the keystore must name its account)"}
	default:
		kf.file = path
		a.kf = kf
	}
	return a
}

// List returns the addresses of the usable key files, in the order of
// Accounts. Malformed files are left out: Accounts reports them.
func (k *Keystore) List() []common.Address {
	accs, _ := k.Accounts()
	var out []common.Address
	for _, a := range accs {
		if a.Err == nil {
			out = append(out, a.Address)
		}
	}
	return out
}

// Pick returns addr if the keystore holds a usable key file for it, or,
// when addr is the zero address, the first usable account. When the file
// of the account asked for is malformed, or no usable file is left, the
// error is the file's (ErrBadKeyFile), never ErrNoAccount.
func (k *Keystore) Pick(addr common.Address) (common.Address, error) {
	a, err := k.find(addr)
	return a.Address, err
}

// find is Pick, returning the account's checked key file.
func (k *Keystore) find(addr common.Address) (Account, error) {
	accs, err := k.Accounts()
	if err != nil {
		return Account{Address: addr}, err
	}
	var bad []Account
	for _, a := range accs {
		switch {
		case a.Err != nil:
			bad = append(bad, a)
		case addr == (common.Address{}) || a.Address == addr:
			return a, nil
		}
	}
	for _, a := range bad {
		if addr != (common.Address{}) && a.Address == addr {
			return a, a.Err
		}
	}
	if addr != (common.Address{}) {
		return Account{Address: addr}, fmt.Errorf("%w: %s%s", ErrNoAccount, addr.Hex(), alsoBad(bad))
	}
	if len(bad) > 0 {
		return Account{}, fmt.Errorf("no usable account in the keystore: %w%s", bad[0].Err, alsoBad(bad[1:]))
	}
	return Account{}, fmt.Errorf("%w: the keystore in %s is empty (create one with `essaim account new`)", ErrNoAccount, k.dir)
}

// alsoBad mentions malformed key files an error does not otherwise name.
func alsoBad(bad []Account) string {
	switch len(bad) {
	case 0:
		return ""
	case 1:
		return " (and 1 malformed key file: see `essaim account list`)"
	}
	return fmt.Sprintf(" (and %d malformed key files: see `essaim account list`)", len(bad))
}

// Transactor is TransactorContext without a way to stop the derivation.
func (k *Keystore) Transactor(addr common.Address, password string, chainID *big.Int) (*bind.TransactOpts, error) {
	return k.TransactorContext(context.Background(), addr, password, chainID)
}

// TransactorContext returns transaction options that sign as addr on
// chainID, after decrypting its key with password. The key file is checked
// before any derivation; derivation stops soon after ctx ends, with an
// error wrapping ctx's. The key stays unlocked in memory until Lock.
func (k *Keystore) TransactorContext(ctx context.Context, addr common.Address, password string, chainID *big.Int) (*bind.TransactOpts, error) {
	acc, err := k.find(addr)
	if err != nil {
		return nil, err
	}
	return k.unlock(ctx, acc, password, chainID)
}

// unlock decrypts acc's key with password and returns options that sign
// with it.
func (k *Keystore) unlock(ctx context.Context, acc Account, password string, chainID *big.Int) (*bind.TransactOpts, error) {
	addr := acc.Address
	key, err := acc.kf.Decrypt(ctx, password)
	switch {
	case errors.Is(err, ErrBadPassword):
		return nil, fmt.Errorf("%w %s", ErrBadPassword, addr.Hex())
	case err != nil:
		return nil, fmt.Errorf("unlock %s: %w", addr.Hex(), err)
	}
	k.mu.Lock()
	wipeKey(k.unlocked[addr])
	k.unlocked[addr] = key
	k.mu.Unlock()
	signer := types.LatestSignerForChainID(chainID)
	return &bind.TransactOpts{
		From: addr,
		Signer: func(from common.Address, tx *types.Transaction) (*types.Transaction, error) {
			if from != addr {
				return nil, bind.ErrNotAuthorized
			}
			sig, err := k.SignHash(addr, signer.Hash(tx).Bytes())
			if err != nil {
				return nil, err
			}
			return tx.WithSignature(signer, sig)
		},
		Context: context.Background(),
	}, nil
}

// SignHash signs a 32-byte hash as addr with its unlocked key (after
// Transactor); it is how access proofs are signed.
func (k *Keystore) SignHash(addr common.Address, hash []byte) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	key := k.unlocked[addr]
	if key == nil {
		return nil, fmt.Errorf("%w: %s", errLocked, addr.Hex())
	}
	return crypto.Sign(hash, key)
}

// Lock drops addr's decrypted key from memory.
func (k *Keystore) Lock(addr common.Address) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	wipeKey(k.unlocked[addr])
	delete(k.unlocked, addr)
	return nil
}
